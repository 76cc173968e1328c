"""Whole responses kept between requests, until the store changes.

Leaders and council members open the same pages over and over, and the Planning Department's staff the same
lists; between two writes a page's bytes do not change, so recomputing them is waste that caps how many readers
two cores serve. A response is kept per URL, the `lang` and `province` cookies and, for a signed-in reader, their
role and agency (the only inputs of a page besides the store and the day; the reader's name, CSRF token and
unread count are filled in as it is sent, serve/holes.py), with the store's state (store/freshness.py's
`version`: the newest row of every table a page shows, when the figures were last checked, whether a check is
coming, the day). A request whose state differs is computed again, and while it computes, the others asking the
same page get the last one at once, told that a newer one is coming; never a reader whose own write is newer
than that page (the `pw_wrote` cookie every write's answer sets). Nothing is kept of an answer that is not a 200
or sets a cookie, nor of a reader's own reminders; a request saying `Cache-Control: no-cache` is computed again.

Libraries such as fastapi-cache expire entries after a time; here an entry must go the moment the store
changes and never before, which a time to live cannot say."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qs

import anyio
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch.serve.auth import SESSION_COOKIE
from planwatch.serve.holes import STATE_KEY, Reader, fill, reader_of
from planwatch.serve.labels import LABELS
from planwatch.store.freshness import OF_DOCUMENTS, OF_TASKS, UPLOADS, Reads, version

PASSED_BY = (
    "/static", "/docs", "/openapi.json", "/api/jobs", "/api/me", "/api/login", "/api/logout", "/dang-nhap",
    "/thong-bao",  # a reader's own reminders
)  # fmt: skip
VARYING_COOKIES = ("lang", "province")
WROTE_COOKIE = "pw_wrote"  # when the reader's last write was answered (seconds since the epoch)
BUDGET_MB = 32  # of bodies held per server process
LARGEST = 2 * 1024 * 1024  # a larger body (a whole export) is not kept
MARK_THREADS = 4  # store marks read at once per process, on threads of their own: a kept answer never waits
# behind the pages being computed (serve/app.py's REQUEST_THREADS)


# What the pages that read neither the checked figures nor whether a check is coming read (store/freshness.py's
# topics), by the start of their path: a task update leaves the documents list and the search as they were, a
# queued upload everything but the list that shows the queue. A page not named here reads the whole store.
PAGE_READS: tuple[tuple[str, Reads], ...] = (
    ("/api/documents", OF_DOCUMENTS),
    ("/api/facts", OF_DOCUMENTS),
    ("/api/search", OF_DOCUMENTS),
    ("/api/ask", OF_DOCUMENTS),
    ("/tim-kiem", OF_DOCUMENTS),
    ("/api/tasks", OF_TASKS),
    ("/nhiem-vu", OF_TASKS),
    ("/co-quan", OF_TASKS),
    ("/van-ban", OF_DOCUMENTS | {UPLOADS}),
)


def store_mark(
    sessions: sessionmaker[Session], token: str | None, reads: Reads | None = None
) -> tuple[tuple[object, ...], Reader | None]:
    """What a page's bytes depend on besides its URL and cookies: the writes of the topics it `reads` (the whole
    state of the store when None); and who reads it (one query each)."""
    with sessions() as session:
        state = version(session)
        mark = state.whole() if reads is None else state.of(False, reads)
        return mark, reader_of(session, token) if token else None


def page_reads(path: str) -> Reads | None:
    return next((reads for start, reads in PAGE_READS if path == start or path.startswith(f"{start}/")), None)


@dataclass(frozen=True)
class _Held:
    mark: tuple[object, ...]
    start: Message
    body: bytes
    since: float  # when its computing began: it shows every write answered before


class PageCache:
    """ASGI middleware keeping GET responses under `budget` bytes, the least recently read going first."""

    def __init__(self, app: ASGIApp, budget: int) -> None:
        self.app = app
        self.budget = budget
        self.largest = min(LARGEST, budget)
        self._held: OrderedDict[tuple[object, ...], _Held] = OrderedDict()
        self._computing: set[tuple[object, ...]] = set()
        self._size = 0
        self._marks: anyio.CapacityLimiter | None = None  # made in the event loop, at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.budget or scope["type"] != "http":
            await self.app(scope, receive, send)
        elif scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, _noting_writes(send))
        elif scope["method"] == "HEAD" or not _applies(scope):
            await self.app(scope, receive, send)
        else:
            await self._read(scope, receive, send)

    async def _read(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._marks = self._marks or anyio.CapacityLimiter(MARK_THREADS)
        cookies = _cookies(dict(scope["headers"]))
        sessions = scope["app"].state.sessions
        mark, reader = await anyio.to_thread.run_sync(
            store_mark, sessions, cookies.get(SESSION_COOKIE), page_reads(scope["path"]), limiter=self._marks
        )
        key = _key(scope, cookies, reader)
        held = None if _asks_fresh(scope) else self._held.get(key)
        if held is not None and (held.mark == mark or (key in self._computing and held.since > _wrote(cookies))):
            self._held.move_to_end(key)
            stale = held.mark != mark
            await _replay(send, held, fill(held.body, reader, _lang(scope, cookies), stale), stale)
            return
        await self._compute(key, mark, scope, receive, send)

    async def _compute(self, key: tuple[object, ...], mark: tuple[object, ...], scope: Scope, receive: Receive,
                       send: Send) -> None:  # fmt: skip
        """The page computed by this request, kept (the text with its holes when it has some); while it computes,
        the others asking it get the one kept before."""
        first = key not in self._computing
        self._computing.add(key)
        since = time.time()
        scope.setdefault("state", {})
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

        try:
            await self.app(scope, receive, kept)
        finally:
            if first:
                self._computing.discard(key)
        if size <= self.largest and _keepable(start):
            body = scope["state"].get(STATE_KEY) or b"".join(chunks)
            self._keep(key, _Held(mark, start, bytes(body), since))

    def _keep(self, key: tuple[object, ...], held: _Held) -> None:
        old = self._held.pop(key, None)
        self._size += _cost(key, held) - (_cost(key, old) if old else 0)
        self._held[key] = held
        while self._size > self.budget:
            dropped_key, dropped = self._held.popitem(last=False)
            self._size -= _cost(dropped_key, dropped)


def _noting_writes(send: Send) -> Send:
    """A write's answer tells the reader's browser when it was made (`WROTE_COOKIE`): their next pages are never
    one kept from before it."""

    async def noted(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] < 400:
            cookie = f"{WROTE_COOKIE}={time.time():.3f}; Path=/; SameSite=Lax".encode()
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
        await send(message)

    return noted


def _wrote(cookies: dict[str, str]) -> float:
    try:
        return float(cookies.get(WROTE_COOKIE, 0))
    except ValueError:
        return float("inf")  # unreadable: as if written just now


def _cost(key: tuple[object, ...], held: _Held) -> int:
    """Bytes an entry holds: its body and its key (URLs of many kilobytes with small answers count too)."""
    return len(held.body) + sum(len(part) for part in key if isinstance(part, str | bytes))


def _applies(scope: Scope) -> bool:
    if scope["path"].startswith(PASSED_BY):
        return False
    return b"authorization" not in dict(scope["headers"])


def _asks_fresh(scope: Scope) -> bool:
    """`Cache-Control: no-cache` (a browser's hard reload): computed again, and kept for the next reader."""
    return b"no-cache" in dict(scope["headers"]).get(b"cache-control", b"")


def _cookies(headers: dict[bytes, bytes]) -> dict[str, str]:
    return cookie_parser(headers.get(b"cookie", b"").decode("latin-1"))


def _key(scope: Scope, cookies: dict[str, str], reader: Reader | None) -> tuple[object, ...]:
    kind = reader.kind if reader is not None else ("", "")
    return scope["path"], scope["query_string"], *(cookies.get(name, "") for name in VARYING_COOKIES), *kind


def _lang(scope: Scope, cookies: dict[str, str]) -> str:
    asked = parse_qs(scope["query_string"].decode("latin-1")).get("lang", [""])[0]
    wanted = asked or cookies.get("lang") or "vi"
    return wanted if wanted in LABELS else "vi"


def _keepable(start: Message) -> bool:
    return start.get("status") == 200 and all(name.lower() != b"set-cookie" for name, _ in start.get("headers", []))


async def _replay(send: Send, held: _Held, body: bytes, stale: bool) -> None:
    """A kept answer, its length that of the reader's page; `x-page-cache: stale` when a newer one is coming."""
    headers = [(name, value) for name, value in held.start.get("headers", []) if name.lower() != b"content-length"]
    headers += [(b"content-length", str(len(body)).encode()), (b"x-page-cache", b"stale" if stale else b"hit")]
    await send({**held.start, "headers": headers})
    await send({"type": "http.response.body", "body": body})
