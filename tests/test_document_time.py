"""A document's time in the store: a year in doubt and an unsure reading put a document on the review list, with
why; planning sets its period (its figures read again for it, audited) or confirms it, which takes it off; what
each figure is (actual, estimate, planned, scenario) in the export. Over real SQLite and PostgreSQL stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from planwatch.edits.documents import correct_document
from planwatch.export import fact_records
from planwatch.ingest import ingest_file
from planwatch.monitor.review import documents_to_review
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory

UNDATED = (
    "Sáu tháng đầu năm, tổng thu ngân sách nhà nước trên địa bàn ước đạt 3.240 tỷ đồng, tăng 8,2% so với cùng kỳ, "
    "bằng 51,3% dự toán. Riêng tháng 6, thu ngân sách đạt 560 tỷ đồng.\n"
)
DATED = (
    "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2023\n\n"
    "Tổng thu ngân sách nhà nước 6 tháng ước đạt 4.120 tỷ đồng, tăng 6,1% so với cùng kỳ. Tốc độ tăng trưởng GRDP "
    "6 tháng ước đạt 6,8%/kịch bản 7,1% (kế hoạch năm tăng 7,5%).\n"
)


@pytest.fixture
def store(engine: Engine, tmp_path: Path) -> sessionmaker[Session]:
    sessions = session_factory(engine)
    for name, text in (("khong-nam", UNDATED), ("sau-thang-2023", DATED)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        assert ingest_file(sessions, path).status == "added"
    return sessions


def _figures(session: Session, doc: str) -> set[tuple[str, float, str | None, str | None]]:
    return {(r["measure"], r["value"], r["period_start"], r["period_end"]) for r in fact_records(session, doc)}


def test_a_document_without_a_year_is_listed_with_why_and_a_dated_one_is_not(store: sessionmaker[Session]) -> None:
    with store() as session:
        listed = documents_to_review(session)
        assert [item.doc_key for item in listed] == ["khong-nam"]
        assert listed[0].time_doubt == "no_year"
        said = [reason.text("vi") for reason in listed[0].reasons()]
        assert "văn bản không nêu năm nào cho số liệu của mình" in said
        assert [reason.text("en") for reason in listed[0].reasons()][0] == "the text names no year for its figures"
        dated = session.scalar(select(models.Document).where(models.Document.doc_key == "sau-thang-2023"))
        assert dated is not None and dated.time_doubt is None and dated.period_source == "title"
        assert dated.sureness is not None and dated.sureness >= 0.5


def test_setting_the_period_reads_the_figures_again_for_it_and_is_audited(store: sessionmaker[Session]) -> None:
    with store.begin() as session:
        changed = correct_document(
            session, "khong-nam", {"period_start": "2020-01", "period_end": "2020-06"}, "ke_hoach", "theo bản gốc"
        )
        assert changed == 4  # the two months, the figures read again, the review done
    with store() as session:
        figures = _figures(session, "khong-nam")
        assert {("value", 3240.0, "2020-01", "2020-06"), ("yoy_change_pct", 8.2, "2020-01", "2020-06")} <= figures
        assert ("value", 560.0, "2020-06", "2020-06") in figures
        entry = session.scalar(select(models.AuditEntry).where(models.AuditEntry.action == "document.correct"))
        assert entry is not None and entry.after is not None and entry.reason == "theo bản gốc"
        assert entry.after["period_end"] == "2020-06" and entry.after["facts"] == str(len(figures))
        assert documents_to_review(session) == []
        document = session.scalar(select(models.Document).where(models.Document.doc_key == "khong-nam"))
        assert document is not None and document.time_reviewed and document.period_source == "given"


def test_confirming_the_period_takes_a_document_off_the_list_without_reading_it_again(
    store: sessionmaker[Session],
) -> None:
    with store() as session:
        before = _figures(session, "khong-nam")
    with store.begin() as session:
        assert correct_document(session, "khong-nam", {"confirm_period": "1"}, "ke_hoach", "đã xem") == 1
    with store() as session:
        assert documents_to_review(session) == [] and _figures(session, "khong-nam") == before


def test_each_figure_says_what_it_is(store: sessionmaker[Session]) -> None:
    with store() as session:
        said = {(r["measure"], r["value"]): r["modality"] for r in fact_records(session, "sau-thang-2023")}
    assert said[("value", 4120.0)] == "estimate" and said[("yoy_change_pct", 6.1)] == "estimate"
    assert said[("yoy_change_pct", 7.1)] == "scenario" and said[("yoy_change_pct", 7.5)] == "planned"


def test_the_review_list_on_its_page_and_in_the_api(engine: Engine, store: sessionmaker[Session]) -> None:
    with TestClient(create_app(engine)) as client:
        page = client.get("/van-ban/can-xem-lai").text
        assert "khong-nam" in page and "không nêu năm" in page and "sau-thang-2023" not in page
        assert "Văn bản cần xem lại (1)" in client.get("/van-ban").text
        shown = client.get("/van-ban/khong-nam").text
        assert "Thời gian văn bản" in shown and "Kỳ báo cáo đúng" in shown
        answer = client.get("/api/documents/review", params={"lang": "en"}).json()
        assert [(a["doc"], a["time_doubt"]) for a in answer] == [("khong-nam", "no_year")]
        assert answer[0]["reasons"][0] == "the text names no year for its figures"
