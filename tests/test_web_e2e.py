"""The web app as a person uses it, in real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright): dashboard, indicator chart → source sentence, search without diacritics, a question, uploads.
Screenshots go to screenshots/ (see README)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
import uvicorn
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import Engine

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.ingest import document_paths, ingest_files
from planwatch.serve.app import create_app
from planwatch.store.db import open_engine, session_factory

from .conftest import ROOT, SAMPLES, SHARED_CORPUS

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "mat-khau-du-dai"
SHOTS = ROOT / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _samples_store(folder: Path) -> Engine:
    engine = open_engine(f"sqlite:///{folder / 'web.db'}")
    list(ingest_files(session_factory(engine), document_paths([SAMPLES])))  # a run checks what it stored
    return engine


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(_samples_store(tmp_path_factory.mktemp("web")))


def _with_accounts(folder: Path) -> Engine:
    """A shared server's store: the samples, a Planning Department account and Sở Công Thương's."""
    engine = _samples_store(folder)
    with session_factory(engine).begin() as session:
        add_user(session, "ke_hoach", PASSWORD, Role.PLANNING, None, "test")
        add_user(session, "so_ct", PASSWORD, Role.AGENCY, "SCT", "test")
    return engine


@pytest.fixture(scope="module")
def accounts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(_with_accounts(tmp_path_factory.mktemp("accounts")))


def _serving(engine: Engine) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium (done by .ci/run)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield opened
    opened.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_dashboard_then_chart_point_to_its_sentence(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_contain_text("Tổng quan 2025")
    expect(page.locator("table.status").first).to_contain_text("Giá trị sản xuất công nghiệp")
    expect(page.locator("#overdue-count")).to_contain_text("nhiệm vụ quá hạn")
    _shot(page, "01-tong-quan")
    page.get_by_role("link", name="Giá trị sản xuất công nghiệp").first.click()
    expect(page.locator("h1")).to_have_text("Giá trị sản xuất công nghiệp")
    expect(page.locator("svg.chart a.point circle")).to_have_count(2)
    _shot(page, "02-chi-tieu")
    page.locator("svg.chart a.point").last.click()
    expect(page).to_have_url(f"{base_url}/van-ban/bao-cao-6-thang-2025#f" + page.url.split("#f")[-1])
    target = page.locator("mark.fact.flash")
    expect(target).to_have_count(1)
    expect(target).to_contain_text("121.880 tỷ đồng")
    expect(page.locator("#fact-info")).to_contain_text("121.880 tỷ đồng · kỳ 2025-01–2025-06")
    _shot(page, "03-cau-nguon")
    page.locator("#fact-info a").click()
    expect(page).to_have_url(f"{base_url}/chi-tieu/INDUSTRIAL_OUTPUT")


def test_search_without_diacritics_and_a_question(page: Page, base_url: str) -> None:
    page.goto(base_url + "/tim-kiem")
    page.fill("#q", "thu noi dia")
    page.press("#q", "Enter")
    expect(page.locator("ol.hits li").first).to_contain_text("nội địa")
    expect(page.locator("ol.hits mark").first).to_be_visible()
    _shot(page, "04-tim-kiem")
    page.fill("#q", "Thu ngân sách 6 tháng đầu năm 2025 đạt bao nhiêu?")
    page.press("#q", "Enter")
    expect(page.locator("#answer.found")).to_contain_text("4.812,6 tỷ đồng")
    expect(page.locator("ol.hits li").first).to_contain_text("ngân sách")
    _shot(page, "05-hoi-dap")
    page.locator("#answer a").first.click()
    expect(page.locator("mark.fact.flash")).to_contain_text("4.812,6 tỷ đồng")
    page.go_back()
    page.fill("#q", "Sở nào có nhiều nhiệm vụ quá hạn nhất?")
    page.press("#q", "Enter")
    expect(page.locator("#answer")).to_contain_text("quá hạn nhất")


def test_upload_good_and_bad_file(page: Page, base_url: str, tmp_path: Path) -> None:
    good = tmp_path / "bao-cao-thang-7-2025.txt"
    good.write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng 7 năm 2025\n"
        "Tổng thu nội địa tháng 7 ước đạt 720 tỷ đồng, tăng 8% so với cùng kỳ.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a real docx")
    page.goto(base_url + "/van-ban")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Tải lên", exact=True).click()
    expect(page.locator("#upload-result.error")).to_contain_text("hong.docx")
    _shot(page, "06-tai-len-loi")
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Tải lên", exact=True).click()
    with page.expect_navigation(timeout=30_000):  # the page reloads itself to list the new document
        expect(page.locator("#upload-result.ok")).to_contain_text("2 số liệu")
    expect(page.locator("table.docs")).to_contain_text("tháng 7 năm 2025")  # its title, never its key
    _shot(page, "07-van-ban")


def test_tasks_page_and_english(page: Page, base_url: str) -> None:
    page.goto(base_url + "/nhiem-vu?as_of=30/06/2025")
    expect(page.locator("table.score")).to_contain_text("Sở Kế hoạch và Đầu tư")
    expect(page.locator("table.tasks")).to_contain_text("quá hạn chưa hoàn thành")
    _shot(page, "08-nhiem-vu")
    row = page.locator("table.tasks tr", has_text="Tập trung tháo gỡ khó khăn")
    row.locator("summary").click()
    row.locator("input[name=reported_on]").fill("05/07/2025")
    row.locator("input[name=done_on]").fill("01/07/2025")
    row.locator("input[name=author]").fill("Sở Công Thương")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("p.message")).to_contain_text("Đã lưu cập nhật nhiệm vụ 1.2")
    page.goto(base_url + "/nhiem-vu?as_of=10/07/2025&status=done_late")
    expect(page.locator("table.tasks")).to_contain_text("hoàn thành quá hạn")
    page.goto(base_url + "/kiem-tra?lang=en")
    expect(page.locator("h1")).to_contain_text("Checks (0)")  # the samples agree (their % of dự toán is no plan)
    _shot(page, "09-kiem-tra-en")


def dashboard_draft(page: Page, url: str, period: str) -> Path:
    """The six-month draft of `period` ("2025-06") as the dashboard's "Báo cáo kỳ" form hands it out."""
    page.goto(f"{url}/?year={period[:4]}")
    papers = page.locator("#papers")
    papers.locator("select[name=kind]").select_option("six-month")
    papers.locator("input[name=period]").fill(period)
    with page.expect_download() as fetched:
        papers.get_by_role("button", name="Dự thảo báo cáo (.docx)").click()
    return fetched.value.path()


def test_the_dashboard_hands_out_the_papers_and_prints_on_a4(page: Page, base_url: str) -> None:
    draft = Document(str(dashboard_draft(page, base_url, "2025-06")))
    papers = page.locator("#papers")
    assert draft.paragraphs and len(list(draft.comments)) >= 20
    with page.expect_download() as fetched:
        papers.get_by_role("button", name="Phụ lục chỉ tiêu (.xlsx)").click()
    assert fetched.value.suggested_filename == "phu-luc-chi-tieu-six-month-2025-06.xlsx"
    assert load_workbook(BytesIO(fetched.value.path().read_bytes())).sheetnames[0] == "Kinh tế"
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(papers).to_be_hidden()
    expect(page.locator("table.status").first).to_be_visible()
    _shot(page, "10-tong-quan-in")
    page.emulate_media(media="screen")


def test_a_table_downloads_with_the_filters_of_its_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/nhiem-vu?as_of=30/06/2025&status=overdue")
    with page.expect_download() as fetched:
        page.locator("p.bar").last.get_by_role("link", name="Excel").click()
    sheet = load_workbook(BytesIO(fetched.value.path().read_bytes())).active
    assert sheet is not None
    statuses = {row[6] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert statuses == {"quá hạn chưa hoàn thành"}


def _sign_in(page: Page, base_url: str, name: str) -> None:
    page.goto(base_url + "/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#who")).to_contain_text(name)


def test_an_agency_updates_its_own_task_and_the_planning_office_reads_the_audit(page: Page, accounts_url: str) -> None:
    page.goto(accounts_url + "/nhiem-vu?as_of=30/06/2025")
    expect(page.locator("table.tasks summary")).to_have_count(0)  # signed out: nothing to edit
    _sign_in(page, accounts_url, "so_ct")
    page.goto(accounts_url + "/nhiem-vu?as_of=30/06/2025&agency=SCT")
    editable = page.locator("table.tasks tr", has=page.locator("summary"))
    expect(editable).to_have_count(1)  # Sở Công Thương's task only, not the others'
    editable.locator("summary").click()
    editable.locator("input[name=reported_on]").fill("05/07/2025")
    editable.locator("input[name=done_on]").fill("01/07/2025")
    editable.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("p.message")).to_contain_text("Đã lưu cập nhật nhiệm vụ 1.2")
    assert page.url.startswith(accounts_url + "/nhiem-vu?as_of=30/06/2025&agency=SCT&message=")  # filters kept
    _shot(page, "11-co-quan-cap-nhat")
    page.get_by_role("button", name="Đăng xuất").click()
    _sign_in(page, accounts_url, "ke_hoach")
    page.goto(accounts_url + "/nhat-ky")
    expect(page.locator("table.audit")).to_contain_text("Cập nhật nhiệm vụ")
    expect(page.locator("table.audit")).to_contain_text("so_ct")
    _shot(page, "12-nhat-ky")


PAGES = ["/", "/chi-tieu", "/chi-tieu/INDUSTRIAL_OUTPUT", "/van-ban", "/van-ban/bao-cao-6-thang-2025",
         "/van-ban/bao-cao-6-thang-2025/xoa", "/nhiem-vu?as_of=30/06/2025", "/nhiem-vu/ke-hoach-2025/1.2",
         "/co-quan", "/co-quan/SKHDT", "/kiem-tra", "/tim-kiem?q=thu+ngan+sach", "/nhap-so-lieu",
         "/nhap-so-lieu/tong-hop", "/dang-nhap", "/khong-co"]  # fmt: skip


def test_no_page_is_wider_than_a_phone(browser: Browser, base_url: str) -> None:
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    for path in PAGES:
        phone.goto(base_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: {width} px wide"
        if path.startswith("/nhiem-vu"):
            _shot(phone, "13-dien-thoai-nhiem-vu")
    phone.close()


def test_a_task_from_the_list_to_its_page_and_back_with_the_filters(page: Page, base_url: str) -> None:
    page.goto(base_url + "/nhiem-vu?as_of=30/06/2025&agency=SCT")
    expect(page.locator("table.score tbody tr")).to_have_count(1)  # the scorecard follows the agency filter
    page.locator("a.task-link", has_text="1.2").click()
    expect(page.locator("h1")).to_have_text("Nhiệm vụ 1.2")
    expect(page.locator("blockquote.task-text")).to_contain_text("tháo gỡ khó khăn")
    expect(page.locator("table.facts").first).to_contain_text("Sở Công Thương")
    _shot(page, "14-nhiem-vu-1-2")
    page.get_by_role("link", name="← Nhiệm vụ").click()
    expect(page.locator("input[name=agency]")).to_have_value("SCT")
    expect(page.locator("input[name=as_of]")).to_have_value("30/06/2025")


@pytest.fixture(scope="module")
def cycle_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A shared server of its own for one month's cycle (the other tests' updates do not reach it)."""
    yield from _serving(_with_accounts(tmp_path_factory.mktemp("cycle")))


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("a.account")).to_have_text("Đăng nhập")


def test_a_month_from_entry_to_lock(page: Page, cycle_url: str) -> None:
    """Planning corrects a target and a document's date; the agency enters May and updates its task; planning
    approves and locks May; the agency's later edit is refused; the audit trail holds every step."""
    _sign_in(page, cycle_url, "ke_hoach")
    page.goto(cycle_url + "/chi-tieu/INDUSTRIAL_OUTPUT")
    page.get_by_text("Nhập hoặc sửa chỉ tiêu kế hoạch").click()
    form = page.locator("form[action$='/ke-hoach']")
    form.locator("input[name=year]").fill("2025")
    form.locator("input[name=value]").fill("260.000")
    form.locator("input[name=reason]").fill("HĐND điều chỉnh kế hoạch")
    form.get_by_role("button", name="Lưu").click()
    expect(page.locator("p.message")).to_contain_text("Đã lưu chỉ tiêu 2025")
    expect(page.locator("table.targets")).to_contain_text("260.000 tỷ đồng")
    _shot(page, "15-sua-chi-tieu")
    page.goto(cycle_url + "/van-ban/bao-cao-thang-4-2025")
    page.get_by_text("Sửa thông tin văn bản").click()
    page.locator("input[name=issued]").fill("08/05/2025")
    page.locator("details.correct input[name=reason]").fill("ngày ký trên bản gốc")
    page.locator("details.correct").get_by_role("button", name="Lưu").click()
    expect(page.locator("p.message")).to_contain_text("Đã sửa 1 mục")
    _sign_out(page)

    _sign_in(page, cycle_url, "so_ct")
    page.goto(cycle_url + "/nhap-so-lieu?month=2025-05")
    page.locator("input[name='IIP.month']").fill("108,5")
    page.locator("input[name='INDUSTRIAL_OUTPUT.to_date']").fill("101.250,5")
    page.get_by_role("button", name="Gửi số liệu").click()
    expect(page.locator("p.message")).to_contain_text("Đã gửi số liệu tháng 5/2025")
    _shot(page, "16-co-quan-nhap-so-lieu")
    page.goto(cycle_url + "/nhiem-vu?as_of=31/05/2025")
    expect(page.locator("table.tasks tr", has=page.locator("summary"))).to_have_count(1)  # its own task only
    row = page.locator("table.tasks tr", has_text="Tập trung tháo gỡ khó khăn")
    row.locator("summary").click()
    row.locator("input[name=reported_on]").fill("28/05/2025")
    row.locator("input[name=note]").fill("Đã đối thoại với 40 doanh nghiệp")
    row.get_by_role("button", name="Cập nhật").click()
    expect(page.locator("p.message")).to_contain_text("Đã lưu cập nhật nhiệm vụ 1.2")
    _sign_out(page)

    _sign_in(page, cycle_url, "ke_hoach")
    page.goto(cycle_url + "/nhap-so-lieu/tong-hop?month=2025-05")
    page.locator("table.completeness tr", has_text="Sở Công Thương").get_by_role("button", name="Duyệt").click()
    expect(page.locator("p.message")).to_contain_text("Đã duyệt")
    page.locator("form[action='/nhap-so-lieu/khoa'] input[name=reason]").fill("đã tổng hợp báo cáo tháng 5")
    page.get_by_role("button", name="Khoá kỳ").click()
    expect(page.locator("p.locked")).to_contain_text("Kỳ này đã khoá bởi ke_hoach")
    _shot(page, "17-duyet-khoa-ky")
    _sign_out(page)

    _sign_in(page, cycle_url, "so_ct")
    page.goto(cycle_url + "/nhap-so-lieu?month=2025-05")
    page.locator("input[name='IIP.month']").fill("109")
    page.get_by_role("button", name="Gửi số liệu").click()
    expect(page.locator("main")).to_contain_text("đã khoá")
    _shot(page, "18-ky-da-khoa")
    _sign_out(page)

    _sign_in(page, cycle_url, "ke_hoach")
    page.goto(cycle_url + "/nhat-ky")
    trail = page.locator("table.audit")
    for action in ("Nhập/sửa chỉ tiêu", "Sửa thông tin văn bản", "Gửi số liệu", "Cập nhật nhiệm vụ", "Duyệt số liệu",
                   "Khoá kỳ"):  # fmt: skip
        expect(trail).to_contain_text(action)
    _shot(page, "19-nhat-ky-ca-ky")


@pytest.fixture(scope="module")
def empty_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serving(open_engine(f"sqlite:///{tmp_path_factory.mktemp('empty') / 'empty.db'}"))


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The five real documents of ../shared/corpus: reports and plans of 2023-2024."""
    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}")
    list(ingest_files(session_factory(engine), sorted(SHARED_CORPUS.glob("*.txt"))))
    yield from _serving(engine)


def test_an_empty_store_says_what_to_upload(page: Page, empty_url: str) -> None:
    page.goto(empty_url + "/")
    expect(page.locator("main")).to_contain_text("Chưa có văn bản nào")
    expect(page.locator("main a[href='/van-ban']").first).to_be_visible()
    _shot(page, "20-kho-trong")


def test_the_real_documents_first_screen_and_list(page: Page, corpus_url: str) -> None:
    page.goto(corpus_url + "/")
    expect(page.locator("h1")).to_contain_text("2024")
    expect(page.locator("main")).to_contain_text("14,14%")
    expect(page.locator("main")).to_contain_text("10.111,7 tỷ đồng")
    _shot(page, "21-tong-quan-van-ban-that")
    page.goto(corpus_url + "/van-ban")
    rows = page.locator("table.docs tbody tr")
    expect(rows).to_have_count(5)
    titles = page.locator("table.docs tbody tr td:first-child a").all_inner_texts()
    for words in ("6 THÁNG ĐẦU NĂM 2024", "Báo cáo năm 2023", "NGHỊ QUYẾT", "KẾ HOẠCH", "Báo cáo tháng 5/2024"):
        assert any(words in title for title in titles), (words, titles)
    # the files carry no header block: the one number they hold is the plan's, left blank for the signature
    expect(page.locator("table.docs")).to_contain_text("Số: …/KH-UBND")
    _shot(page, "22-van-ban-that")


def test_agency_pages_and_due_soon(page: Page, base_url: str) -> None:
    page.goto(base_url + "/nhiem-vu?as_of=15/03/2025&soon=30")
    expect(page.locator("table.tasks")).to_contain_text("giảm nghèo")
    page.locator("table.tasks a[href^='/co-quan/']").first.click()
    expect(page.locator("h1")).to_have_text("Sở Lao động - Thương binh và Xã hội")
    expect(page.locator("table.quarters")).to_contain_text("I/2025")
    expect(page.locator("p.meta")).to_contain_text("15/03/2025")  # the date the list was looked at
    _shot(page, "23-co-quan")
