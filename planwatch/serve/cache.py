"""Results that only change when the store does (status of a year, consistency findings), kept per store
fingerprint: the newest document, target, edit, alias, task update and audit row. Any ingest or edit changes the
fingerprint, so a page never shows a stale result; the day is part of the key for date-dependent results."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from threading import Lock
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.store import models

T = TypeVar("T")
_TRACKED = (
    models.Document,
    models.Target,
    models.TargetEdit,
    models.IndicatorAlias,
    models.TaskUpdate,
    models.AgencyAlias,
    models.AuditEntry,  # corrections of a document's period or date change no count but write an audit row
)


def fingerprint(session: Session) -> tuple[object, ...]:
    parts = [
        q
        for m in _TRACKED
        for q in (select(func.count(m.id)).scalar_subquery(), select(func.max(m.id)).scalar_subquery())
    ]
    return (*session.execute(select(*parts)).one(), date.today())


class StoreCache:
    def __init__(self, size: int = 64) -> None:
        self._entries: dict[tuple[Hashable, ...], object] = {}
        self._size = size
        self._lock = Lock()

    def get(self, session: Session, name: str, args: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        key = (name, args, fingerprint(session))
        with self._lock:
            if key in self._entries:
                return self._entries[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[key] = value
        return value
