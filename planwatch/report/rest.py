"""What a period's draft says beyond its figures: "B. Tồn tại, hạn chế" (the year's targets that lag on the
period's figures, and the consistency findings of its periods, as bullets for the clerk to write on) and "Phần thứ
hai" (the year's tasks not yet done on the period's last day, each with its agencies, deadline and status). The
bullets name and judge; they state no figure of their own, so the draft read back holds only its figures."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from planwatch.monitor.checks import run_checks
from planwatch.monitor.progress import AT_RISK, BEHIND, year_status
from planwatch.monitor.tasks import DONE_LATE, DONE_ON_TIME, STATUS_VI, task_views, whole_text
from planwatch.report.kinds import ReportPeriod
from planwatch.store.scope import WHOLE, Scope
from planwatch.vocab.periods import parse_period


@dataclass(frozen=True)
class OpenTask:
    ref: str
    summary: str
    agencies: str
    due: date | None
    status: str  # in words


def last_day(period: ReportPeriod) -> date:
    end = period.end
    return date(end.year, end.month, monthrange(end.year, end.month)[1])


def lagging(session: Session, period: ReportPeriod, scope: Scope = WHOLE) -> list[str]:
    """One bullet per target behind or at risk on the period's figures, then one per finding of its periods."""
    rows = year_status(session, period.year, scope=scope, until=str(period.end))
    said = {BEHIND: "chậm so với kế hoạch", AT_RISK: "có nguy cơ không đạt kế hoạch"}
    bullets = [f"{row.name}: {said[row.status]} năm {period.year}." for row in rows if row.status in said]
    wanted = set(period.periods)
    for finding in run_checks(session, scope):
        start, _, end = finding.period.partition("–")
        if parse_period(start if end else None, end or start) in wanted:
            bullets.append(f"{finding.indicator}: số liệu cần rà soát ({_no_figures(finding.kind)}).")
    return list(dict.fromkeys(_capitalised(b) for b in bullets))


def _capitalised(bullet: str) -> str:
    """A bullet opens with a capital, whatever case the indicator's label was written in."""
    return bullet[:1].upper() + bullet[1:]


_FINDING_WORDS = {
    "revision": "ước tính đã được điều chỉnh",
    "contradiction": "các văn bản ghi khác nhau",
    "parts_exceed_total": "các thành phần lớn hơn tổng",
    "parts_do_not_add_up": "các thành phần không khớp tổng",
    "implied_plan": "kế hoạch suy ra khác mục tiêu đã giao",
    "yoy_mismatch": "tốc độ tăng không khớp số liệu năm trước",
    "merged_base": "tốc độ tăng không khớp tổng số liệu các tỉnh trước sắp xếp",
}


def _no_figures(kind: str) -> str:
    return _FINDING_WORDS.get(kind, kind)


def open_tasks(session: Session, period: ReportPeriod, scope: Scope = WHOLE) -> list[OpenTask]:
    """The year's tasks not done on the period's last day (the overdue first), for the rest of the year."""
    day = last_day(period)
    views = [
        v
        for v in task_views(session, day, scope=scope)
        if v.status not in (DONE_ON_TIME, DONE_LATE) and (v.due is None or v.due.year == period.year)
    ]
    views = sorted(views, key=lambda v: (v.status != "overdue", v.due or date.max, v.task.ref or ""))
    return [
        OpenTask(v.task.ref or "", whole_text(v), "; ".join(v.task.agencies), v.due, STATUS_VI[v.status]) for v in views
    ]
