"""Results that only change when the store does, kept per store fingerprint: the newest document, target, edit,
alias, task update and audit row. Every ingest or edit adds one of those rows (deleting or correcting a document
writes its audit row), so a page never shows a stale result; the day is part of the key for date-dependent
results. Results computed from a province's figures are kept until its scopes are checked again instead."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from functools import partial
from threading import Lock
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.monitor.progress import TargetStatus, year_status
from planwatch.monitor.stored import checked_version
from planwatch.store import models
from planwatch.store.scope import WHOLE, Scope

T = TypeVar("T")
TRACKED = (
    models.Document,
    models.Target,
    models.TargetEdit,
    models.IndicatorAlias,
    models.TaskUpdate,
    models.AgencyAlias,
    models.AuditEntry,  # corrections of a document's period or date change no count but write an audit row
)


def status_of_year(
    cache: StoreCache,
    session: Session,
    year: int,
    scope: Scope = WHOLE,
    checked: tuple[object, ...] | None = None,
) -> list[TargetStatus]:
    """The status of the year's targets, kept until a write touches the figures of the view (`checked` when the
    caller has read it already)."""
    compute = partial(year_status, session, year, scope=scope)
    return cache.get(session, "status", (year, scope), compute, checked or checked_version(session, scope))


def fingerprint(session: Session) -> tuple[object, ...]:
    newest = [select(func.max(m.id)).scalar_subquery() for m in TRACKED]  # each read from the end of its index
    return (*session.execute(select(*newest)).one(), date.today())


class StoreCache:
    """One value per name and arguments, with the fingerprint it was computed at: a changed store replaces the
    value instead of adding a copy, so memory is bounded by the distinct questions (years, provinces), not by
    the number of changes; the least recently used question goes when `size` are held. A question asked by
    several requests at once is computed by the first; the others wait for its value (after a write, twenty
    readers of the dashboard would otherwise compute it twenty times over, each holding its rows)."""

    def __init__(self, size: int = 64) -> None:
        self._entries: OrderedDict[tuple[Hashable, ...], tuple[tuple[object, ...], object]] = OrderedDict()
        self._computing: dict[tuple[Hashable, ...], Lock] = {}
        self._size = size
        self._lock = Lock()

    def get(
        self,
        session: Session,
        name: str,
        args: tuple[Hashable, ...],
        compute: Callable[[], T],
        mark: tuple[object, ...] | None = None,
    ) -> T:
        """The value computed at the store's `mark` (its fingerprint unless the caller knows a narrower one, such
        as when a province's figures were last checked)."""
        key, mark = (name, args), mark or fingerprint(session)
        with self._lock:
            gate = self._computing.setdefault(key, Lock())
        with gate:
            with self._lock:
                held = self._entries.get(key)
                if held is not None and held[0] == mark:
                    self._entries.move_to_end(key)
                    return held[1]  # type: ignore[return-value]
            value = compute()
            with self._lock:
                self._entries[key] = (mark, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self._size:
                    dropped, _ = self._entries.popitem(last=False)
                    self._computing.pop(dropped, None)
        return value
