"""Results kept in the store per check group (a province): the consistency findings and how many facts and targets
carry each label no indicator names yet, so that a page or an API call reads them instead of computing them over
the whole store. A write marks the groups it touched (store/freshness.py); `refresh` recomputes those groups
only, run by writers: an ingest run at its end, the server's worker once its queue is empty, a command that
changed the store. Readers only read: the last check's results, with `store.freshness.pending` saying when newer
ones are on their way."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import datetime
from functools import partial
from itertools import islice
from threading import Lock

from sqlalchemy import ColumnElement, delete, func, insert, select, text
from sqlalchemy.orm import Mapped, Session, sessionmaker

from planwatch.monitor.checks import SEVERITY_ORDER, Finding, Source, group_findings, scope_condition, scopes
from planwatch.store import models
from planwatch.store.freshness import pending
from planwatch.store.scope import EVERY, WHOLE, Scope, successor_groups

_REFRESH_LOCK = 0x46494E44  # "FIND": one refresher at a time on PostgreSQL


ScopeResult = tuple[Iterable[Finding], dict[str, int]]  # a scope's findings and its counts of unmapped labels
CheckScopes = Callable[[list[str], bool], Iterable[ScopeResult]]  # scopes (whole store or not) -> their results


def check_scope(session: Session, scope: str, whole: bool) -> ScopeResult:
    """A scope's findings as the checks find them (a year of figures at a time), and its unmapped labels."""
    where = scope_condition(scope, whole)
    return group_findings(session, scope, where), unclassified_counts(session, where)


def refresh(session: Session, check_scopes: CheckScopes | None = None) -> list[str]:
    """Recompute the findings of every stale scope in the caller's transaction (by `check_scopes` when given:
    the scopes checked in other processes); returns the scopes recomputed."""
    if session.get_bind().dialect.name == "postgresql":  # one refresher at a time: the others wait for it
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REFRESH_LOCK})
    marks = session.execute(select(models.StaleScope.id, models.StaleScope.scope)).all()
    stored = {c.scope: c.whole for c in session.scalars(select(models.CheckedScope))}
    wanted = scopes(session)
    whole = list(wanted.values()) == [[]]
    marked = {scope for _, scope in marks}
    marked |= successor_groups(marked, wanted.keys())  # a merged province checks its predecessors' figures too
    if EVERY in marked or whole or any(stored.get(scope, whole) != whole for scope in wanted):
        todo = set(wanted) if marks or stored.keys() != wanted.keys() else set()
    else:
        todo = (marked & wanted.keys()) | (wanted.keys() - stored.keys())
    for scope in todo | (stored.keys() - wanted.keys()):
        for model in (models.StoredFinding, models.UnclassifiedLabel, models.CheckedScope):
            session.execute(delete(model).where(model.scope == scope))
    order = sorted(todo)
    results = (check_scopes or partial(_check_here, session))(order, whole)
    for scope, (found, counts) in zip(order, results, strict=True):
        stored_count = _store_findings(session, scope, found)
        if counts:
            labels = [{"scope": scope, "label": label, "count": n} for label, n in counts.items()]
            session.execute(insert(models.UnclassifiedLabel), labels)
        session.add(models.CheckedScope(scope=scope, whole=whole, at=datetime.now(), findings=stored_count))
    if marks:
        session.execute(delete(models.StaleScope).where(models.StaleScope.id <= max(i for i, _ in marks)))
    return sorted(todo)


INSERT_AT_ONCE = 2000


def _store_findings(session: Session, scope: str, found: Iterable[Finding]) -> int:
    """Rows inserted in bulk, not as objects of the session, a chunk at a time as the checks find them (a
    province's findings are many thousands); how many."""
    count = 0
    findings = iter(found)
    while chunk := list(islice(findings, INSERT_AT_ONCE)):
        session.execute(insert(models.StoredFinding), [_row(scope, finding) for finding in chunk])
        count += len(chunk)
    return count


def _check_here(session: Session, scopes: list[str], whole: bool) -> Iterator[ScopeResult]:
    return (check_scope(session, scope, whole) for scope in scopes)


def refresh_store(sessions: sessionmaker[Session], check_scopes: CheckScopes | None = None) -> list[str]:
    """`refresh` in a transaction of its own, by a writer (an ingest run, a command that changed the store, the
    server's worker once its queue is empty); readers meanwhile read the findings of the last refresh."""
    with _REFRESHING, sessions.begin() as session:
        return refresh(session, check_scopes)


_REFRESHING = Lock()  # held by the thread of this process that is refreshing


def refresh_if_free(sessions: sessionmaker[Session]) -> bool:
    """The worker's refresh between jobs of what edits left marked, unless this process or another is refreshing
    already (that refresh, or the next poll, takes the marks); whether it refreshed."""
    with sessions() as session:
        if not pending(session):
            return False
    if not _REFRESHING.acquire(blocking=False):
        return False
    try:
        with sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                free = session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _REFRESH_LOCK})
                if not free:
                    return False
            refresh(session)
            return True
    finally:
        _REFRESHING.release()


def _view(view: Scope, scope: Mapped[str] = models.StoredFinding.scope) -> list[ColumnElement[bool]]:
    groups = view.groups()
    return [] if groups is None else [scope.in_(groups)]


def count_findings(session: Session, view: Scope = WHOLE) -> int:
    """How many findings the last check of the view's groups stored."""
    c = models.CheckedScope
    return session.scalar(select(func.sum(c.findings)).where(*_view(view, c.scope))) or 0


def stored_findings(session: Session, view: Scope = WHOLE, offset: int = 0, limit: int | None = None) -> list[Finding]:
    """The findings of the whole store or of one province's view, most severe first, a page at a time. A view's
    scopes are read each in the order of its index, up to the page's end, and merged: the store never sorts a
    province's findings whole."""
    f = models.StoredFinding
    order = (f.severity_rank, f.indicator, f.period, f.id)
    end = None if limit is None else offset + limit
    groups = view.groups()
    if groups is None:
        return [_finding(row) for row in session.scalars(select(f).order_by(*order).offset(offset).limit(limit))]
    each = [session.scalars(select(f).where(f.scope == s).order_by(*order).limit(end)).all() for s in groups]
    merged = heapq.merge(*each, key=lambda row: (row.severity_rank, row.indicator, row.period, row.id))
    return [_finding(row) for row in islice(merged, offset, end)]


def unclassified_labels(session: Session) -> list[tuple[str, int]]:
    """Labels of current facts and targets with no code, most frequent first (as of the last check)."""
    u = models.UnclassifiedLabel
    total = func.sum(u.count)
    query = select(u.label, total).group_by(u.label).order_by(total.desc(), u.label)
    return [(label, int(count)) for label, count in session.execute(query)]


def _row(scope: str, finding: Finding) -> dict[str, object]:
    return {
        "scope": scope,
        "kind": finding.kind,
        "severity": finding.severity,
        "severity_rank": SEVERITY_ORDER[finding.severity],
        "indicator": finding.indicator,
        "period": finding.period,
        "message": finding.message,
        "message_en": finding.message_en,
        "sources": [asdict(source) for source in finding.sources],
    }


def _finding(row: models.StoredFinding) -> Finding:
    sources = tuple(Source(**source) for source in row.sources)  # type: ignore[arg-type]
    return Finding(row.kind, row.severity, row.indicator, row.period, row.message, sources, row.message_en)


def unclassified_counts(session: Session, where: list[ColumnElement[bool]]) -> dict[str, int]:
    """How many current facts and active targets (of the documents `where` keeps) carry each label with no code
    (counted by the database)."""
    f, t, d = models.Fact, models.Target, models.Document
    facts = (
        select(f.indicator, func.count())
        .join(d)
        .where(d.is_current.is_(True), f.indicator_code.is_(None), *where)
        .group_by(f.indicator)
    )
    targets = (
        select(t.indicator, func.count())
        .outerjoin(d)
        .where(t.active.is_(True), t.indicator_code.is_(None), *where)
        .where(d.is_current.is_(True) | t.document_id.is_(None))
        .group_by(t.indicator)
    )
    counts: dict[str, int] = {}
    for label, count in [*session.execute(facts), *session.execute(targets)]:
        counts[label] = counts.get(label, 0) + count
    return counts
