"""A merged province's "so với cùng kỳ" against the combined base: a change a report of a province formed by the
2025 reorganisation states for a period after it, on an additive indicator, checked against the sum of its
predecessors' figures of the same period a year earlier (monitor/merged_sums.py computes it only when every
predecessor reports that period). monitor/checks.py turns the gaps beyond rounding into findings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.monitor.merged_sums import additive
from planwatch.monitor.series import Point, series
from planwatch.store import models
from planwatch.store.scope import province_scope
from planwatch.vocab.provinces import lineage
from planwatch.vocab.units import same_kind

YOY_ROUNDING = 1.5  # percentage points a stated change may differ from the computed one by (rounded figures)


@dataclass(frozen=True)
class BaseGap:
    """A stated change against the one the combined base gives; the facts quoted: the change stated, the merged
    figure it is of, and each predecessor's figure summed."""

    stated: float
    computed: float
    fact_ids: tuple[int, ...]


def merged_base_gaps(session: Session, group: str) -> list[BaseGap]:
    """The gaps of the check group `group` when it is a province formed by the reorganisation (none otherwise,
    without reading the store)."""
    unit = lineage().today(group)
    if unit is None or not unit.merged or not unit.is_named_by(group):
        return []
    f, d = models.Fact, models.Document
    stored = [p for p in session.scalars(select(d.province).where(d.is_current.is_(True)).distinct()) if p]
    scope = province_scope(group, stored)
    if scope.province != group or not scope.predecessors:
        return []
    since = f"{unit.since:%Y-%m}"
    codes = session.scalars(
        select(f.indicator_code)
        .join(d)
        .where(d.is_current.is_(True), d.province == group, f.measure == "yoy_change_pct", f.period_end >= since)
        .distinct()
    )
    gaps = []
    for code in sorted(c for c in codes if c and additive(c)):
        values = series(session, code, "value", scope=scope)
        sums: dict[tuple[str | None, str | None], Point] = {
            (p.period_start, p.period_end): p for p in values if p.computed_sum
        }
        merged = {(p.period_start, p.period_end): p for p in values if p.province == group and _stated(p)}
        for change in series(session, code, "yoy_change_pct", scope=scope):
            if change.province != group or change.period_end < since or change.fact_id is None:
                continue
            now = merged.get((change.period_start, change.period_end))
            base = sums.get((year_earlier(change.period_start), year_earlier(change.period_end)))
            if now is None or base is None or not base.base_value or not same_kind(now.unit, base.unit):
                continue
            computed = 100 * (now.base_value / base.base_value - 1)
            if abs(computed - change.value) > YOY_ROUNDING and now.fact_id is not None:
                parts = tuple(p.fact_id for p in base.sources if p.fact_id is not None)
                gaps.append(BaseGap(change.value, round(computed, 1), (change.fact_id, now.fact_id, *parts)))
    return gaps


def _stated(point: Point) -> bool:
    return not point.derived and not point.computed_sum and point.fact_id is not None


def year_earlier(month: str | None) -> str | None:
    return f"{int(month[:4]) - 1:04d}{month[4:]}" if month else None
