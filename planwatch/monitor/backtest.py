"""How well projections would have done: for every past year whose whole figure a store holds, that figure is
hidden, and each month's year to date is projected as `monitor/projection.py` projects it, seeing only what was
known at that month (the earlier years, the months so far); the seasonal projection and the linear one are both
compared with the hidden figure. `bench/backtest.py` prints the table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.monitor.progress import Figures
from planwatch.monitor.projection import ProjectionBasis, project, to_date
from planwatch.monitor.series import Point
from planwatch.monitor.thresholds import Thresholds
from planwatch.store import models
from planwatch.store.scope import Scope
from planwatch.vocab.catalogue import Catalogue, Indicator, default_catalogue


@dataclass(frozen=True)
class Trial:
    """One year to date projected to a hidden year end; errors in % of the actual figure."""

    province: str | None
    code: str
    year: int
    months: int
    seasonal_error: float
    linear_error: float


@dataclass(frozen=True)
class _Known:
    """The figures of one indicator as they stood at the end of `until`, from `since` on (None: every year)."""

    points: Sequence[Point]
    until: str
    since: str | None = None

    def series(self, code: str, measure: str = "value", year: int | None = None) -> list[Point]:
        return [
            p
            for p in self.points
            if p.measure == measure
            and p.period_end <= self.until
            and (self.since is None or p.period_end >= self.since)
            and (year is None or p.period_end.startswith(f"{year:04d}-"))
        ]


def backtest(session: Session, catalogue: Catalogue | None = None) -> list[Trial]:
    """Every trial the store allows: each province, flow indicator, past year with a whole figure, and month whose
    year to date has a seasonal projection (an earlier year holds the same months and its whole year)."""
    catalogue = catalogue or default_catalogue()
    flows = [i for i in catalogue.indicators.values() if i.kind == "flow"]
    trials: list[Trial] = []
    for province in _provinces(session):
        figures = Figures(session, Scope(province))
        for indicator in flows:
            trials += _trials(province, indicator, figures.series(indicator.code))
    return trials


def _provinces(session: Session) -> list[str | None]:
    """The provinces the store's documents name (each with the documents naming none), or the whole store."""
    query = select(models.Document.province).where(models.Document.is_current.is_(True)).distinct()
    named = sorted(p for p in session.scalars(query) if p)
    return list(named) or [None]


def _trials(province: str | None, indicator: Indicator, points: Sequence[Point]) -> Iterable[Trial]:
    years = sorted({int(p.period_end[:4]) for p in points})
    for year in years:
        whole = next(
            (p for p in points if (p.period_start, p.period_end) == (f"{year:04d}-01", f"{year:04d}-12")), None
        )
        if whole is None or whole.base_value <= 0:
            continue
        target = models.Target(year=year, measure="value", unit=whole.unit, value=whole.value, comparator="=")
        for months in range(2, 12):
            to_now = to_date(points, year, months, whole.unit)
            if to_now is None:
                continue
            until = f"{year:04d}-{months:02d}"
            seasonal = project(_Known(points, until), target, indicator, to_now, Thresholds())
            linear = project(_Known(points, until, f"{year:04d}-01"), target, indicator, to_now, Thresholds())
            if seasonal is None or linear is None or seasonal.basis is not ProjectionBasis.SEASONAL:
                continue
            scale = whole.base_value / whole.value if whole.value else 1.0
            yield Trial(
                province,
                indicator.code,
                year,
                months,
                _error(seasonal.value * scale, whole.base_value),
                _error(linear.value * scale, whole.base_value),
            )


def _error(projected: float, actual: float) -> float:
    return 100 * abs(projected - actual) / actual


@dataclass(frozen=True)
class Summary:
    trials: int
    seasonal: float  # mean absolute error, % of the actual
    linear: float

    @property
    def gain(self) -> float:
        """How much lower the seasonal error is, in % of the linear one."""
        return 100 * (1 - self.seasonal / self.linear) if self.linear else 0.0


def summary(trials: Iterable[Trial]) -> Summary | None:
    kept = list(trials)
    if not kept:
        return None
    return Summary(len(kept), fmean(t.seasonal_error for t in kept), fmean(t.linear_error for t in kept))


def by(trials: Iterable[Trial], key: str) -> dict[object, Summary]:
    """The trials summarised per `key` ("code", "months", "year", "province")."""
    groups: dict[object, list[Trial]] = defaultdict(list)
    for trial in trials:
        groups[getattr(trial, key)].append(trial)
    return {k: s for k in sorted(groups, key=_order) if (s := summary(groups[k]))}


def _order(key: object) -> tuple[int, str]:
    """Months and years in number order, codes and provinces in text order."""
    return (key if isinstance(key, int) else 0, str(key))
