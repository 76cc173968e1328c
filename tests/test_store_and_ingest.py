"""Ingest over real SQLite and PostgreSQL connections: versions, idempotence, all-or-nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from planwatch.export import fact_records
from planwatch.ingest import document_paths, ingest_file, ingest_files
from planwatch.monitor.stored import count_findings, stored_findings, unclassified_labels
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory

from .conftest import SAMPLES, with_samples


def _count(engine: Engine, model: type) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_ingest_samples_then_unchanged(engine: Engine) -> None:
    sessions = session_factory(engine)
    results = [ingest_file(sessions, p) for p in document_paths([SAMPLES])]
    assert {r.status for r in results} == {"added"} and all(r.facts + r.tasks > 0 for r in results)
    assert sum(r.facts for r in results) > 90
    facts_before = _count(engine, models.Fact)
    again = [ingest_file(sessions, p) for p in document_paths([SAMPLES])]
    assert {r.status for r in again} == {"unchanged"}
    assert _count(engine, models.Fact) == facts_before


def test_every_fact_resolves_to_its_quote(engine: Engine, samples_template: Path) -> None:
    sessions = session_factory(with_samples(engine, samples_template))
    with sessions() as session:
        texts = {d.doc_key: d.text for d in session.scalars(select(models.Document))}
        records = list(fact_records(session))
    assert records
    for record in records:
        assert texts[record["doc"]][record["char_start"] : record["char_end"]] == record["quote"]


def test_changed_file_is_a_new_version(engine: Engine, tmp_path: Path) -> None:
    sessions = session_factory(engine)
    path = tmp_path / "bao-cao.txt"
    shutil.copy(SAMPLES / "bao-cao-thang-4-2025.txt", path)
    assert ingest_file(sessions, path).status == "added"
    path.write_text(path.read_text(encoding="utf-8").replace("21.350 tỷ đồng", "21.360 tỷ đồng"), encoding="utf-8")
    assert ingest_file(sessions, path).status == "new_version"
    with sessions() as session:
        values = [r["value"] for r in fact_records(session, "bao-cao")]
    assert 21360 in values and 21350 not in values  # only the current version is exported


def test_rejected_file_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    sessions = session_factory(engine)
    ingest_file(sessions, SAMPLES / "bao-cao-thang-4-2025.txt")
    before = (_count(engine, models.Document), _count(engine, models.Fact))
    broken = tmp_path / "bao-cao-thang-4-2025.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage that is not a pdf")
    result = ingest_file(sessions, broken)
    assert result.status == "rejected" and "PDF" in result.message
    assert (_count(engine, models.Document), _count(engine, models.Fact)) == before


@pytest.mark.slow  # worker processes
def test_ingest_on_two_cores_stores_what_one_does_in_the_same_order(engine: Engine, tmp_path: Path) -> None:
    # two reports that disagree on April's industrial index: a finding the workers must check as this process does
    disagreeing = [tmp_path / "thang-5.txt", tmp_path / "thang-6.txt"]
    for path, (window, rise) in zip(disagreeing, [("tháng 5", "12,4"), ("6 tháng đầu", "13,9")], strict=True):
        path.write_text(
            f"BÁO CÁO\nTình hình kinh tế - xã hội {window} năm 2025\n"
            f"Chỉ số sản xuất công nghiệp (IIP) tháng 4/2025 tăng {rise}% so với cùng kỳ.\n",
            encoding="utf-8",
        )
    files = [*document_paths([SAMPLES]), *disagreeing, tmp_path / "hong.docx"]
    files[-1].write_bytes(b"PK\x03\x04 not a document")
    one = session_factory(open_engine(f"sqlite:///{tmp_path / 'one.db'}"))
    two = session_factory(engine)
    alone = [(r.path, r.status, r.facts, r.tasks) for r in ingest_files(one, files, jobs=1)]
    together = [(r.path, r.status, r.facts, r.tasks) for r in ingest_files(two, files, jobs=2)]
    assert together == alone and [s for _, s, _, _ in alone].count("added") == len(files) - 1
    assert [r.status for r in ingest_files(two, files, jobs=2)][:-1] == ["unchanged"] * (len(files) - 1)
    with one() as a, two() as b:
        assert list(fact_records(a)) == list(fact_records(b))
        # the findings were checked in the worker processes on two cores, here in this one
        assert stored_findings(b) == stored_findings(a) and unclassified_labels(b) == unclassified_labels(a)
        assert count_findings(b) == len(stored_findings(b)) > 0
