"""One province across the 2025 reorganisation in the web app, in real headless Chromium: the selector names the
new Bắc Ninh with its predecessors, its indicator chart draws a line each old province with their computed sum,
the target re-issued after the merger stands over the old one in the target's history, and a task of an agency
merged away shows the agency doing its work now. The store holds the samples (An Hà), the Bắc Giang report of 6
months 2024 of the shared corpus and the samples of the old and the new Bắc Ninh."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from planwatch.ingest import document_paths, ingest_files
from planwatch.store.db import open_engine, session_factory

from . import test_web_e2e as web
from .conftest import SAMPLES
from .merger import merger_files
from .test_web_e2e import _serving, _shot

pytestmark = pytest.mark.browser
browser, page = web.browser, web.page  # the fixtures of the web tests: Debian's Chromium and a page of it
MERGED = "Bắc Ninh (từ 1/7/2025) · gồm Bắc Giang, Bắc Ninh cũ"


def _store(folder: Path) -> Engine:
    engine = open_engine(f"sqlite:///{folder / 'web.db'}")
    list(ingest_files(session_factory(engine), [*document_paths([SAMPLES]), *merger_files()]))
    return engine


@pytest.fixture(scope="module")
def merger_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(_store(tmp_path_factory.mktemp("merger-web")))


def _choose_bac_ninh(page: Page, url: str) -> None:
    page.goto(url + "/?year=2025")
    selector = page.locator("form.province select[name=province]")
    expect(selector.locator("option")).to_have_text(["An Hà", MERGED])
    selector.select_option(label=MERGED)
    page.locator("form.province button").click()
    expect(page).to_have_url(re.compile(r"province="))
    expect(selector).to_have_value("Bắc Ninh")


def test_the_selector_names_the_merged_province_and_its_predecessors(page: Page, merger_url: str) -> None:
    _choose_bac_ninh(page, merger_url)
    _shot(page, "30-tinh-sau-sap-xep")
    page.goto(merger_url + "/van-ban")
    table = page.locator("table").last
    expect(table).to_contain_text("Bắc Ninh (cũ)")  # the predecessors' documents, marked with the old name
    expect(table).to_contain_text("Bắc Giang")


def test_the_chart_draws_a_line_each_old_province_and_their_sum(page: Page, merger_url: str) -> None:
    _choose_bac_ninh(page, merger_url)
    page.goto(merger_url + "/chi-tieu/BUDGET_REVENUE")
    chart_2024 = page.locator("svg.chart", has=page.locator("title", has_text="2024"))
    expect(chart_2024.locator("text.legend")).to_have_text(["— Bắc Giang", "— Bắc Ninh", "— Bắc Ninh (cũ)"])
    summed = chart_2024.locator("a.point[data-line='Bắc Ninh'] circle.derived title")
    expect(summed).to_contain_text("26.342,2")
    expect(summed).to_contain_text("tính gộp")
    expect(chart_2024.locator("a.point[data-line='Bắc Giang'] title")).to_contain_text("10.111,7")
    chart_2025 = page.locator("svg.chart", has=page.locator("title", has_text="2025"))
    expect(chart_2025.locator("circle title").first).to_contain_text("58.215,6")
    _shot(page, "31-chuoi-so-lieu-sau-sap-xep")


def test_the_target_history_shows_the_reissued_target_in_force(page: Page, merger_url: str) -> None:
    _choose_bac_ninh(page, merger_url)
    page.goto(merger_url + "/chi-tieu/BUDGET_REVENUE")
    history = page.locator("table.target-history")
    old = history.locator("tr.superseded", has_text="36.500")
    expect(old).to_contain_text("thay bằng chỉ tiêu của Kế hoạch năm 2026")  # the document by its name
    expect(old).to_contain_text("từ 22/12/2025")
    expect(old).to_contain_text("Bắc Ninh (cũ)")
    new = history.locator("tr.in-force", has_text="67.400")
    expect(new).to_contain_text("đang áp dụng")
    expect(new).to_contain_text("giao lại sau sắp xếp")
    _shot(page, "32-lich-su-chi-tieu")


def test_a_task_shows_its_agency_and_the_one_doing_its_work_now(page: Page, merger_url: str) -> None:
    _choose_bac_ninh(page, merger_url)
    page.goto(merger_url + "/nhiem-vu?as_of=01/12/2025")
    row = page.locator("table.tasks tr", has_text="rà soát, tham mưu điều chỉnh kế hoạch đầu tư công")
    expect(row.locator("td.agencies")).to_contain_text("Sở Kế hoạch và Đầu tư")
    expect(row.locator("td.agencies .agency-now")).to_contain_text("nay: Sở Tài chính")
    expect(page.locator("table.score")).to_contain_text("gồm nhiệm vụ giao Sở Kế hoạch và Đầu tư")
    _shot(page, "33-co-quan-sau-sap-xep")
