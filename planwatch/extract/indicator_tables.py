"""Tables of indicators ("Chỉ tiêu | ĐVT | Kế hoạch năm 2024 | Ước TH tháng 5 | Lũy kế 5 tháng | So cùng kỳ (%) |
So KH (%)"): each figure cell a fact, its measure and period read from its column header.

A "So sánh"/"So cùng kỳ (%)" column of the genre holds a ratio (116,2 = 16,2% more than a year earlier) unless its
header says "tăng/giảm"; a "So KH (%)" column the % of plan; a plan column ("Kế hoạch năm") holds targets, which
the plan documents state anyway, so it adds no fact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.extract.facts import Fact, ReportContext
from planwatch.extract.numbers import parse_figure
from planwatch.extract.periods import Period, find_periods
from planwatch.extract.units import match_unit
from planwatch.text.fold import fold

_LABEL = re.compile(r"\bchi tieu\b|\bnoi dung\b")
_UNIT = re.compile(r"^(?:dvt|don vi(?: tinh)?)$")
_YOY = re.compile(r"cung ky")
_PLAN_PCT = re.compile(r"(?:so|%)\s*(?:voi\s+)?(?:ke hoach|kh)\b|\bke hoach\b.*%|% kh")
_PLAN = re.compile(r"\bke hoach\b|\bkh\b|chi tieu nam")
_CHANGE_WORDS = re.compile(r"\btang\b|\bgiam\b")
_ESTIMATE = re.compile(r"\buoc\b|du kien")


@dataclass(frozen=True)
class Column:
    index: int
    measure: str  # "value" | "yoy_change_pct" | "plan_pct"
    period: Period
    ratio: bool = False  # a "so cùng kỳ (%)" ratio: the change is the value minus 100
    estimate: bool = False


@dataclass(frozen=True)
class IndicatorTable:
    label: int
    unit: int | None
    columns: tuple[Column, ...]
    width: int

    @classmethod
    def from_header(cls, cells: list[str], context: ReportContext) -> IndicatorTable | None:
        folded = [fold(c) for c in cells]
        label = next((i for i, f in enumerate(folded) if _LABEL.search(f)), None)
        if label is None:
            return None
        unit = next((i for i, f in enumerate(folded) if _UNIT.match(f)), None)
        columns: list[Column] = []
        last_period = context.default_period
        for index, (cell, text) in enumerate(zip(cells, folded, strict=True)):
            if index in (label, unit):
                continue
            mentions = [m for m in find_periods(cell, context.year, context.month) if not m.comparison]
            period = mentions[-1].period if mentions else last_period
            estimate = bool(_ESTIMATE.search(text))
            if _YOY.search(text):
                columns.append(Column(index, "yoy_change_pct", period, not _CHANGE_WORDS.search(text), estimate))
            elif _PLAN_PCT.search(text):
                columns.append(Column(index, "plan_pct", period, estimate=estimate))
            elif _PLAN.search(text):
                continue
            elif mentions:
                columns.append(Column(index, "value", period, estimate=estimate))
                last_period = period
        has_figures = any(c.measure == "value" for c in columns)
        return cls(label, unit, tuple(columns), len(cells)) if has_figures else None

    def facts(self, cells: list[tuple[int, str]]) -> list[Fact]:
        """The facts of one row; `cells` are (offset in the document, text)."""
        if len(cells) != self.width:
            return []
        label = cells[self.label][1].strip(" .:")
        unit_text = cells[self.unit][1].strip() if self.unit is not None else ""
        if not label or not re.search(r"[^\W\d]", label):
            return []
        known = match_unit(unit_text)
        unit = known[0].name if known else unit_text
        found = []
        for column in self.columns:
            offset, text = cells[column.index]
            number = re.search(r"-?\d[\d.,]*", text)
            if not number:
                continue
            try:
                value = parse_figure(number.group(0).lstrip("-"))
            except ValueError:
                continue
            value = -value if number.group(0).startswith("-") else value
            if column.measure == "yoy_change_pct" and column.ratio:
                value = round(value - 100, 6)
            start = offset + number.start()
            found.append(
                Fact(
                    label,
                    column.measure,
                    value,
                    unit if column.measure == "value" else "%",
                    column.period,
                    start,
                    start + len(number.group(0)),
                    column.estimate,
                )
            )
        return found
