"""The agency registry as the Planning Department keeps it: the shipped agencies with the spellings and new
agencies users added (applied at once to the tasks already stored), and each agency's record: its tasks, its
QĐ 42 counts, and its on-time rate quarter by quarter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from planwatch.extract.agencies import Agency
from planwatch.monitor.tasks import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    OVERDUE,
    ScoreLine,
    TaskView,
    task_views,
)
from planwatch.store.known import agency_registry
from planwatch.store.scope import WHOLE, Scope


@dataclass(frozen=True)
class RegistryRow:
    agency: Agency
    line: ScoreLine | None  # None: no task addressed to it


def registry_rows(session: Session, scorecard: list[ScoreLine]) -> list[RegistryRow]:
    """Every agency of the registry with its line of the `scorecard`, those with tasks first."""
    lines = {line.agency: line for line in scorecard}
    rows = [RegistryRow(a, lines.get(a.code)) for a in agency_registry(session).agencies.values()]
    return sorted(rows, key=lambda r: (r.line is None, -(r.line.assigned if r.line else 0), r.agency.name))


@dataclass(frozen=True)
class QuarterRate:
    quarter: str  # "II/2024"
    due: int  # tasks due in the quarter
    done_on_time: int
    rate: float | None  # of those finished or overdue, the share done on time


@dataclass(frozen=True)
class AgencyRecord:
    agency: Agency
    views: list[TaskView]
    line: ScoreLine | None
    quarters: list[QuarterRate]


def agency_record(session: Session, code: str, as_of: date, scope: Scope = WHOLE) -> AgencyRecord | None:
    agency = agency_registry(session).agencies.get(code)
    if agency is None:
        return None
    views = task_views(session, as_of, scope=scope, agency_code=code)
    return AgencyRecord(agency, views, _line(code, agency.name, views), _quarters(views))


def _line(code: str, name: str, views: list[TaskView]) -> ScoreLine | None:
    """The QĐ 42 counts of an agency's tasks: those addressed to it, and to the agencies whose work it does now
    (their names kept in `formerly`); an agency since succeeded keeps its own record."""
    if not views:
        return None
    counts = Counter(v.status for v in views)
    judged = counts[DONE_ON_TIME] + counts[DONE_LATE] + counts[OVERDUE]
    formerly = {a.name for v in views for a in v.now if a.changed and a.today_code == code}
    return ScoreLine(code, len(views), counts[DONE_ON_TIME], counts[DONE_LATE], counts[IN_PROGRESS], counts[OVERDUE],
                     counts[DONE_ON_TIME] / judged if judged else None, name, tuple(sorted(formerly)))  # fmt: skip


def _quarters(views: list[TaskView]) -> list[QuarterRate]:
    """The on-time rate of the tasks due in each quarter, oldest first (QĐ 42's rate, over time)."""
    counts: dict[tuple[int, int], Counter[str]] = {}
    for view in views:
        if view.due is not None:
            counts.setdefault((view.due.year, (view.due.month - 1) // 3 + 1), Counter())[view.status] += 1
    roman = ("I", "II", "III", "IV")
    found = []
    for (year, quarter), c in sorted(counts.items()):
        judged = c[DONE_ON_TIME] + c[DONE_LATE] + c[OVERDUE]
        rate = c[DONE_ON_TIME] / judged if judged else None
        found.append(QuarterRate(f"{roman[quarter - 1]}/{year}", sum(c.values()), c[DONE_ON_TIME], rate))
    return found
