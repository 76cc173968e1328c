"""Issue 30 in a real browser on ../shared/corpus, the items test_official_e2e.py leaves to this file: the catalogue's
and the revenue chart's figures, rows that do not overflow, the front organisations, the audit in words and the
six-month draft handed out by the dashboard."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from planwatch.serve.labels import LABELS

from .test_official_e2e import corpus_url, entry_url
from .test_web_e2e import _shot, browser, dashboard_draft, page

pytestmark = pytest.mark.browser
__all__ = ["browser", "corpus_url", "entry_url", "page"]  # the fixtures of the web tests, shared


def test_the_catalogue_and_the_revenue_chart_hold_no_carried_over_figure(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/chi-tieu?year=2024")
    row = page.locator("table.catalogue tr", has=page.locator("a[href='/chi-tieu/PUBLIC_INVESTMENT_DISBURSEMENT']"))
    expect(row).to_contain_text("2.627,7")
    expect(row).not_to_contain_text("327,3")
    page.goto(corpus_url + "/chi-tieu/BUDGET_REVENUE")
    points = page.locator("svg.chart").evaluate_all(
        """charts => charts.filter(c => c.querySelector(':scope > title').textContent === '2022')
            .flatMap(c => [...c.querySelectorAll('a.point title')].map(t => t.textContent))"""
    )
    assert points and not [p for p in points if "289" in p.split("(")[0]]  # no carried-over money plotted


def test_no_dashboard_figure_runs_out_of_its_cell(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/?year=2024")
    overflowing = page.locator("table.status td > small, table.status td > a").evaluate_all(
        """nodes => nodes.filter(n => {
            const cell = n.closest('td').getBoundingClientRect(), box = n.getBoundingClientRect();
            return box.right > cell.right + 1 || box.left < cell.left - 1;
        }).map(n => n.textContent)"""
    )
    assert overflowing == []  # the period under a figure never runs into the % of plan beside it
    _shot(page, "30-10-tong-quan-o-so")


def test_the_front_organisations_read_as_the_front(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/co-quan/MTTQ?as_of=31/12/2024")
    expect(page.locator("main")).to_contain_text(LABELS["vi"]["kind_front"])
    expect(page.locator("main")).not_to_contain_text(LABELS["vi"]["kind_council"])


def test_the_audit_of_a_submission_is_in_words(page: Page, entry_url: str) -> None:
    page.goto(entry_url + "/nhap-so-lieu?month=2024-07&agency=SCT")
    page.locator("input[name='IIP.month']").fill("108,5")
    page.locator("input[name=author]").fill("Sở Công Thương")
    page.get_by_role("button", name="Gửi số liệu").click()
    expect(page.locator("p.message")).to_contain_text("Đã gửi số liệu tháng 7/2024")
    page.goto(entry_url + "/nhat-ky")
    audit = page.locator("main")
    expect(audit).to_contain_text("Sở Công Thương")
    expect(audit).not_to_contain_text("{'")
    expect(audit).not_to_contain_text("'figures'")


def test_the_dashboard_hands_out_the_six_month_draft_of_the_corpus(page: Page, corpus_url: str) -> None:
    draft = Document(BytesIO(dashboard_draft(page, corpus_url, "2024-06").read_bytes()))
    text = "\n".join(p.text for p in draft.paragraphs)
    for said in ("10.976,3 tỷ đồng", "992 doanh nghiệp", "2.627,7 tỷ đồng", "B. TỒN TẠI, HẠN CHẾ", "PHẦN THỨ HAI"):
        assert said in text, said
    assert len(draft.tables[-2].rows) > 60  # the year's tasks not done, one row each
