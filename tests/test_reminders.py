"""Daily reminders over real SQLite and PostgreSQL stores holding the samples, sent to a real SMTP server on
127.0.0.1 (aiosmtpd, with STARTTLS and a login where asked); the days are pinned, never today's."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword
from aiosmtpd.smtp import Session as SmtpSession
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from planwatch.access.accounts import add_user
from planwatch.access.entry import EntryLine, submit
from planwatch.access.roles import Role
from planwatch.cli.main import app
from planwatch.edits.reminders import set_preference
from planwatch.jobs.daily import run_reminders
from planwatch.jobs.worker import Worker
from planwatch.remind import digest
from planwatch.remind.deliver import DigestState, deliver, mark_read, notifications, unread
from planwatch.remind.digest import Channel, ItemKind
from planwatch.remind.settings import ReminderSettings
from planwatch.serve.app import create_app
from planwatch.store import models, reminder_models
from planwatch.store.db import session_factory
from planwatch.vocab.periods import Month

from .conftest import stored_copy, with_samples

JUNE_25 = date(2025, 6, 25)  # ke-hoach-2025 item 1.2 (Sở Công Thương) is due 30/06, three tasks are long overdue
MORNING = datetime(2025, 6, 25, 8, 0)


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.logins: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: SmtpSession, envelope: Envelope) -> str:
        mail = message_from_bytes(envelope.content, policy=policy.default)  # type: ignore[arg-type]
        with self.lock:
            self.mails.append(mail)  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.mails if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, str]]:
    """A plain SMTP server on 127.0.0.1 and the PLANWATCH_SMTP_URL that reaches it."""
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, f"smtp://127.0.0.1:{port}?from=planwatch@anha.gov.vn"
    controller.stop()


@pytest.fixture
def store(engine: Engine, samples_template: Path) -> sessionmaker[Session]:
    """The samples; Sở Công Thương by mail, Sở Lao động - TB&XH in the app, Sở KH&ĐT by nobody's wish, planning by mail."""
    sessions = session_factory(with_samples(engine, samples_template))
    with sessions.begin() as session:
        for name, role, agency in (("sct", Role.AGENCY, "SCT"), ("sldtbxh", Role.AGENCY, "SLDTBXH"),
                                   ("skhdt", Role.AGENCY, "SKHDT"), ("khdt", Role.PLANNING, None)):  # fmt: skip
            add_user(session, name, "mat-khau-dai-du", role, agency, "test")
        set_preference(session, "sct", Channel.MAIL, "sct@anha.gov.vn", "test")
        set_preference(session, "sldtbxh", Channel.APP, None, "test")
        set_preference(session, "skhdt", Channel.NONE, None, "test")
        set_preference(session, "khdt", Channel.MAIL, "khdt@anha.gov.vn", "test")
    return sessions


def _digests(sessions: sessionmaker[Session]) -> dict[str, reminder_models.ReminderDigest]:
    with sessions() as session:
        rows = session.execute(
            select(models.User.username, reminder_models.ReminderDigest).join(reminder_models.ReminderDigest)
        )
        return {name: digest for name, digest in rows}


def test_one_digest_per_user_with_the_right_tasks(store: sessionmaker[Session], smtp: tuple[Inbox, str]) -> None:
    inbox, url = smtp
    settings = ReminderSettings(smtp_url=url, base_url="https://kehoach.anha.gov.vn")
    deliveries = {d.username: d for d in deliver(store, JUNE_25, settings, MORNING)}
    assert set(deliveries) == {"sct", "sldtbxh", "khdt"}  # skhdt turned reminders off
    assert deliveries["sct"].state is DigestState.SENT and deliveries["sldtbxh"].state is DigestState.APP
    assert len(inbox.mails) == 2 and len(inbox.to("sct@anha.gov.vn")) == 1
    agency = inbox.to("sct@anha.gov.vn")[0]
    text = agency.get_content()  # type: ignore[attr-defined]
    assert agency["Subject"] == "[PlanWatch] Nhắc việc ngày 25/06/2025: 1 sắp đến hạn"
    assert "Kính gửi sct," in text and "Nhiệm vụ đến hạn trong 7 ngày tới" in text
    assert "ke-hoach-2025 mục 1.2" in text and "https://kehoach.anha.gov.vn/nhiem-vu/ke-hoach-2025/1.2" in text
    assert "mục 1.1" not in text  # Sở Kế hoạch và Đầu tư's task is not Sở Công Thương's business
    planning = inbox.to("khdt@anha.gov.vn")[0].get_content()  # type: ignore[attr-defined]
    assert "Nhiệm vụ quá hạn trên 14 ngày" in planning and "mục 1.1" in planning and "mục 3.1" in planning
    assert "Sở Công Thương: chưa nhập số liệu tháng 6/2025 (hạn 19/06/2025)" in planning
    stored = _digests(store)
    assert [i["ref"] for i in stored["sct"].items] == ["1.2"] and [i["ref"] for i in stored["sldtbxh"].items] == ["3.1"]


def test_none_sent_twice_after_a_restart_or_with_two_workers(
    store: sessionmaker[Session], smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    settings = ReminderSettings(smtp_url=url)
    start = threading.Barrier(2)

    def worker_run() -> None:
        start.wait()
        run_reminders(store, MORNING, settings)

    threads = [threading.Thread(target=worker_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(inbox.mails) == 2
    restarted = Worker(store, poll=0.05, reminders=settings, clock=lambda: MORNING.replace(hour=9))
    restarted.start()
    try:
        _until(lambda: _job_state(store) == "done")
        time.sleep(0.3)  # several polls of the restarted worker
    finally:
        restarted.stop()
    assert len(inbox.mails) == 2 and len(_digests(store)) == 3


def test_the_worker_sends_the_days_digests_once_their_time_has_come(
    store: sessionmaker[Session], smtp: tuple[Inbox, str]
) -> None:
    inbox, url = smtp
    now = [datetime(2025, 6, 25, 6, 30)]
    worker = Worker(store, poll=0.05, reminders=ReminderSettings(smtp_url=url), clock=lambda: now[0])
    worker.start()
    try:
        time.sleep(0.3)
        assert inbox.mails == [] and _job_state(store) is None  # before 07:00 nothing goes out
        now[0] = MORNING
        _until(lambda: len(inbox.mails) == 2)
        _until(lambda: _job_state(store) == "done")
    finally:
        worker.stop()


def test_a_run_that_died_while_sending_never_sends_again(store: sessionmaker[Session], smtp: tuple[Inbox, str]) -> None:
    inbox, url = smtp
    deliver(store, JUNE_25, ReminderSettings(), MORNING)  # no SMTP server configured: the mails fail, kept in the app
    assert {d.state for d in _digests(store).values()} == {DigestState.FAILED, DigestState.APP}
    with store.begin() as session:  # a run that claimed the planning mail, then died before handing it over
        khdt = session.scalar(select(models.User.id).where(models.User.username == "khdt"))
        session.execute(
            update(reminder_models.ReminderDigest)
            .where(reminder_models.ReminderDigest.user_id == khdt)
            .values(state=DigestState.SENDING)
        )
    again = {d.username: d for d in deliver(store, JUNE_25, ReminderSettings(smtp_url=url), MORNING)}
    assert again["sct"].state is DigestState.SENT and not again["sct"].made  # tried again, sent
    assert again["khdt"].state is DigestState.SENDING  # never twice: left as the dead run left it
    assert [m["To"] for m in inbox.mails] == ["sct@anha.gov.vn"]


def test_opting_out_and_choosing_the_app_are_respected(store: sessionmaker[Session], smtp: tuple[Inbox, str]) -> None:
    inbox, url = smtp
    with store.begin() as session:
        set_preference(session, "sct", Channel.NONE, None, "sct")
        set_preference(session, "khdt", Channel.APP, None, "khdt")
    deliveries = {d.username: d for d in deliver(store, JUNE_25, ReminderSettings(smtp_url=url), MORNING)}
    assert set(deliveries) == {"sldtbxh", "khdt"} and inbox.mails == []
    assert deliveries["khdt"].state is DigestState.APP
    with store() as session:
        audit = session.scalars(
            select(models.AuditEntry.entity).where(models.AuditEntry.action == "reminders.preference")
        )
        assert "user:sct" in list(audit)


def test_data_entry_closing_until_the_agency_submits(store: sessionmaker[Session]) -> None:
    """Decree 09/2019: July's window ends on 14/07, our due date is five days later."""
    settings = ReminderSettings()
    july_15 = date(2025, 7, 15)
    items = {d.username: d for d in deliver(store, july_15, settings, datetime(2025, 7, 15, 8))}
    entries = [i for i in _digests(store)["sldtbxh"].items if i["kind"] == ItemKind.ENTRY_CLOSING]
    assert items["sldtbxh"].items == 2 and [(e["month"], e["due"]) for e in entries] == [("2025-07", "2025-07-19")]
    with store.begin() as session:
        submit(session, "SLDTBXH", Month(2025, 7), [EntryLine("NEW_JOBS", 2100.0, None, "người", True)], "sldtbxh",
               datetime(2025, 7, 16, 9))  # fmt: skip
    deliver(store, date(2025, 7, 16), settings, datetime(2025, 7, 16, 8))
    with store() as session:
        labour = session.scalar(select(models.User.id).where(models.User.username == "sldtbxh"))
        assert labour is not None
        latest = notifications(session, labour)[0]
    assert latest.day == date(2025, 7, 16) and all(i.kind is not ItemKind.ENTRY_CLOSING for i in latest.items)


def test_the_app_lists_digests_and_counts_the_unread(store: sessionmaker[Session]) -> None:
    deliver(store, JUNE_25, ReminderSettings(), MORNING)
    deliver(store, date(2025, 6, 26), ReminderSettings(), datetime(2025, 6, 26, 8))
    with store.begin() as session:
        khdt = session.scalar(select(models.User.id).where(models.User.username == "khdt"))
        assert khdt is not None and unread(session, khdt) == 2
        listed = notifications(session, khdt)
        assert [n.day for n in listed] == [date(2025, 6, 26), JUNE_25]
        assert any(i.kind is ItemKind.ESCALATED and i.link == "/nhiem-vu/ke-hoach-2025/1.1" for i in listed[0].items)
        assert mark_read(session, khdt, datetime(2025, 6, 26, 9)) == 2
    with store() as session:
        assert unread(session, khdt) == 0


def test_starttls_and_login(store: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(server_context)
    authority_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(authority_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(authority_file))  # the mail's TLS trusts the test authority
    inbox, port = Inbox(), _free_port()

    def login(server: Any, session: SmtpSession, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"planwatch", b"m@t khau")
        inbox.logins.append(mechanism)
        return AuthResult(success=ok, handled=False)

    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=server_context,
                            require_starttls=True, authenticator=login, auth_required=True)  # fmt: skip
    controller.start()
    try:
        url = f"smtp://planwatch:m%40t%20khau@127.0.0.1:{port}?starttls=1&from=planwatch@anha.gov.vn"
        deliveries = {d.username: d for d in deliver(store, JUNE_25, ReminderSettings(smtp_url=url), MORNING)}
        wrong = url.replace("m%40t%20khau", "sai")
        refused = deliver(store, date(2025, 6, 26), ReminderSettings(smtp_url=wrong), datetime(2025, 6, 26, 8))
    finally:
        controller.stop()
    assert deliveries["sct"].state is DigestState.SENT and len(inbox.mails) == 2 and inbox.logins
    assert all(d.state is DigestState.FAILED and "535" in d.error for d in refused if d.username != "sldtbxh")


def test_remind_dry_run_on_the_command_line(samples_template: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{stored_copy(samples_template, tmp_path)}"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "user", "add", "sct", "--role", "agency", "--agency", "SCT"],
                         input="mat-khau-dai-du\n").exit_code == 0  # fmt: skip
    result = runner.invoke(app, ["--db", db, "remind", "--as-of", "25/06/2025", "--dry-run"])
    assert result.exit_code == 0 and "ke-hoach-2025 mục 1.2" in result.stdout and "1 bản nhắc việc" in result.stdout
    result = runner.invoke(app, ["--db", db, "user", "notify", "sct", "--channel", "mail"])
    assert result.exit_code == 1 and "địa chỉ thư" in result.stderr


def _job_state(sessions: sessionmaker[Session]) -> str | None:
    with sessions() as session:
        return session.scalar(select(reminder_models.DailyJob.state).where(reminder_models.DailyJob.name == "remind"))


def _until(condition: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_a_long_list_names_the_first_due_and_one_line_for_the_rest(
    store: sessionmaker[Session], smtp: tuple[Inbox, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, url = smtp
    deliver(store, JUNE_25, ReminderSettings(), MORNING)  # in the app: every long-overdue task
    whole = [i for i in _digests(store)["khdt"].items if i["kind"] == "escalated"]
    monkeypatch.setattr(digest, "ITEMS_LISTED", 1)
    settings = ReminderSettings(smtp_url=url, base_url="https://kehoach.anha.gov.vn")
    deliver(store, date(2025, 6, 26), settings, datetime(2025, 6, 26, 8))
    with store() as session:
        khdt = session.scalar(select(models.User.id).where(models.User.username == "khdt"))
        assert khdt is not None
        cut = [i for i in notifications(session, khdt)[0].items if i.kind is ItemKind.ESCALATED]
    assert len(whole) >= 2 and len(cut) == 2
    assert cut[0].ref == min(whole, key=lambda i: str(i["due"]))["ref"]  # the one overdue longest
    assert cut[1].more == len(whole) - 1 and cut[1].link == "/nhiem-vu?status=overdue"
    mail = inbox.to("khdt@anha.gov.vn")[0]
    assert f"{len(whole)} quá hạn lâu" in mail["Subject"]
    assert f"… và {len(whole) - 1} nhiệm vụ khác" in mail.get_content()  # type: ignore[attr-defined]
    with TestClient(create_app(store.kw["bind"])) as client:
        assert client.post("/api/login", json={"username": "khdt", "password": "mat-khau-dai-du"}).status_code == 200
        page = client.get("/thong-bao").text
    assert f'<a href="/nhiem-vu?status=overdue">… và {len(whole) - 1} nhiệm vụ khác' in page
