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
once, and `pending` tells it a newer one is coming); its `writes` part says, per topic (the documents and what is
entered about them, the tasks' progress, the upload queue), the newest write of that topic: a result names the
topics it reads (the documents list, the years and the provinces read the documents; a scorecard the documents
and the tasks' progress), a page's bytes all of them."""

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


# What a write changes, by the rows it adds: the documents and all that is read from them or entered about them
# (targets and their edits, labels and agencies named, months closed, accounts, and every audited edit but a
# task's), the tasks' progress (its updates, and their audit rows), the upload queue. A kept result names the
# topics it reads (`Reads`): a task update does not recompute the documents list, and an upload recomputes what
# shows documents once its job has stored one, not when it is queued.
DOCUMENTS, TASKS, UPLOADS = "documents", "tasks", "uploads"
Reads = frozenset[str]
EVERY_TOPIC: Reads = frozenset((DOCUMENTS, TASKS, UPLOADS))
OF_DOCUMENTS: Reads = frozenset((DOCUMENTS,))  # a list of documents, the years, the provinces, targets
OF_TASKS: Reads = frozenset((DOCUMENTS, TASKS))  # what a task's status shows: a scorecard, an overdue count
TASK_ACTIONS = "task.%"  # the audit rows of a task's progress (edits/tasks.py)
NEWEST = {
    DOCUMENTS: (
        models.Document,
        models.Target,
        models.TargetEdit,
        models.IndicatorAlias,
        models.AgencyAlias,
        models.PeriodLock,
    ),
    TASKS: (models.TaskUpdate,),
    UPLOADS: (models.IngestJob,),
}
COUNTED = {DOCUMENTS: (models.User, models.PeriodLock)}  # a month reopened or an account added leaves no newer row
TOPICS = tuple(NEWEST)


def _newest_audit(of_tasks: bool) -> Any:
    """The newest audit row of a task's progress, or of any other edit: read from the end of the table's key."""
    a = models.AuditEntry
    which = a.action.like(TASK_ACTIONS) if of_tasks else a.action.not_like(TASK_ACTIONS)
    return select(a.id).where(which).order_by(a.id.desc()).limit(1).scalar_subquery()


def _topic_columns(topic: str) -> list[Any]:
    newest = [select(func.max(m.id)).scalar_subquery() for m in NEWEST[topic]]  # each read from the end of its index
    counted = [select(func.count()).select_from(m).scalar_subquery() for m in COUNTED.get(topic, ())]
    audited = [_newest_audit(topic == TASKS)] if topic in (DOCUMENTS, TASKS) else []
    return [*newest, *counted, *audited]


@dataclass(frozen=True)
class Version:
    """The state of the store a result is computed at (see the module's text): per topic, its newest rows."""

    writes: tuple[tuple[str, tuple[object, ...]], ...]
    figures: tuple[object, ...]
    pending: bool

    def of(self, figures_only: bool, reads: Reads = EVERY_TOPIC) -> tuple[object, ...]:
        """What a kept result depends on: its view's checked figures, or the writes of the topics it reads; and
        the day."""
        return (*(self.figures if figures_only else self.topics(reads)), date.today())

    def topics(self, reads: Reads) -> tuple[object, ...]:
        return tuple(state for topic, state in self.writes if topic in reads)

    def of_page(self, reads: Reads, figures: bool) -> tuple[object, ...]:
        """What a page's bytes depend on: the writes of the topics it `reads`, the checked figures and whether a
        check is coming when it shows `figures` (a status, findings), the day."""
        return (*self.topics(reads), *((*self.figures, self.pending) if figures else ()), date.today())

    def whole(self) -> tuple[object, ...]:
        """Everything a page may show: every write, the checked figures, whether a check is coming, the day."""
        return self.of_page(EVERY_TOPIC, True)


def version(session: Session, scope: Scope = WHOLE) -> Version:
    """One SELECT, no side effect: per topic the newest row of its tables and its counts, when the groups of
    `scope` were last checked and how many there are, and whether marks wait for a check."""
    c = models.CheckedScope
    groups = scope.groups()
    checked = select(func.max(c.at), func.count()).where(*([c.scope.in_(groups)] if groups is not None else []))
    columns = {topic: _topic_columns(topic) for topic in TOPICS}
    at, count = checked.subquery().c
    row = session.execute(select(*chain.from_iterable(columns.values()), at, count, pending_condition())).one()
    writes, start = [], 0
    for topic, each in columns.items():
        writes.append((topic, tuple(row[start : start + len(each)])))
        start += len(each)
    return Version(tuple(writes), (row[-3], row[-2]), bool(row[-1]))


def pending_condition() -> Any:
    """Marks wait for a check, or nothing was ever checked."""
    return exists().where(models.StaleScope.id.is_not(None)) | ~exists().where(models.CheckedScope.scope.is_not(None))


def pending(session: Session) -> bool:
    """Whether a check of the latest writes is still to come (the findings read are the last check's)."""
    return bool(session.scalar(select(pending_condition())))
