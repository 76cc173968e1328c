"""Failed sign-ins are counted in the store: two server processes share one count, a locked-out user is told when
to try again, and the client's address comes from X-Forwarded-For only when the peer is a proxy named as trusted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from planwatch.access import throttle
from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.serve.app import create_app
from planwatch.serve.origin import TRUSTED_PROXY
from planwatch.store.db import session_factory

PASSWORD = "mat-khau-du-dai"
WRONG = {"username": "ke_hoach", "password": "sai-mat-khau"}
RIGHT = {"username": "ke_hoach", "password": PASSWORD}


@pytest.fixture
def store(engine: Engine) -> Iterator[Engine]:
    with session_factory(engine).begin() as session:
        add_user(session, "ke_hoach", PASSWORD, Role.PLANNING, None, "test")
    yield engine


def _login(client: TestClient, credentials: dict[str, str], forwarded: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post("/api/login", json=credentials, headers=headers).status_code


def test_a_locked_out_user_is_told_when_to_retry_by_every_process(store: Engine) -> None:
    with TestClient(create_app(store)) as first, TestClient(create_app(store)) as second:
        for n in range(throttle.PER_ACCOUNT_AND_ADDRESS):
            assert _login(first if n % 2 else second, WRONG) == 401  # the failures of both processes add up
        for client in (first, second):
            refused = client.post("/api/login", json=RIGHT)
            assert refused.status_code == 429
            assert "thử lại sau" in refused.json()["error"]
            assert 0 < int(refused.headers["retry-after"]) <= throttle.WINDOW.total_seconds()


def test_a_forwarded_address_is_ignored_unless_the_proxy_is_trusted(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TRUSTED_PROXY, raising=False)
    with TestClient(create_app(store)) as client:
        for n in range(throttle.PER_ACCOUNT_AND_ADDRESS):
            assert _login(client, WRONG, f"10.0.0.{n}") == 401
        assert _login(client, RIGHT, "10.0.0.99") == 429  # a header anyone can send changes nothing


def test_behind_a_trusted_proxy_each_client_has_its_own_count(store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRUSTED_PROXY, "testclient")  # the test client's peer address
    with TestClient(create_app(store)) as client:
        for _ in range(throttle.PER_ACCOUNT_AND_ADDRESS):
            assert _login(client, WRONG, "203.0.113.7") == 401
        assert _login(client, RIGHT, "203.0.113.7") == 429
        assert _login(client, RIGHT, "198.51.100.2") == 200  # the real user, elsewhere, is not locked out
        assert _login(client, RIGHT, "198.51.100.2, 203.0.113.7") == 429  # the proxy's own entry is the last one


def test_an_address_trying_many_names_is_limited(store: Engine) -> None:
    with TestClient(create_app(store)) as client:
        for n in range(throttle.PER_ADDRESS):
            assert _login(client, {"username": f"ten_{n}", "password": "x"}) == 401
        assert _login(client, RIGHT) == 429
