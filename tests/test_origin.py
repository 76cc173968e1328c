"""Writes from other sites and other hosts: a store without accounts takes writes only from requests sent to this
machine's own name, from its own pages or from programs; `serve` on a network address refuses to start without
accounts; with accounts, Origin/Referer is checked on every write too, sign-in and sign-out included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.cli.main import app as cli
from planwatch.serve.app import create_app
from planwatch.serve.origin import is_loopback
from planwatch.store.db import session_factory
from tests.conftest import with_samples

TASK = "/api/tasks/ke-hoach-2025/1.1/updates"
UPDATE = {"reported_on": "02/05/2025", "note": "tiến độ", "author": "evil"}
ELSEWHERE = {"Origin": "https://evil.example"}
PASSWORD = "mat-khau-du-dai"


@pytest.fixture
def open_store(engine: Engine, samples_template: Path) -> Iterator[TestClient]:
    with TestClient(create_app(with_samples(engine, samples_template)), raise_server_exceptions=False) as client:
        yield client


def test_open_mode_refuses_writes_from_another_site(open_store: TestClient) -> None:
    assert open_store.post(TASK, json=UPDATE, headers=ELSEWHERE).status_code == 403
    assert open_store.post(TASK, json=UPDATE, headers={"Referer": "https://evil.example/trang"}).status_code == 403
    assert open_store.post(TASK, json=UPDATE, headers={"Origin": "null"}).status_code == 403
    deleted = open_store.post("/van-ban/ke-hoach-2025/xoa", data={"reason": "x"}, headers=ELSEWHERE)
    assert deleted.status_code == 403
    uploaded = open_store.post("/api/documents", files={"file": ("a.txt", b"Bao cao")}, headers=ELSEWHERE)
    assert uploaded.status_code == 403
    assert open_store.get("/van-ban/ke-hoach-2025").status_code == 200  # still there
    assert open_store.post(TASK, json=UPDATE, headers={"Origin": "http://testserver"}).status_code == 201
    assert open_store.post(TASK, json=UPDATE).status_code == 201  # a program: no page sent it


def test_open_mode_refuses_writes_sent_to_a_foreign_host(open_store: TestClient) -> None:
    """DNS rebinding: a site whose name points at 127.0.0.1 sends requests naming its own host."""
    foreign = {"Host": "evil.example", "Origin": "http://evil.example"}
    assert open_store.post(TASK, json=UPDATE, headers=foreign).status_code == 403
    assert open_store.post(TASK, json=UPDATE, headers={"Host": "evil.example"}).status_code == 403
    assert open_store.post(TASK, json=UPDATE, headers={"Host": "127.0.0.1:8000"}).status_code == 201
    assert open_store.post(TASK, json=UPDATE, headers={"Host": "localhost:8000"}).status_code == 201


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("[::1]", True),
                         ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False), ("evil.example", False)])  # fmt: skip
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_on_a_network_address_without_accounts_refuses_to_start(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{tmp_path / 's.db'}", "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "chưa có tài khoản" in result.output and "user add" in result.output


@pytest.fixture
def accounts(engine: Engine, samples_template: Path) -> Iterator[TestClient]:
    sessions = session_factory(with_samples(engine, samples_template))
    with sessions.begin() as session:
        add_user(session, "ke_hoach", PASSWORD, Role.PLANNING, None, "test")
    with TestClient(create_app(engine), raise_server_exceptions=False) as client:
        yield client


def test_with_accounts_another_site_can_neither_write_nor_sign_in_or_out(accounts: TestClient) -> None:
    credentials = {"username": "ke_hoach", "password": PASSWORD}
    assert accounts.post("/api/login", json=credentials, headers=ELSEWHERE).status_code == 403
    assert accounts.post("/dang-nhap", data=credentials, headers=ELSEWHERE, follow_redirects=False).status_code == 403
    assert "pw_session" not in accounts.cookies
    assert accounts.post("/api/login", json=credentials, headers={"Origin": "http://testserver"}).status_code == 200
    token = {"X-CSRF-Token": accounts.cookies["csrftoken"]}
    assert accounts.post(TASK, json=UPDATE, headers={**token, **ELSEWHERE}).status_code == 403
    assert accounts.post(TASK, json=UPDATE, headers=token).status_code == 201
    assert accounts.post("/api/logout").status_code == 403  # no token: a page elsewhere cannot sign anyone out
    assert accounts.post("/dang-xuat", follow_redirects=False).status_code == 403
    assert accounts.get("/api/me").status_code == 200
    assert (
        accounts.post("/dang-xuat", data={"csrf_token": token["X-CSRF-Token"]}, follow_redirects=False).status_code
        == 303
    )
    assert accounts.get("/api/me").status_code == 401
