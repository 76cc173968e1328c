"""Accounts, roles and the audit trail on SQLite and PostgreSQL: every write endpoint against every role (401
without a session, 403 for a role that may not or another agency's task, success otherwise), CSRF, the login
rate limit, security headers, and an audit row for each change that cannot be edited afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory
from tests.conftest import with_samples

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
def client(engine: Engine, samples_template: Path) -> Iterator[TestClient]:
    sessions = session_factory(with_samples(engine, samples_template))
    with sessions.begin() as session:
        for name, (role, agency) in USERS.items():
            add_user(session, name, PASSWORD, role, agency, "test")
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
    return client.post(
        "/api/documents", params={"wait": 30}, files={"file": (f"bc-{n}.txt", body)}, headers=headers
    ).status_code


def _task_api(client: TestClient, headers: dict[str, str], n: int) -> int:
    return client.post(TASK, json={"reported_on": "02/05/2025", "note": f"lần {n}"}, headers=headers).status_code


def _task_form(client: TestClient, headers: dict[str, str], n: int) -> int:
    form = {"doc": "ke-hoach-2025", "ref": "1.1", "reported_on": "03/05/2025", "note": f"mẫu {n}",
            "csrf_token": headers.get("X-CSRF-Token", "")}  # fmt: skip
    return client.post("/nhiem-vu/cap-nhat", data=form, follow_redirects=False).status_code


def _mapping(client: TestClient, headers: dict[str, str], n: int) -> int:
    form = {"label": f"nhãn thử {n}", "code": "BUDGET_REVENUE", "csrf_token": headers.get("X-CSRF-Token", "")}
    return client.post("/chi-tieu/gan-ma", data=form, follow_redirects=False).status_code


def _delete(client: TestClient, headers: dict[str, str], n: int) -> int:
    """Deletes the document this role uploaded four writes before (a refused role uploaded none)."""
    form = {"reason": "tải nhầm", "csrf_token": headers.get("X-CSRF-Token", "")}
    answer = client.post(f"/van-ban/bc-{n - 4}/xoa", data=form, follow_redirects=False)
    assert answer.status_code != 303 or "Đã xoá" in unquote(answer.headers["location"])
    return answer.status_code


def _target(client: TestClient, headers: dict[str, str], n: int) -> int:
    form = {"year": "2025", "value": f"{n}.000", "unit": "tỷ đồng", "reason": "điều chỉnh",
            "csrf_token": headers.get("X-CSRF-Token", "")}  # fmt: skip
    return client.post("/chi-tieu/INDUSTRIAL_OUTPUT/ke-hoach", data=form, follow_redirects=False).status_code


def _agency(client: TestClient, headers: dict[str, str], n: int) -> int:
    form = {"alias": f"Phòng thử nghiệm {n}", "code": "SKHDT", "csrf_token": headers.get("X-CSRF-Token", "")}
    return client.post("/co-quan/them", data=form, follow_redirects=False).status_code


WRITES = {"upload": _upload, "task_api": _task_api, "task_form": _task_form, "mapping": _mapping, "delete": _delete,
          "target": _target, "agency": _agency}  # fmt: skip
MATRIX = {  # who → what each write of WRITES answers, in its order
    None: (401, 401, 401, 401, 401, 401, 401),
    "xem": (403, 403, 403, 403, 403, 403, 403),
    "so_ct": (403, 403, 403, 403, 403, 403, 403),  # another agency's task
    "so_kh": (403, 201, 303, 403, 403, 403, 403),  # its own task only
    "ke_hoach": (200, 201, 303, 303, 303, 303, 303),
    "quan_tri": (200, 201, 303, 303, 303, 303, 303),
}


def test_every_write_against_every_role(client: TestClient, engine: Engine) -> None:
    n = 0
    for who, expected in MATRIX.items():
        headers = signed_in(client, who)
        for write, status in zip(WRITES, expected, strict=True):
            n += 1
            assert WRITES[write](client, headers, n) == status, (who, write)
    with Session(engine) as session:
        counted = select(models.AuditEntry.action, func.count()).group_by(models.AuditEntry.action)
        actions = {action: count for action, count in session.execute(counted)}
    assert actions == {"user.add": 5, "document.added": 2, "task.update": 6, "indicator.alias": 2, "document.delete": 2,
                       "target.set": 2, "agency.alias": 2}  # fmt: skip


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
    assert client.post("/api/logout", headers=headers).status_code == 204
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


def test_a_password_hashed_with_the_libraries_default_is_hashed_again_at_sign_in(
    client: TestClient, engine: Engine
) -> None:
    """Hashes use OWASP's Argon2id parameters (19 MiB, one lane: a server verifies several sign-ins at once); one
    made before with argon2-cffi's default (64 MiB, four lanes) still signs in, and is then replaced."""
    with session_factory(engine).begin() as session:
        user = session.scalar(select(models.User).where(models.User.username == "xem"))
        assert user is not None and "$m=19456,t=2,p=1$" in user.password_hash
        user.password_hash = PasswordHasher().hash(PASSWORD)
    signed_in(client, "xem")
    with session_factory(engine)() as session:
        assert "$m=19456,t=2,p=1$" in session.scalar(
            select(models.User.password_hash).where(models.User.username == "xem")
        )


def test_the_audit_trail_cannot_be_edited(client: TestClient, engine: Engine) -> None:
    with engine.connect() as connection, pytest.raises(DBAPIError):
        connection.execute(text("UPDATE audit SET username = 'khac'"))
    with engine.connect() as connection, pytest.raises(DBAPIError):
        connection.execute(text("DELETE FROM audit"))
    signed_in(client, "ke_hoach")
    assert "Thêm tài khoản" in client.get("/nhat-ky").text
    signed_in(client, "xem")
    assert client.get("/nhat-ky").status_code == 403


def test_pages_carry_security_headers(client: TestClient) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "Đăng nhập" in page.text


def test_a_locked_month_refuses_its_task_updates_until_an_admin_reopens_it(client: TestClient, engine: Engine) -> None:
    planning = signed_in(client, "ke_hoach")
    assert client.post("/api/periods/2025-05/lock", json={"reason": "đã duyệt"}, headers=planning).status_code == 201
    assert client.get("/api/periods").json()[0]["month"] == "2025-05"
    agency = signed_in(client, "so_kh")
    refused = client.post(TASK, json={"reported_on": "02/05/2025"}, headers=agency)
    assert refused.status_code == 409 and "đã khoá" in refused.json()["error"]
    assert _task_api(client, agency, 1) == 409
    assert client.post(TASK, json={"reported_on": "02/06/2025"}, headers=agency).status_code == 201  # June is open
    planning = signed_in(client, "ke_hoach")
    assert client.post("/api/periods/2025-05/unlock", json={"reason": "sửa"}, headers=planning).status_code == 403
    admin = signed_in(client, "quan_tri")
    assert client.post("/api/periods/2025-05/unlock", json={}, headers=admin).status_code == 400  # no reason
    assert client.post("/api/periods/2025-05/unlock", json={"reason": "sở báo sai"}, headers=admin).status_code == 200
    assert _task_api(client, signed_in(client, "so_kh"), 2) == 201
    with Session(engine) as session:
        actions = [a for (a,) in session.execute(select(models.AuditEntry.action).order_by(models.AuditEntry.id))]
    assert actions[-4:] == ["period.lock", "task.update", "period.unlock", "task.update"]


def _entry(client: TestClient, headers: dict[str, str], month: str, values: dict[str, str]) -> Response:
    form = {"month": month, "agency": "SCT", "csrf_token": headers.get("X-CSRF-Token", ""), **values}
    return client.post("/nhap-so-lieu", data=form, follow_redirects=False)


def test_an_agency_enters_its_month_and_the_planning_office_approves(client: TestClient, engine: Engine) -> None:
    so_ct = signed_in(client, "so_ct")
    page = client.get("/nhap-so-lieu?month=2025-05").text
    assert "Kim ngạch xuất khẩu" in page and "15/04/2025 – 14/05/2025" in page
    bad = _entry(client, so_ct, "2025-05", {"EXPORTS.month": "nhiều lắm"})
    assert bad.status_code == 400 and "không phải một số" in bad.text
    saved = _entry(client, so_ct, "2025-05", {"EXPORTS.month": "1.234,5", "EXPORTS.to_date": "5.012,3",
                                              "EXPORTS.estimate": "on"})  # fmt: skip
    assert saved.status_code == 303
    facts = client.get("/api/facts", params={"doc": "nhap-lieu-sct-2025-05"}).json()
    assert sorted((f["period_start"], f["value"], f["estimate"]) for f in facts) == [
        ("2025-01", 5012.3, True), ("2025-05", 1234.5, True)]  # fmt: skip
    shown = client.get("/van-ban/nhap-lieu-sct-2025-05").text
    assert "Số liệu Sở Công Thương tháng 5/2025" in shown and "Kim ngạch xuất khẩu tháng 5/2025: 1.234,5" in shown
    assert (
        _entry(client, signed_in(client, "so_kh"), "2025-05", {"EXPORTS.month": "1"}).status_code == 403
    )  # not its own
    planning = signed_in(client, "ke_hoach")
    overview = client.get("/nhap-so-lieu/tong-hop?month=2025-05").text
    assert "Sở Công Thương" in overview and "chưa gửi" in overview
    approve = {"key": "nhap-lieu-sct-2025-05", "month": "2025-05", "csrf_token": planning["X-CSRF-Token"]}
    assert client.post("/nhap-so-lieu/duyet", data=approve, follow_redirects=False).status_code == 303
    assert "✓ đã duyệt" in client.get("/nhap-so-lieu/tong-hop?month=2025-05").text
    assert client.post("/api/periods/2025-05/lock", json={"reason": "đã duyệt"}, headers=planning).status_code == 201
    refused = _entry(client, signed_in(client, "so_ct"), "2025-05", {"EXPORTS.month": "1.300"})
    assert refused.status_code == 409 and "đã khoá" in refused.text
    with Session(engine) as session:
        actions = [a for (a,) in session.execute(select(models.AuditEntry.action).order_by(models.AuditEntry.id))]
    assert actions[-3:] == ["entry.submit", "entry.approve", "period.lock"]


def test_the_planning_office_corrects_a_documents_details_with_a_reason(client: TestClient, engine: Engine) -> None:
    planning = signed_in(client, "ke_hoach")
    form = {"title": "Báo cáo tình hình kinh tế - xã hội tháng 4 năm 2025", "symbol": "85/BC-UBND",
            "issued": "05/05/2025", "reason": "theo bản đã ký", "csrf_token": planning["X-CSRF-Token"]}  # fmt: skip
    answer = client.post("/van-ban/bao-cao-thang-4-2025/sua", data=form, follow_redirects=False)
    assert answer.status_code == 303
    page = client.get("/van-ban/bao-cao-thang-4-2025").text
    assert "Báo cáo tình hình kinh tế - xã hội tháng 4 năm 2025" in page and "Số: 85/BC-UBND" in page
    no_reason = client.post("/van-ban/bao-cao-thang-4-2025/sua", data={**form, "reason": ""}, follow_redirects=False)
    assert "cần lý do" in client.get(no_reason.headers["location"]).text
    agency = signed_in(client, "so_ct")
    form["csrf_token"] = agency["X-CSRF-Token"]
    assert client.post("/van-ban/bao-cao-thang-4-2025/sua", data=form).status_code == 403
    with Session(engine) as session:
        entry = session.scalar(select(models.AuditEntry).where(models.AuditEntry.action == "document.correct"))
    assert (
        entry is not None and entry.after and entry.after["symbol"] == "85/BC-UBND" and entry.reason == "theo bản đã ký"
    )
