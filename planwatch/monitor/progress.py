"""Progress against the year's targets, by explicit rules.

For each target: the latest actual figure of the year and its period, the % of target, the pace expected at
that point (months elapsed / 12 for flows, or the earlier years' seasonal share where the store has it), the gap,
the trend over the year's reports, where the year will likely end (`projection`, monitor/projection.py), and a
status with its reason in words:
- "đạt/vượt": the target is met already;
- "đúng tiến độ": at or above the expected pace, within `tolerance` points;
- "chậm": below pace by more than `tolerance` points;
- "nguy cơ không đạt": below pace by more than `risk` points (growth: below target by more than `risk_growth`);
- "chưa có số liệu": no figure yet.
Lower-is-better indicators (tỷ lệ hộ nghèo, thất nghiệp, thứ hạng) invert the comparison."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from planwatch.monitor.projection import Projection, goal_of, linear_share, project, season
from planwatch.monitor.series import Point, series_of_codes
from planwatch.monitor.target_versions import version_rank
from planwatch.monitor.thresholds import Thresholds
from planwatch.store import models
from planwatch.store.current import main_scope
from planwatch.store.scope import WHOLE, Scope
from planwatch.vocab.catalogue import UNCLASSIFIED, Catalogue, Indicator, default_catalogue
from planwatch.vocab.periods import parse_period
from planwatch.vocab.units import base_value, same_kind
from planwatch.vocab.wording import Phrase, Word

REASONS = "monitor/data/reasons.yaml"  # what a target status says, in each language

ACHIEVED, ON_TRACK, BEHIND, AT_RISK, NO_DATA = (
    "đạt/vượt",
    "đúng tiến độ",
    "chậm",
    "nguy cơ không đạt",
    "chưa có số liệu",
)


PLAN_PCT_TOLERANCE = 2.0  # points between the report's own % of plan and ours before the row warns


@dataclass
class TargetStatus:
    target: models.Target
    doc_key: str
    indicator: Indicator | None
    status: str
    reason_parts: list[Phrase]
    actual: Point | None = None
    percent_of_target: float | None = None
    expected_pct: float | None = None
    gap: float | None = None  # flows: points of plan against the pace; rates, changes, ranks: in their own unit
    trend: list[tuple[str, float]] = field(default_factory=list)
    reported_plan_pct: float | None = None  # the % of plan the report itself states for the same figure
    projection: Projection | None = None  # where the year will likely end (monitor/projection.py)

    @property
    def reason(self) -> str:
        return self.reason_in("vi")

    def reason_in(self, lang: str) -> str:
        """Why the row has its status, in `lang` (data/reasons.yaml)."""
        return "".join(part.text(lang) for part in self.reason_parts)

    @property
    def plan_pct_disagrees(self) -> bool:
        """The report's own % of plan and ours differ by more than 2 points (a dự toán against a kế hoạch)."""
        if self.reported_plan_pct is None or self.percent_of_target is None:
            return False
        return abs(self.reported_plan_pct - self.percent_of_target) > PLAN_PCT_TOLERANCE

    @property
    def category(self) -> str:
        return self.indicator.category if self.indicator else UNCLASSIFIED

    @property
    def name(self) -> str:
        return self.name_in("vi")

    def name_in(self, lang: str) -> str:
        """The row's name: the catalogue's for the indicator, with the measure when it is not the indicator's own
        ("Thu ngân sách nhà nước — tốc độ tăng"); the target's own words where no catalogue name fits."""
        return row_name(self.target, self.indicator).text(lang)


def row_name(target: models.Target, indicator: Indicator | None) -> Phrase:
    """The row's name in each language (the target's own words are the same in both)."""
    if indicator is None or target.measure == "share_pct":
        return Phrase(REASONS, "name", {"vi": target.indicator, "en": target.indicator})
    if target.measure == "yoy_change_pct" and indicator.kind != "growth":
        return Phrase(REASONS, "name_growth", {"vi": indicator.name, "en": indicator.name_in("en")})
    if target.measure != "yoy_change_pct" and indicator.kind == "growth":
        return Phrase(REASONS, "name", {"vi": target.indicator, "en": target.indicator})
    return indicator_name(indicator)


def indicator_name(indicator: Indicator) -> Phrase:
    return Phrase(REASONS, "name", {"vi": indicator.name, "en": indicator.name_in("en")})


def year_targets(
    session: Session, year: int | None, scope: Scope = WHOLE, code: str | None = None
) -> list[tuple[models.Target, str]]:
    """Active targets, one per year, indicator and measure: the one in force (a hand-entered one over a
    document's, a later document's over an earlier one's: monitor/target_versions.py); of one year (every year
    when None, the latest first), of one indicator when
    `code` is given, of the documents of `scope` (and hand-entered ones). The choice is made
    on a few columns; only the chosen targets are loaded whole."""
    t, d = models.Target, models.Document
    query = (
        select(
            t.id,
            t.year,
            t.indicator_code,
            t.indicator,
            t.measure,
            t.source,
            t.char_start,
            d.id.label("doc"),
            d.doc_key,
            d.issued,
        )  # fmt: skip
        .outerjoin(d)
        .where(t.active.is_(True), *scope.documents())
        .where(or_(t.document_id.is_(None), d.is_current.is_(True)))
    )
    if year is not None:
        query = query.where(t.year == year)
    if code is not None:
        query = query.where(t.indicator_code == code)
    chosen: dict[tuple[int, str, str], tuple[tuple[object, ...], int, str]] = {}
    for row in session.execute(query):
        key = (row.year, row.indicator_code or row.indicator.lower(), row.measure)
        rank = version_rank(row.source == "manual", row.issued, row.doc or row.id, row.char_start)
        if key not in chosen or rank > chosen[key][0]:
            chosen[key] = (rank, row.id, row.doc_key or "manual")
    keys = {target_id: doc_key for _, target_id, doc_key in chosen.values()}
    targets: Iterable[models.Target] = session.scalars(select(t).where(t.id.in_(list(keys)))) if keys else ()
    return [(target, keys[target.id]) for target in sorted(targets, key=lambda t: (-t.year, t.char_start or 0, t.id))]


def year_status(
    session: Session,
    year: int,
    thresholds: Thresholds | None = None,
    catalogue: Catalogue | None = None,
    resolved_only: bool = True,
    scope: Scope = WHOLE,
    until: str | None = None,
    code: str | None = None,
) -> list[TargetStatus]:
    """The status of the year's targets whose indicator is known (of the indicator `code` only when given: an
    indicator's page), against the figures of the documents of `scope` (of the store's main province when the
    whole store is asked: `main_scope`) of the periods ending by `until` (all when None); targets no catalogue
    entry or alias names are left for review (`planwatch indicators --unclassified`) unless `resolved_only` is
    off."""
    scope = main_scope(session) if scope.whole else scope
    catalogue = catalogue or default_catalogue()
    thresholds = thresholds or Thresholds()
    targets = [(t, key) for t, key in year_targets(session, year, scope, code) if t.indicator_code or not resolved_only]
    figures = Figures(session, scope, until, frozenset(t.indicator_code for t, _ in targets if t.indicator_code))
    rows = [target_status(figures, t, key, year, thresholds, catalogue) for t, key in targets]
    for row in rows:
        row.projection = project(figures, row.target, row.indicator, row.actual, thresholds)
    return rows


@dataclass(frozen=True)
class Figures:
    """The series a status is judged on: of the documents of `scope`; only the periods ending by `until`
    ("2024-06") when given, as a report of that month saw them."""

    session: Session
    scope: Scope = WHOLE
    until: str | None = None
    codes: frozenset[str] = frozenset()  # the indicators judged together: each measure and year read once for all
    _read: dict[tuple[str, int | None], dict[str, list[Point]]] = field(default_factory=dict, compare=False)

    def series(self, code: str, measure: str = "value", year: int | None = None) -> list[Point]:
        read = self._read.setdefault((measure, year), {})
        if code not in read:  # the first question of a measure and year asks the store for every indicator's
            read |= series_of_codes(self.session, sorted(self.codes - read.keys() | {code}), measure, year, self.scope)
        points = read[code]
        return points if self.until is None else [p for p in points if p.period_end <= self.until]


def target_status(
    figures: Figures, target: models.Target, doc_key: str, year: int, thresholds: Thresholds, catalogue: Catalogue
) -> TargetStatus:
    indicator = catalogue.indicators.get(target.indicator_code or "")
    name = row_name(target, indicator)
    if not target.indicator_code:
        return TargetStatus(target, doc_key, None, NO_DATA, [Phrase(REASONS, "unmapped", {"name": name})])
    points = [
        p
        for p in figures.series(target.indicator_code, target.measure, year)
        if (target.measure != "value" or same_kind(p.unit, target.unit)) and not p.footnote
    ]
    if target.measure == "value" and target.unit != "%":
        points = [p for p in points if p.cumulative or indicator is None or indicator.kind != "flow"]
    if not points:
        return TargetStatus(
            target,
            doc_key,
            indicator,
            NO_DATA,
            [Phrase(REASONS, "no_data", {"name": name, "year": str(year)})],
        )
    latest = max(points, key=lambda p: (p.period_end, p.cumulative))
    trend = [(p.period_end, p.value) for p in sorted(points, key=lambda p: p.period_end)]
    down = indicator.lower_is_better if indicator else False
    if target.measure == "value" and indicator and indicator.kind == "flow":
        return _flow_status(figures, target, doc_key, indicator, latest, trend, thresholds)
    return _level_status(target, doc_key, indicator, name, latest, trend, down, thresholds)


def _flow_status(
    figures: Figures,
    target: models.Target,
    doc_key: str,
    indicator: Indicator,
    latest: Point,
    trend: list[tuple[str, float]],
    thresholds: Thresholds,
) -> TargetStatus:
    goal_base = base_value(goal_of(target), target.unit)
    share = 100 * latest.base_value / goal_base if goal_base else 0.0
    months = int(latest.period_end[5:])
    expected = _expected_pace(figures, indicator, int(latest.period_end[:4]), months, latest.unit)
    gap = share - expected
    status = (
        ACHIEVED
        if share >= 100
        else ON_TRACK
        if gap >= -thresholds.tolerance
        else BEHIND
        if gap >= -thresholds.risk
        else AT_RISK
    )
    pace = {
        "name": indicator_name(indicator),
        "share": round(share, 1),
        "months": months,
        "expected": round(expected, 1),
    }
    reason = [Phrase(REASONS, "pace", pace | {"above": Word("above" if gap >= 0 else "below")})]
    reported = _reported_plan_pct(figures, indicator.code, latest)
    row = TargetStatus(
        target, doc_key, indicator, status, reason, latest, share, expected, gap, [(p, v) for p, v in trend], reported
    )
    if row.plan_pct_disagrees and reported is not None:
        row.reason_parts.append(
            Phrase(
                REASONS,
                "reported",
                {"reported": reported, "apart": round(abs(reported - share), 1)},
            )
        )
    return row


def _reported_plan_pct(figures: Figures, code: str, latest: Point) -> float | None:
    """The % of plan the reports state for the figure's own period ("bằng 62,9% dự toán")."""
    same = [
        p
        for p in figures.series(code, "plan_pct", int(latest.period_end[:4]))
        if p.period_end == latest.period_end and p.period_start == latest.period_start
    ]
    return same[-1].value if same else None


def _expected_pace(figures: Figures, indicator: Indicator, year: int, months: int, unit: str) -> float:
    """% of the year's total usually reached after `months`: the seasonal share of the earlier years that hold both
    figures (monitor/projection.py), else linear."""
    found = season(figures.series(indicator.code), year, months, unit)
    return 100 * (found.share if found else linear_share(months))


def _level_status(
    target: models.Target,
    doc_key: str,
    indicator: Indicator | None,
    name: Phrase,
    latest: Point,
    trend: list[tuple[str, float]],
    down: bool,
    thresholds: Thresholds,
) -> TargetStatus:
    """Growth rates, rates, shares, stocks and ranks: the latest figure against the target itself."""
    goal = goal_of(target)
    actual = latest.value if target.measure != "value" else latest.base_value / (base_value(1, target.unit) or 1)
    gap = (goal - actual) if (down or target.measure == "rank") else (actual - goal)
    met = gap >= 0 if target.comparator != "<=" else actual <= goal
    in_points = (
        target.measure in ("yoy_change_pct", "rank")
        or target.unit == "%"
        or (indicator is not None and indicator.kind in ("growth", "rate"))
    )  # a rate, a change or a rank is compared in its own unit, never as a % of itself
    share = 100 * actual / goal if goal and not in_points else None
    period = parse_period(latest.period_start, latest.period_end)
    if met:
        status = ACHIEVED
    elif target.measure in ("yoy_change_pct", "rank") or (indicator and indicator.kind in ("growth", "rate")):
        status = BEHIND if -gap <= thresholds.risk_growth else AT_RISK
    else:
        status = BEHIND if share is not None and share >= 100 - thresholds.risk else AT_RISK
    level = {"name": name, "actual": actual, "unit": _unit_text(target), "period": period, "goal": goal}
    comparator = Word(target.comparator) if target.comparator in (">=", "<=", "range") else ""
    reason = [
        Phrase(
            "monitor/data/reasons.yaml",
            "level",
            level | {"met": Word("met" if met else "not_met"), "comparator": comparator},
        )
    ]
    if in_points and not met and target.measure != "rank":
        reason.append(Phrase(REASONS, "points_short", {"gap": round(abs(gap), 2)}))
    return TargetStatus(target, doc_key, indicator, status, reason, latest, share, None, gap, trend)


def _unit_text(target: models.Target) -> str:
    return "%" if target.unit == "%" else f" {target.unit}" if target.unit else ""
