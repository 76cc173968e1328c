"""The documents' names kept between requests: brought up to date by the documents stored since, always the
names `document_names` gives the whole store, and never changed under a reader who holds them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from planwatch.edits.documents import delete_document
from planwatch.ingest import ingest_file
from planwatch.store.db import session_factory
from planwatch.store.document_names import KeptNames, document_names

from .conftest import with_samples


def _report(folder: Path, number: str, body: str) -> Path:
    path = folder / f"bao-cao-{number}.txt"
    text = f"UBND TỈNH AN HÀ\nSố: {number}/BC-UBND\nBÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2025\n{body}\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_names_kept_follow_each_document_stored_and_each_edit(
    engine: Engine, samples_template: Path, tmp_path: Path
) -> None:
    sessions = session_factory(with_samples(engine, samples_template))
    kept = KeptNames()
    with sessions() as session:
        before = kept.get(session, "vi")
        assert before == document_names(session) and before
    ingest_file(sessions, _report(tmp_path, "101", "Thu ngân sách ước đạt 812,5 tỷ đồng."))
    ingest_file(sessions, _report(tmp_path, "102", "Xuất khẩu ước đạt 95,4 triệu USD."))
    with sessions() as session:
        after = kept.get(session, "vi")
        assert after == document_names(session)
        assert {after["bao-cao-101"], after["bao-cao-102"]} == {
            "Báo cáo tháng 5/2025 (101/BC-UBND)",
            "Báo cáo tháng 5/2025 (102/BC-UBND)",
        }  # one name, told apart by the number
        assert "bao-cao-101" not in before  # what a reader held is not changed under them
        assert kept.get(session, "en")["bao-cao-101"].startswith("Report, ")
    with sessions.begin() as session:
        delete_document(session, "bao-cao-102", "kh-dt", "nhập nhầm")
    with sessions() as session:
        again = kept.get(session, "vi")
        assert again == document_names(session) and again["bao-cao-101"] == "Báo cáo tháng 5/2025"
