"""Responses kept between requests: read again until the store changes, never across languages, provinces,
roles or agencies, over real SQLite and PostgreSQL stores holding the samples."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from anyio import to_thread
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.ingest import ingest_file
from planwatch.serve.app import create_app
from planwatch.serve.cache import StoreCache
from planwatch.serve.page_cache import PageCache, _Held
from planwatch.store import models
from planwatch.store.db import session_factory
from planwatch.store.scope import WHOLE

from .conftest import with_samples

HIT = "x-page-cache"


@pytest.fixture
def client(engine: Engine, samples_template: Path) -> Iterator[TestClient]:
    with TestClient(create_app(with_samples(engine, samples_template))) as test_client:
        yield test_client


def test_a_page_read_again_is_the_kept_one_until_a_document_is_added(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    first = client.get("/van-ban")
    again = client.get("/van-ban")
    assert HIT not in first.headers and again.headers[HIT] == "hit" and again.text == first.text
    note = tmp_path / "bao-cao-nhanh-thang-5-2025.txt"
    note.write_text("BÁO CÁO NHANH\nTình hình tháng 5 năm 2025\nTổng thu ngân sách đạt 4.321 tỷ đồng.\n", "utf-8")
    ingest_file(session_factory(engine), note)
    meanwhile = client.get("/van-ban")  # the last page at once, told that a newer one is coming
    assert meanwhile.headers[HIT] == "stale" and "bao-cao-nhanh-thang-5-2025" not in meanwhile.text
    assert 'id="page-refreshing"' in meanwhile.text
    assert "bao-cao-nhanh-thang-5-2025" in newer_page(client, "/van-ban").text


def test_a_kept_answer_waits_for_no_page_being_computed(client: TestClient) -> None:
    """Every request thread busy (held here, as long cold pages would hold them): a kept page still comes."""
    client.get("/van-ban")
    limiter = client.portal.call(to_thread.current_default_thread_limiter)
    borrowers = [object() for _ in range(int(limiter.total_tokens))]
    for borrower in borrowers:
        client.portal.call(limiter.acquire_on_behalf_of, borrower)
    with ThreadPoolExecutor(1) as reader:
        answer = reader.submit(client.get, "/van-ban")
        try:
            assert answer.result(timeout=30).headers[HIT] == "hit"
        finally:  # before the reader is joined: a request still waiting for a thread then ends
            for borrower in borrowers:
                client.portal.call(limiter.release_on_behalf_of, borrower)


def test_a_task_update_changes_what_reads_tasks_only_and_a_new_account_every_page(
    client: TestClient, engine: Engine
) -> None:
    task = next(t for t in client.get("/api/tasks", params={"limit": 50}).json() if t["doc"] == "ke-hoach-2025")
    for url in ("/api/tasks?limit=1", "/nhiem-vu", "/api/documents", "/tim-kiem?q=thu+ngan+sach"):
        client.get(url)
        assert client.get(url).headers[HIT] == "hit"
    update = {"reported_on": "03/02/2025", "done_on": "30/01/2025", "author": "Sở KHĐT"}
    assert client.post(f"/api/tasks/{task['doc']}/{task['ref']}/updates", json=update).status_code == 201
    assert HIT not in client.get("/api/tasks", params={"limit": 1}).headers
    assert HIT not in client.get("/nhiem-vu").headers
    assert client.get("/api/documents").headers[HIT] == "hit"  # no document changed
    assert client.get("/tim-kiem?q=thu+ngan+sach").headers[HIT] == "hit"
    client.get("/")
    with session_factory(engine).begin() as session:  # the first account ends the open mode every page shows
        add_user(session, "kh-dt", "mat-khau-rat-dai", Role.PLANNING, None, "test")
    assert client.get("/").headers[HIT] == "stale"
    assert 'href="/dang-nhap"' in newer_page(client, "/").text


def newer_page(client: TestClient, url: str) -> httpx.Response:
    """The page once the newer one computed behind a kept answer is kept (a few seconds at most)."""
    for _ in range(100):
        answer: httpx.Response = client.get(url)
        if answer.headers.get(HIT) != "stale":
            return answer
        time.sleep(0.05)
    raise AssertionError(f"{url}: no newer page")


def test_each_language_and_province_is_kept_apart_and_a_cookie_setting_answer_is_not_kept(
    client: TestClient,
) -> None:
    english = client.get("/kiem-tra?lang=en")  # sets the language cookie: not kept
    assert "set-cookie" in english.headers and HIT not in client.get("/kiem-tra?lang=en").headers
    client.cookies.set("lang", "en")
    client.get("/kiem-tra")
    kept_english = client.get("/kiem-tra")
    client.cookies.set("lang", "vi")
    vietnamese = client.get("/kiem-tra")
    assert kept_english.headers[HIT] == "hit" and HIT not in vietnamese.headers
    assert kept_english.text != vietnamese.text


def test_an_unknown_session_reads_the_page_anyone_reads_and_a_hard_reload_is_computed_again(
    client: TestClient,
) -> None:
    client.get("/api/documents")
    client.cookies.set("pw_session", "not-a-real-session")
    assert client.get("/api/documents").headers[HIT] == "hit"
    client.cookies.clear()
    assert HIT not in client.get("/api/documents?limit=1").headers  # another URL, another page
    assert HIT not in client.get("/api/documents", headers={"Cache-Control": "no-cache"}).headers  # a hard reload


def test_no_page_is_kept_with_no_budget(engine: Engine, samples_template: Path) -> None:
    with TestClient(create_app(with_samples(engine, samples_template), page_cache_mb=0)) as client:
        client.get("/api/documents")
        assert HIT not in client.get("/api/documents").headers


def test_the_least_recently_read_answers_go_first_when_the_budget_is_spent() -> None:
    cache = PageCache(app=None, budget=300)  # type: ignore[arg-type]  # no request passes: only what it keeps
    for name in ("a", "b", "c"):
        cache._keep((f"/{name}", b"", "", ""), _Held((1,), {}, b"x" * 100, 0.0))
    assert list(cache._held) == [("/b", b"", "", ""), ("/c", b"", "", "")]  # 3 x 102 bytes > 300
    cache._keep(("/" + "q" * 500, b"", "", ""), _Held((1,), {}, b"y", 0.0))  # a long URL costs its length
    assert len(cache._held) == 0


def test_a_page_whose_computing_began_earlier_never_replaces_a_later_one() -> None:
    cache = PageCache(app=None, budget=1000)  # type: ignore[arg-type]  # no request passes: only what it keeps
    cache._keep(("/a", b"", "", ""), _Held((2,), {}, b"later", 2.0))
    cache._keep(("/a", b"", "", ""), _Held((1,), {}, b"earlier", 1.0))  # it ended last
    assert cache._held[("/a", b"", "", "")].body == b"later"


def test_a_question_asked_by_many_requests_at_once_is_computed_once(engine: Engine) -> None:
    cache, started, computed = StoreCache(), threading.Event(), []

    def compute() -> int:
        computed.append(1)
        started.set()
        release.wait(10)  # the other readers arrive while this one computes
        return 42

    release = threading.Event()
    sessions = session_factory(engine)

    def ask() -> int:
        with sessions() as session:
            return cache.get(session, "status", (2025, None), compute, WHOLE)

    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(ask)
        started.wait(10)
        others = [pool.submit(ask) for _ in range(7)]
        release.set()
        answers = [first.result(), *(f.result() for f in others)]
    assert answers == [42] * 8 and len(computed) == 1


def test_while_one_request_computes_a_views_newer_figures_the_others_get_the_last_ones_at_once(engine: Engine) -> None:
    cache, sessions = StoreCache(), session_factory(engine)
    started, release = threading.Event(), threading.Event()

    def newer() -> int:
        started.set()
        release.wait(10)  # still computing while the others ask
        return 2

    def ask(compute: Callable[[], int]) -> int:
        with sessions() as session:
            return cache.get(session, "status", (2025, None), compute, WHOLE)

    assert ask(lambda: 1) == 1
    with sessions.begin() as session:  # the view's figures are checked again
        session.add(models.CheckedScope(scope="Tỉnh Đông", whole=False, at=datetime.now(), findings=0))
    with ThreadPoolExecutor(4) as pool:
        computing = pool.submit(ask, newer)
        started.wait(10)
        assert [pool.submit(ask, newer).result(timeout=10) for _ in range(3)] == [1, 1, 1]  # none waited
        release.set()
        assert computing.result() == 2
    assert ask(lambda: 3) == 2  # kept until the next check
