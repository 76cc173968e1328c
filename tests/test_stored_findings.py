"""Findings kept in the store: recomputed for the scopes a write touched, never stale for a reader, and the same
as the checks computed from scratch; over real SQLite and PostgreSQL stores."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from planwatch.edits.documents import correct_document, delete_document
from planwatch.edits.plans import add_indicator_alias
from planwatch.ingest import ingest_file, ingest_files, refresh_on_cores
from planwatch.jobs.worker import Worker
from planwatch.monitor import stored
from planwatch.monitor.checks import run_checks
from planwatch.monitor.stored import count_findings, refresh, refresh_store, stored_findings, unclassified_labels
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.current import labels_matching
from planwatch.store.db import session_factory
from planwatch.store.freshness import mark_stale, pending, version
from planwatch.store.scope import EVERY, UNNAMED, Scope

MAY = "BÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2025\n"
JUNE = "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2025\n"


def _report(folder: Path, name: str, heading: str, iip: str) -> Path:
    """A report stating April's industrial production index; two that differ contradict each other."""
    path = folder / f"{name}.txt"
    path.write_text(f"{heading}Chỉ số sản xuất công nghiệp (IIP) tháng 4/2025 tăng {iip}% so với cùng kỳ.\n")
    return path


@pytest.fixture
def two_provinces(engine: Engine, tmp_path: Path) -> sessionmaker[Session]:
    """Each province has two reports that disagree on April; figures of two provinces are never compared."""
    sessions = session_factory(engine)
    for province, first, second in (("Tỉnh Đông", "12,4", "13,9"), ("Tỉnh Tây", "8,1", "9,7")):
        for name, heading, iip in (("thang-5", MAY, first), ("6-thang", JUNE, second)):
            path = _report(tmp_path, f"{province[5:]}-{name}", heading, iip)
            assert ingest_file(sessions, path, province=province).status == "added"
    with sessions.begin() as session:
        refresh(session)
    return sessions


def _kinds(findings: list[object]) -> list[tuple[str, str]]:
    return [(f.kind, f.period) for f in findings]  # type: ignore[attr-defined]


def test_stored_findings_are_the_checks_of_each_province(two_provinces: sessionmaker[Session]) -> None:
    with two_provinces() as session:
        assert _kinds(stored_findings(session)) == _kinds(run_checks(session))
        for province in ("Tỉnh Đông", "Tỉnh Tây"):
            [mine] = stored_findings(session, Scope(province))
            assert mine.kind == "contradiction" and mine.sources[0].doc_key.endswith("thang-5")
            assert [s.quote[:28] for s in mine.sources] == ["Chỉ số sản xuất công nghiệp "] * 2  # each its sentence
            assert mine == run_checks(session, Scope(province))[0]
        assert count_findings(session) == 2 and count_findings(session, Scope("Tỉnh Nam")) == 0


def test_a_write_recomputes_only_the_province_it_touched(two_provinces: sessionmaker[Session], tmp_path: Path) -> None:
    later = _report(tmp_path, "Đông-thang-7", "BÁO CÁO\nTình hình kinh tế - xã hội tháng 7 năm 2025\n", "15,0")
    ingest_file(two_provinces, later, province="Tỉnh Đông")
    with two_provinces.begin() as session:
        assert refresh(session) == ["Tỉnh Đông"]
        assert refresh(session) == []  # nothing is stale any more
    with two_provinces() as session:
        assert count_findings(session, Scope("Tỉnh Đông")) == 2 and count_findings(session, Scope("Tỉnh Tây")) == 1


def test_a_reader_reads_the_last_check_at_once_and_never_writes(two_provinces: sessionmaker[Session]) -> None:
    with two_provinces.begin() as session:
        delete_document(session, "Đông-6-thang", "sở KH&ĐT", "nhập nhầm")
    with two_provinces() as session:
        before, west = version(session, Scope("Tỉnh Đông")), version(session, Scope("Tỉnh Tây"))
        assert len(stored_findings(session)) == 2 and pending(session)  # the last check's, a newer one coming
        assert version(session, Scope("Tỉnh Đông")) == before  # reading changed nothing
        assert session.scalar(select(func.count(models.StaleScope.id))) == 1  # the mark waits for a writer
    refresh_store(two_provinces)  # the server's worker, or the command that deleted
    with two_provinces() as session:
        assert _kinds(stored_findings(session)) == [("contradiction", "2025-04–2025-04")]  # Tây's only
        assert not pending(session) and version(session, Scope("Tỉnh Đông")).figures != before.figures
        assert version(session, Scope("Tỉnh Tây")).figures == west.figures  # results kept for Tây stay good


@contextmanager
def _refreshing_elsewhere(engine: Engine) -> Iterator[None]:
    """Another process is refreshing (PostgreSQL: it holds the advisory lock), or another thread of this one
    (SQLite: it holds this process's lock)."""
    if engine.dialect.name != "postgresql":
        with stored._REFRESHING:
            yield
        return
    with engine.connect() as other:
        other.execute(text("SELECT pg_advisory_lock(:key)"), {"key": stored._REFRESH_LOCK})
        yield
        other.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": stored._REFRESH_LOCK})


def test_a_reader_reads_the_last_check_while_another_refreshes_instead_of_waiting(
    two_provinces: sessionmaker[Session], engine: Engine, tmp_path: Path
) -> None:
    later = _report(tmp_path, "Đông-thang-7", "BÁO CÁO\nTình hình kinh tế - xã hội tháng 7 năm 2025\n", "15,0")
    ingest_file(two_provinces, later, province="Tỉnh Đông")
    # held before the app starts: its own worker, which refreshes between jobs, must not get there first either
    with _refreshing_elsewhere(engine), TestClient(create_app(engine)) as client:
        answer = client.get("/api/checks", params={"province": "Tỉnh Đông"})
        assert answer.headers["X-Total-Count"] == "1" and answer.headers["X-Findings-Pending"] == "true"
        assert "Đang kiểm tra lại" in client.get("/kiem-tra", params={"province": "Tỉnh Đông"}).text
        assert "Đang kiểm tra các thay đổi" in client.get("/", params={"province": "Tỉnh Đông"}).text
    refresh_store(two_provinces)  # the refresh the other one was making
    with TestClient(create_app(engine)) as client:
        answer = client.get("/api/checks", params={"province": "Tỉnh Đông"})
        assert answer.headers["X-Total-Count"] == "2" and "X-Findings-Pending" not in answer.headers


def test_the_servers_worker_refreshes_between_jobs_what_a_write_left_pending(
    two_provinces: sessionmaker[Session], tmp_path: Path
) -> None:
    later = _report(tmp_path, "Đông-thang-7", "BÁO CÁO\nTình hình kinh tế - xã hội tháng 7 năm 2025\n", "15,0")
    ingest_file(two_provinces, later, province="Tỉnh Đông")  # marks Tỉnh Đông, refreshes nothing
    worker = Worker(two_provinces, poll=0.05)
    worker.start()
    try:
        deadline = time.monotonic() + 60  # waits for the worker's refresh, whatever the machine's speed
        while _pending_marks(two_provinces) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    assert _pending_marks(two_provinces) == 0
    with two_provinces() as session:
        assert count_findings(session, Scope("Tỉnh Đông")) == 2


def test_a_worker_lets_its_refresh_gap_pass_before_it_refreshes_again(
    two_provinces: sessionmaker[Session], tmp_path: Path
) -> None:
    """Uploads arriving one by one are checked together: a mark made just after a refresh waits for the gap."""
    worker = Worker(two_provinces, poll=0.05, refresh_gap=3600)
    ingest_file(
        two_provinces, _report(tmp_path, "Đông-thang-7", "BÁO CÁO\nTháng 7 năm 2025\n", "15,0"), province="Tỉnh Đông"
    )
    worker.start()
    try:
        deadline = time.monotonic() + 60  # the first refresh comes at once, whatever the machine's speed
        while _pending_marks(two_provinces) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _pending_marks(two_provinces) == 0
        ingest_file(
            two_provinces, _report(tmp_path, "Tây-thang-7", "BÁO CÁO\nTháng 7 năm 2025\n", "9,0"), province="Tỉnh Tây"
        )
        time.sleep(1)  # twenty polls
        assert _pending_marks(two_provinces) == 1
    finally:
        worker.stop()


def _pending_marks(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:  # a session of its own each time: SQLite reads a snapshot per transaction
        return session.scalar(select(func.count(models.StaleScope.id))) or 0


def test_moving_a_document_to_another_province_marks_both(two_provinces: sessionmaker[Session]) -> None:
    with two_provinces.begin() as session:
        correct_document(session, "Đông-thang-5", {"province": "Tỉnh Bắc"}, "sở KH&ĐT", "sai tỉnh")
    with two_provinces.begin() as session:
        marked = set(session.scalars(select(models.StaleScope.scope)))
        assert marked == {"Tỉnh Bắc", "Tỉnh Đông"}
        refresh(session)
    with two_provinces() as session:
        assert count_findings(session, Scope("Tỉnh Đông")) == 0 and count_findings(session, Scope("Tỉnh Tây")) == 1


def _target(document_id: int | None, indicator: str = "Chỉ số sản xuất công nghiệp") -> models.Target:
    return models.Target(document_id=document_id, indicator=indicator, year=2025, measure="yoy_change_pct",
                         comparator=">=", value=10.0, unit="%")  # fmt: skip


def test_a_documents_target_marks_its_province_and_a_hand_entered_one_the_scope_of_none(
    two_provinces: sessionmaker[Session],
) -> None:
    with two_provinces.begin() as session:
        tay = session.scalar(select(models.Document.id).where(models.Document.province == "Tỉnh Tây"))
        session.add(_target(tay))
        session.flush()
        assert set(session.scalars(select(models.StaleScope.scope))) == {"Tỉnh Tây"}
        session.add(_target(None))
        session.flush()
        assert set(session.scalars(select(models.StaleScope.scope))) == {"Tỉnh Tây", UNNAMED}


def test_a_hand_entered_target_is_checked_without_rechecking_the_provinces(
    two_provinces: sessionmaker[Session],
) -> None:
    """Its label, which no indicator names, is counted after a refresh of the scope of none alone; mapping the
    label marks that scope again, though no document carries it."""
    with two_provinces.begin() as session:
        session.add(_target(None, "Số hợp tác xã kiểu mới"))
    with two_provinces.begin() as session:
        assert refresh(session) == [UNNAMED]
        assert ("Số hợp tác xã kiểu mới", 1) in unclassified_labels(session)
        assert add_indicator_alias(session, "số hợp tác xã kiểu mới", "IIP", "sở KH&ĐT") == 1
        assert refresh(session) == [UNNAMED]
        assert ("Số hợp tác xã kiểu mới", 1) not in unclassified_labels(session)


@pytest.mark.slow  # worker processes
def test_a_bulk_change_marking_every_province_is_rechecked_on_every_core(two_provinces: sessionmaker[Session]) -> None:
    with two_provinces.begin() as session:
        session.execute(delete(models.StoredFinding))
        mark_stale(session, [EVERY])
    assert refresh_on_cores(two_provinces, 2) == [UNNAMED, "Tỉnh Tây", "Tỉnh Đông"]
    with two_provinces() as session:
        assert _kinds(stored_findings(session)) == _kinds(run_checks(session)) and count_findings(session) == 2


def test_a_change_stated_against_a_year_earlier_is_checked_though_the_years_are_read_apart(
    engine: Engine, tmp_path: Path
) -> None:
    """The checks read a year of figures at a time; a change is compared with the year before's value."""
    sessions = session_factory(engine)
    for year, said in ((2024, "1.000 tỷ đồng"), (2025, "1.500 tỷ đồng, tăng 20% so với cùng kỳ")):
        path = tmp_path / f"thang-4-{year}.txt"
        path.write_text(f"BÁO CÁO\nTình hình kinh tế - xã hội tháng 4 năm {year}\nThu ngân sách nhà nước trên địa "
                        f"bàn 4 tháng đầu năm {year} đạt {said}.\n", encoding="utf-8")  # fmt: skip
        ingest_file(sessions, path, province="Tỉnh Đông")
    refresh_store(sessions)
    with sessions() as session:
        [finding] = stored_findings(session)
    assert (finding.kind, finding.period) == ("yoy_mismatch", "2025-01–2025-04") and "50%" in finding.message
    assert [s.quote[:8] for s in finding.sources] == ["tăng 20%", "Thu ngân", "Thu ngân"]  # each its own sentence


def _cooperatives_in_tay(sessions: sessionmaker[Session], folder: Path) -> None:
    """A report of Tỉnh Tây stating a figure whose label no indicator names."""
    heading = "BÁO CÁO\nTình hình kinh tế - xã hội tháng 8 năm 2025\n"
    path = folder / "Tây-thang-8.txt"
    path.write_text(f"{heading}Số hợp tác xã kiểu mới thành lập trong tháng đạt 14 hợp tác xã.\n", encoding="utf-8")
    ingest_file(sessions, path, province="Tỉnh Tây")


def test_a_mapped_label_recomputes_the_provinces_that_state_it(
    two_provinces: sessionmaker[Session], tmp_path: Path
) -> None:
    _cooperatives_in_tay(two_provinces, tmp_path)
    with two_provinces.begin() as session:
        refresh(session)
        assert add_indicator_alias(session, "hợp tác xã thành lập", "IIP", "sở KH&ĐT") == 1
        assert refresh(session) == ["Tỉnh Tây"]


def test_an_ingest_run_leaves_nothing_stale(engine: Engine, tmp_path: Path) -> None:
    sessions = session_factory(engine)
    paths = [_report(tmp_path, "thang-5", MAY, "12,4"), _report(tmp_path, "6-thang", JUNE, "13,9")]
    assert [r.status for r in ingest_files(sessions, paths)] == ["added", "added"]
    with sessions() as session:
        assert session.scalar(select(func.count(models.StaleScope.id))) == 0
        [finding] = session.scalars(select(models.StoredFinding)).all()
        assert finding.kind == "contradiction" and finding.severity == "cao"


def test_labels_no_indicator_names_are_counted_per_province_and_found_by_their_words(
    two_provinces: sessionmaker[Session], tmp_path: Path
) -> None:
    _cooperatives_in_tay(two_provinces, tmp_path)
    refresh_store(two_provinces)
    with two_provinces() as session:
        [(label, count)] = [(label, n) for label, n in unclassified_labels(session) if "hợp tác xã" in label]
        assert count == 1 and labels_matching(session, "hop tac xa thanh lap") == [label]  # kept by the trigger
        assert [
            c.scope
            for c in session.scalars(select(models.UnclassifiedLabel).where(models.UnclassifiedLabel.label == label))
        ] == ["Tỉnh Tây"]
