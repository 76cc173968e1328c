"""Whole responses kept between requests, until the store changes.

Leaders and council members open the same pages over and over, and the Planning Department's staff the same
lists; between two writes a page's bytes do not change, so recomputing them is waste that caps how many readers
two cores serve. A response is kept per URL, the `lang` and `province` cookies and, for a signed-in reader, their
role and agency (the only inputs of a page besides the store and the day; the reader's name, CSRF token and
unread count are filled in as it is sent, serve/holes.py), with the store's state (store/freshness.py's
`version`: the newest row of every table a page shows, when the figures were last checked, whether a check is
coming, the day). A request whose state differs is computed again, and while it computes, the others asking the
same page get the last one at once, told that a newer one is coming; never a reader whose own write is newer
than that page (the `pw_wrote` cookie every write's answer sets), who waits for the one being computed, if it
began after their write, rather than compute it a second time. Nothing is kept of an answer that is not a 200
or sets a cookie, nor of a reader's own reminders; a request saying `Cache-Control: no-cache` is computed again.

Libraries such as fastapi-cache expire entries after a time; here an entry must go the moment the store
changes and never before, which a time to live cannot say."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TypeVar

import anyio
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request, cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch.serve.auth import SESSION_COOKIE
from planwatch.serve.holes import STATE_KEY, Reader, fill, reader_of
from planwatch.serve.rendering import page_lang
from planwatch.store.freshness import EVERY_TOPIC, OF_DOCUMENTS, OF_TASKS, TASKS, UPLOADS, Reads, version

T = TypeVar("T")
log = logging.getLogger(__name__)
PASSED_BY = (
    "/static", "/docs", "/openapi.json", "/api/jobs", "/api/me", "/api/login", "/api/logout", "/dang-nhap",
    "/thong-bao",  # a reader's own reminders
)  # fmt: skip
VARYING_COOKIES = ("lang", "province")
WROTE_COOKIE = "pw_wrote"  # when the reader's last write was answered (seconds since the epoch)
BUDGET_MB = 32  # of bodies held per server process
LARGEST = 2 * 1024 * 1024  # a larger body (a whole export) is not kept
BEHIND_AT_ONCE = 1  # pages computed behind kept answers at once: the others wait, not the readers' own pages
STALE_SECONDS = 30  # the oldest page served while its newer one is still to be computed
MARK_THREADS = 4  # store marks read at once per process, on threads of their own: a kept answer never waits
# behind the pages being computed (serve/app.py's REQUEST_THREADS)


@dataclass(frozen=True)
class PageReads:
    """What a page shows: the topics of the writes it reads (store/freshness.py), and whether it shows the
    checked figures and whether a check is coming (a status, findings)."""

    topics: Reads = EVERY_TOPIC
    figures: bool = True


# By the start of their path, the pages that read less than the whole store: a task update leaves the documents
# list, the search and the indicators' pages as they were, a queued upload everything but the list of the queue.
PAGE_READS: tuple[tuple[str, PageReads], ...] = (
    ("/api/documents", PageReads(OF_DOCUMENTS, figures=False)),
    ("/api/facts", PageReads(OF_DOCUMENTS, figures=False)),
    ("/api/search", PageReads(OF_DOCUMENTS, figures=False)),
    ("/api/ask", PageReads(OF_DOCUMENTS, figures=False)),
    ("/tim-kiem", PageReads(OF_DOCUMENTS, figures=False)),
    ("/api/tasks", PageReads(OF_TASKS, figures=False)),
    ("/nhiem-vu", PageReads(OF_TASKS, figures=False)),
    ("/co-quan", PageReads(OF_TASKS, figures=False)),
    ("/van-ban", PageReads(OF_DOCUMENTS | {UPLOADS}, figures=False)),
    ("/api/status", PageReads(OF_DOCUMENTS)),
    ("/api/checks", PageReads(OF_DOCUMENTS)),
    ("/kiem-tra", PageReads(OF_DOCUMENTS)),
    ("/chi-tieu", PageReads(OF_DOCUMENTS)),
    ("/", PageReads(OF_TASKS)),
)
WHOLE_PAGE = PageReads()
# What a write changes, by the start of its path (every topic when not named): a reader's next pages that read
# none of it may be the ones kept from before it.
WRITE_TOPICS: tuple[tuple[str, Reads], ...] = (
    ("/api/tasks", frozenset((TASKS,))),
    ("/nhiem-vu/cap-nhat", frozenset((TASKS,))),
    ("/api/documents", frozenset((UPLOADS,))),
    *((path, frozenset()) for path in ("/api/login", "/api/logout", "/dang-nhap", "/dang-xuat")),
    ("/thong-bao", frozenset()),  # a reader's reminders read, or their settings: no kept page shows them
)


def _named(path: str, table: tuple[tuple[str, T], ...]) -> T | None:
    """The value of the first entry whose path is `path` or a folder holding it ("/" names only itself)."""
    return next(
        (value for start, value in table if path == start or (start != "/" and path.startswith(f"{start}/"))), None
    )


def store_mark(
    sessions: sessionmaker[Session], token: str | None, reads: PageReads = WHOLE_PAGE
) -> tuple[tuple[object, ...], Reader | None]:
    """What a page's bytes depend on besides its URL and cookies (what it `reads` of the store), and who reads
    it (one query each)."""
    with sessions() as session:
        mark = version(session).of_page(reads.topics, reads.figures)
        return mark, reader_of(session, token) if token else None


@dataclass(frozen=True)
class _Running:
    since: float  # when the computation began
    done: asyncio.Event  # set when it ends, kept or not


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
        self._running: dict[tuple[object, ...], _Running] = {}  # the computations under way, by key
        self._behind: set[asyncio.Task[None]] = set()  # pages computed after a kept answer was sent
        self._behind_gate: anyio.CapacityLimiter | None = None
        self._size = 0
        self._marks: anyio.CapacityLimiter | None = None  # made in the event loop, at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.budget or scope["type"] != "http":
            await self.app(scope, receive, send)
        elif scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, _noting_writes(send, scope))
        elif scope["method"] == "HEAD" or not _applies(scope):
            await self.app(scope, receive, send)
        else:
            await self._read(scope, receive, send)

    async def _read(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._marks = self._marks or anyio.CapacityLimiter(MARK_THREADS)
        cookies = _cookies(dict(scope["headers"]))
        sessions = scope["app"].state.sessions
        reads = _named(scope["path"], PAGE_READS) or WHOLE_PAGE
        mark, reader = await anyio.to_thread.run_sync(
            store_mark, sessions, cookies.get(SESSION_COOKIE), reads, limiter=self._marks
        )
        key = _key(scope, cookies, reader)
        held = None if _asks_fresh(scope) else self._held.get(key)
        if held is not None and (held.mark == mark or self._may_serve_stale(key, held, _wrote(cookies, reads.topics))):
            if held.mark != mark and key not in self._computing:  # the newer page computed behind this answer
                self._computing.add(key)
                self._behind.add(asyncio.get_running_loop().create_task(self._compute_behind(key, mark, scope)))
            self._held.move_to_end(key)
            await _replay(send, scope, held, reader, stale=held.mark != mark)
            return
        if await self._joined(key, _wrote(cookies, reads.topics)):
            held = self._held[key]
            await _replay(send, scope, held, reader, stale=held.mark != mark)
            return
        owner = key not in self._computing
        self._computing.add(key)
        await self._compute(key, mark, scope, receive, send, owner)

    async def _joined(self, key: tuple[object, ...], wrote: float) -> bool:
        """Whether the page this reader needs was kept by a computation already under way that began after their
        last write of what it reads: they wait for it rather than compute the same page a second time."""
        running = self._running.get(key)
        if running is None or running.since <= wrote:
            return False
        await running.done.wait()
        held = self._held.get(key)
        return held is not None and held.since > wrote

    def _may_serve_stale(self, key: tuple[object, ...], held: _Held, wrote: float) -> bool:
        """The last page, while a newer one is computed (or is to be), to a reader whose own writes it shows:
        computed after their last write of what it reads, and less than `STALE_SECONDS` ago unless the newer one
        is already being computed."""
        return held.since > wrote and (key in self._computing or time.time() - held.since < STALE_SECONDS)

    async def _compute_behind(self, key: tuple[object, ...], mark: tuple[object, ...], asked: Scope) -> None:
        """The page computed again for the next readers, as the reader who found it changed asked it."""

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def dropped(_message: Message) -> None:
            return None

        self._behind_gate = self._behind_gate or anyio.CapacityLimiter(BEHIND_AT_ONCE)
        try:
            async with self._behind_gate:  # the readers who wait for their page go first
                await self._compute(key, mark, {**asked, "state": {}}, receive, dropped, owner=True)
        except Exception:  # the next reader computes it in the open
            log.exception("page %s computed behind a kept answer: failed", asked["path"])
        finally:
            self._behind.discard(asyncio.current_task())

    async def _compute(self, key: tuple[object, ...], mark: tuple[object, ...], scope: Scope, receive: Receive,
                       send: Send, owner: bool) -> None:  # fmt: skip
        """The page computed and kept (the text with its holes when it has some); while it computes, the others
        asking it get the one kept before. The `owner` of the key's computing ends it."""
        since = time.time()
        running = self._running[key] = _Running(since, asyncio.Event())  # the newest one is joined
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
            if size <= self.largest and _keepable(start):
                body = scope["state"].get(STATE_KEY) or b"".join(chunks)
                self._keep(key, _Held(mark, start, bytes(body), since))
        finally:
            if owner:
                self._computing.discard(key)
            if self._running.get(key) is running:
                del self._running[key]
            running.done.set()

    def _keep(self, key: tuple[object, ...], held: _Held) -> None:
        old = self._held.get(key)
        if old is not None and old.since > held.since:  # a computation begun later ended first
            return
        self._held.pop(key, None)
        self._size += _cost(key, held) - (_cost(key, old) if old else 0)
        self._held[key] = held
        while self._size > self.budget:
            dropped_key, dropped = self._held.popitem(last=False)
            self._size -= _cost(dropped_key, dropped)


def _noting_writes(send: Send, scope: Scope) -> Send:
    """A write's answer tells the reader's browser when it was made, by topic (`WROTE_COOKIE`: "tasks:1765…|…"):
    their next pages that read that topic are never ones kept from before it."""
    named = _named(scope["path"], WRITE_TOPICS)
    topics = EVERY_TOPIC if named is None else named
    if not topics:  # signing in or out changes nothing a kept page shows
        return send

    async def noted(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] < 400:
            written = _writes(_cookies(dict(scope["headers"]))) | dict.fromkeys(topics, time.time())
            value = "|".join(f"{topic}:{at:.3f}" for topic, at in sorted(written.items()))
            cookie = f"{WROTE_COOKIE}={value}; Path=/; SameSite=Lax".encode()
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
        await send(message)

    return noted


def _writes(cookies: dict[str, str]) -> dict[str, float]:
    """When the reader last wrote, by topic (a value that cannot be read: every topic just now)."""
    try:
        pairs = [part.split(":") for part in cookies[WROTE_COOKIE].split("|")]
        return {topic: float(at) for topic, at in pairs if topic in EVERY_TOPIC}
    except KeyError:
        return {}
    except ValueError:
        return dict.fromkeys(EVERY_TOPIC, float("inf"))


def _wrote(cookies: dict[str, str], reads: Reads) -> float:
    """The reader's last write of a topic a page reads (0: none)."""
    return max((at for topic, at in _writes(cookies).items() if topic in reads), default=0.0)


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


def _keepable(start: Message) -> bool:
    return start.get("status") == 200 and all(name.lower() != b"set-cookie" for name, _ in start.get("headers", []))


async def _replay(send: Send, scope: Scope, held: _Held, reader: Reader | None, stale: bool) -> None:
    """A kept answer filled for its reader, its length that of the reader's page; `x-page-cache: stale` when a
    newer one is coming."""
    body = fill(held.body, reader, page_lang(Request(scope)), stale)
    headers = [(name, value) for name, value in held.start.get("headers", []) if name.lower() != b"content-length"]
    headers += [(b"content-length", str(len(body)).encode()), (b"x-page-cache", b"stale" if stale else b"hit")]
    await send({**held.start, "headers": headers})
    await send({"type": "http.response.body", "body": body})
