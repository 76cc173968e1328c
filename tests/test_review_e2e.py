"""A scanned report in the browser (headless Chromium): its page image beside the text with the figures' boxes, and
the review list where the Planning Department compares the crop with the value read, corrects one and confirms
another; the upload page follows a scan page by page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.ingest import ingest_file
from planwatch.store.db import open_engine, session_factory
from tests.scanned import page_image, scanned_pdf
from tests.test_ocr import LINES, TABLE
from tests.test_web_e2e import PASSWORD, _serving, _shot, _sign_in, browser, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # Chromium, and OCR in a process of its own


def _scanned_store(folder: Path) -> Engine:
    engine = open_engine(f"sqlite:///{folder / 'scan.db'}")
    path = folder / "bao-cao-quet.pdf"
    path.write_bytes(scanned_pdf(page_image(LINES, TABLE)))
    sessions = session_factory(engine)
    ingest_file(sessions, path)
    with sessions.begin() as session:
        add_user(session, "ke_hoach", PASSWORD, Role.PLANNING, None, "test")
    return engine


@pytest.fixture(scope="module")
def scan_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(_scanned_store(tmp_path_factory.mktemp("scan")))


def test_the_viewer_shows_the_scanned_page_with_the_figures_boxes(page: Page, scan_url: str) -> None:  # noqa: F811
    page.goto(scan_url + "/van-ban/bao-cao-quet")
    scan = page.locator("figure.scan#p1")
    expect(scan.locator("img")).to_have_js_property("complete", True)
    assert scan.locator("img").evaluate("img => img.naturalWidth") > 500
    assert scan.locator("a.ocr-box").count() >= 8  # every figure read on the page has its box
    page.locator("mark.fact", has_text="5.432,1 tỷ đồng").click()
    expect(page.locator("a.ocr-box.flash")).to_have_count(1)
    _shot(page, "30-van-ban-quet")


def test_planning_corrects_and_confirms_figures_of_a_scan(page: Page, scan_url: str) -> None:  # noqa: F811
    page.goto(scan_url + "/doi-chieu")
    expect(page.locator("h1")).to_have_text("Số liệu cần đối chiếu")
    expect(page.locator("form.review-form")).to_have_count(0)  # signed out: nothing to settle
    _sign_in(page, scan_url, "ke_hoach")
    page.goto(scan_url + "/doi-chieu")
    items = page.locator("li.review-item")
    expect(items).to_have_count(3)
    part = items.filter(has=page.locator("output.printed", has_text="600"))
    expect(part.locator(".doubt")).to_contain_text("các phần cộng lại lớn hơn tổng")
    assert part.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    _shot(page, "31-doi-chieu")
    part.get_by_label("Sửa thành").fill("300")
    part.get_by_role("button", name="Lưu").click()
    expect(page.locator("p.message")).to_contain_text("Đã sửa thành 300")
    expect(items).to_have_count(2)
    items.first.get_by_role("button", name="Đúng").click()
    expect(page.locator("p.message")).to_contain_text("Đã xác nhận")
    expect(items).to_have_count(1)
    page.goto(scan_url + "/nhat-ky")
    expect(page.locator("table.audit")).to_contain_text("Sửa số liệu đọc từ bản quét")
    expect(page.locator("table.audit")).to_contain_text("Xác nhận số liệu đọc từ bản quét")
