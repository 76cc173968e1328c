"""When a result must be computed again, in one place.

Writers mark: every flush of a session of `store.db.session_factory` that adds, changes or removes a document or a
target marks the check groups (provinces) it touches in the same transaction (`mark_touched`), so a committed
change is never left unmarked; bulk statements that bypass the flush (deleting a document, giving a label its
code, an earlier version replaced) mark with `mark_stale` themselves.

Only writers refresh: an ingest run at its end, the server's worker when its queue is empty and marks wait, a
command that changed the store, `planwatch check`, a server as it starts (monitor/stored.py computes them).

Readers never write: `version(session, scope)` is one SELECT that says which state of the store a result was
computed at. Its `figures` part changes when the figures of a view's groups were checked again (a status, a
series, key figures are kept until then: after someone else's upload a reader gets the last checked answer at
once, and `pending` tells it a newer one is coming); its `writes` part changes with any write (the provinces,
the years, a scorecard, a page's bytes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import Any

from sqlalchemy import exists, func, inspect, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.scope import UNNAMED, WHOLE, Scope


def scope_of(province: str | None) -> str:
    return province or UNNAMED


def mark_stale(session: Session, scopes: Iterable[str]) -> None:
    session.add_all(models.StaleScope(scope=scope, at=datetime.now()) for scope in set(scopes))


def _provinces(document: models.Document) -> set[str | None]:
    """The province a document names now and, when an edit changed it, the one it named before."""
    history = inspect(document).attrs.province.history
    return {document.province, *history.deleted}


def _target_scope(session: Session, target: models.Target) -> str:
    """A document's target belongs to its document's province; a hand-entered one names none, so the checks
    compare it with the figures of the documents that name none (checks.scope_condition) and it marks their
    scope only (in a store of one province any mark rechecks the whole store)."""
    with session.no_autoflush:
        document = None if target.document_id is None else session.get(models.Document, target.document_id)
    return scope_of(document.province if document is not None else None)


def mark_touched(session: Session, _context: object, _instances: object) -> None:
    scopes: set[str] = set()
    for row in chain(session.new, session.deleted, (r for r in session.dirty if session.is_modified(r))):
        if isinstance(row, models.Document):
            scopes |= {scope_of(p) for p in _provinces(row)}
        elif isinstance(row, models.Target):
            scopes.add(_target_scope(session, row))
    if scopes:
        mark_stale(session, scopes)


# Tables whose newest row says a write happened (an edit of a document's details or a correction writes an audit
# row; a month closed or an upload queued their own), and tables whose count does (an account added).
TRACKED = (
    models.Document,
    models.Target,
    models.TargetEdit,
    models.IndicatorAlias,
    models.TaskUpdate,
    models.AgencyAlias,
    models.AuditEntry,
    models.PeriodLock,
    models.IngestJob,
)
COUNTED = (models.User, models.PeriodLock)


@dataclass(frozen=True)
class Version:
    """The state of the store a result is computed at (see the module's text)."""

    writes: tuple[object, ...]
    figures: tuple[object, ...]
    pending: bool

    def of(self, figures_only: bool) -> tuple[object, ...]:
        """What a kept result depends on: its view's checked figures, or every write; and the day."""
        return (*(self.figures if figures_only else self.writes), date.today())

    def whole(self) -> tuple[object, ...]:
        """Everything a page may show: every write, the checked figures, whether a check is coming, the day."""
        return (*self.writes, *self.figures, self.pending, date.today())


def version(session: Session, scope: Scope = WHOLE) -> Version:
    """One SELECT, no side effect: the newest row of every tracked table, the counted ones, when the groups of
    `scope` were last checked and how many there are, and whether marks wait for a check."""
    c = models.CheckedScope
    groups = scope.groups()
    checked = select(func.max(c.at), func.count()).where(*([c.scope.in_(groups)] if groups is not None else []))
    newest = [select(func.max(m.id)).scalar_subquery() for m in TRACKED]  # each read from the end of its index
    counted = [select(func.count()).select_from(m).scalar_subquery() for m in COUNTED]
    at, count = checked.subquery().c
    row = session.execute(select(*newest, *counted, at, count, pending_condition())).one()
    return Version(tuple(row[:-3]), (row[-3], row[-2]), bool(row[-1]))


def pending_condition() -> Any:
    """Marks wait for a check, or nothing was ever checked."""
    return exists().where(models.StaleScope.id.is_not(None)) | ~exists().where(models.CheckedScope.scope.is_not(None))


def pending(session: Session) -> bool:
    """Whether a check of the latest writes is still to come (the findings read are the last check's)."""
    return bool(session.scalar(select(pending_condition())))
