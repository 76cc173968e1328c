"""Tables of indicators ("Chỉ tiêu | ĐVT | Kế hoạch năm 2024 | Ước TH tháng 5 | Lũy kế 5 tháng | So cùng kỳ (%) |
So KH (%)"), whether a .docx grid or a table flattened into text: each figure cell a fact, its measure and period
read from its column header, and from the table's title where the title says what every cell is ("Cơ cấu ...",
"Chỉ số phát triển ... (Năm trước = 100)").

A "So sánh"/"So cùng kỳ (%)" column of the genre holds a ratio (116,2 = 16,2% more than a year earlier) unless its
header says "tăng/giảm"; a "So KH (%)" column the % of plan; a plan column ("Kế hoạch năm", "Dự toán năm") the
plan's figure, stored under "Kế hoạch ..." / "Dự toán ..." so that it never counts as an actual."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.extract.facts import Fact
from planwatch.extract.measures import cue
from planwatch.text.fold import fold
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import parse_figure
from planwatch.vocab.periods import COLUMN_YEAR, Period, ReportContext, find_periods, year_period
from planwatch.vocab.units import match_unit

_LABEL = re.compile(r"\bchi tieu\b|\bnoi dung\b|^dia phuong$|^khoan muc$")
_UNIT = re.compile(r"^(?:dvt|don vi(?: tinh)?)$")
_BASE_INDEX = re.compile(r"\bky goc\b.*")
# Columns of ratios to a base (116,2 = 16,2% more), the first that matches: December of the year before, then a
# year earlier ("cùng kỳ", "tháng 4 năm trước", "Năm trước = 100"), then the period before
_RATIO_BASES = (
    (re.compile(r"thang 12 nam truoc|cuoi nam truoc|\bdau nam\b"), Measure.YTD),
    (re.compile(r"cung ky|nam truoc"), Measure.YOY),
    (re.compile(r"(?:thang|ky|quy) truoc"), Measure.PREV),
)
_PLAN_PCT = re.compile(r"\bso\b.*\b(?:ke hoach|kh|du toan)\b")
_PLAN = re.compile(r"\b(?:ke hoach|kh|chi tieu nam|du toan)\b")
_RANK = re.compile(r"\b(?:xep hang|thu hang|xep thu)\b")
_NOT_FIGURES = re.compile(r"\b(?:danh gia|ghi chu|nhom|xep loai|ket qua)\b")
_CHANGE_WORDS = re.compile(r"\btang\b|\bgiam\b")
_ESTIMATE = re.compile(r"\buoc\b|du kien")
_TITLE_SHARE = re.compile(r"\bco cau\b")
_TITLE_INDEX = re.compile(r"nam truoc 100|chi so phat trien")
_RANGE = re.compile(r"(\d[\d.,]*)\s*[-–]\s*(\d[\d.,]*)")


@dataclass(frozen=True)
class Column:
    index: int
    measure: Measure
    period: Period
    ratio: bool = False  # a "so cùng kỳ (%)" ratio: the change is the value minus 100
    estimate: bool = False
    plan: str = ""  # "Kế hoạch" / "Dự toán": the column holds what was planned
    suffix: str = ""  # words the label takes from the column ("so với kỳ gốc 2019")


@dataclass(frozen=True)
class IndicatorTable:
    label: int
    unit: int | None
    columns: tuple[Column, ...]
    width: int
    default_unit: str = ""

    @classmethod
    def from_header(
        cls, cells: list[str], context: ReportContext, title: str = "", unit_line: str = ""
    ) -> IndicatorTable | None:
        folded = [fold(c) for c in cells]
        label = next((i for i, f in enumerate(folded) if _LABEL.search(f)), None)
        if label is None:
            return None
        unit = next((i for i, f in enumerate(folded) if _UNIT.match(f)), None)
        columns: list[Column] = []
        last_period = context.default_period  # a comparison column compares the figure column before it
        for index, (cell, text) in enumerate(zip(cells, folded, strict=True)):
            column = (
                _column(index, cell, text, context, last_period, fold(title)) if index not in (label, unit) else None
            )
            if column:
                columns.append(column)
                last_period = column.period if column.measure == Measure.VALUE and not column.plan else last_period
        has_figures = any(c.measure in (Measure.VALUE, Measure.SHARE) or c.ratio for c in columns)
        known = match_unit(unit_line)
        default_unit = known[0].name if known else unit_line.split(" - ")[0].strip()
        return cls(label, unit, tuple(columns), len(cells), default_unit) if has_figures else None

    def facts(self, cells: list[tuple[int, str]]) -> list[Fact]:
        """The facts of one row; `cells` are (offset in the document, text)."""
        if len(cells) != self.width:
            return []
        label = cells[self.label][1].strip(" .:")
        unit_text = cells[self.unit][1].strip() if self.unit is not None else self.default_unit
        if not label or not re.search(r"[^\W\d]", label):
            return []
        known = match_unit(unit_text)
        unit = known[0].name if known else unit_text
        found = []
        for column in self.columns:
            offset, text = cells[column.index]
            for value, start, end, suffix in _cell_values(text):
                measure, value = _row_measure(column, label, unit, value)
                name = f"{column.plan} {label[:1].lower()}{label[1:]}" if column.plan else label
                name = f"{name} {column.suffix}" if column.suffix else name
                found.append(
                    Fact(
                        name + suffix,
                        measure,
                        value,
                        unit if measure == Measure.VALUE else "%" if measure != Measure.RANK else "",
                        column.period,
                        offset + start,
                        offset + end,
                        column.estimate,
                        tags=["plan"] if column.plan else [],
                    )
                )
        return found


def _column(index: int, cell: str, text: str, context: ReportContext, last: Period, title: str) -> Column | None:
    mentions = [m for m in find_periods(cell, context.year, context.month) if not m.comparison]
    period = mentions[-1].period if mentions else last
    if not mentions and (year := COLUMN_YEAR.search(text)):  # a yearbook's year column: "2019", "Sơ bộ - Prel. 2020"
        measure = Measure.SHARE if _TITLE_SHARE.search(title) else Measure.VALUE
        return Column(index, measure, year_period(int(year.group(1))), bool(_TITLE_INDEX.search(title)))
    estimate = bool(_ESTIMATE.search(text))
    if base := _BASE_INDEX.search(text):  # "so với kỳ gốc 2019": the index level, named by its base
        return Column(index, Measure.VALUE, period, estimate=estimate, suffix=f"so với {cell[base.start() :].strip()}")
    for pattern, measure in _RATIO_BASES:
        if pattern.search(text):
            return Column(index, measure, period, not _CHANGE_WORDS.search(text), estimate)
    if _PLAN_PCT.search(text):
        return Column(index, Measure.PLAN, period, estimate=estimate)
    if _PLAN.search(text):
        word = "Dự toán" if "du toan" in text else "Kế hoạch"
        return Column(index, Measure.VALUE, mentions[-1].period if mentions else period, plan=word)
    if _RANK.search(text):
        return Column(index, Measure.RANK, period)
    if _NOT_FIGURES.search(text):
        return None
    named = "" if mentions else cell.strip()  # "Điểm PCI": a column of one indicator, named by its header
    return Column(index, Measure.VALUE, period, estimate=estimate, suffix=named)


def _cell_values(text: str) -> list[tuple[float, int, int, str]]:
    """(value, where its number starts and ends in the cell, label suffix): one figure, or both ends of a range."""
    if (pair := _RANGE.search(text)) and not text.lstrip().startswith("-"):
        try:
            low, high = parse_figure(pair.group(1)), parse_figure(pair.group(2))
        except ValueError:
            return []
        return [(low, pair.start(1), pair.end(1), " (mức thấp)"), (high, pair.start(2), pair.end(2), " (mức cao)")]
    number = re.search(r"-?\d[\d.,]*", text)
    if not number:
        return []
    digits = number.group(0).lstrip("-").rstrip(".,")
    try:
        value = parse_figure(digits)
    except ValueError:
        return []
    start = number.start() + (1 if number.group(0).startswith("-") else 0)
    return [(-value if number.group(0).startswith("-") else value, start, start + len(digits), "")]


def _row_measure(column: Column, label: str, unit: str, value: float) -> tuple[Measure, float]:
    """The measure of one cell: the column's, a ratio made a change, a growth row's % a change."""
    if column.ratio:
        return column.measure if column.measure.is_change else Measure.YOY, round(value - 100, 6)
    if column.measure == Measure.VALUE and unit == "%" and cue("label", "growth").search(label):
        return Measure.YOY, value
    return column.measure, value
