"""Kept pages and their readers: one page kept per role and agency, filled with each reader's name, CSRF token and
unread count; while a changed page is computed the others get the last one, told a newer one is coming, except
a reader whose own write is newer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.types import Receive, Scope, Send

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.serve import page_cache
from planwatch.serve.app import create_app
from planwatch.serve.page_cache import PageCache
from planwatch.store.db import session_factory

from .conftest import with_samples

HIT, PASSWORD = "x-page-cache", "mat-khau-doc-trang"
READERS = {"kh-mot": (Role.PLANNING, None), "kh-hai": (Role.PLANNING, None), "so-ct": (Role.AGENCY, "SCT")}


@pytest.fixture
def app_engine(engine: Engine, samples_template: Path) -> Engine:
    with_samples(engine, samples_template)
    with session_factory(engine).begin() as session:
        for name, (role, agency) in READERS.items():
            add_user(session, name, PASSWORD, role, agency, "test")
    return engine


@pytest.fixture
def clients(app_engine: Engine) -> Iterator[dict[str, TestClient]]:
    app = create_app(app_engine)
    with TestClient(app) as first, TestClient(app) as second, TestClient(app) as agency, TestClient(app) as anyone:
        for client, name in ((first, "kh-mot"), (second, "kh-hai"), (agency, "so-ct")):
            assert client.post("/api/login", json={"username": name, "password": PASSWORD}).status_code == 200
        yield {"kh-mot": first, "kh-hai": second, "so-ct": agency, "anyone": anyone}


def _who(page: str) -> str:
    found = re.search(r'<span id="who">([^<]*)</span>', page)
    return found.group(1) if found else ""


def test_readers_of_one_role_share_a_page_each_seeing_their_own_name_and_token(
    clients: dict[str, TestClient],
) -> None:
    first, second = clients["kh-mot"].get("/nhiem-vu"), clients["kh-hai"].get("/nhiem-vu")
    assert HIT not in first.headers and second.headers[HIT] == "hit"
    assert _who(first.text).startswith("kh-mot (") and _who(second.text).startswith("kh-hai (")
    for client, page in ((clients["kh-mot"], first), (clients["kh-hai"], second)):
        tokens = set(re.findall(r'name="csrf_token" value="([^"]*)"', page.text))
        assert tokens == {client.cookies["csrftoken"]}
        assert "pw-hole" not in page.text and int(page.headers["content-length"]) == len(page.content)


def test_another_role_or_agency_and_a_reader_not_signed_in_never_get_that_page(
    clients: dict[str, TestClient],
) -> None:
    planning = clients["kh-mot"].get("/nhiem-vu")
    agency, anyone = clients["so-ct"].get("/nhiem-vu"), clients["anyone"].get("/nhiem-vu")
    assert HIT not in agency.headers and HIT not in anyone.headers
    assert _who(agency.text).startswith("so-ct (") and _who(anyone.text) == ""
    assert 'name="csrf_token"' not in anyone.text and "pw-hole" not in anyone.text + planning.text


def test_signing_in_is_no_write_a_kept_page_must_show(clients: dict[str, TestClient]) -> None:
    assert "pw_wrote" not in clients["kh-mot"].cookies
    update = {"reported_on": "03/02/2025", "author": "kh-mot"}
    task = clients["kh-mot"].get("/api/tasks", params={"limit": 1}).json()[0]
    headers = {"X-CSRF-Token": clients["kh-mot"].cookies["csrftoken"]}
    answer = clients["kh-mot"].post(f"/api/tasks/{task['doc']}/{task['ref']}/updates", json=update, headers=headers)
    assert answer.status_code == 201 and clients["kh-mot"].cookies["pw_wrote"].startswith("tasks:")


def test_a_readers_own_reminders_are_never_kept(clients: dict[str, TestClient]) -> None:
    clients["kh-mot"].get("/thong-bao")
    assert HIT not in clients["kh-hai"].get("/thong-bao").headers


class Slow:
    """An app whose pages number themselves; a page asked while `gate` is closed waits for it."""

    def __init__(self, engine: Engine) -> None:
        self.state = type("State", (), {"sessions": session_factory(engine)})()
        self.computed = 0
        self.inside = self.most = 0  # pages being computed now, and at most
        self.gate = anyio.Event()
        self.gate.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] == "POST":  # a write: answered at once
            await send({"type": "http.response.start", "status": 201, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        self.computed += 1
        page = f"trang {self.computed}".encode()
        self.inside += 1
        self.most = max(self.most, self.inside)
        await self.gate.wait()
        await anyio.sleep(0.05)
        self.inside -= 1
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": page})


def _served(engine: Engine, steps: list[str], page: str = "/trang") -> list[tuple[str, str]]:
    """Requests to a page cache over `Slow`, as `steps` say: "read" (waits for its answer), "change" (a write
    to the store), "close" (pages wait), "slow" (a read left waiting), "mine PATH" (a read, left waiting, by
    someone whose write to PATH has just been answered), "open". Returns (body, x-page-cache) of each read of
    `page`, in the order they were asked."""
    slow = Slow(engine)
    cache = PageCache(slow, 1024 * 1024)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = slow
        await cache(scope, receive, send)

    async def run() -> list[tuple[str, str]]:
        answers: dict[int, tuple[str, str]] = {}
        transport = httpx.ASGITransport(app=app)

        async def read(n: int, cookies: dict[str, str]) -> None:
            async with httpx.AsyncClient(transport=transport, base_url="http://t", cookies=cookies) as client:
                answer = await client.get(page)
            answers[n] = (answer.text, answer.headers.get(HIT, ""))

        async with anyio.create_task_group() as group:
            for n, step in enumerate(steps):
                if step == "read":
                    await read(n, {})
                elif step == "slow" or step.startswith("mine "):
                    cookies = (
                        await _cookies_after_write(transport, step.removeprefix("mine ")) if step != "slow" else {}
                    )
                    group.start_soon(read, n, cookies)
                    await anyio.sleep(0.2)
                elif step == "change":
                    with slow.state.sessions.begin() as session:
                        add_user(session, f"moi-{n}", PASSWORD, Role.VIEWER, None, "test")
                elif step == "open":
                    slow.gate.set()
                    await anyio.sleep(0.2)  # the pages computed behind kept answers are kept
                else:
                    _closed(slow)()
        return [answers[n] for n in sorted(answers)]

    return anyio.run(run)


async def _cookies_after_write(transport: httpx.ASGITransport, path: str) -> dict[str, str]:
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.post(path)).status_code == 201
        return dict(client.cookies)


def _closed(slow: Slow):  # type: ignore[no-untyped-def]
    def close() -> None:
        slow.gate = anyio.Event()

    return close


def test_after_a_change_readers_get_the_last_page_told_so_while_the_new_one_is_computed(engine: Engine) -> None:
    served = _served(engine, ["read", "change", "close", "read", "read", "open", "read"])
    assert served == [
        ("trang 1", ""),
        ("trang 1", "stale"),  # at once; the new page is computed behind it
        ("trang 1", "stale"),
        ("trang 2", "hit"),
    ]


def test_a_page_too_old_is_computed_for_its_reader(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_cache, "STALE_SECONDS", 0)
    assert _served(engine, ["read", "change", "read"]) == [("trang 1", ""), ("trang 2", "")]


def test_a_reader_whose_own_write_is_newer_than_the_kept_page_waits_for_a_new_one(engine: Engine) -> None:
    served = _served(engine, ["read", "change", "close", "mine /api/documents", "open", "read"])
    assert served == [("trang 1", ""), ("trang 2", ""), ("trang 2", "hit")]


def test_a_write_of_what_a_page_does_not_read_leaves_its_writer_the_kept_page_meanwhile(engine: Engine) -> None:
    """A task update says nothing the documents page shows: its writer is served the last page while a newer
    one (after someone else's write) is computed; an upload's writer waits for the page that lists it queued."""
    steps = ["read", "change", "close", "mine /api/tasks/kh/1/updates", "mine /api/documents", "open"]
    served = _served(engine, steps, page="/van-ban")
    assert served == [("trang 1", ""), ("trang 1", "stale"), ("trang 3", "")]


def test_readers_asking_a_page_being_computed_since_their_writes_wait_for_that_one(engine: Engine) -> None:
    """Readers of a page nobody keeps yet: the first computes it, the others get that page when it is done."""
    assert _served(engine, ["close", "slow", "slow", "slow", "open"]) == [("trang 1", "")] + [("trang 1", "hit")] * 2


def test_pages_computed_behind_kept_answers_are_computed_one_at_a_time(engine: Engine) -> None:
    slow = Slow(engine)
    cache = PageCache(slow, 1024 * 1024)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        scope["app"] = slow
        await cache(scope, receive, send)

    async def run() -> list[str]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            pages = [f"/trang-{n}" for n in range(4)]
            for page in pages:
                await client.get(page)
            with slow.state.sessions.begin() as session:
                add_user(session, "moi", PASSWORD, Role.VIEWER, None, "test")
            kinds = [(await client.get(page)).headers.get(HIT, "") for page in pages]
            await anyio.sleep(0.5)
            return kinds

    assert anyio.run(run) == ["stale"] * 4 and slow.computed == 8
    assert slow.most == 1
