"""Progress, checks, hand edits and task tracking over real SQLite and PostgreSQL stores, on the bundled
samples of the imaginary province An Hà."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from planwatch.edits.agencies import add_agency_alias
from planwatch.edits.plans import (
    PlanEditError,
    TargetInput,
    add_indicator_alias,
    set_target,
)
from planwatch.edits.tasks import TaskError, record_update
from planwatch.export import task_records
from planwatch.ingest import ingest_file
from planwatch.monitor.agencies import agency_record
from planwatch.monitor.checks import run_checks
from planwatch.monitor.progress import ACHIEVED, BEHIND, ON_TRACK, year_status
from planwatch.monitor.series import Point, compare_years, derived_months, series
from planwatch.monitor.stored import unclassified_labels
from planwatch.monitor.tasks import (
    DONE_LATE,
    OVERDUE,
    STATUSES,
    TaskFilter,
    count_tasks,
    page_of_tasks,
    scorecard,
    store_scorecard,
    task_views,
    unknown_agencies,
)
from planwatch.store import models
from planwatch.store.db import session_factory

from .conftest import with_samples


@pytest.fixture
def store(engine: Engine, samples_template: Path) -> sessionmaker[Session]:
    return session_factory(with_samples(engine, samples_template))


def _by_code(sessions: sessionmaker[Session], year: int) -> dict[tuple[str | None, str], object]:
    with sessions() as session:
        return {(s.target.indicator_code, s.target.measure): s for s in year_status(session, year)}


def test_status_by_rules(store: sessionmaker[Session]) -> None:
    rows = _by_code(store, 2025)
    output = rows[("INDUSTRIAL_OUTPUT", "value")]
    assert output.status == ON_TRACK and round(output.percent_of_target, 1) == 47.7  # type: ignore[attr-defined]
    assert output.expected_pct == 50 and "thấp hơn tiến độ 50%" in output.reason  # type: ignore[attr-defined]
    assert output.reported_plan_pct == 47.7 and not output.plan_pct_disagrees  # type: ignore[attr-defined]
    growth = rows[("GRDP_GROWTH", "yoy_change_pct")]
    assert growth.status == BEHIND and "9,6%" in growth.reason  # type: ignore[attr-defined]
    # a growth rate is compared in points, never as a percentage of its target
    assert growth.percent_of_target is None and "thấp hơn 0,9 điểm phần trăm" in growth.reason  # type: ignore[attr-defined]
    assert rows[("GRDP_PRODUCT_TAX", "yoy_change_pct")].status == BEHIND  # type: ignore[attr-defined]
    assert rows[("TOURISTS", "value")].status == ON_TRACK  # type: ignore[attr-defined]


def test_a_share_of_the_budget_estimate_implies_no_plan(store: sessionmaker[Session]) -> None:
    """ "bằng 54,4% dự toán" is of the budget estimate; the plan's 7.900 tỷ đồng is another basis, no finding."""
    with store() as session:
        assert [f for f in run_checks(session) if f.kind == "implied_plan"] == []


def test_revision_of_an_estimate_and_contradiction(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "bao-cao-thang-5.txt").write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2025\n"
        "Dự kiến giá trị sản xuất công nghiệp 06 tháng đầu năm đạt 311.673 tỷ đồng, tăng 26,6% so với cùng kỳ.\n"
        "Chỉ số sản xuất công nghiệp (IIP) tháng 4/2025 tăng 12,4% so với cùng kỳ.\n",
        encoding="utf-8",
    )
    (tmp_path / "bao-cao-6-thang.txt").write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2025\n"
        "Giá trị sản xuất công nghiệp 6 tháng đầu năm đạt 315.145 tỷ đồng, tăng 28% so với cùng kỳ.\n"
        "Chỉ số sản xuất công nghiệp (IIP) tháng 4/2025 tăng 13,9% so với cùng kỳ.\n",
        encoding="utf-8",
    )
    sessions = session_factory(engine)
    for path in sorted(tmp_path.glob("*.txt")):
        ingest_file(sessions, path)
    with sessions() as session:
        kinds = {(f.kind, f.severity) for f in run_checks(session)}
    assert ("revision", "thấp") in kinds  # the May estimate (value and growth), corrected by the 6-month report
    assert ("contradiction", "cao") in kinds  # April's IIP, stated as a fact twice: 12,4% vs 13,9%


def test_monthly_values_derived_from_cumulative() -> None:
    def point(start: str, end: str, value: float) -> Point:
        return Point(start, end, "value", value, "tỷ đồng", value * 1e9, False, "d", 1, "q")

    [may] = derived_months([point("2025-01", "2025-04", 80412), point("2025-01", "2025-05", 101762)])
    assert (may.period_start, may.period_end, may.value, may.derived) == ("2025-05", "2025-05", 21350, True)


def test_series_skips_planned_figures(store: sessionmaker[Session]) -> None:
    with store() as session:
        points = series(session, "INDUSTRIAL_OUTPUT")
    assert [p.value for p in points if p.cumulative] == [80412, 121880]  # not the plan's 255.500


def test_manual_target_is_validated_and_audited(store: sessionmaker[Session]) -> None:
    with store.begin() as session:
        set_target(
            session,
            TargetInput("DOMESTIC_REVENUE", 2025, "value", "8.100", "tỷ đồng"),
            "Phòng TH",
            "HĐND điều chỉnh dự toán",
        )
    for bad, message in [
        (TargetInput("NO_SUCH_CODE", 2025, "value", "1", ""), "không có trong danh mục"),
        (TargetInput("DOMESTIC_REVENUE", 2025, "value", "8.1", "tỷ đồng"), "kiểu Việt Nam"),
        (TargetInput("DOMESTIC_REVENUE", 2025, "value", "8.100", "tỷ quan"), "đơn vị"),
        (TargetInput("DOMESTIC_REVENUE", 1850, "value", "8.100", "tỷ đồng"), "năm 1850"),
    ]:
        with pytest.raises(PlanEditError, match=message), store.begin() as session:
            set_target(session, bad, "x", "y")
    with store() as session:
        assert session.scalar(select(func.count()).select_from(models.TargetEdit)) == 1
        edit = session.scalars(select(models.TargetEdit)).one()
        assert edit.action == "correct" and edit.before and edit.before["value"] == 7900 and edit.author == "Phòng TH"
        domestic = next(s for s in year_status(session, 2025) if s.target.indicator_code == "DOMESTIC_REVENUE")
        assert domestic.target.value == 8100 and domestic.status == ON_TRACK


def test_alias_maps_existing_facts(store: sessionmaker[Session]) -> None:
    with store.begin() as session:
        label = session.scalars(select(models.Fact.indicator).where(models.Fact.indicator_code.is_(None))).first()
        assert label
        changed = add_indicator_alias(session, label, "RETAIL_SALES", "Phòng TH")
    assert changed >= 1
    with store() as session:
        assert (
            session.scalar(
                select(func.count()).where(models.Fact.indicator == label, models.Fact.indicator_code.is_(None))
            )
            == 0
        )


def test_task_updates_and_scorecard(store: sessionmaker[Session]) -> None:
    with store() as session:
        views = {v.task.ref: v for v in task_views(session, date(2025, 6, 30))}
    assert views["1.1"].status == OVERDUE and views["1.1"].due == date(2025, 1, 31)
    with pytest.raises(TaskError, match="không có nhiệm vụ 9.9"), store.begin() as session:
        record_update(session, "ke-hoach-2025", "9.9", date(2025, 2, 1), None, "", "", "x")
    with pytest.raises(TaskError, match="sau ngày báo cáo"), store.begin() as session:
        record_update(session, "ke-hoach-2025", "1.1", date(2025, 2, 1), date(2025, 2, 5), "", "", "x")
    with store.begin() as session:
        record_update(
            session, "ke-hoach-2025", "1.1", date(2025, 2, 3), date(2025, 2, 2), "Đã trình", "Tờ trình 5", "Sở KHĐT"
        )
    with store() as session:
        assert session.scalar(select(func.count()).select_from(models.TaskUpdate)) == 1
        now = {v.task.ref: v for v in task_views(session, date(2025, 6, 30))}
        before = {v.task.ref: v for v in task_views(session, date(2025, 2, 1))}  # as of a past date
        records = {r["key"]: r for r in task_records(session, as_of=date(2025, 6, 30))}
        lines = {line.agency: line for line in scorecard(list(now.values()))}
    assert now["1.1"].status == "done_late" and before["1.1"].status == OVERDUE
    assert records["1.1"]["status"] == "done" and records["IV.1"]["status"] == "overdue"
    assert records["IV.1~2"]["ref"] == "IV.1"  # the second dash under IV.1: its own key, the printed ref
    # on 30/06/2025 the work of Sở Kế hoạch và Đầu tư is Sở Tài chính's (Decree 45/2025): counted there, named
    finance = [v for v in now.values() if any(a.today_code == "STC" for a in v.now)]
    assert "SKHDT" not in lines and lines["STC"].formerly == ("Sở Kế hoạch và Đầu tư",)
    assert lines["STC"].assigned == len(finance) >= 3 and lines["STC"].done_late == 1
    earlier = {line.agency: line for line in scorecard(list(before.values()))}  # 1/2/2025: before the decree
    assert earlier["SKHDT"].assigned == 3 and not earlier["SKHDT"].formerly  # 1.1, IV.2, the April report's II.1


def test_the_store_pages_counts_and_scores_tasks_as_the_views_do(store: sessionmaker[Session]) -> None:
    with store.begin() as session:
        record_update(session, "ke-hoach-2025", "1.1", date(2025, 2, 3), date(2025, 2, 2), "Đã trình", "", "Sở KHĐT")
    day = date(2025, 6, 30)
    with store() as session:
        every = task_views(session, day)
        for status in (None, *STATUSES):
            wanted = [(v.doc_key, v.task.ref, v.status) for v in every if status in (None, v.status)]
            page, total = page_of_tasks(session, day, TaskFilter(status), 2, 3)
            assert total == count_tasks(session, day, TaskFilter(status)) == len(wanted)
            assert [(v.doc_key, v.task.ref, v.status) for v in page] == wanted[2:5]
        [done] = [v for v in page_of_tasks(session, day, TaskFilter(DONE_LATE), 0, 10)[0]]
        assert done.done_on == date(2025, 2, 2) and [u.note for u in done.updates] == ["Đã trình"]
        assert store_scorecard(session, day) == scorecard(every)
        assert store_scorecard(session, day, agency="so ke hoach") == scorecard(every, "so ke hoach")


def test_a_task_is_done_on_the_date_its_earliest_update_by_the_day_gives(store: sessionmaker[Session]) -> None:
    """Updates without a date, a later report that gives another date and one reported after the day change
    nothing: the first reported completion date counts."""
    with store.begin() as session:
        for reported, done in [(date(2025, 2, 1), None), (date(2025, 2, 3), date(2025, 2, 2)),
                               (date(2025, 3, 1), date(2025, 1, 20)), (date(2025, 7, 9), date(2025, 1, 15))]:  # fmt: skip
            record_update(session, "ke-hoach-2025", "1.1", reported, done, "", "", "Sở KHĐT")
    with store() as session:
        views = {v.task.ref: v for v in page_of_tasks(session, date(2025, 6, 30), TaskFilter(), 0, 100)[0]}
        assert views["1.1"].done_on == date(2025, 2, 2)
        assert page_of_tasks(session, date(2025, 2, 2), TaskFilter(), 0, 100)[0][0].done_on is None


def test_achieved_when_lower_is_better_rate_is_under_target(store: sessionmaker[Session], tmp_path: Path) -> None:
    (tmp_path / "bao-cao-nam-2025.txt").write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội năm 2025\nTỷ lệ hộ nghèo năm 2025 còn 1,2%.\n", encoding="utf-8"
    )
    assert ingest_file(store, tmp_path / "bao-cao-nam-2025.txt").status == "added"
    rows = _by_code(store, 2025)
    assert rows[("POOR_HOUSEHOLDS", "value")].status == ACHIEVED  # type: ignore[attr-defined]


def test_exports_and_imports_add_up_to_total_trade(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "bao-cao-thang-3.txt").write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng 3 năm 2025\n"
        "Tổng kim ngạch xuất nhập khẩu quý I ước đạt 6.500 triệu USD. Kim ngạch xuất khẩu quý I ước đạt "
        "3.400 triệu USD. Kim ngạch nhập khẩu quý I ước đạt 3.000 triệu USD.\n",
        encoding="utf-8",
    )
    sessions = session_factory(engine)
    assert ingest_file(sessions, tmp_path / "bao-cao-thang-3.txt").status == "added"
    with sessions() as session:
        [finding] = [f for f in run_checks(session) if f.kind == "parts_do_not_add_up"]
    assert "6.400" in finding.message and len(finding.sources) == 3


def test_tasks_due_in_a_window(store: sessionmaker[Session]) -> None:
    with store() as session:
        views = task_views(session, date(2025, 6, 30), due_after=date(2025, 6, 1), due_before=date(2025, 9, 30))
    assert {(v.doc_key, v.task.ref) for v in views} == {
        ("ke-hoach-2025", "1.2"),
        ("ke-hoach-chuyen-doi-so-2025", "1"),
        ("ke-hoach-chuyen-doi-so-2025", "2"),
    }


def test_the_reports_own_percent_of_plan_is_shown_and_a_disagreement_warned(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "ke-hoach.txt").write_text(
        "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2025\nI. CÁC CHỈ TIÊU CHỦ YẾU\n"
        "1. Tổng thu ngân sách nhà nước trên địa bàn đạt 10.000 tỷ đồng.\n",
        encoding="utf-8",
    )
    (tmp_path / "bao-cao.txt").write_text(
        "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2025\n"
        "Tổng thu ngân sách nhà nước trên địa bàn 6 tháng đạt 6.000 tỷ đồng, bằng 50% dự toán Trung ương giao.\n",
        encoding="utf-8",
    )
    sessions = session_factory(engine)
    for name in ("ke-hoach.txt", "bao-cao.txt"):
        assert ingest_file(sessions, tmp_path / name).status == "added"
    with sessions() as session:
        [revenue] = [s for s in year_status(session, 2025) if s.target.indicator_code == "BUDGET_REVENUE"]
    assert round(revenue.percent_of_target or 0) == 60 and revenue.reported_plan_pct == 50
    assert revenue.plan_pct_disagrees and "báo cáo ghi 50%" in revenue.reason


def test_rows_are_named_by_the_catalogue_and_unresolved_targets_wait_for_review(store: sessionmaker[Session]) -> None:
    with store() as session:
        rows = year_status(session, 2025)
        every = year_status(session, 2025, resolved_only=False)
        assert all(r.target.indicator_code for r in rows) and len(every) >= len(rows)
        names = {r.target.indicator_code: r.name for r in rows}
        assert names["GRDP_GROWTH"] == "Tốc độ tăng trưởng GRDP"
        waiting = {label for label, _ in unclassified_labels(session)}
        assert {r.target.indicator for r in every if not r.target.indicator_code} <= waiting


AGENCY_PLAN = """KẾ HOẠCH
Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025

II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU

1.1. Trung tâm Xúc tiến đầu tư tỉnh: Chủ trì tổ chức hội nghị xúc tiến đầu tư vào các khu công nghiệp, hoàn thành trước ngày 30/6/2025.

1.2. Sở Công Thương: Chủ trì tổ chức hội chợ hàng nông sản, hoàn thành trước ngày 30/9/2025.
"""


def test_an_agency_added_to_the_registry_takes_its_stored_tasks(engine: Engine, tmp_path: Path) -> None:
    sessions = session_factory(engine)
    plan = tmp_path / "ke-hoach-xuc-tien.txt"
    plan.write_text(AGENCY_PLAN, encoding="utf-8")
    assert ingest_file(sessions, plan).tasks == 2
    with sessions() as session:
        assert [name for name, _ in unknown_agencies(session)] == ["Trung tâm Xúc tiến đầu tư tỉnh"]
    with sessions.begin() as session:
        with pytest.raises(PlanEditError, match="tên chuẩn"):
            add_agency_alias(session, "Trung tâm Xúc tiến đầu tư tỉnh", "TTXTDT", "", "provincial", "ke_hoach")
        changed = add_agency_alias(
            session, "Trung tâm Xúc tiến đầu tư tỉnh", "TTXTDT", "Trung tâm Xúc tiến đầu tư", "provincial", "ke_hoach"
        )
    assert changed == 1
    with sessions() as session:
        assert unknown_agencies(session) == []
        record = agency_record(session, "TTXTDT", date(2025, 7, 1))
    assert record is not None and record.agency.name == "Trung tâm Xúc tiến đầu tư"
    assert [v.task.ref for v in record.views] == ["1.1"] and record.line and record.line.overdue == 1
    assert [(q.quarter, q.due, q.rate) for q in record.quarters] == [("II/2025", 1, 0.0)]


def test_a_year_against_the_year_before_month_by_month() -> None:
    def point(start: str, end: str, value: float, measure: str = "value") -> Point:
        return Point(start, end, measure, value, "tỷ đồng", value * 1e9, False, "d", 1, "q")

    values = [point("2024-01", "2024-03", 80), point("2025-01", "2025-03", 100), point("2025-04", "2025-04", 40),
              point("2024-04", "2024-04", 30)]  # fmt: skip
    changes = [point("2025-01", "2025-03", 24.0, "yoy_change_pct")]
    rows = compare_years(values, changes, 2025)
    assert [r.month for r in rows] == [3, 4]
    march, april = rows
    assert march.change_pct == pytest.approx(25.0) and march.stated_change and march.stated_change.value == 24.0
    assert april.to_date is None and april.alone and april.alone.value == 40 and april.alone_before
    assert april.change_pct is None
