"""Results kept in the store per scope (a province): the consistency findings and how many facts and targets
carry each label no indicator names yet, so that a page or an API call reads them instead of computing them over
the whole store. A write marks the scopes it touched (store/stale.py); `refresh` recomputes those scopes
only, after an ingest, a background job, or on the next read. A reader refreshes first when a mark is pending;
when another thread or process is refreshing already, it waits a moment for it, then reads the last refresh's
findings and `refresh_pending` says newer ones are on their way."""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import date, datetime
from functools import partial
from itertools import islice
from threading import Lock

from sqlalchemy import ColumnElement, delete, exists, func, insert, select, text
from sqlalchemy.orm import Mapped, Session, sessionmaker

from planwatch.monitor.checks import SEVERITY_ORDER, Finding, Source, scope_condition, scope_findings, scopes
from planwatch.store import models
from planwatch.store.scope import EVERY, WHOLE, Scope

_REFRESH_LOCK = 0x46494E44  # "FIND": one refresher at a time on PostgreSQL


ScopeResult = tuple[Iterable[Finding], dict[str, int]]  # a scope's findings and its counts of unmapped labels
CheckScopes = Callable[[list[str], bool], Iterable[ScopeResult]]  # scopes (whole store or not) -> their results


def check_scope(session: Session, scope: str, whole: bool) -> ScopeResult:
    """A scope's findings as the checks find them (a year of figures at a time), and its unmapped labels."""
    where = scope_condition(scope, whole)
    return scope_findings(session, where), unclassified_counts(session, where)


def refresh(session: Session, check_scopes: CheckScopes | None = None) -> list[str]:
    """Recompute the findings of every stale scope in the caller's transaction (by `check_scopes` when given:
    the scopes checked in other processes); returns the scopes recomputed."""
    if session.get_bind().dialect.name == "postgresql":
        _refresh_lock(session, None)
    marks = session.execute(select(models.StaleScope.id, models.StaleScope.scope)).all()
    stored = {c.scope: c.whole for c in session.scalars(select(models.CheckedScope))}
    wanted = scopes(session)
    whole = list(wanted.values()) == [[]]
    marked = {scope for _, scope in marks}
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
    """`refresh` in a transaction of its own (after an ingest run or a background job); readers of this process
    meanwhile read the findings of the last refresh instead of waiting for this one."""
    with _REFRESHING, sessions.begin() as session:
        return refresh(session, check_scopes)


_REFRESHING = Lock()  # held by the thread of this process that is refreshing


def refresh_pending(session: Session) -> bool:
    """Whether some writes are not checked yet: marks wait, or nothing was ever checked. After a reader's own
    attempt to refresh, it means another thread or process is still at it (a page says so)."""
    pending = exists().where(models.StaleScope.id.is_not(None))
    checked = exists().where(models.CheckedScope.scope.is_not(None))
    return bool(session.scalar(select(pending | ~checked)))


READER_WAIT = 2.0  # seconds a reader waits for another's refresh before it reads the last check's findings


def _fresh(session: Session) -> None:
    """A reader refreshes the marks still pending itself. When another thread or process is refreshing them, it
    waits up to READER_WAIT seconds for that refresh (a small store's takes less), then reads the last check's
    findings rather than wait longer (at 100.000 documents a province takes many seconds); it waits as long as
    it takes when the store was never checked (there is nothing to read)."""
    if not refresh_pending(session):
        return
    nothing_yet = not session.scalar(select(exists().where(models.CheckedScope.scope.is_not(None))))
    wait = None if nothing_yet else READER_WAIT
    if not _REFRESHING.acquire(timeout=-1 if wait is None else wait):
        return
    try:
        session.commit()  # a new snapshot: a refresh may have ended meanwhile (commit keeps what was loaded)
        if session.get_bind().dialect.name == "postgresql" and not _refresh_lock(session, wait):
            session.commit()
            return
        if refresh_pending(session):
            refresh(session)
        session.commit()
    finally:
        _REFRESHING.release()


def _refresh_lock(session: Session, wait: float | None) -> bool:
    """PostgreSQL's refresh lock for this transaction, within `wait` seconds (None: however long it takes)."""
    if wait is None:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REFRESH_LOCK})
        return True
    deadline = time.monotonic() + wait
    while not session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _REFRESH_LOCK}):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def refresh_if_free(sessions: sessionmaker[Session]) -> None:
    """What a reader does before it reads, in a session of its own: the server's worker does it when idle, so
    that the marks of an edit made on a page are refreshed before most readers come."""
    with sessions() as session:
        _fresh(session)


def _view(view: Scope, scope: Mapped[str] = models.StoredFinding.scope) -> list[ColumnElement[bool]]:
    groups = view.groups()
    return [] if groups is None else [scope.in_(groups)]


def checked_version(session: Session, view: Scope = WHOLE) -> tuple[object, ...]:
    """When the figures of a province's view (or of the whole store) were last checked, with the day: it changes
    when, and only when, a write touched the view, so a result computed from the view's figures (the status of a
    year) is kept until then."""
    _fresh(session)
    c = models.CheckedScope
    at, count = session.execute(select(func.max(c.at), func.count()).where(*_view(view, c.scope))).one()
    return at, count, date.today()


def count_findings(session: Session, view: Scope = WHOLE) -> int:
    _fresh(session)
    c = models.CheckedScope
    return session.scalar(select(func.sum(c.findings)).where(*_view(view, c.scope))) or 0


def stored_findings(session: Session, view: Scope = WHOLE, offset: int = 0, limit: int | None = None) -> list[Finding]:
    """The findings of the whole store or of one province's view, most severe first, a page at a time. A view's
    scopes are read each in the order of its index, up to the page's end, and merged: the store never sorts a
    province's findings whole."""
    _fresh(session)
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
    """Labels of current facts and targets with no code, most frequent first."""
    _fresh(session)
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
