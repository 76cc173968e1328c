"""Projections and reminders in the web app, in real headless Chromium: the dashboard's projected year, the dashed
line to December on an indicator's chart, the header's count of unread reminders and the /thong-bao list whose
items lead to their tasks. The store holds the samples with two years of history; the reminders' day is pinned."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.edits.reminders import set_preference
from planwatch.ingest import document_paths, ingest_file
from planwatch.remind.deliver import deliver
from planwatch.remind.digest import Channel
from planwatch.remind.settings import ReminderSettings
from planwatch.store.db import open_engine, session_factory

from . import test_web_e2e as web
from .conftest import SAMPLES
from .test_web_e2e import PASSWORD, _serving, _shot, _sign_in

pytestmark = pytest.mark.browser
browser, page = web.browser, web.page  # the fixtures of the web tests: Debian's Chromium and a page of it
HISTORY = SAMPLES.parent / "samples-history"


def _store(folder: Path) -> Engine:
    """The samples and their history; Sở Công Thương's account and the Planning Department's, with the reminders
    of 25/06/2025 kept in the app."""
    engine = open_engine(f"sqlite:///{folder / 'web.db'}")
    sessions = session_factory(engine)
    for path in document_paths([SAMPLES, HISTORY]):
        ingest_file(sessions, path)
    with sessions.begin() as session:
        add_user(session, "ke_hoach", PASSWORD, Role.PLANNING, None, "test")
        add_user(session, "so_ct", PASSWORD, Role.AGENCY, "SCT", "test")
        set_preference(session, "so_ct", Channel.APP, None, "test")
    deliver(sessions, date(2025, 6, 25), ReminderSettings(), datetime(2025, 6, 25, 8))
    return engine


@pytest.fixture(scope="module")
def history_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(_store(tmp_path_factory.mktemp("projections")))


def test_the_dashboard_and_the_chart_show_where_the_year_will_end(page: Page, history_url: str) -> None:
    page.goto(history_url + "/?year=2025")
    row = page.locator("table.status tr", has=page.get_by_role("link", name="Thu ngân sách nhà nước", exact=True))
    expect(row.locator("td.projected")).to_contain_text("dự kiến đạt")
    expect(row.locator("td.projected")).to_contain_text("theo mùa vụ các năm trước")
    _shot(page, "20-du-kien-ca-nam")
    page.goto(history_url + "/chi-tieu/INDUSTRIAL_OUTPUT")
    chart = page.locator("svg.chart").first
    expect(chart.locator("line.projected")).to_have_count(1)  # dashed from June's year to date to December
    expect(chart).to_contain_text("Dự kiến: 260.271,1")
    _shot(page, "21-duong-du-kien")


def test_an_agency_reads_its_reminders_and_reaches_the_task(page: Page, history_url: str) -> None:
    _sign_in(page, history_url, "so_ct")
    expect(page.locator("#notice-count")).to_be_visible()  # 25/06/2025's, and today's when the server's worker ran
    page.locator("header a.notices").click()
    expect(page.locator("h1")).to_have_text("Thông báo nhắc việc")
    notice = page.locator("#notices li.notice", has_text="25/06/2025")
    expect(notice).to_contain_text("Sắp đến hạn")
    _shot(page, "22-thong-bao")
    page.get_by_role("button", name="Đánh dấu đã đọc").click()
    expect(page.locator("#notice-count")).to_have_count(0)
    notice.locator("a", has_text="ke-hoach-2025 1.2").click()
    expect(page).to_have_url(history_url + "/nhiem-vu/ke-hoach-2025/1.2")
    expect(page.locator("main")).to_contain_text("Tập trung tháo gỡ khó khăn cho doanh nghiệp sản xuất công nghiệp")


def test_a_user_turns_reminders_off(page: Page, history_url: str) -> None:
    _sign_in(page, history_url, "ke_hoach")
    page.goto(history_url + "/thong-bao")
    expect(page.locator("#notices li.notice", has_text="25/06/2025")).to_contain_text("Quá hạn lâu")
    page.get_by_label("Không nhận").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("p.message")).to_have_text("Đã lưu.")
    expect(page.get_by_label("Không nhận")).to_be_checked()
