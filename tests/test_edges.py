"""Every input bounded and checked where it enters, so no stored value can break a page later: months, figures
(finite, within their unit's range), text lengths, agency codes; the audit trail append-only against every
statement; refusals in words; user names for signed-in users only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.cli.main import app as cli
from planwatch.read.errors import RejectedFile
from planwatch.read.files import read_bytes
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory
from tests.conftest import with_samples

from .hostile import pdf_stream_bomb

PASSWORD = "mat-khau-du-dai"


@pytest.fixture
def client(engine: Engine, samples_template: Path) -> Iterator[TestClient]:
    with TestClient(create_app(with_samples(engine, samples_template)), raise_server_exceptions=False) as test_client:
        yield test_client


def _entry(client: TestClient, month: str, value: str) -> int:
    form = {"month": month, "agency": "SCT", "author": "nguoi nhap", "IIP.month": value}
    return client.post("/nhap-so-lieu", data=form, follow_redirects=False).status_code


def test_a_month_that_does_not_exist_is_a_400(client: TestClient) -> None:
    assert _entry(client, "2024-13", "5,2") == 400
    assert _entry(client, "0000-01", "5,2") == 400
    assert _entry(client, "2024-1", "5,2") == 400


def test_a_figure_past_its_units_range_is_a_400_and_pages_still_answer(client: TestClient, engine: Engine) -> None:
    assert _entry(client, "2025-03", "9" * 400) == 400
    assert _entry(client, "2025-03", "1e999") == 400
    with engine.connect() as connection:
        stored = connection.scalars(select(models.Fact.value)).all()
    assert all(abs(value) < 1e300 for value in stored)
    assert client.get("/api/report/indicators", params={"kind": "six-month", "period": "2025-06"}).status_code == 200


def test_a_task_note_of_5_mb_is_refused(client: TestClient) -> None:
    update = {"reported_on": "02/05/2025", "note": "x" * 5_000_000, "author": "a"}
    answer = client.post("/api/tasks/ke-hoach-2025/1.1/updates", json=update)
    assert answer.status_code == 400 and "10.000" in answer.json()["error"]


def test_an_account_of_an_agency_not_in_the_registry_is_refused(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 's.db'}"]
    refused = CliRunner().invoke(
        cli, [*db, "user", "add", "so_a", "--role", "agency", "--agency", "NOPE"], input=PASSWORD
    )
    assert refused.exit_code == 1 and "NOPE" in refused.output
    added = CliRunner().invoke(cli, [*db, "user", "add", "so_b", "--role", "agency", "--agency", "SCT"], input=PASSWORD)
    assert added.exit_code == 0


def test_the_audit_trail_cannot_be_replaced_or_truncated(client: TestClient, engine: Engine) -> None:
    assert client.post("/api/tasks/ke-hoach-2025/1.1/updates", json={"reported_on": "02/05/2025", "author": "a"})
    with engine.connect() as connection:
        first = connection.scalar(select(func.min(models.AuditEntry.id)))
        rows = connection.scalar(select(func.count()).select_from(models.AuditEntry))
    assert first is not None and rows
    columns = "id, at, username, action, entity, reason"
    values = f"{first}, '2020-01-01 00:00:00', 'khac', 'x', 'x', 'x'"
    statements = (
        [
            f"REPLACE INTO audit ({columns}) VALUES ({values})",
            f"INSERT OR REPLACE INTO audit ({columns}) VALUES ({values})",
        ]
        if engine.dialect.name == "sqlite"
        else ["TRUNCATE audit", "TRUNCATE audit CASCADE"]
    )
    for statement in statements:
        with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
            connection.commit()
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(models.AuditEntry)) == rows
        assert connection.scalar(select(models.AuditEntry.username).where(models.AuditEntry.id == first)) != "khac"


def _refusal(name: str, data: bytes) -> str:
    with pytest.raises(RejectedFile) as caught:
        read_bytes(name, data)
    return caught.value.reason


def test_refusals_are_in_words() -> None:
    assert _refusal("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF").startswith("tệp PDF hỏng")
    for noise in (os.urandom(4000), bytes(range(128, 256)) * 30):
        reason = _refusal("ngau-nhien.txt", noise)
        assert "nhị phân" in reason and "VNI" not in reason


@pytest.mark.slow  # makes a 600 MB stream
def test_a_pdf_stream_bomb_stops_at_the_childs_memory_cap() -> None:
    reason = _refusal("bom.pdf", pdf_stream_bomb(600 * 1024**2))
    assert reason.startswith("tệp PDF hỏng") and "Error" not in reason


def test_user_names_are_for_signed_in_users_only(engine: Engine, samples_template: Path) -> None:
    sessions = session_factory(with_samples(engine, samples_template))
    with sessions.begin() as session:
        add_user(session, "ke_hoach", PASSWORD, Role.PLANNING, None, "test")
    with TestClient(create_app(engine), raise_server_exceptions=False) as client:
        client.post("/api/login", json={"username": "ke_hoach", "password": PASSWORD})
        token = {"X-CSRF-Token": client.cookies["csrftoken"]}
        update = {"reported_on": "02/05/2025", "note": "đã xong phần đầu"}
        assert client.post("/api/tasks/ke-hoach-2025/1.1/updates", json=update, headers=token).status_code == 201
        client.post("/api/documents", files={"file": ("bc.txt", "Báo cáo tháng 3 năm 2025.\n".encode())}, headers=token)
        assert client.get("/api/jobs").json()[0]["submitted_by"] == "ke_hoach"
        assert "ke_hoach" in client.get("/nhiem-vu/ke-hoach-2025/1.1").text
        client.cookies.clear()
        assert client.get("/api/jobs").json()[0]["submitted_by"] == ""
        assert client.get("/api/jobs", params={"user": "ke_hoach"}).json()[0]["submitted_by"] == ""
        page = client.get("/nhiem-vu/ke-hoach-2025/1.1")
        assert page.status_code == 200 and "đã xong phần đầu" in page.text and "ke_hoach" not in page.text
