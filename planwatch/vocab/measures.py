"""What a figure measures: the measures of the export contract, and the year-to-date change the genre states
in price and banking paragraphs (kept, exported, not scored)."""

from __future__ import annotations

from enum import StrEnum


class Measure(StrEnum):
    VALUE = "value"
    YOY = "yoy_change_pct"  # against the same period a year earlier
    PREV = "prev_change_pct"  # against the period just before
    YTD = "ytd_change_pct"  # against the start of the year ("so với đầu năm", "so với tháng 12 năm trước")
    PLAN = "plan_pct"  # % of the plan, estimate or target
    SHARE = "share_pct"  # share of a whole
    RANK = "rank"

    @property
    def is_change(self) -> bool:
        return self in (Measure.YOY, Measure.PREV, Measure.YTD)

    def label(self, lang: str = "vi") -> str:
        """The measure as a reader calls it."""
        return (_VI if lang == "vi" else _EN)[self]


_VI = {
    Measure.VALUE: "giá trị",
    Measure.YOY: "so cùng kỳ (%)",
    Measure.PREV: "so kỳ trước (%)",
    Measure.YTD: "so đầu năm (%)",
    Measure.PLAN: "% kế hoạch",
    Measure.SHARE: "tỷ trọng (%)",
    Measure.RANK: "xếp hạng",
}
_EN = {
    Measure.VALUE: "value",
    Measure.YOY: "vs same period (%)",
    Measure.PREV: "vs previous period (%)",
    Measure.YTD: "vs start of year (%)",
    Measure.PLAN: "% of plan",
    Measure.SHARE: "share (%)",
    Measure.RANK: "rank",
}


def measure_label(measure: str, lang: str = "vi") -> str:
    """The label of a stored measure (its code when it is not one of ours)."""
    try:
        return Measure(measure).label(lang)
    except ValueError:
        return measure
