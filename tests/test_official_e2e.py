"""Issue 30 in a real browser on ../shared/corpus: what a Bắc Giang planning official reads on each page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from planwatch.ingest import ingest_file
from planwatch.store.db import session_factory

from .conftest import SHARED_CORPUS, copy_of
from .test_web_e2e import _serving, _shot, browser, page

pytestmark = pytest.mark.browser
__all__ = ["browser", "page"]  # the fixtures of the web tests, shared


@pytest.fixture(scope="module")
def corpus_url(corpus_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The corpus served for the tests that only read: they share it."""
    yield from _serving(copy_of(corpus_template, tmp_path_factory.mktemp("official")))


@pytest.fixture
def entry_url(corpus_template: Path, tmp_path: Path) -> Iterator[str]:
    """The corpus served for a test that writes (a July submission moves the latest report's day): its own copy."""
    yield from _serving(copy_of(corpus_template, tmp_path))


@pytest.fixture
def rendered_plan_url(corpus_template: Path, tmp_path: Path) -> Iterator[str]:
    """The corpus with the 2024 plan (003) also ingested as its PDF, whose text runs the title into the preamble."""
    engine = copy_of(corpus_template, tmp_path)
    ingest_file(session_factory(engine), next((SHARED_CORPUS / "pdf").glob("003_*.pdf")))
    yield from _serving(engine)


def test_a_plan_is_listed_by_its_heading_not_its_first_paragraph(page: Page, rendered_plan_url: str) -> None:
    page.goto(rendered_plan_url + "/van-ban")
    plan = page.locator("table.docs tbody tr", has=page.locator("a[href^='/van-ban/003_']")).first
    link = plan.locator("a").first
    expect(link).to_contain_text("KẾ HOẠCH Thực hiện Nghị quyết số 01/NQ-CP")
    expect(link).to_have_text(re.compile(r"năm 2024$"))
    expect(link).not_to_contain_text("cụ thể như sau")
    expect(plan.locator("small")).to_contain_text("pdf")  # the PDF is the version listed
    _shot(page, "30-9-ten-van-ban")


def test_key_figures_are_the_body_figures_of_the_latest_report(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/?year=2024")
    figures = page.locator("main")
    expect(figures).to_contain_text("2.627,7 tỷ đồng")
    expect(figures).to_contain_text("992 doanh nghiệp")
    expect(figures).not_to_contain_text("327,3")
    expect(figures).not_to_contain_text("706 doanh nghiệp")
    _shot(page, "30-1-so-lieu-chinh")
    page.goto(corpus_url + "/chi-tieu/PUBLIC_INVESTMENT_DISBURSEMENT")
    expect(page.locator("main")).to_contain_text("2.627,7")
    expect(page.locator("main")).not_to_contain_text("327,3")


def test_names_in_words_where_a_person_reads(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/?year=2024")
    expect(page.locator("main")).to_contain_text("Báo cáo 6 tháng đầu năm 2024")
    page.goto(corpus_url + "/van-ban/000_092cbdb1522c190d")
    page.locator("mark.fact", has_text="14,14%").first.click()
    info = page.locator("#fact-info")
    expect(info).to_contain_text("Tốc độ tăng trưởng GRDP")
    expect(info).not_to_contain_text("GRDP_GROWTH")
    _shot(page, "30-2-cua-so-so-lieu")
    page.goto(corpus_url + "/nhiem-vu?as_of=30/06/2024")
    expect(page.locator("table.tasks")).to_contain_text("Kế hoạch năm 2024")
    expect(page.locator("table.score")).not_to_contain_text("UBND_")
    page.goto(corpus_url + "/nhap-so-lieu")
    expect(page.locator("select[name=agency] option").first).to_have_text("Sở Công Thương")
    page.goto(corpus_url + "/chi-tieu")
    for box in page.locator("#cho-xem-xet ~ table select[name=code]").all()[:20]:
        assert box.input_value() == ""  # nothing is chosen for the person


def test_the_dashboard_and_the_tasks_are_as_of_a_day(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/?year=2024")
    day = page.locator("form.bar input[name=as_of]").first
    expect(day).to_have_value("30/06/2024")  # a past year: the day its latest report covers
    on_the_day = page.locator("#overdue-count b").inner_text()
    page.goto(corpus_url + "/?year=2024&as_of=30/06/2024")
    expect(page.locator("#overdue-count b")).to_have_text(on_the_day)  # the default is the report's day
    day = page.locator("form.bar input[name=as_of]").first
    day.fill("15/01/2025")
    page.locator("form.bar button").first.click()
    expect(page).to_have_url(re.compile(r"as_of=15%2F01%2F2025"))
    assert int(page.locator("#overdue-count b").inner_text()) > int(on_the_day)  # the year's tasks, due by then
    _shot(page, "30-3-tinh-den-ngay")
    page.locator("#overdue-count").click()
    expect(page.locator("form input[name=as_of]")).to_have_value("15/01/2025")
    page.goto(corpus_url + "/nhiem-vu")
    expect(page.locator("form input[name=as_of]")).to_have_value("30/06/2024")


def test_the_headline_indicator_answers_and_is_charted_against_its_target(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/tim-kiem")
    page.fill("#q", "Tăng trưởng GRDP 6 tháng đầu năm 2024?")
    page.press("#q", "Enter")
    expect(page.locator("#answer.found")).to_contain_text("14,14%")
    page.goto(corpus_url + "/chi-tieu/GRDP_GROWTH")
    first = page.locator("svg.chart").first
    expect(first.locator("title").first).to_have_text("2024")
    expect(first.locator(".target")).to_have_count(1)
    expect(first.locator("a.point")).to_have_count(1)
    _shot(page, "30-4-tang-truong-grdp")


def test_the_findings_page_holds_one_revision_and_no_false_alarm(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/kiem-tra")
    main = page.locator("main")
    expect(main).to_contain_text("ước tính được điều chỉnh")
    expect(main).not_to_contain_text("kế hoạch suy ra")
    expect(main).not_to_contain_text("tổng các thành phần")
    expect(main).to_contain_text("Báo cáo tháng 5/2024")
    _shot(page, "30-5-kiem-tra")
    page.goto(corpus_url + "/kiem-tra?lang=en")
    expect(page.locator("section.finding .badge").first).to_have_text("low")
    expect(page.locator("section.finding").first).to_contain_text("estimate revised")


def test_data_entry_shows_units_keeps_values_and_asks_about_a_thousandfold_figure(page: Page, entry_url: str) -> None:
    page.goto(entry_url + "/nhap-so-lieu?month=2024-07&agency=SCT")
    exports = page.locator("table.facts tr", has_text="Kim ngạch xuất khẩu")
    expect(exports.locator(".unit")).to_have_count(2)
    expect(exports.locator(".unit").first).to_have_text("triệu USD")
    page.locator("input[name='EXPORTS.to_date']").fill("12,6")  # as the report writes it, in tỷ USD
    page.locator("input[name='IIP.month']").fill("1o8")
    page.locator("input[name=author]").fill("Sở Công Thương")
    page.get_by_role("button", name="Gửi số liệu").click()
    expect(page.locator("ul.problems")).to_contain_text("1o8")
    expect(page.locator("input[name='EXPORTS.to_date']")).to_have_value("12,6")  # kept after the error
    page.locator("input[name='IIP.month']").fill("108,5")
    page.get_by_role("button", name="Gửi số liệu").click()
    expect(page.locator("ul.problems")).to_contain_text("nhỏ hơn khoảng 1.000 lần")
    expect(page.locator("input[name=confirm]")).to_be_visible()
    _shot(page, "30-6-nhap-so-lieu-hoi-lai")
    page.locator("input[name='EXPORTS.to_date']").fill("14.250")
    page.get_by_role("button", name="Gửi số liệu").click()
    expect(page.locator("p.message")).to_contain_text("Đã gửi số liệu tháng 7/2024")
    page.goto(entry_url + "/nhap-so-lieu/tong-hop?month=2024-07")
    row = page.locator("table.completeness tr", has_text="Sở Công Thương")
    expect(row.locator("details.figures")).to_contain_text("14.250 triệu USD")
    _shot(page, "30-6-duyet-thay-so-lieu")


def test_print_holds_every_task_and_a_phone_chart_is_readable(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/nhiem-vu?as_of=30/06/2024")
    expect(page.locator("table.tasks tbody tr:visible")).to_have_count(50)
    expect(page.locator("table.tasks")).to_contain_text("tầm nhìn đến năm 2045")  # task 1.5 whole, not cut
    total = int(page.locator("h2", has_text="(").last.inner_text().split("(")[-1].rstrip(")"))
    assert total > 50
    page.emulate_media(media="print")
    expect(page.locator("table.tasks tbody tr:visible")).to_have_count(total)
    expect(page.locator("p.more")).to_be_hidden()
    page.pdf(path=str(Path(__file__).resolve().parents[1] / "screenshots" / "30-7-nhiem-vu-in.pdf"))
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(corpus_url + "/chi-tieu/GRDP_GROWTH")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tick = page.locator("svg.chart text").first.bounding_box()
    assert tick is not None and tick["height"] >= 10  # an axis label a person can read
    _shot(page, "30-7-dien-thoai-bieu-do")


def test_the_catalogue_in_english(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/chi-tieu?lang=en")
    table = page.locator("table.catalogue")
    expect(table).to_contain_text("GRDP growth rate")
    expect(table).to_contain_text("Public investment disbursed")
    expect(table).to_contain_text("billion VND")
    expect(table).not_to_contain_text("Tốc độ tăng trưởng GRDP")
    expect(table).not_to_contain_text("tỷ đồng")
    _shot(page, "30-7-danh-muc-en")


def test_the_late_tasks_answer_is_a_list_by_agency_and_charts_speak_english(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/tim-kiem?lang=vi")
    page.fill("#q", "Nhiệm vụ nào quá hạn?")
    page.press("#q", "Enter")
    answer = page.locator("#answer.found")
    expect(answer.locator("p").first).to_contain_text("cơ quan chủ trì")
    expect(answer.locator("dl.answer-groups dt").first).to_be_visible()
    _shot(page, "30-8-nhiem-vu-qua-han")
    answer.locator("a.answer-all").click()
    expect(page).to_have_url(re.compile(r"/nhiem-vu\?status=overdue&as_of="))
    page.goto(corpus_url + "/chi-tieu/BUDGET_REVENUE?lang=en")
    chart = page.locator("svg.chart").first
    expect(chart).to_contain_text("Jan")
    expect(chart).to_contain_text("billion VND")
    expect(chart).not_to_contain_text("tỷ đồng")


_VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def test_every_chart_text_is_english_in_english(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/chi-tieu?lang=en")
    codes = sorted(
        {a.split("/")[-1] for a in page.locator("table.catalogue a").evaluate_all("l => l.map(a => a.href)")}
    )
    charted = 0
    for where in [f"/chi-tieu/{code}?lang=en" for code in codes] + ["/?lang=en&year=2024", "/co-quan?lang=en"]:
        page.goto(corpus_url + where)
        said = page.locator("svg text, svg title, figure.chart-box figcaption, main > p.meta").evaluate_all(
            "nodes => nodes.map(n => n.textContent)"
        )
        charted += page.locator("svg.chart").count()
        assert not [text for text in said if _VIETNAMESE.search(text)], where
    assert charted > 10  # the walk saw charts
    page.goto(corpus_url + "/chi-tieu/NEW_JOBS?lang=en")
    expect(page.locator("h1")).to_have_text("People given new jobs")
    expect(page.locator("svg.chart").first).to_contain_text("workers")
    _shot(page, "30-8-bieu-do-en")
