"""A merged province's "so với cùng kỳ" checked against its predecessors' combined figure of a year earlier: a
finding quoting the change, the merged figure and each old province's figure when they disagree beyond rounding;
none while an old province's figure of that period is missing; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from planwatch.ingest import ingest_file
from planwatch.monitor.checks import Finding, run_checks
from planwatch.monitor.stored import refresh, stored_findings
from planwatch.store.db import session_factory
from planwatch.view import make_view


def _report(folder: Path, name: str, province: str, year: int, issued: str, sentence: str) -> Path:
    """A ten-month report of `province` (its heading as a provincial committee writes it)."""
    path = folder / f"{name}.txt"
    path.write_text(
        f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\nSố: 301/BC-UBND\n{province}, ngày {issued}\n\nBÁO CÁO\n"
        f"Tình hình kinh tế - xã hội 10 tháng năm {year}\n\n1. {sentence}\n",
        encoding="utf-8",
    )
    return path


def _store(engine: Engine, tmp_path: Path, change: str) -> tuple[sessionmaker[Session], Path]:
    """The new Bắc Ninh's ten months of 2025 stating `change` and Bắc Giang's of 2024, checked; the old Bắc
    Ninh's ten months of 2024 (returned) not yet ingested."""
    sessions = session_factory(engine)
    merged = _report(tmp_path, "bn-10-thang-2025", "Bắc Ninh", 2025, "10 tháng 11 năm 2025",
                     f"Tổng thu NSNN 10 tháng ước đạt 58.000 tỷ đồng, tăng {change}% so với cùng kỳ.")  # fmt: skip
    giang = _report(tmp_path, "bg-10-thang-2024", "Bắc Giang", 2024, "8 tháng 11 năm 2024",
                    "Tổng thu NSNN 10 tháng ước đạt 20.000 tỷ đồng, tăng 6,1% so với cùng kỳ.")  # fmt: skip
    for path in (merged, giang):
        assert ingest_file(sessions, path).status == "added"
    with sessions.begin() as session:
        refresh(session)
    old = _report(tmp_path, "bn-cu-10-thang-2024", "Bắc Ninh", 2024, "9 tháng 11 năm 2024",
                  "Tổng thu NSNN 10 tháng ước đạt 30.000 tỷ đồng, tăng 4,5% so với cùng kỳ.")  # fmt: skip
    return sessions, old


def _merged_base(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind == "merged_base"]


def test_a_change_disagreeing_with_the_combined_base_is_found_once_every_old_province_reports(
    engine: Engine, tmp_path: Path
) -> None:
    sessions, old = _store(engine, tmp_path, "25,0")
    with sessions() as session:
        merged = make_view(session, "Bắc Ninh").scope
        assert _merged_base(stored_findings(session, merged)) == []  # the old Bắc Ninh's figure is missing
    assert ingest_file(sessions, old).status == "added"
    with sessions.begin() as session:
        assert "Bắc Ninh" in refresh(session)  # an old province's new document checks the merged one again
    with sessions() as session:
        merged = make_view(session, "Bắc Ninh").scope
        [found] = _merged_base(stored_findings(session, merged))
        assert found == _merged_base(run_checks(session, merged))[0]
        assert found.indicator and found.period == "2025-01–2025-10" and "ghi 25%" in found.message
        assert "được 16%" in found.message  # 58.000 against 20.000 + 30.000
        assert [s.doc_key for s in found.sources] == [
            "bn-10-thang-2025",
            "bn-10-thang-2025",
            "bg-10-thang-2024",
            "bn-cu-10-thang-2024",
        ]
        assert [s.value for s in found.sources] == [25.0, 58000, 20000, 30000]
        assert "25,0" in found.sources[0].quote and all(s.quote.startswith("Tổng thu NSNN") for s in found.sources[1:])
        for old_one in ("Bắc Giang", "Bắc Ninh (cũ)"):  # an old province's own view is as before
            assert _merged_base(stored_findings(session, make_view(session, old_one).scope)) == []


@pytest.mark.parametrize("change", ["16,0", "16,9"])
def test_a_change_within_rounding_of_the_combined_base_is_no_finding(
    engine: Engine, tmp_path: Path, change: str
) -> None:
    sessions, old = _store(engine, tmp_path, change)
    ingest_file(sessions, old)
    with sessions.begin() as session:
        refresh(session)
    with sessions() as session:
        assert _merged_base(stored_findings(session, make_view(session, "Bắc Ninh").scope)) == []
