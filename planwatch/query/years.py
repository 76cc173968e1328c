"""Which year a view is about when none is asked: the latest year of the store's own actual figures. A plan's
figures for the years ahead, a target's year and a task's deadline never choose it, and neither does how far
the consistency checks have got: the answer is one query over the facts' period index."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.scope import WHOLE, Scope

PLANS = ("kế hoạch", "nghị quyết", "quyết định", "chương trình")  # documents that plan, not report


def latest_actual_year(session: Session) -> int | None:
    """The year of the latest figure that is an actual of the store's own province (not planned, not of
    elsewhere, not a prior year's figure quoted for comparison); None when the store has none."""
    f = models.Fact
    own = (f.planned.is_(False), f.elsewhere.is_(False), f.prior.is_(False))
    latest = session.scalar(select(func.max(f.period_end)).where(*own))
    return int(latest[:4]) if latest else None


def default_year(session: Session, today: date | None = None) -> int:
    """The year a page, a download or an answer speaks of when none is asked: the latest year with actual
    figures, else the current year."""
    return latest_actual_year(session) or (today or date.today()).year


def years_spoken_of(session: Session) -> list[int]:
    """Every year the store speaks of, latest first: its reports' periods, its targets and its deadlines (the
    documents, not their many facts, say which years their figures are of); the choices of a year selector."""
    d = models.Document
    periods = select(func.substr(d.period_end, 1, 4)).where(d.is_current.is_(True), d.period_end.is_not(None))
    years = {int(y) for (y,) in session.execute(periods.distinct()) if y and y.isdigit()}
    years |= {y for (y,) in session.execute(select(models.Target.year).distinct())}
    years |= {d.year for (d,) in session.execute(select(models.Task.deadline).distinct()) if d}
    return sorted(years, reverse=True)


def latest_report_day(session: Session, year: int, scope: Scope = WHOLE) -> date | None:
    """The last day of the period of `year`'s latest report (30/06/2024 for a six-month report of 2024): the day a
    past year is seen as of, as its last report saw it; None when no report of the year is stored."""
    d = models.Document
    end = session.scalar(
        select(func.max(d.period_end)).where(
            d.is_current.is_(True),
            d.period_end.between(f"{year:04d}-01", f"{year:04d}-12"),
            d.kind.is_(None) | d.kind.not_in(PLANS),
            *scope.documents(),
        )
    )
    if not end:
        return None
    month = int(end[5:7])
    return date(year, month, monthrange(year, month)[1])


def default_day(session: Session, year: int, scope: Scope = WHOLE, today: date | None = None) -> date:
    """The day a view is as of when none is asked: today for the current year (and years ahead); for a past year
    the last day its latest report covers, else the year's last day."""
    today = today or date.today()
    if year >= today.year:
        return today
    return latest_report_day(session, year, scope) or date(year, 12, 31)
