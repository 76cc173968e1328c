"""Scanned PDFs read by OCR (tesseract, vie): a page drawn here with a red seal over its header, turned by a
degree, and a ruled table; facts keep their box and confidence; doubted figures wait in the review list, where
planning confirms or corrects them through the API (audited); scans are jobs of their own lane, page by page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from planwatch.ingest import ingest_file, ingest_files
from planwatch.jobs.queue import OCR, READ, JobState, enqueue, job
from planwatch.jobs.worker import run_one
from planwatch.read.files import read_bytes
from planwatch.read.ocr_pages import OcrMode, OcrNeeded, OcrOptions
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory
from tests.conftest import SHARED_CORPUS
from tests.scanned import page_image, scanned_pdf

pytestmark = pytest.mark.slow  # OCR runs in processes of its own

LINES = [
    "ỦY BAN NHÂN DÂN TỈNH AN HÀ",
    "Số: 45/BC-UBND",
    "An Hà, ngày 10 tháng 7 năm 2025",
    "BÁO CÁO",
    "Tình hình kinh tế - xã hội 6 tháng đầu năm 2025",
    "Tổng thu ngân sách nhà nước 6 tháng đầu năm 2025 ước đạt 5.432,1 tỷ đồng,",
    "tăng 12,5% so với cùng kỳ, bằng 48,2% dự toán.",
    "Tổng vốn đầu tư toàn xã hội ước đạt 1.000 tỷ đồng; trong đó: vốn ngân sách",
    "nhà nước 700 tỷ đồng, vốn doanh nghiệp 600 tỷ đồng.",
]
TABLE = [
    ["STT", "Chỉ tiêu", "Kết quả"],
    ["1", "Số doanh nghiệp thành lập mới", "312 doanh nghiệp"],
    ["2", "Diện tích lúa gieo cấy", "28.450 ha"],
]


@pytest.fixture(scope="module")
def scan() -> bytes:
    return scanned_pdf(page_image(LINES, TABLE))


@pytest.fixture
def scan_file(tmp_path: Path, scan: bytes) -> Path:
    path = tmp_path / "bao-cao-quet.pdf"
    path.write_bytes(scan)
    return path


def test_a_scan_is_read_the_seal_dropped_and_the_table_kept_in_rows(scan: bytes) -> None:
    raw = read_bytes("bao-cao-quet.pdf", scan)
    text = "\n".join(block.text for block in raw.blocks)
    assert "ước đạt 5.432,1 tỷ đồng, tăng 12,5% so với cùng kỳ, bằng 48,2% dự toán." in text
    assert "ĐÓNG DẤU" not in text  # the seal's red lettering is not read
    rows = [block.text for block in raw.blocks if block.kind == "table_row"]
    assert rows == ["STT | Chỉ tiêu | Kết quả", "1 | Số doanh nghiệp thành lập mới | 312 doanh nghiệp",
                    "2 | Diện tích lúa gieo cấy | 28.450 ha"]  # fmt: skip
    assert [page.number for page in raw.scanned] == [1] and raw.scanned[0].image.startswith(b"\xff\xd8")


def test_ocr_never_refuses_a_scan_and_a_worker_not_allowed_to_read_it_hands_it_on(scan: bytes) -> None:
    with pytest.raises(Exception, match="không có lớp văn bản"):
        read_bytes("quet.pdf", scan, OcrOptions(OcrMode.NEVER))
    with pytest.raises(OcrNeeded) as needed:
        read_bytes("quet.pdf", scan, OcrOptions(here=False))
    assert needed.value.pages == 1


@pytest.mark.skipif(not (SHARED_CORPUS / "pdf").is_dir(), reason="needs ../shared/corpus")
def test_a_pdf_with_a_text_layer_is_not_read_by_ocr() -> None:
    path = next((SHARED_CORPUS / "pdf").glob("000_*.pdf"))
    assert read_bytes(path.name, path.read_bytes()).scanned == []


def test_facts_of_a_scan_keep_box_and_confidence_and_doubted_ones_wait(engine: Engine, scan_file: Path) -> None:
    sessions = session_factory(engine)
    heard: list[tuple[str, int, int]] = []
    result = next(ingest_files(sessions, [scan_file], on_pages=lambda *news: heard.append(news)))
    assert result.status == "added" and heard[-1] == ("bao-cao-quet.pdf", 1, 1)
    with sessions() as db:
        facts = {(f.measure, f.value): f for f in db.scalars(select(models.Fact))}
        revenue = facts[("value", 5432.1)]
        assert revenue.ocr and revenue.page == 1 and revenue.ocr_confidence and revenue.ocr_confidence > 50
        x0, y0, x1, y1 = revenue.ocr_box or []
        assert 0 < x0 < x1 < 1 and 0 < y0 < y1 < 1
        # the parts (700 + 600) sum above their total (1.000): all three wait for a person
        doubted = {f.value for f in facts.values() if f.review == "pending"}
        assert {1000.0, 700.0, 600.0} <= doubted
        assert "parts" in (facts[("value", 700.0)].doubts or "")
        assert db.scalar(select(models.PageImage.width).where(models.PageImage.page == 1))


def test_planning_confirms_and_corrects_through_the_api(engine: Engine, scan_file: Path) -> None:
    sessions = session_factory(engine)
    ingest_file(sessions, scan_file)
    with TestClient(create_app(engine)) as client:
        listed = client.get("/api/review")
        assert listed.status_code == 200 and int(listed.headers["X-Total-Count"]) == len(listed.json()) >= 3
        part = next(item for item in listed.json() if item["value"] == 600)
        assert part["printed"] == "600" and "parts" in part["doubts"]
        crop = client.get(part["crop"])
        assert crop.status_code == 200 and crop.headers["content-type"] == "image/jpeg"
        assert client.get(part["page_image"]).status_code == 200
        bad = client.post(f"/api/facts/{part['id']}/review", json={"action": "correct", "value": "1.23,4"})
        assert bad.status_code == 400
        fixed = client.post(f"/api/facts/{part['id']}/review", json={"action": "correct", "value": "300"})
        assert fixed.json() == {"id": part["id"], "review": "corrected", "value": 300.0, "value_read": 600.0}
        total = next(item for item in listed.json() if item["value"] == 1000)
        confirmed = client.post(f"/api/facts/{total['id']}/review", json={"action": "confirm", "reason": "đúng"})
        assert confirmed.json()["review"] == "confirmed"
        left = client.get("/api/review").json()
        assert {item["id"] for item in left}.isdisjoint({part["id"], total["id"]})
        page = client.get("/van-ban/bao-cao-quet").text
        assert "/api/documents/bao-cao-quet/pages/1.jpg" in page and 'class="ocr-box' in page
        assert client.get("/api/facts/999999/crop.jpg").status_code == 404
    with sessions() as db:
        fact = db.get(models.Fact, part["id"])
        assert fact is not None and (fact.value, fact.base_value, fact.value_read) == (300, 300e9, 600)
        actions = [(a.action, a.before, a.after) for a in db.scalars(select(models.AuditEntry))]
        assert ("fact.corrected", {"value": 600.0, "unit": "tỷ đồng", "review": "pending", "doubts": "parts"},
                {"value": 300.0, "unit": "tỷ đồng", "review": "corrected", "doubts": "parts"}) in actions  # fmt: skip
        assert any(action == "fact.confirmed" for action, _, _ in actions)


@pytest.fixture
def queued(engine: Engine, scan: bytes) -> Iterator[tuple[Engine, int, int]]:
    sessions = session_factory(engine)
    with sessions.begin() as db:
        scan_job = enqueue(db, "quet.pdf", scan, "ke_hoach")
        text_job = enqueue(db, "thang-3.txt", "BÁO CÁO\nTháng 3 năm 2025 thu nội địa đạt 510 tỷ đồng.\n".encode(), "x")
    yield engine, scan_job, text_job


def test_a_scan_waits_in_the_ocr_lane_and_holds_no_other_upload(queued: tuple[Engine, int, int]) -> None:
    engine, scan_job, text_job = queued
    sessions = session_factory(engine)
    assert run_one(sessions, READ)  # the scan: handed to the OCR lane, not read here
    with sessions() as db:
        waiting = job(db, scan_job)
        assert waiting and (waiting.state, waiting.lane, waiting.pages_total) == (JobState.QUEUED, OCR, 1)
    assert run_one(sessions, READ)  # the text uploaded after it is read at once
    with sessions() as db:
        assert (found := job(db, text_job)) and found.outcome == "added"
    assert not run_one(sessions, READ)
    assert run_one(sessions, OCR)
    with sessions() as db:
        read = job(db, scan_job)
        assert read and (read.outcome, read.pages_done, read.pages_total) == ("added", 1, 1)
