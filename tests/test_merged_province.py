"""One province across the 2025 reorganisation: the new Bắc Ninh's view reads the documents of Bắc Giang and the
old Bắc Ninh; an old province asked by name, or a province that did not merge, reads its own as before; a target
set again later supersedes the earlier one, both kept, the reason stated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from planwatch.cli.main import app
from planwatch.monitor.progress import year_status, year_targets
from planwatch.monitor.series import series
from planwatch.monitor.target_versions import target_history
from planwatch.query.facts import current_documents
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory
from planwatch.store.scope import Scope
from planwatch.view import make_view

from .conftest import stored_copy
from .merger import BAC_GIANG_2024, MERGER_SAMPLES, merger_template, with_merger

__all__ = ["merger_template"]
REISSUED = "bac-ninh-ke-hoach-2026"
ORIGINAL = "bac-ninh-cu-ke-hoach-2025"


@pytest.fixture
def session(engine: Engine, merger_template: Path) -> Iterator[Session]:
    with session_factory(with_merger(engine, merger_template))() as opened:
        yield opened


def _provinces(session: Session, scope: Scope) -> set[str | None]:
    return {d.province for d in current_documents(session, scope)}


def test_the_new_province_reads_its_predecessors_an_old_one_its_own(session: Session) -> None:
    merged = make_view(session, "bac ninh")
    assert merged.scope.province == "Bắc Ninh"
    assert _provinces(session, merged.scope) == {"Bắc Ninh", "Bắc Ninh (cũ)", "Bắc Giang"}
    assert _provinces(session, make_view(session, "Bắc Giang").scope) == {"Bắc Giang"}
    assert _provinces(session, make_view(session, "Bắc Ninh (cũ)").scope) == {"Bắc Ninh (cũ)"}
    page = make_view(session, None, one_province=True)
    assert page.provinces == ("Bắc Ninh",) and page.scope.names == merged.scope.names  # one choice: today's


def test_a_later_target_supersedes_the_earlier_both_kept_with_the_reason(session: Session) -> None:
    history = [h for h in target_history(session, "BUDGET_REVENUE", make_view(session, "Bắc Ninh").scope)
               if h.target.year == 2025]  # fmt: skip
    assert [(h.doc_key, h.target.value, h.in_force) for h in history] == [
        (ORIGINAL, 36500, False),
        (REISSUED, 67400, True),
    ]
    assert history[0].superseded_by == REISSUED and history[0].superseded_on == date(2025, 12, 22)
    assert history[1].reason == "giao lại sau sắp xếp" and history[0].reason is None
    chosen = {t.indicator_code: key for t, key in year_targets(session, 2025, make_view(session, "Bắc Ninh").scope)}
    assert chosen["BUDGET_REVENUE"] == REISSUED and chosen["GRDP_GROWTH"] == ORIGINAL  # not set again: still in force


def test_status_grades_against_the_target_in_force(session: Session) -> None:
    rows = {r.target.indicator_code: r for r in year_status(session, 2025, scope=make_view(session, "Bắc Ninh").scope)}
    budget = rows["BUDGET_REVENUE"]
    assert budget.target.value == 67400 and budget.actual is not None and budget.actual.value == pytest.approx(58215.6)


def test_the_old_province_keeps_its_own_target(session: Session) -> None:
    old = make_view(session, "Bắc Ninh (cũ)").scope
    chosen = {t.indicator_code: t.value for t, _ in year_targets(session, 2025, old)}
    assert chosen["BUDGET_REVENUE"] == 36500


@pytest.mark.slow  # the command reads the files in a worker process per core
def test_a_province_that_did_not_merge_is_seen_as_before(tmp_path: Path) -> None:
    text = (
        BAC_GIANG_2024.read_text(encoding="utf-8").replace("Bắc Giang", "Thanh Hóa").replace("BẮC GIANG", "THANH HÓA")
    )
    (tmp_path / "thanh-hoa.txt").write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    ingested = CliRunner().invoke(app, ["--db", db, "ingest", str(tmp_path / "thanh-hoa.txt"), str(MERGER_SAMPLES)])
    assert ingested.exit_code == 0
    store = open_engine(db)
    with session_factory(store)() as session:
        view = make_view(session, "thanh hoa")
        assert view.scope == Scope("Thanh Hóa")  # no predecessors: the same scope as before the lineage
        assert _provinces(session, view.scope) == {"Thanh Hóa"}
        page = make_view(session, "Thanh Hóa", one_province=True)
        assert page.provinces == ("Bắc Ninh", "Thanh Hóa") and page.scope == Scope("Thanh Hóa")
        stored = session.scalar(select(models.Document.province).where(models.Document.doc_key == "thanh-hoa"))
        assert stored == "Thanh Hóa"  # dated 2024, and no new unit took its name: stored as written
    store.dispose()


def test_the_series_shows_each_old_province_their_computed_sum_and_the_merged_figures(session: Session) -> None:
    points = series(session, "BUDGET_REVENUE", scope=make_view(session, "Bắc Ninh").scope)
    half = {(p.province, p.computed_sum): p for p in points if p.period_end == "2024-06" and p.cumulative}
    assert half[("Bắc Giang", False)].value == pytest.approx(10111.7)
    assert half[("Bắc Ninh (cũ)", False)].value == pytest.approx(16230.5)
    total = half[("Bắc Ninh", True)]
    assert total.value == pytest.approx(26342.2) and total.fact_id is None
    assert {s.doc_key for s in total.sources} == {"000_092cbdb1522c190d", "bac-ninh-cu-bao-cao-6-thang-2024"}
    after = [p for p in points if p.period_end == "2025-10"]
    assert [(p.province, p.value, p.computed_sum) for p in after] == [("Bắc Ninh", 58215.6, False)]


def test_no_sum_of_rates_nor_of_a_period_one_old_province_does_not_report(session: Session) -> None:
    scope = make_view(session, "Bắc Ninh").scope
    assert not [p for p in series(session, "GRDP_GROWTH", "yoy_change_pct", scope=scope) if p.computed_sum]
    exports = series(session, "EXPORTS", scope=scope)  # both report 6 months of 2024: summed
    assert [p.period_end for p in exports if p.computed_sum] == ["2024-06"]


def test_an_old_province_or_one_that_did_not_merge_has_one_line_as_before(session: Session) -> None:
    alone = series(session, "BUDGET_REVENUE", scope=make_view(session, "Bắc Giang").scope)
    assert {p.province for p in alone} == {None} and not any(p.computed_sum for p in alone)


@pytest.mark.usefixtures("wide_console")
def test_the_command_line_series_of_the_merged_province(merger_template: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{stored_copy(merger_template, tmp_path)}"
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", db, "series", "BUDGET_REVENUE", "--province", "Bắc Ninh"])
    rows = [line for line in shown.stdout.splitlines() if "2024-01 – 2024-06" in line or "2025-01 – 2025-10" in line]
    assert [row.split("│")[1].strip() for row in rows] == ["Bắc Ninh (cũ)", "Bắc Giang", "Bắc Ninh", "Bắc Ninh"]
    assert "tính gộp" in rows[2] and "26.342,2" in rows[2] and "000_092cbdb1522c190d" in rows[2]
    assert "bac-ninh-cu-bao-cao-6-thang-2024" in rows[2] and "58.215,6" in rows[3]
    status = runner.invoke(app, ["--db", db, "status", "--province", "Bắc Ninh", "--year", "2025"])
    budget = next(line for line in status.stdout.splitlines() if "67.400" in line)
    assert "58.215,6" in budget


def test_the_api_series_of_the_merged_province(session: Session) -> None:
    with TestClient(create_app(session.get_bind())) as client:  # type: ignore[arg-type]
        merged = client.get("/api/series/BUDGET_REVENUE", params={"province": "Bắc Ninh"}).json()
        alone = client.get("/api/series/BUDGET_REVENUE", params={"province": "Bắc Giang"}).json()
    summed = [p for p in merged if p["sources"]]
    assert [(p["province"], p["period_end"], p["value"]) for p in summed] == [("Bắc Ninh", "2024-06", 26342.2)]
    assert {s["province"] for s in summed[0]["sources"]} == {"Bắc Giang", "Bắc Ninh (cũ)"}
    assert [(p["province"], p["value"]) for p in alone] == [(None, 10111.7)]
