"""Whole responses kept for readers who are not signed in, until the store changes.

Leaders and council members open the same pages over and over; between two ingests or edits a page's bytes
do not change, so recomputing them is waste that caps how many readers two cores serve. A response is kept
per URL and the `lang` and `province` cookies (the only inputs of a page besides the store and the day), with
the store's state (store/freshness.py's `version`: the newest row of every table a page shows, when the figures
were last checked, whether a check is coming, the day). A request whose state differs is computed again. No
response is kept for a signed-in reader, one that sets a cookie, or one that is not a 200; a request saying
`Cache-Control: no-cache` is computed again.

Libraries such as fastapi-cache expire entries after a time; here an entry must go the moment the store
changes and never before, which a time to live cannot say."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import anyio
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch.serve.auth import SESSION_COOKIE
from planwatch.store.freshness import version

PASSED_BY = ("/static", "/docs", "/openapi.json", "/api/jobs", "/api/me", "/api/login", "/api/logout", "/dang-nhap")
VARYING_COOKIES = ("lang", "province")
BUDGET_MB = 32  # of bodies held per server process
LARGEST = 2 * 1024 * 1024  # a larger body (a whole export) is not kept
MARK_THREADS = 4  # store marks read at once per process, on threads of their own: a kept answer never waits
# behind the pages being computed (serve/app.py's REQUEST_THREADS)


def store_mark(sessions: sessionmaker[Session]) -> tuple[object, ...]:
    """What a page's bytes depend on besides its URL and cookies: the whole state of the store (one query)."""
    with sessions() as session:
        return version(session).whole()


@dataclass(frozen=True)
class _Held:
    mark: tuple[object, ...]
    start: Message
    body: bytes


class PageCache:
    """ASGI middleware keeping GET responses under `budget` bytes, the least recently read going first."""

    def __init__(self, app: ASGIApp, budget: int) -> None:
        self.app = app
        self.budget = budget
        self.largest = min(LARGEST, budget)
        self._held: OrderedDict[tuple[object, ...], _Held] = OrderedDict()
        self._size = 0
        self._marks: anyio.CapacityLimiter | None = None  # made in the event loop, at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.budget or not _applies(scope):
            await self.app(scope, receive, send)
            return
        self._marks = self._marks or anyio.CapacityLimiter(MARK_THREADS)
        mark = await anyio.to_thread.run_sync(store_mark, scope["app"].state.sessions, limiter=self._marks)
        key = _key(scope)
        held = None if _asks_fresh(scope) else self._held.get(key)
        if held is not None and held.mark == mark:
            self._held.move_to_end(key)
            await _replay(send, held)
            return
        start: Message = {}
        chunks: list[bytes] = []
        size = 0

        async def kept(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif size <= self.largest:  # a larger body streams through unkept
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
            await send(message)

        await self.app(scope, receive, kept)
        if size <= self.largest and _keepable(start):
            self._keep(key, _Held(mark, start, b"".join(chunks)))

    def _keep(self, key: tuple[object, ...], held: _Held) -> None:
        old = self._held.pop(key, None)
        self._size += _cost(key, held) - (_cost(key, old) if old else 0)
        self._held[key] = held
        while self._size > self.budget:
            dropped_key, dropped = self._held.popitem(last=False)
            self._size -= _cost(dropped_key, dropped)


def _cost(key: tuple[object, ...], held: _Held) -> int:
    """Bytes an entry holds: its body and its key (URLs of many kilobytes with small answers count too)."""
    return len(held.body) + sum(len(part) for part in key if isinstance(part, str | bytes))


def _applies(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(PASSED_BY):
        return False
    headers = dict(scope["headers"])
    return b"authorization" not in headers and SESSION_COOKIE not in _cookies(headers)


def _asks_fresh(scope: Scope) -> bool:
    """`Cache-Control: no-cache` (a browser's hard reload): computed again, and kept for the next reader."""
    return b"no-cache" in dict(scope["headers"]).get(b"cache-control", b"")


def _cookies(headers: dict[bytes, bytes]) -> dict[str, str]:
    return cookie_parser(headers.get(b"cookie", b"").decode("latin-1"))


def _key(scope: Scope) -> tuple[object, ...]:
    cookies = _cookies(dict(scope["headers"]))
    return scope["path"], scope["query_string"], *(cookies.get(name, "") for name in VARYING_COOKIES)


def _keepable(start: Message) -> bool:
    return start.get("status") == 200 and all(name.lower() != b"set-cookie" for name, _ in start.get("headers", []))


async def _replay(send: Send, held: _Held) -> None:
    headers = [*held.start.get("headers", []), (b"x-page-cache", b"hit")]
    await send({**held.start, "headers": headers})
    await send({"type": "http.response.body", "body": held.body})
