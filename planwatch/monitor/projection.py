"""Where a target will end the year, and what the rest of the year must reach: pure reads of the store.

- A flow (thu ngân sách, giá trị sản xuất, khách du lịch): the year to date divided by the share of the year the
  same months reached in the earlier years of the province's stored documents (budget revenue after 6 months was
  52% of 2023's figure → year to date ÷ 0,52, the mean share when several years are stored); only when no earlier
  year holds both figures, the linear pace (year to date × 12 ÷ months), and the reason says so. The rest of the
  year must bring the target less the year to date: an amount for the remaining months, with the change against
  the same months of last year when both of last year's figures are stored.
- A growth rate: the year-to-date growth carried to December, or the seasonal projection of the indicator's own
  level against last year's figure when the indicator is a flow. The growth the remaining months need, given the
  growth to date, weighs both parts by last year's levels (the same months, the rest), so it needs last year's
  quarterly figures of the level (`weights` in the catalogue: GRDP at current prices for GRDP growth); otherwise
  the row says it cannot be computed.
- A rate or a level (tỷ lệ xã nông thôn mới): the move from last December's level to the latest, continued to
  December; with no earlier December stored, the latest level held. Ranks are published once a year: none.

Each projection says its basis (`ProjectionBasis`), the likely year-end status (`Outlook`) and why, in words
(data/reasons.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from math import floor, log10
from typing import Protocol, TypedDict

from planwatch.monitor.series import Point
from planwatch.monitor.thresholds import Thresholds
from planwatch.store import models
from planwatch.vocab.catalogue import Indicator
from planwatch.vocab.periods import Month, Period
from planwatch.vocab.units import base_value, same_kind
from planwatch.vocab.wording import Phrase, Word

REASONS = "monitor/data/reasons.yaml"


class ProjectionBasis(StrEnum):
    SEASONAL = "seasonal"  # year to date ÷ the share the same months reached in earlier years
    LINEAR = "linear"  # year to date × 12 ÷ months: no earlier year stored
    YEAR_FIGURE = "year_figure"  # the whole year's figure is stated already
    GROWTH_TO_DATE = "growth_to_date"  # the year-to-date growth carried to December
    LEVEL_TREND = "level_trend"  # last December's level → the latest, continued to December
    LEVEL_HELD = "level_held"  # the latest level, no earlier December stored


class Outlook(StrEnum):
    MET = "met"
    CLOSE = "close"  # short of the target by no more than the tolerance
    MISSED = "missed"


class RestKind(StrEnum):
    AMOUNT = "amount"  # a flow: what the remaining months must bring
    GROWTH = "growth"  # a growth rate: the growth the remaining months need
    POINTS = "points"  # a rate or level: the points still to gain (or to lose, lower being better)
    REACHED = "reached"  # the target is met already
    PASSED = "passed"  # a ceiling already passed: the year can no longer meet it
    YEAR_OVER = "year_over"  # the whole year's figure is in
    UNKNOWN = "unknown"  # cannot be computed from what is stored


class SeriesSource(Protocol):
    """Where a projection reads its figures: `progress.Figures` (one province's documents)."""

    def series(self, code: str, measure: str = "value", year: int | None = None) -> list[Point]: ...


@dataclass(frozen=True)
class Season:
    """The share of a year's figure reached after `months`, the mean over `years`."""

    months: int
    share: float  # a fraction: 0,52
    years: tuple[int, ...]


@dataclass(frozen=True)
class RequiredRest:
    kind: RestKind
    months_left: int
    value: float | None = None  # the amount, the growth in %, the points; None when unknown
    unit: str = ""
    per_month: float | None = None  # an amount a month
    change_pct: float | None = None  # an amount against the same months of last year
    why: Phrase | None = None

    def as_dict(self, lang: str = "vi") -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "months_left": self.months_left,
            "value": _rounded(self.value),
            "unit": self.unit,
            "per_month": _rounded(self.per_month),
            "change_pct": _rounded(self.change_pct),
            "text": self.why.text(lang) if self.why else "",
        }


@dataclass(frozen=True)
class Projection:
    value: float  # the year-end figure, in the target's unit (a growth in %)
    unit: str
    basis: ProjectionBasis
    months: int  # months of the year the projection starts from
    outlook: Outlook
    required_rest: RequiredRest
    reason_parts: tuple[Phrase, ...]
    percent_of_target: float | None = None  # flows and levels compared as a share of their target
    season: Season | None = None

    def reason_in(self, lang: str = "vi") -> str:
        """The estimate and its basis, the likely status, then what the rest of the year must reach."""
        said, outlook, *rest = (part.text(lang) for part in self.reason_parts)
        return "; ".join([said + outlook, *rest])


class ProjectionFields(TypedDict):
    projected: float | None
    projected_basis: str | None
    projected_pct: float | None
    outlook: str | None
    required_rest: dict[str, object] | None
    projection_reason: str | None


def projection_fields(projection: Projection | None, lang: str = "vi") -> ProjectionFields:
    """A projection as the JSON of `status --json` and `/api/status` gives it."""
    if projection is None:
        return {
            "projected": None,
            "projected_basis": None,
            "projected_pct": None,
            "outlook": None,
            "required_rest": None,
            "projection_reason": None,
        }
    return {
        "projected": _rounded(projection.value),
        "projected_basis": projection.basis.value,
        "projected_pct": _rounded(projection.percent_of_target),
        "outlook": projection.outlook.value,
        "required_rest": projection.required_rest.as_dict(lang),
        "projection_reason": projection.reason_in(lang),
    }


def shown(value: float) -> float:
    """A computed figure as it is said: one decimal from 100 up, two from 1 up, three significant digits below
    (441,41 → 441,4; 14,146 → 14,15; 0,08333 → 0,0833)."""
    if value == 0 or abs(value) >= 100:
        return round(value, 1)
    return round(value, 2 if abs(value) >= 1 else 2 - floor(log10(abs(value))))


def _rounded(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def goal_of(target: models.Target) -> float:
    """The number to reach: the lower end of a range, the stated value otherwise."""
    return target.value_min if target.comparator == "range" and target.value_min is not None else target.value or 0.0


def to_date(points: Iterable[Point], year: int, months: int, unit: str) -> Point | None:
    """The figure of January to `months` of `year`, in a unit of `unit`'s kind (`unit` itself first)."""
    found = [
        p
        for p in points
        if p.period_start == f"{year:04d}-01" and p.period_end == f"{year:04d}-{months:02d}" and same_kind(p.unit, unit)
    ]
    return min(found, key=lambda p: p.unit != unit) if found else None


def season(points: Sequence[Point], year: int, months: int, unit: str) -> Season | None:
    """The mean share of the year reached after `months`, over the years before `year` whose figures for those
    months and for the whole year are both stored; a share outside (0, 1] pairs figures of different things and is
    left out."""
    shares: dict[int, float] = {}
    for earlier in sorted({int(p.period_end[:4]) for p in points if int(p.period_end[:4]) < year}):
        part, whole = to_date(points, earlier, months, unit), to_date(points, earlier, 12, unit)
        if part and whole and whole.base_value > 0 and 0 < part.base_value <= whole.base_value:
            shares[earlier] = part.base_value / whole.base_value
    if not shares:
        return None
    return Season(months, sum(shares.values()) / len(shares), tuple(shares))


def linear_share(months: int) -> float:
    return months / 12


def project(
    source: SeriesSource,
    target: models.Target,
    indicator: Indicator | None,
    latest: Point | None,
    thresholds: Thresholds,
) -> Projection | None:
    """The projection of a target whose status found `latest`; None for a rank, or when nothing of the year is in."""
    if indicator is None or latest is None or target.measure == "rank" or indicator.kind == "rank":
        return None
    aim = _Aim(target, indicator, thresholds)
    if target.measure == "value" and indicator.kind == "flow":
        return _flow(source, aim, latest)
    if target.measure == "yoy_change_pct":
        return _growth(source, aim)
    return _level(source, aim, latest)


@dataclass(frozen=True)
class _Aim:
    """A target as a projection judges it: its goal, direction, unit and how it is compared."""

    target: models.Target
    indicator: Indicator
    thresholds: Thresholds

    @property
    def year(self) -> int:
        return self.target.year

    @property
    def goal(self) -> float:
        return goal_of(self.target)

    @property
    def down(self) -> bool:
        return self.indicator.lower_is_better or self.target.comparator == "<="

    @property
    def in_points(self) -> bool:
        """A rate or a growth is compared in points; an amount as a share of its target."""
        return self.target.unit == "%" or self.target.measure != "value"

    @property
    def factor(self) -> float:
        """Base units in one of the target's units (tỷ đồng → 1e9 đồng)."""
        return (base_value(1, self.target.unit) or 1.0) if self.target.measure == "value" else 1.0

    @property
    def unit_text(self) -> str:
        unit = self.target.unit
        return "%" if unit == "%" else f" {unit}" if unit else ""

    def percent(self, projected: float) -> float | None:
        return 100 * projected / self.goal if self.goal and not self.in_points else None

    def outlook(self, projected: float) -> Outlook:
        percent = self.percent(projected)
        if percent is not None:
            short, close = (percent - 100 if self.down else 100 - percent), self.thresholds.tolerance
        else:
            short, close = (projected - self.goal if self.down else self.goal - projected), self.thresholds.risk_growth
        return Outlook.MET if short <= 0 else Outlook.CLOSE if short <= close else Outlook.MISSED

    def outlook_phrase(self, outlook: Outlook, projected: float) -> Phrase:
        short_unit: object = Word("points") if self.in_points else self.unit_text
        said = {
            "goal": self.goal,
            "unit": self.unit_text,
            "short": shown(abs(self.goal - projected)),
            "short_unit": short_unit,
            "side": Word("above" if projected > self.goal else "below"),
        }
        return Phrase(REASONS, f"outlook_{outlook.value}", said)

    def projection(
        self, value: float, basis: ProjectionBasis, months: int, rest: RequiredRest, said: Phrase, found: Season | None
    ) -> Projection:
        outlook = self.outlook(value)
        parts = (said, self.outlook_phrase(outlook, value), *((rest.why,) if rest.why else ()))
        unit = "%" if self.target.measure == "yoy_change_pct" else self.target.unit
        return Projection(value, unit, basis, months, outlook, rest, parts, self.percent(value), found)

    def met_already(self, left: int) -> RequiredRest:
        kind = RestKind.PASSED if self.down and not self.in_points else RestKind.REACHED
        said = {"goal": self.goal, "unit": self.unit_text}
        return RequiredRest(kind, left, why=Phrase(REASONS, f"rest_{kind.value}", said))


def _first_months(year: int, months: int) -> tuple[str, str]:
    return f"{year:04d}-01", f"{year:04d}-{months:02d}"


def _rest_period(year: int, months: int) -> Period:
    return Period(Month(year, months + 1), Month(year, 12))


def _years(years: tuple[int, ...]) -> str:
    return ", ".join(str(y) for y in years)


# --- flows ---


def _flow(source: SeriesSource, aim: _Aim, latest: Point) -> Projection | None:
    if not latest.cumulative or latest.period_start != f"{aim.year:04d}-01":
        return None
    months = int(latest.period_end[5:])
    ytd = latest.base_value / aim.factor
    history = source.series(aim.indicator.code)
    found = season(history, aim.year, months, latest.unit) if months < 12 else None
    projected = ytd / (found.share if found else linear_share(months))
    basis = (
        ProjectionBasis.YEAR_FIGURE if months == 12 else ProjectionBasis.SEASONAL if found else ProjectionBasis.LINEAR
    )
    said: dict[str, object] = {
        "name": aim.indicator.name,
        "projected": shown(projected),
        "unit": aim.unit_text,
        "pct": round(aim.percent(projected) or 0, 1),
        "months": months,
    }
    if found:
        said |= {"share": round(100 * found.share, 1), "years": _years(found.years)}
    rest = _flow_rest(aim, ytd, months, history, latest.unit)
    return aim.projection(projected, basis, months, rest, Phrase(REASONS, f"projected_{basis.value}", said), found)


def _flow_rest(aim: _Aim, ytd: float, months: int, history: Sequence[Point], unit: str) -> RequiredRest:
    """What the remaining months must bring, and how that compares with the same months of last year."""
    left = 12 - months
    if left == 0:
        return RequiredRest(RestKind.YEAR_OVER, 0)
    rest = aim.goal - ytd
    if rest <= 0:
        return aim.met_already(left)
    part, whole = to_date(history, aim.year - 1, months, unit), to_date(history, aim.year - 1, 12, unit)
    change = None
    if part and whole and whole.base_value > part.base_value:
        change = 100 * (rest / ((whole.base_value - part.base_value) / aim.factor) - 1)
    said: dict[str, object] = {
        "period": _rest_period(aim.year, months),
        "amount": shown(rest),
        "unit": aim.unit_text,
        "per_month": shown(rest / left),
        "limit": Word("at_most" if aim.down else "at_least"),
    }
    key = "rest_amount"
    if change is not None:
        said |= {"rise": Word("up" if change >= 0 else "down"), "change": round(abs(change), 1)}
        key = "rest_amount_change"
    why = Phrase(REASONS, key, said)
    return RequiredRest(RestKind.AMOUNT, left, rest, aim.target.unit, rest / left, change, why)


# --- growth rates ---


def _growth(source: SeriesSource, aim: _Aim) -> Projection | None:
    points = source.series(aim.indicator.code, "yoy_change_pct", aim.year)
    to_dates = [p for p in points if p.cumulative and p.period_start == f"{aim.year:04d}-01"]
    if not to_dates:
        return None
    latest = max(to_dates, key=lambda p: p.period_end)
    months, growth = int(latest.period_end[5:]), latest.value
    from_level = _growth_from_level(source, aim, months) if months < 12 else None
    if months == 12:
        basis, projected = ProjectionBasis.YEAR_FIGURE, growth
    elif from_level is not None:
        basis, projected = ProjectionBasis.SEASONAL, from_level[0]
    else:
        basis, projected = ProjectionBasis.GROWTH_TO_DATE, growth
    found = from_level[1] if from_level else None
    said: dict[str, object] = {
        "name": aim.indicator.name,
        "projected": shown(projected),
        "months": months,
        "growth": growth,
        "last": str(aim.year - 1),
    }
    if found:
        said |= {"share": round(100 * found.share, 1), "years": _years(found.years)}
    rest = _growth_rest(source, aim, months, growth)
    return aim.projection(
        projected, basis, months, rest, Phrase(REASONS, f"projected_growth_{basis.value}", said), found
    )


def _growth_from_level(source: SeriesSource, aim: _Aim, months: int) -> tuple[float, Season] | None:
    """A flow's growth from the seasonal projection of its own level against last year's whole figure."""
    if aim.indicator.kind != "flow":
        return None
    history = source.series(aim.indicator.code)
    now = [p for p in history if (p.period_start, p.period_end) == _first_months(aim.year, months)]
    if not now:
        return None
    found = season(history, aim.year, months, now[0].unit)
    whole = to_date(history, aim.year - 1, 12, now[0].unit)
    if found is None or whole is None or whole.base_value <= 0:
        return None
    return 100 * (now[0].base_value / found.share / whole.base_value - 1), found


def _growth_rest(source: SeriesSource, aim: _Aim, months: int, growth: float) -> RequiredRest:
    """The growth the remaining months need for the year's: both parts weighed by last year's levels."""
    left = 12 - months
    if left == 0:
        return RequiredRest(RestKind.YEAR_OVER, 0)
    period = _rest_period(aim.year, months)
    weights = _last_year_parts(source, aim, months, growth)
    if weights is None:
        why = Phrase(REASONS, "rest_unknown_growth", {"period": period, "last": str(aim.year - 1)})
        return RequiredRest(RestKind.UNKNOWN, left, why=why)
    part, rest = weights
    needed = 100 * (((1 + aim.goal / 100) * (part + rest) - part * (1 + growth / 100)) / rest - 1)
    said = {"period": period, "needed": round(needed, 1), "goal": aim.goal}
    return RequiredRest(RestKind.GROWTH, left, needed, "%", why=Phrase(REASONS, "rest_growth", said))


def _last_year_parts(source: SeriesSource, aim: _Aim, months: int, growth: float) -> tuple[float, float] | None:
    """Last year's level of the same months and of the rest of its year, of the indicator (a flow) or of the level
    the catalogue weighs it by; the same months' level is implied by this year's and the growth when only this
    year's is stored."""
    code = aim.indicator.code if aim.indicator.kind == "flow" else aim.indicator.weights
    history = source.series(code) if code else []
    units = [p.unit for p in history if p.cumulative]
    if not units:
        return None
    whole = to_date(history, aim.year - 1, 12, units[-1])
    part = to_date(history, aim.year - 1, months, units[-1])
    now = to_date(history, aim.year, months, units[-1])
    part_value = part.base_value if part else now.base_value / (1 + growth / 100) if now else None
    if whole is None or part_value is None or whole.base_value <= part_value:
        return None
    return part_value, whole.base_value - part_value


# --- rates and levels ---


def _level(source: SeriesSource, aim: _Aim, latest: Point) -> Projection | None:
    if int(latest.period_end[:4]) != aim.year:
        return None
    months = int(latest.period_end[5:])
    now = _in_target_unit(aim, latest)
    start = _last_december(source, aim)
    if months == 12:
        basis, projected = ProjectionBasis.YEAR_FIGURE, now
    elif start is not None:
        basis, projected = ProjectionBasis.LEVEL_TREND, start + (now - start) * 12 / months
    else:
        basis, projected = ProjectionBasis.LEVEL_HELD, now
    said: dict[str, object] = {
        "name": aim.indicator.name,
        "projected": shown(projected),
        "unit": aim.unit_text,
        "months": months,
        "now": shown(now),
        "start": shown(start or 0),
        "last": str(aim.year - 1),
    }
    rest = _level_rest(aim, now, months)
    key = "projected_level_year_figure" if basis is ProjectionBasis.YEAR_FIGURE else f"projected_{basis.value}"
    return aim.projection(projected, basis, months, rest, Phrase(REASONS, key, said), None)


def _in_target_unit(aim: _Aim, point: Point) -> float:
    return point.base_value / aim.factor if aim.target.measure == "value" else point.value


def _last_december(source: SeriesSource, aim: _Aim) -> float | None:
    """The level at the end of last year, when stored."""
    december = f"{aim.year - 1:04d}-12"
    points = [
        p
        for p in source.series(aim.indicator.code, aim.target.measure, aim.year - 1)
        if p.period_end == december and (aim.target.measure != "value" or same_kind(p.unit, aim.target.unit))
    ]
    return _in_target_unit(aim, points[-1]) if points else None


def _level_rest(aim: _Aim, now: float, months: int) -> RequiredRest:
    left = 12 - months
    if left == 0:
        return RequiredRest(RestKind.YEAR_OVER, 0)
    gap = (now - aim.goal) if aim.down else (aim.goal - now)
    if gap <= 0:
        return aim.met_already(left)
    gap_unit: object = Word("points") if aim.target.unit == "%" else aim.unit_text
    said = {
        "gap": shown(gap),
        "unit": gap_unit,
        "period": _rest_period(aim.year, months),
        "move": Word("lose" if aim.down else "gain"),
    }
    return RequiredRest(
        RestKind.POINTS, left, gap, aim.target.unit, gap / left, why=Phrase(REASONS, "rest_points", said)
    )
