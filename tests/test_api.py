"""The JSON API through its ASGI app, over real SQLite and PostgreSQL stores holding the bundled samples,
and a property-based pass over its OpenAPI document that must find no server error."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from planwatch.ingest import ingest_file
from planwatch.monitor.stored import refresh_store
from planwatch.query import search
from planwatch.serve.app import create_app
from planwatch.store.db import open_engine, session_factory

from .conftest import ROOT, SAMPLES, SHARED_CORPUS, with_samples


@pytest.fixture
def client(engine: Engine, samples_template: Path) -> Iterator[TestClient]:
    with TestClient(create_app(with_samples(engine, samples_template))) as test_client:
        yield test_client


def test_documents_facts_and_status(client: TestClient) -> None:
    docs = {d["doc"]: d for d in client.get("/api/documents").json()}
    # 9 items; the two dashes of IV.1 are a task each; "Các sở, ngành, địa phương chủ động ..." of I.2 is one
    assert docs["ke-hoach-2025"]["tasks"] == 11 and docs["ke-hoach-2025"]["targets"] >= 15
    facts = client.get("/api/facts", params={"indicator": "thu noi dia", "measure": "plan_pct"}).json()
    assert {f["value"] for f in facts} >= {36.2, 54.4}
    assert all(f["quote"] and f["char_end"] > f["char_start"] for f in facts)
    assert client.get("/api/facts", params={"province": "an ha", "limit": 5}).json()  # the samples' province
    assert client.get("/api/facts", params={"province": "Gò Sim"}).json() == []
    status = {s["indicator_code"]: s for s in client.get("/api/status", params={"year": 2025}).json()}
    assert status["INDUSTRIAL_OUTPUT"]["status"] == "đúng tiến độ"
    series = client.get("/api/series/INDUSTRIAL_OUTPUT").json()
    assert [p["value"] for p in series if p["period_start"] == "2025-01"] == [80412, 121880]


def test_search_with_or_without_diacritics_and_abbreviations(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "thu noi dia"}).json()
    marked = client.get("/api/search", params={"q": "thu nội địa"}).json()
    assert plain and [h["char_start"] for h in plain] == [h["char_start"] for h in marked]
    first = plain[0]
    assert any(first["text"][a:b].lower() in ("thu", "nội", "địa") for a, b in first["marks"])
    assert client.get("/api/search", params={"q": "NSNN"}).json()


def test_search_looking_at_the_newest_passages_first_finds_what_one_pass_finds(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fewer matches than a page asks for: the span widens until every passage was looked at."""
    questions = ["thu noi dia", "xuất khẩu", "giải ngân vốn đầu tư công", "NSNN"]
    fresh = {"Cache-Control": "no-cache"}  # computed again, not the kept answer
    whole = [client.get("/api/search", params={"q": q, "limit": 100}, headers=fresh).json() for q in questions]
    monkeypatch.setattr(search, "NEWEST_FIRST", 3)  # a few passages at first, then eight times as many
    widened = [client.get("/api/search", params={"q": q, "limit": 100}, headers=fresh).json() for q in questions]
    assert all(whole) and widened == whole


def test_ask_answers_with_source_or_says_it_does_not_know(client: TestClient) -> None:
    found = client.get("/api/ask", params={"q": "Thu ngân sách 6 tháng đầu năm 2025 đạt bao nhiêu?"}).json()
    assert found["found"] and found["value"] == 4812.6 and found["citations"][0]["doc_key"] == "bao-cao-6-thang-2025"
    missing = client.get("/api/ask", params={"q": "Thu ngân sách năm 2019 đạt bao nhiêu?"}).json()
    assert not missing["found"] and "Không có số liệu" in missing["text"]


def test_upload_good_and_bad_files(client: TestClient) -> None:
    good = client.post(
        "/api/documents",
        params={"wait": 30},
        files={
            "file": (
                "bao-cao-thang-5-2025.txt",
                "BÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2025\nTổng thu nội địa tháng 5 ước đạt 700 tỷ đồng.".encode(),
                "text/plain",
            )
        },
    )
    assert good.status_code == 200 and good.json()["facts"] == 1
    before = len(client.get("/api/documents").json())
    empty = client.post(
        "/api/documents", params={"wait": 30}, files={"file": ("rong.docx", b"", "application/octet-stream")}
    )
    fake = client.post(
        "/api/documents", params={"wait": 30}, files={"file": ("gia.pdf", b"not a pdf at all", "application/pdf")}
    )
    wrong = client.post("/api/documents", files={"file": ("anh.png", b"\x89PNG", "image/png")})
    assert empty.status_code == 422 and "rong.docx" in empty.json()["error"]
    assert fake.status_code == 422 and "gia.pdf" in fake.json()["error"]
    assert wrong.status_code == 400 and "anh.png" in wrong.json()["error"]
    assert len(client.get("/api/documents").json()) == before


def test_task_update_errors_are_json(client: TestClient) -> None:
    unknown = client.post("/api/tasks/ke-hoach-2025/9.9/updates", json={"reported_on": "01/02/2025", "author": "a"})
    assert unknown.status_code == 400 and "9.9" in unknown.json()["error"]
    bad_date = client.post("/api/tasks/ke-hoach-2025/1.1/updates", json={"reported_on": "32/01/2025", "author": "a"})
    assert bad_date.status_code == 400 and "32/01/2025" in bad_date.json()["error"]
    ok = client.post(
        "/api/tasks/ke-hoach-2025/1.1/updates",
        json={"reported_on": "03/02/2025", "done_on": "30/01/2025", "author": "Sở KHĐT"},
    )
    assert ok.status_code == 201
    tasks = {t["ref"]: t for t in client.get("/api/tasks", params={"as_of": "30/06/2025"}).json()}
    assert tasks["1.1"]["status_detail"] == "done_on_time"
    lines = client.get("/api/tasks/scorecard", params={"as_of": "30/06/2025"}).json()  # the update counted
    assert sum(line["done_on_time"] for line in lines) >= 1 and all(line["assigned"] for line in lines)
    assert client.get("/api/tasks", params={"status": "nonsense"}).status_code == 400
    assert client.get("/api/nothing-here").json() == {"error": "Not Found"}


def test_openapi_describes_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/documents",
        "/api/facts",
        "/api/targets",
        "/api/status",
        "/api/tasks",
        "/api/checks",
        "/api/search",
        "/api/ask",
    ):
        assert path in paths


def test_facts_come_a_page_at_a_time_with_their_count(client: TestClient) -> None:
    every = client.get("/api/facts", params={"indicator": "cong nghiep", "limit": 1000}).json()
    first = client.get("/api/facts", params={"indicator": "cong nghiep", "limit": 3})
    assert int(first.headers["X-Total-Count"]) == len(every) > 6 and first.json() == every[:3]
    following = first.headers["Link"].split(">", 1)[0].lstrip("<")
    assert "offset=3" in following and client.get(following).json() == every[3:6]


def test_the_catalogue_page_and_mapping_a_label_from_the_review_list(client: TestClient) -> None:
    page = client.get("/chi-tieu")
    assert page.status_code == 200 and "Tốc độ tăng trưởng GRDP" in page.text and "Nhãn chờ xem xét" in page.text
    label = next(line for line in page.text.splitlines() if 'name="label" value="' in line)
    waiting = label.split('name="label" value="', 1)[1].split('"', 1)[0]
    saved = client.post(
        "/chi-tieu/gan-ma", data={"label": waiting, "code": "TOURISTS", "author": "Phòng TH"}, follow_redirects=True
    )
    assert saved.status_code == 200 and "Đã gắn" in saved.text
    refresh_store(client.app.state.sessions)  # what the worker the edit woke does
    assert f'value="{waiting}"' not in client.get("/chi-tieu").text  # checked again: no longer waiting
    again = client.post(
        "/chi-tieu/gan-ma", data={"label": waiting, "code": "NO_CODE", "author": "x"}, follow_redirects=True
    )
    assert "Không lưu" in again.text


@pytest.mark.parametrize("name", ["tong-quan", "so-lieu", "van-ban", "nhiem-vu", "bang-diem", "kiem-tra", "tim-kiem"])
def test_every_table_downloads_as_csv_and_xlsx(client: TestClient, name: str, tmp_path: Path) -> None:
    params = {"year": "2025", "code": "INDUSTRIAL_OUTPUT", "q": "công nghiệp"}
    if name == "kiem-tra":  # the samples agree with one another: a report that does not gives the table its rows
        restated = tmp_path / "bao-cao-6-thang-2025-dinh-chinh.txt"
        restated.write_text(
            "BÁO CÁO\nĐính chính tình hình kinh tế - xã hội 6 tháng đầu năm 2025\n\n"
            "Tổng thu ngân sách nhà nước 6 tháng đầu năm đạt 3.950 tỷ đồng, bằng 40% kế hoạch.\n",
            encoding="utf-8",
        )
        ingest_file(client.app.state.sessions, restated)
        refresh_store(client.app.state.sessions)
    text = client.get(f"/api/tables/{name}", params={**params, "format": "csv"})
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert len(rows) >= 2, f"{name}: no rows"
    sheet = client.get(f"/api/tables/{name}", params={**params, "format": "xlsx"})
    assert sheet.status_code == 200 and "attachment" in sheet.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(sheet.content))
    assert workbook.active is not None and workbook.active.max_row == len(rows)


def test_a_table_download_keeps_the_page_filters(client: TestClient) -> None:
    every = client.get("/api/tables/nhiem-vu", params={"as_of": "30/06/2025"}).content.decode("utf-8-sig")
    overdue = client.get("/api/tables/nhiem-vu", params={"as_of": "30/06/2025", "status": "overdue"})
    rows = list(csv.reader(io.StringIO(overdue.content.decode("utf-8-sig"))))[1:]
    assert rows and all(row[6] == "quá hạn chưa hoàn thành" for row in rows)
    assert len(rows) < len(every.splitlines()) - 1
    assert client.get("/api/tables/nhiem-vu", params={"as_of": "31/02/2025"}).status_code == 400


def test_the_report_papers_download(client: TestClient) -> None:
    draft = client.get("/api/report/draft", params={"kind": "six-month", "period": "2025-06"})
    assert draft.status_code == 200 and draft.headers["content-type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(draft.content))
    assert len(list(document.comments)) >= 20
    annex = client.get("/api/report/indicators", params={"kind": "six-month", "period": "2025-06"})
    assert load_workbook(io.BytesIO(annex.content)).sheetnames[0] == "Kinh tế"
    tasks = client.get("/api/report/tasks", params={"period": "2025-06"})
    assert "phu-luc-nhiem-vu-2025-06-30.xlsx" in tasks.headers["content-disposition"]
    refused = client.get("/api/report/draft", params={"kind": "annual", "period": "2025-06"})
    assert refused.status_code == 400 and "báo cáo năm" in refused.json()["error"]


def test_the_first_screen_of_a_store_with_only_reports(tmp_path: Path) -> None:
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus is not here")
    empty = TestClient(create_app(open_engine(f"sqlite:///{tmp_path / 'empty.db'}")))
    assert "Chưa có văn bản nào" in empty.get("/").text
    engine = open_engine(f"sqlite:///{tmp_path / 'reports.db'}")
    for name in ("000_092cbdb1522c190d.txt", "004_5b1c2bc8d5408b7b.txt"):
        ingest_file(session_factory(engine), SHARED_CORPUS / name)
    page = TestClient(create_app(engine)).get("/").text
    assert "Tổng quan 2024" in page and "Số liệu mới nhất năm" in page
    assert "14,14%" in page and "10.111,7 tỷ đồng" in page
    assert "Chưa có chỉ tiêu kế hoạch năm 2024" in page


_CODE = re.compile(r"\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b|\b(?:yoy|prev|ytd)_change_pct\b|\b(?:plan|share)_pct\b")


def test_vietnamese_pages_show_no_internal_code(client: TestClient) -> None:
    """Names from the catalogue and measures in words: no "GRDP_GROWTH", no "yoy_change_pct" on a page."""
    pages = ["/", "/chi-tieu", "/chi-tieu/INDUSTRIAL_OUTPUT", "/van-ban", "/van-ban/bao-cao-6-thang-2025",
             "/nhiem-vu?as_of=30/06/2025", "/kiem-tra", "/tim-kiem?q=thu+ngan+sach"]  # fmt: skip
    for path in pages:
        visible = re.sub(
            r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", client.get(path).text, flags=re.S)
        )
        assert not _CODE.findall(visible), (path, sorted(set(_CODE.findall(visible)))[:10])


def test_the_documents_page_names_documents_and_the_language_switch_keeps_the_query(client: TestClient) -> None:
    page = client.get("/van-ban").text
    listed = dict(re.findall(r'<a href="/van-ban/([^"#]+)">([^<]+)</a>', page))
    assert len(listed) == 4 and all(title != key and len(title) > 10 for key, title in listed.items()), listed
    tasks = client.get("/nhiem-vu", params={"agency": "SCT", "as_of": "30/06/2025"}).text
    assert 'href="?agency=SCT&amp;as_of=30%2F06%2F2025&amp;lang=en"' in tasks


def test_an_english_dashboard_gives_its_reasons_in_english(client: TestClient) -> None:
    page = client.get("/", params={"lang": "en", "year": "2025"}).text
    reasons = re.findall(r'<td class="reason">([^<]*)</td>', page)
    assert reasons and all(
        "mục tiêu" not in r and "kế hoạch sau" not in r and "chưa có số liệu" not in r for r in reasons
    )
    assert any("of the plan after" in r or "the target of" in r for r in reasons)
    assert "first 6 months of 2025" in page


def test_the_catalogue_shows_each_indicators_latest_figure_and_target_and_filters(client: TestClient) -> None:
    page = client.get("/chi-tieu").text
    row = re.search(r'<a href="/chi-tieu/INDUSTRIAL_OUTPUT">.*?</tr>', page, re.S)
    assert row and "121.880 tỷ đồng" in row.group(0) and "255.500" in row.group(0)  # 6 months of 2025, the year's plan
    found = client.get("/chi-tieu", params={"q": "thu ngan sach"}).text
    listed = re.findall(r'<tr><td><a href="/chi-tieu/([A-Z_]+)"', found)
    assert listed == ["BUDGET_REVENUE"]
    social = client.get("/chi-tieu", params={"category": "văn hóa - xã hội"}).text
    assert "Tỷ lệ hộ nghèo" in social and "Giá trị sản xuất công nghiệp</a>" not in social


def test_an_english_page_prints_figures_the_english_way(client: TestClient) -> None:
    """The same figure of the samples: "4.812,6" on the Vietnamese page, "4,812.6" on the English one."""
    for path in ("/chi-tieu/BUDGET_REVENUE", "/chi-tieu", "/?year=2025"):
        vietnamese = client.get(path, params={"lang": "vi"}).text
        english = client.get(path, params={"lang": "en"}).text
        assert ">4.812,6" in vietnamese and "4,812.6" not in vietnamese, path
        assert ">4,812.6" in english and ">4.812,6" not in english, path


def test_an_english_page_writes_its_days_in_english_words(client: TestClient) -> None:
    """The day a page shows: "30/06/2025" in Vietnamese, "30 June 2025" in English (a form's field keeps dd/mm/yyyy)."""
    asked = {"as_of": "30/06/2025"}
    vietnamese = client.get("/nhiem-vu/ke-hoach-2025/2.1", params=asked | {"lang": "vi"}).text
    english = client.get("/nhiem-vu/ke-hoach-2025/2.1", params=asked | {"lang": "en"}).text
    assert "30/06/2025)" in vietnamese and "30 June 2025)" in english and "30/06/2025)" not in english


def _vietnamese_fragments() -> set[str]:
    """The fixed words of every computed Vietnamese sentence (status reasons, findings, answers), 10+ letters."""
    fragments: set[str] = set()
    for book in ("monitor/data/reasons.yaml", "monitor/data/findings.yaml", "query/data/answers.yaml"):
        for key, said in yaml.safe_load((ROOT / "planwatch" / book).read_text(encoding="utf-8")).items():
            if key != "words":
                fragments |= {f.strip(" :;,.()%") for f in re.split(r"\{\w+\}", said["vi"])}
    return {f for f in fragments if len(f) >= 10}


def _said_by_the_app(page: str) -> str:
    """The page's own words: not the quotes, passages and titles it shows from the documents."""
    page = re.sub(r"<(script|style|blockquote|ol|svg)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<(span|td|p) class="quote"[^>]*>.*?</\1>', " ", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_english_pages_say_nothing_computed_in_vietnamese(client: TestClient) -> None:
    fragments = _vietnamese_fragments()
    assert "so với cùng kỳ" in fragments and "khác mục tiêu đã giao" in fragments
    pages = ["/?year=2025", "/kiem-tra", "/nhiem-vu?as_of=30/06/2025", "/co-quan/SKHDT?as_of=30/06/2025",
             "/chi-tieu/BUDGET_REVENUE", "/khong-co-trang", "/tim-kiem?q=Nhiệm vụ nào quá hạn?",
             "/tim-kiem?q=Những chỉ tiêu nào có nguy cơ không đạt năm 2025?",
             "/tim-kiem?q=Thu ngân sách 6 tháng đầu năm 2025 tăng bao nhiêu?"]  # fmt: skip
    for path in pages:
        said = _said_by_the_app(client.get(path, params={"lang": "en"}).text)
        assert not [f for f in fragments if f in said], (path, [f for f in fragments if f in said])
    asked = {"q": "Thu ngân sách 6 tháng đầu năm 2025 tăng bao nhiêu?", "lang": "vi"}
    vietnamese = _said_by_the_app(client.get("/tim-kiem", params=asked).text)
    assert [f for f in fragments if f in vietnamese]  # the same look finds them where they belong
    english = _said_by_the_app(client.get("/tim-kiem", params={"q": "Nhiệm vụ nào quá hạn?", "lang": "en"}).text)
    assert "tasks are overdue and unfinished" in english


def test_a_task_page_shows_where_later_reports_speak_of_it(client: TestClient) -> None:
    page = client.get("/nhiem-vu/ke-hoach-2025/2.1").text
    related = page.split('<ul class="hits">')[1].split("</ul>")[0]
    assert "bao-cao-thang-4-2025" in related and "ke-hoach-2025#" not in related  # other documents only


def test_due_soon_and_an_indicators_year_against_the_last(client: TestClient) -> None:
    soon = client.get("/nhiem-vu", params={"as_of": "15/03/2025", "soon": 30}).text
    # due 31/03, still open (2.1 reports every quarter: a recurrence has occurrences, not one deadline)
    assert re.findall(r'class="task-link"[^>]*>([^<]+)</a>', soon) == ["3.1"]
    page = client.get("/chi-tieu/BUDGET_REVENUE").text
    assert "2025 so với cùng kỳ năm 2024" in page or "Năm 2025 so với cùng kỳ năm 2024" in page
    assert "4.812,6" in page.split('class="facts compare"')[1].split("</table>")[0]


def test_the_first_screen_and_the_status_download_speak_of_the_latest_year_with_figures(
    tmp_path: Path, samples_template: Path
) -> None:
    """A plan for years ahead (its targets and deadlines in 2028) never chooses the year a page or a download
    speaks of: the latest year with actual figures does, whatever today is."""
    engine = with_samples(open_engine(f"sqlite:///{tmp_path / 'ahead.db'}"), samples_template)
    ahead = tmp_path / "ke-hoach-2028.txt"
    ahead.write_text((SAMPLES / "ke-hoach-2025.txt").read_text(encoding="utf-8").replace("2025", "2028"), "utf-8")
    ingest_file(session_factory(engine), ahead)
    client = TestClient(create_app(engine))
    assert "Tổng quan 2025" in client.get("/").text
    assert "2028" in client.get("/", params={"year": 2028}).text  # a year asked for is shown
    status = client.get("/api/tables/tong-quan", params={"format": "csv"}).text
    assert "năm 2025" in status and "ke-hoach-2028" not in status  # the 2025 targets, judged on 2025 figures
