"""Accounts, roles and the audit trail on SQLite and PostgreSQL: every write endpoint against every role (401
without a session, 403 for a role that may not or another agency's task, success otherwise), CSRF, the login
rate limit, security headers, and an audit row for each change that cannot be edited afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.ingest import document_paths, ingest_file
from planwatch.serve import auth
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory
from tests.conftest import SAMPLES

PASSWORD = "mat-khau-du-dai"
USERS = {
    "quan_tri": (Role.ADMIN, None),
    "ke_hoach": (Role.PLANNING, None),
    "so_kh": (Role.AGENCY, "SKHDT"),  # task 1.1 of the 2025 plan is its own
    "so_ct": (Role.AGENCY, "SCT"),
    "xem": (Role.VIEWER, None),
}
TASK = "/api/tasks/ke-hoach-2025/1.1/updates"


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    sessions = session_factory(engine)
    for path in document_paths([SAMPLES]):
        ingest_file(sessions, path)
    with sessions.begin() as session:
        for name, (role, agency) in USERS.items():
            add_user(session, name, PASSWORD, role, agency, "test")
    auth.THROTTLE.failures.clear()
    with TestClient(create_app(engine), raise_server_exceptions=False) as test_client:
        yield test_client


def signed_in(client: TestClient, name: str | None) -> dict[str, str]:
    """Sign `name` in (or out, for None); the CSRF header its writes must send."""
    client.cookies.clear()
    if name is None:
        return {}
    answer = client.post("/api/login", json={"username": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    assert "httponly" in answer.headers["set-cookie"].lower() and "samesite=lax" in answer.headers["set-cookie"].lower()
    return {"X-CSRF-Token": client.cookies["csrftoken"]}


def _upload(client: TestClient, headers: dict[str, str], n: int) -> int:
    body = f"Báo cáo số {n}. Tổng thu ngân sách tháng 5 năm 2025 ước đạt {n},5 tỷ đồng.\n".encode()
    return client.post("/api/documents", files={"file": (f"bc-{n}.txt", body)}, headers=headers).status_code


def _task_api(client: TestClient, headers: dict[str, str], n: int) -> int:
    return client.post(TASK, json={"reported_on": "02/05/2025", "note": f"lần {n}"}, headers=headers).status_code


def _task_form(client: TestClient, headers: dict[str, str], n: int) -> int:
    form = {"doc": "ke-hoach-2025", "ref": "1.1", "reported_on": "03/05/2025", "note": f"mẫu {n}",
            "csrf_token": headers.get("X-CSRF-Token", "")}  # fmt: skip
    return client.post("/nhiem-vu/cap-nhat", data=form, follow_redirects=False).status_code


def _mapping(client: TestClient, headers: dict[str, str], n: int) -> int:
    form = {"label": f"nhãn thử {n}", "code": "BUDGET_REVENUE", "csrf_token": headers.get("X-CSRF-Token", "")}
    return client.post("/chi-tieu/gan-ma", data=form, follow_redirects=False).status_code


MATRIX = {  # who → what each write answers
    None: {"upload": 401, "task_api": 401, "task_form": 401, "mapping": 401},
    "xem": {"upload": 403, "task_api": 403, "task_form": 403, "mapping": 403},
    "so_ct": {"upload": 403, "task_api": 403, "task_form": 403, "mapping": 403},
    "so_kh": {"upload": 403, "task_api": 201, "task_form": 303, "mapping": 403},
    "ke_hoach": {"upload": 200, "task_api": 201, "task_form": 303, "mapping": 303},
    "quan_tri": {"upload": 200, "task_api": 201, "task_form": 303, "mapping": 303},
}
WRITES = {"upload": _upload, "task_api": _task_api, "task_form": _task_form, "mapping": _mapping}


def test_every_write_against_every_role(client: TestClient, engine: Engine) -> None:
    n = 0
    for who, expected in MATRIX.items():
        headers = signed_in(client, who)
        for write, status in expected.items():
            n += 1
            assert WRITES[write](client, headers, n) == status, (who, write)
    with Session(engine) as session:
        counted = select(models.AuditEntry.action, func.count()).group_by(models.AuditEntry.action)
        actions = {action: count for action, count in session.execute(counted)}
    assert actions == {"user.add": 5, "document.added": 2, "task.update": 6, "indicator.alias": 2}


def test_a_write_without_its_csrf_token_is_refused(client: TestClient) -> None:
    signed_in(client, "ke_hoach")
    assert _task_api(client, {}, 1) == 403
    assert _task_api(client, {"X-CSRF-Token": "doan-bua"}, 2) == 403
    assert "CSRF" in client.post(TASK, json={"reported_on": "02/05/2025"}).json()["error"]


def test_the_author_is_the_signed_in_user(client: TestClient) -> None:
    headers = signed_in(client, "so_kh")
    answer = client.post(TASK, json={"reported_on": "02/05/2025", "author": "ai đó khác"}, headers=headers)
    assert answer.status_code == 201 and answer.json()["author"] == "so_kh"
    assert client.get("/api/me").json() == {"username": "so_kh", "role": "agency", "agency": "SKHDT"}
    assert client.post("/api/logout").status_code == 204
    assert client.get("/api/me").status_code == 401


def test_the_tasks_page_offers_an_agency_only_its_own_tasks(client: TestClient) -> None:
    signed_in(client, "so_ct")
    page = client.get("/nhiem-vu?as_of=30/06/2025").text
    rows = {line.split('name="ref" value="')[1].split('"')[0] for line in page.splitlines() if 'name="ref"' in line}
    assert rows == {"1.2"}  # the one task of the plan assigned to Sở Công Thương


def test_sign_in_is_rate_limited(client: TestClient) -> None:
    for _ in range(5):
        assert client.post("/api/login", json={"username": "ke_hoach", "password": "sai"}).status_code == 401
    assert client.post("/api/login", json={"username": "ke_hoach", "password": PASSWORD}).status_code == 429


def test_the_audit_trail_cannot_be_edited(client: TestClient, engine: Engine) -> None:
    with engine.connect() as connection, pytest.raises(DBAPIError):
        connection.execute(text("UPDATE audit SET username = 'khac'"))
    with engine.connect() as connection, pytest.raises(DBAPIError):
        connection.execute(text("DELETE FROM audit"))
    signed_in(client, "ke_hoach")
    assert "user.add" in client.get("/nhat-ky").text
    signed_in(client, "xem")
    assert client.get("/nhat-ky").status_code == 403


def test_pages_carry_security_headers(client: TestClient) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "Đăng nhập" in page.text
