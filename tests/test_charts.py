"""Charts that do not lie: one year on a January-December axis, a line only through figures from January."""

from __future__ import annotations

from planwatch.serve.charts import ChartPoint, YearChart, year_chart


def _point(month: int, value: float, series: str = "cumulative", derived: bool = False) -> ChartPoint:
    return ChartPoint(month, value, f"/van-ban/x#f{month}", f"T{month}", series, derived)


def test_only_figures_from_january_are_joined_and_the_pace_leads_to_the_target() -> None:
    svg = year_chart(
        YearChart(2024, "tỷ đồng", [_point(5, 40), _point(6, 52), _point(6, 9, "monthly", derived=True)], 100, True)
    )
    assert svg.count("<polyline") == 1 and 'class="pace"' in svg and 'class="bar derived"' in svg
    assert "T12" in svg and "tỷ đồng" in svg and "Kế hoạch: 100" in svg


def test_a_stock_at_a_date_is_a_mark_not_a_point_of_the_line() -> None:
    svg = year_chart(YearChart(2024, "%", [_point(5, 40), _point(6, 41, "other")]))
    assert "<polyline" not in svg and 'class="other"' in svg and 'class="pace"' not in svg
