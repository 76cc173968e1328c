"""Results kept in the server between requests, each entry with the state of the store it was computed at
(store/freshness.py's `version`, one query, no side effect). An entry that declares its scope is computed from
that view's figures and kept until they are checked again; one that declares none is kept until a write of a
topic it reads (`reads`: the documents and what is entered about them, the tasks' progress; every topic unless
it says). The day is part of every state (date-dependent results)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from functools import partial
from threading import Lock
from typing import TypeVar

from sqlalchemy.orm import Session
from starlette.requests import Request

from planwatch.monitor.progress import TargetStatus, year_status
from planwatch.monitor.tasks import ScoreLine, store_scorecard
from planwatch.store.freshness import EVERY_TOPIC, OF_TASKS, Reads, Version, version
from planwatch.store.scope import WHOLE, Scope

T = TypeVar("T")


def status_of_year(
    cache: StoreCache,
    session: Session,
    year: int,
    scope: Scope = WHOLE,
    until: str | None = None,
    code: str | None = None,
) -> list[TargetStatus]:
    """The status of the year's targets (on the figures of periods ending by `until`, "2024-06", when given; of
    the indicator `code` only when given), kept until the figures of the view are checked again."""
    compute = partial(year_status, session, year, scope=scope, until=until, code=code)
    return cache.get(session, "status", (year, scope, until, code), compute, scope)


def scorecard_of(
    cache: StoreCache, session: Session, as_of: date, scope: Scope, agency: str | None = None
) -> list[ScoreLine]:
    """The scorecard of the view's tasks on `as_of` (of `agency` when given), kept until a task or document
    changes: the tasks page, the agencies page and the API share it."""
    compute = partial(store_scorecard, session, as_of, scope, agency)
    return cache.get(session, "scorecard", (as_of, scope, agency), compute, reads=OF_TASKS)


def names_of_documents(request: Request, db: Session, lang: str) -> dict[str, str]:
    """The current documents' names, kept and brought up to date as documents are stored (store/document_names.py)."""
    names: dict[str, str] = request.app.state.names.get(db, lang)
    return names


def _version(session: Session, scope: Scope) -> Version:
    """The store's state, read once per transaction of a request's session: a page's parts are asked at one
    state, with one query, and a write the request commits is seen by what it reads afterwards."""
    transaction, held = session.info.get(("version", scope), (None, None))
    if held is None or transaction is not session.get_transaction():
        held = version(session, scope)
        session.info[("version", scope)] = (session.get_transaction(), held)
    return held  # type: ignore[no-any-return]


class StoreCache:
    """One value per name and arguments, with the state of the store it was computed at: a changed store replaces
    the value instead of adding a copy, so memory is bounded by the distinct questions (years, provinces), not by
    the number of changes; the least recently used question goes when `size` are held. A question asked by
    several requests at once is computed by the first (after a write, twenty readers of the dashboard would
    otherwise compute it twenty times over, each holding its rows); while it computes a view's newer figures, the
    others get the last checked value at once, and wait only when there is none."""

    def __init__(self, size: int = 256) -> None:
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
        scope: Scope | None = None,
        reads: Reads = EVERY_TOPIC,
    ) -> T:
        """The value of `compute` at the store's present state: of the figures of `scope` when the entry declares
        it, of the writes of the topics it `reads` otherwise."""
        key, mark = (name, args), _version(session, scope or WHOLE).of(scope is not None, reads)
        with self._lock:
            gate = self._computing.setdefault(key, Lock())
            held = self._entries.get(key)
        if held is not None and held[0] == mark:
            return self._kept(key, held[1])  # type: ignore[return-value]
        if held is not None and scope is not None:
            if not gate.acquire(blocking=False):
                return held[1]  # type: ignore[return-value]  # the last checked value while another computes the next
        else:
            gate.acquire()
        try:
            with self._lock:
                held = self._entries.get(key)
            if held is not None and held[0] == mark:  # computed by the request this one waited for
                return self._kept(key, held[1])  # type: ignore[return-value]
            value = compute()
            with self._lock:
                self._entries[key] = (mark, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self._size:
                    dropped, _ = self._entries.popitem(last=False)
                    self._computing.pop(dropped, None)
            return value
        finally:
            gate.release()

    def _kept(self, key: tuple[Hashable, ...], value: object) -> object:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
        return value
