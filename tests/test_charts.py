"""Charts that do not lie: one year on a January-December axis, a line only through figures from January."""

from __future__ import annotations

import re

from planwatch.serve.charts import ChartPoint, YearChart, year_chart
from planwatch.serve.labels import VALUES_EN
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.units import units


def _point(month: int, value: float, series: str = "cumulative", derived: bool = False) -> ChartPoint:
    return ChartPoint(month, value, f"/van-ban/x#f{month}", f"T{month}", series, derived)


def test_only_figures_from_january_are_joined_and_the_pace_leads_to_the_target() -> None:
    svg = year_chart(
        YearChart(2024, "tỷ đồng", [_point(5, 40), _point(6, 52), _point(6, 9, "monthly", derived=True)], 100, True)
    )
    assert svg.count("<polyline") == 1 and 'class="pace"' in svg and 'class="bar derived"' in svg
    assert "T12" in svg and "tỷ đồng" in svg and "Kế hoạch: 100" in svg


def test_an_english_chart_prints_its_figures_the_english_way() -> None:
    chart = YearChart(2024, "billion VND", [_point(5, 40_500.5), _point(6, 52_000.25)], 96_058.5, True, 98_000.5)
    english = year_chart(chart, target_label="Plan", projected_label="Projected", lang="en")
    assert "Plan: 96,058.5" in english and "Projected: 98,000.5" in english and ">53,900.3<" in english
    vietnamese = year_chart(chart)
    assert "Kế hoạch: 96.058,5" in vietnamese and "Dự kiến: 98.000,5" in vietnamese and ">53.900,3<" in vietnamese


def test_a_stock_at_a_date_is_a_mark_not_a_point_of_the_line() -> None:
    svg = year_chart(YearChart(2024, "%", [_point(5, 40), _point(6, 41, "other")]))
    assert "<polyline" not in svg and 'class="other"' in svg and 'class="pace"' not in svg


def test_every_unit_a_chart_can_carry_is_said_in_english() -> None:
    """A chart's unit, tooltip and the catalogue in English (?lang=en) say each unit of the genre in English."""
    said = {u.name for u in units().values()} | {i.unit for i in default_catalogue().indicators.values()}
    vietnamese = {unit for unit in said if re.search(r"[À-ỹĐđ]", unit)}
    assert vietnamese and not {unit for unit in vietnamese if unit not in VALUES_EN}
