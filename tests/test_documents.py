"""The documents list and a document's deletion on SQLite and PostgreSQL: filters, pages that follow one
another by key, one row for the renderings of one document, and a deletion that takes what depends on it (and
its search passages) with it and leaves an audit row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from planwatch.ingest import ingest_file
from planwatch.query.search import search
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory

REPORT = """ỦY BAN NHÂN DÂN
TỈNH {province}
Số: {n}/BC-UBND
{province_title}, ngày 10 tháng {m} năm {y}
BÁO CÁO
Tình hình kinh tế - xã hội tháng {m} năm {y}
Tổng thu ngân sách tháng {m} ước đạt {n},5 tỷ đồng, tăng 5% so với cùng kỳ.
"""


def _write(folder: Path, name: str, n: int, m: int, y: int, province: str = "Gò Sim", extra: str = "") -> Path:
    path = folder / name
    text = REPORT.format(n=n, m=m, y=y, province=province.upper(), province_title=province)
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.fixture
def client(engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    sessions = session_factory(engine)
    for n, (m, y) in enumerate([(1, 2023), (2, 2023), (3, 2024), (4, 2024), (5, 2024)], start=11):
        ingest_file(sessions, _write(tmp_path, f"bc-{n}.txt", n, m, y))
    ingest_file(sessions, _write(tmp_path, "bc-16.txt", 16, 6, 2024, province="Đồng Bái"))
    # the same report as another file: one number, one date, other bytes
    ingest_file(sessions, _write(tmp_path, "bc-15-ban-in.md", 15, 5, 2024, extra="\n(bản in)\n"))
    with TestClient(create_app(engine), raise_server_exceptions=False) as test_client:
        yield test_client


def test_documents_page_by_page_the_newest_first(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 4})
    assert first.headers["X-Total-Count"] == "6"  # seven files, six documents
    assert [d["doc"] for d in first.json()] == ["bc-16", "bc-15", "bc-14", "bc-13"]
    assert first.json()[1]["renderings"] == ["bc-15-ban-in"]
    following = first.headers["Link"].split(">")[0].lstrip("<")
    second = client.get(following)
    assert [d["doc"] for d in second.json()] == ["bc-12", "bc-11"] and "Link" not in second.headers


def test_documents_filtered_by_year_province_and_kind(client: TestClient) -> None:
    def keys(**params: object) -> list[str]:
        return [d["doc"] for d in client.get("/api/documents", params=params).json()]

    assert keys(year=2023) == ["bc-12", "bc-11"]
    assert keys(province="Đồng Bái") == ["bc-16"]
    assert keys(kind="báo cáo", year=2024, province="Gò Sim") == ["bc-15", "bc-14", "bc-13"]
    page = client.get("/van-ban", params={"year": 2023}).text
    assert "2 văn bản" in page and "bc-11" in page and "bc-13" not in page
    assert "/van-ban/bc-15-ban-in" in client.get("/van-ban").text  # the other rendering, on its document's row


def test_a_deleted_document_takes_what_depends_on_it(client: TestClient, engine: Engine) -> None:
    confirm = client.get("/van-ban/bc-14/xoa").text
    assert "2 số liệu" in confirm and "Xoá hẳn" in confirm
    refused = client.post("/van-ban/bc-14/xoa", data={"reason": ""}, follow_redirects=False)
    assert "l%C3%BD%20do" in refused.headers["location"]  # "... cần lý do": nothing deleted
    done = client.post("/van-ban/bc-14/xoa", data={"reason": "tải nhầm tỉnh"}, follow_redirects=True)
    assert "Đã xoá “bc-14”" in done.text and '/van-ban/bc-14"' not in done.text
    assert client.get("/van-ban/bc-14").status_code == 404
    sessions = session_factory(engine)
    with sessions() as db:
        assert not db.scalars(select(models.Fact).where(models.Fact.quote.contains("14,5"))).all()
        assert "bc-14" not in {h.doc_key for h in search(db, "14,5 tỷ đồng")}
        assert search(db, "13,5 tỷ đồng")[0].doc_key == "bc-13"  # the index still answers for the rest
        trail = db.scalars(select(models.AuditEntry).where(models.AuditEntry.action == "document.delete")).one()
    assert trail.reason == "tải nhầm tỉnh" and trail.before and trail.before["facts"] == 2


def test_a_store_of_several_provinces_speaks_of_one_at_a_time(client: TestClient) -> None:
    default = client.get("/").text
    assert '<option value="Gò Sim" selected>Gò Sim</option>' in default  # the province with the most documents
    assert "15,5 tỷ đồng" in default and "16,5 tỷ đồng" not in default
    other = client.get("/", params={"province": "Đồng Bái"})
    assert "16,5 tỷ đồng" in other.text and "15,5 tỷ đồng" not in other.text
    assert "Đồng Bái" in unquote(other.cookies.get("province", ""))  # remembered for the next pages
    assert "Đồng Bái" in unquote(client.get("/chi-tieu/BUDGET_REVENUE").text.split(" selected>")[1][:20])


def test_a_tables_download_lists_the_province_the_page_shows(client: TestClient) -> None:
    """The dashboard set to the second province: its CSV download lists that province's documents, whether the
    choice comes with the link's query or from the remembered cookie (a download carries both)."""

    def documents(**params: str) -> list[str]:
        text = client.get("/api/tables/van-ban", params={"format": "csv", **params}).content.decode("utf-8-sig")
        return sorted(row[0] for row in csv.reader(io.StringIO(text)) if row[0].startswith("bc-"))

    go_sim = ["bc-11", "bc-12", "bc-13", "bc-14", "bc-15", "bc-15-ban-in"]
    assert documents() == go_sim  # the main province
    assert "bc-16" in client.get("/", params={"province": "Đồng Bái"}).text  # the choice, remembered
    assert documents() == ["bc-16"]
    assert documents(province="Gò Sim") == go_sim
    assert documents(province="dong bai") == ["bc-16"]  # any spelling


PLAN = """ỦY BAN NHÂN DÂN
TỈNH GÒ SIM
Số: 2/KH-UBND
Gò Sim, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2024
I. CÁC CHỈ TIÊU CHỦ YẾU
1. Tổng thu ngân sách nhà nước trên địa bàn đạt 1.000 tỷ đồng.
"""
HALF_YEAR = """ỦY BAN NHÂN DÂN
TỈNH {province}
Số: {n}/BC-UBND
Ngày 20 tháng 6 năm 2024
BÁO CÁO
Tình hình kinh tế - xã hội 6 tháng đầu năm 2024
Tổng thu ngân sách nhà nước 6 tháng đầu năm ước đạt {figure} tỷ đồng, tăng 5% so với cùng kỳ.
"""


def test_a_target_is_judged_on_its_own_provinces_figures(engine: Engine, tmp_path: Path) -> None:
    sessions = session_factory(engine)
    texts = {"kh-2": PLAN, "bc-5": HALF_YEAR.format(province="GÒ SIM", n=5, figure="600")}
    texts["bc-6"] = HALF_YEAR.format(province="ĐỒNG BÁI", n=6, figure="300")  # a later figure, elsewhere
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        ingest_file(sessions, tmp_path / f"{name}.txt")
    with TestClient(create_app(engine)) as client:
        status = client.get("/api/status", params={"year": 2024}).json()  # the province the pages show
        assert [(s["target"], s["actual"], s["actual_source"]) for s in status] == [(1000, 600, "bc-5")]
        assert client.get("/api/status", params={"year": 2024, "province": "Đồng Bái"}).json() == []
