"""Where each target will end the year, over real SQLite and PostgreSQL stores holding the samples with two years of
An Hà's monthly reports (samples-history/); the seasonal arithmetic as properties of synthetic series."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from planwatch.cli.main import app
from planwatch.ingest import document_paths, ingest_file
from planwatch.monitor.backtest import backtest, by, summary
from planwatch.monitor.progress import TargetStatus, year_status
from planwatch.monitor.projection import Outlook, ProjectionBasis, RestKind, season
from planwatch.monitor.series import Point, series
from planwatch.query.ask import ask
from planwatch.report.content import year_end_projections
from planwatch.report.kinds import ReportKind, ReportPeriod
from planwatch.report.papers import draft_report
from planwatch.report.verify import round_trip
from planwatch.serve.app import create_app
from planwatch.store.db import open_engine, session_factory
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import Month

from .conftest import SAMPLES, _postgres_engine, copy_of, stored_copy

HISTORY = SAMPLES.parent / "samples-history"
FLOW_TARGETS = ("INDUSTRIAL_OUTPUT", "BUDGET_REVENUE", "DOMESTIC_REVENUE", "TRADE_TOTAL", "EXPORTS", "TOURISTS",
                "NEW_JOBS")  # fmt: skip


def _ingested(engine: Engine, folders: list[Path]) -> sessionmaker[Session]:
    sessions = session_factory(engine)
    for path in document_paths(folders):
        assert ingest_file(sessions, path).status == "added"
    return sessions


@pytest.fixture(scope="module")
def history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and their two years of history ingested once into a SQLite file."""
    path = tmp_path_factory.mktemp("projections") / "p.db"
    _ingested(open_engine(f"sqlite:///{path}"), [SAMPLES, HISTORY]).kw["bind"].dispose()
    return path


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def history(request: pytest.FixtureRequest) -> Iterator[sessionmaker[Session]]:
    """The samples and their two years of history, for the module's read-only tests."""
    if request.param == "sqlite":
        engine = open_engine(f"sqlite:///{request.getfixturevalue('history_template')}")
        yield session_factory(engine)
        engine.dispose()
    else:
        for engine in _postgres_engine():
            yield _ingested(engine, [SAMPLES, HISTORY])


def _rows(sessions: sessionmaker[Session], year: int = 2025) -> dict[tuple[str | None, str], TargetStatus]:
    with sessions() as session:
        return {(r.target.indicator_code, r.target.measure): r for r in year_status(session, year)}


def test_every_flow_target_with_history_is_projected_by_its_season(history: sessionmaker[Session]) -> None:
    rows = _rows(history)
    for code in FLOW_TARGETS:
        projection = rows[(code, "value")].projection
        assert projection is not None and projection.basis is ProjectionBasis.SEASONAL, code
        assert projection.required_rest.kind is RestKind.AMOUNT and projection.required_rest.value, code
        assert projection.required_rest.change_pct is not None, code  # against the same months of 2024


def test_the_seasonal_share_is_the_mean_of_the_earlier_years(history: sessionmaker[Session]) -> None:
    with history() as session:
        points = series(session, "BUDGET_REVENUE")
    shares = []
    for year in (2023, 2024):
        part = next(p for p in points if (p.period_start, p.period_end) == (f"{year}-01", f"{year}-06"))
        whole = next(p for p in points if (p.period_start, p.period_end) == (f"{year}-01", f"{year}-12"))
        shares.append(part.value / whole.value)
    budget = _rows(history)[("BUDGET_REVENUE", "value")]
    projection = budget.projection
    assert projection is not None and projection.season is not None and projection.season.years == (2023, 2024)
    assert projection.value == pytest.approx(4812.6 / (sum(shares) / 2))
    assert budget.expected_pct == pytest.approx(100 * sum(shares) / 2)  # the status's pace follows the same season
    assert projection.required_rest.value == pytest.approx(8700 - 4812.6)
    assert projection.outlook is Outlook.MET
    assert "sau 6 tháng các năm 2023, 2024 đạt bình quân" in projection.reason_in("vi")
    assert "6 tháng cuối năm 2025 cần tối thiểu 3.887,4 tỷ đồng" in projection.reason_in("vi")
    assert "second half of 2025 must bring at least 3,887.4 tỷ đồng" in projection.reason_in("en")


def test_the_growth_the_rest_of_the_year_needs_is_weighed_by_last_years_levels(
    history: sessionmaker[Session],
) -> None:
    growth = _rows(history)[("GRDP_GROWTH", "yoy_change_pct")].projection
    assert growth is not None and growth.basis is ProjectionBasis.GROWTH_TO_DATE and growth.value == 9.6
    first, whole = 36649, 80200  # GRDP at current prices, first half and whole of 2024 (samples-history)
    needed = 100 * ((1.105 * whole - first * 1.096) / (whole - first) - 1)
    assert growth.required_rest.kind is RestKind.GROWTH
    assert growth.required_rest.value == pytest.approx(needed)
    assert growth.outlook is Outlook.CLOSE  # 0,9 points short, within the 2 points of a growth target
    sector = _rows(history)[("GRDP_SERVICES", "yoy_change_pct")].projection
    assert sector is not None and sector.required_rest.kind is RestKind.UNKNOWN  # no level weighs the sector
    assert "chưa tính được" in sector.reason_in("vi")


def test_a_rate_follows_its_move_since_last_december(history: sessionmaker[Session]) -> None:
    communes = _rows(history)[("NTM_COMMUNES", "value")].projection
    assert communes is not None and communes.basis is ProjectionBasis.LEVEL_TREND
    assert communes.value == pytest.approx(70.4 + (71.3 - 70.4) * 2)
    assert communes.outlook is Outlook.MISSED and communes.required_rest.value == pytest.approx(75 - 71.3)


def test_status_json_carries_the_projection(history_template: Path, tmp_path: Path) -> None:
    db = stored_copy(history_template, tmp_path)
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{db}", "status", "--year", "2025", "--json"])
    rows = {(r["indicator_code"], r["measure"]): r for r in json.loads(result.stdout)}
    budget = rows[("BUDGET_REVENUE", "value")]
    assert budget["projected_basis"] == "seasonal" and budget["projected"] > 8700
    assert budget["required_rest"]["kind"] == "amount" and budget["required_rest"]["unit"] == "tỷ đồng"
    assert rows[("PCI_RANK", "rank")]["projected"] is None


def test_without_history_the_pace_is_linear_and_says_so(engine: Engine) -> None:
    sessions = _ingested(engine, [SAMPLES])
    output = _rows(sessions)[("INDUSTRIAL_OUTPUT", "value")]
    assert output.projection is not None and output.projection.basis is ProjectionBasis.LINEAR
    assert output.projection.value == pytest.approx(121880 * 2)
    assert "chưa có số liệu các năm trước" in output.projection.reason_in("vi")
    assert "no earlier year is stored" in output.projection.reason_in("en")


def test_the_backtest_finds_the_season_better_than_the_straight_line(history: sessionmaker[Session]) -> None:
    with history() as session:
        trials = backtest(session)
    overall = summary(trials)
    assert overall is not None and overall.trials >= 100
    assert overall.seasonal < overall.linear / 3
    assert set(by(trials, "year")) == {2024}  # 2023 has no earlier year to learn its season from
    assert all(s.seasonal < s.linear for s in by(trials, "months").values())


def _point(year: int, months: int, value: float) -> Point:
    start, end = f"{year}-01", f"{year}-{months:02d}"
    return Point(start, end, "value", value, "tỷ đồng", value * 1e9, False, "x", None, "")


@given(
    profile=st.lists(st.floats(min_value=1, max_value=100), min_size=12, max_size=12),
    scales=st.lists(st.floats(min_value=0.5, max_value=3), min_size=3, max_size=3),
    months=st.integers(min_value=2, max_value=11),
)
def test_a_season_repeated_every_year_projects_the_year_exactly(
    profile: list[float], scales: list[float], months: int
) -> None:
    points = [_point(2021 + i, m, scale * sum(profile[:m])) for i, scale in enumerate(scales) for m in range(1, 13)]
    found = season(points, 2023, months, "tỷ đồng")
    assert found is not None and found.years == (2021, 2022)
    to_date = next(p for p in points if p.period_end == f"2023-{months:02d}")
    assert to_date.value / found.share == pytest.approx(scales[2] * sum(profile))


def test_a_share_above_the_whole_year_pairs_different_things_and_is_left_out() -> None:
    points = [_point(2023, 6, 900), _point(2023, 12, 800), _point(2024, 6, 400)]
    assert season(points, 2024, 6, "tỷ đồng") is None


def test_the_six_month_draft_states_where_the_year_will_end(history: sessionmaker[Session]) -> None:
    with history() as session:
        draft, docx = draft_report(session, ReportPeriod.of(ReportKind.SIX_MONTH, Month(2025, 6)))
    body = "\n".join(p.text for p in Document(BytesIO(docx)).paragraphs)
    budget = next(p for p in draft.projections if p.indicator.code == "BUDGET_REVENUE" and p.measure == "value")
    said = f"Dự kiến cả năm 2025, thu ngân sách nhà nước đạt {format_number(budget.value)} tỷ đồng"
    assert said in body and "(theo tỷ trọng cùng kỳ trong cả năm của các năm trước)" in body
    assert "thu ngân sách nhà nước 6 tháng cuối năm 2025 cần đạt 3.887,4 tỷ đồng" in body
    result = round_trip(draft, docx)  # every estimate reads back as the figure it states, nothing else
    assert result.precision == 1.0 and result.recall == 1.0


def test_a_draft_sees_only_what_its_month_could_see(history: sessionmaker[Session]) -> None:
    """A draft of April written after June projects from April's year to date."""
    with history() as session:
        april = year_end_projections(session, ReportPeriod.of(ReportKind.MONTHLY, Month(2025, 4)))
        assert year_end_projections(session, ReportPeriod.of(ReportKind.ANNUAL, Month(2025, 12))) == {}
    output = dict(april["INDUSTRIAL_OUTPUT"])["value"]
    assert output.months == 4 and output.season is not None
    assert output.value == pytest.approx(80412 / output.season.share)
    assert "BUDGET_REVENUE" not in april  # its first figure of 2025 is June's


def test_asking_whether_the_year_will_meet_its_plan(history: sessionmaker[Session]) -> None:
    with history() as session:
        budget = ask(session, "Thu ngân sách cả năm có đạt kế hoạch không?", today=date(2025, 7, 20))
        exports = ask(session, "Dự kiến cả năm 2025 xuất khẩu đạt bao nhiêu?", lang="en")
        poverty = ask(session, "Tỷ lệ hộ nghèo năm 2025 có đạt kế hoạch không?")
        past = ask(session, "Thu ngân sách cả năm 2023 đạt bao nhiêu?")  # a figure, not a projection
    assert budget.found and budget.text.startswith("Thu ngân sách nhà nước cả năm 2025: dự kiến đạt/vượt kế hoạch")
    assert budget.value is not None and budget.value > 8700 and budget.unit == "tỷ đồng"
    assert [c.doc_key for c in budget.citations] == ["bao-cao-6-thang-2025", "ke-hoach-2025"]
    assert exports.found and "likely to miss the plan" in exports.text and "2023, 2024" in exports.text
    assert not poverty.found and "chưa có số liệu" in poverty.text
    assert past.found and past.value == pytest.approx(7066.1)


def test_every_2024_target_of_the_corpus_with_a_six_month_figure_is_projected_and_drafted(
    corpus_template: Path, tmp_path: Path
) -> None:
    engine = copy_of(corpus_template, tmp_path)
    with session_factory(engine)() as session:
        rows = [r for r in year_status(session, 2024) if r.actual and r.actual.period_end == "2024-06"]
        draft, docx = draft_report(session, ReportPeriod.of(ReportKind.SIX_MONTH, Month(2024, 6)))
    engine.dispose()
    assert len(rows) >= 10
    assert all(r.projection is not None and r.projection.basis in ProjectionBasis for r in rows)
    drafted = {(p.indicator.code, p.measure) for p in draft.projections}
    assert {(r.target.indicator_code, r.target.measure) for r in rows} <= drafted
    body = "\n".join(p.text for p in Document(BytesIO(docx)).paragraphs)
    assert body.count("Dự kiến cả năm 2024") + body.count("Dự kiến cuối năm 2024") == len(draft.projections)
    assert round_trip(draft, docx).precision == 1.0


def test_the_status_download_and_api_carry_the_projection(history: sessionmaker[Session]) -> None:
    client = TestClient(create_app(history.kw["bind"]))
    table = client.get("/api/tables/tong-quan", params={"year": "2025", "format": "csv"}).content.decode("utf-8-sig")
    assert "Dự kiến cả năm" in table.splitlines()[0] and "theo mùa vụ các năm trước" in table
    status = {(r["indicator_code"], r["measure"]): r for r in client.get("/api/status", params={"year": 2025}).json()}
    budget = status[("BUDGET_REVENUE", "value")]
    assert budget["projected_basis"] == "seasonal" and budget["required_rest"]["kind"] == "amount"
