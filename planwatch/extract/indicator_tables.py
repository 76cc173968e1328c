"""Tables of indicators ("Chỉ tiêu | ĐVT | Kế hoạch năm 2024 | Ước TH tháng 5 | Lũy kế 5 tháng | So cùng kỳ (%) |
So KH (%)"), whatever reader gave them (structure/tables.py): each figure cell a fact, its measure and period
read from its column header and the document's year, its unit from the row's unit cell, the unit in its label
("Thu ngân sách (Tỷ đồng)") or the table's unit line, its label from its row, with the row it belongs to
("Phân theo nhóm ngành hàng" / "Trong đó" / "- Nông nghiệp") as its parent.

A "So sánh"/"So cùng kỳ (%)" column of the genre holds a ratio (116,2 = 16,2% more than a year earlier) unless its
header says "tăng/giảm", and so does a column "Chỉ số ... (%)" or "2016/2015"; a "So KH (%)" column the % of plan;
a plan column ("Kế hoạch năm", "KH 2025", "Dự toán năm", "Mục tiêu") the plan's figure, stored under "Kế hoạch
..." / "Dự toán ..." and tagged "plan" so that it never counts as an actual, as is a column of a period after the
document's date; a column of an earlier period ("TH năm 2018", "Cùng kỳ năm trước") is tagged "prior"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from planwatch.extract.facts import Fact
from planwatch.extract.measures import cue
from planwatch.extract.table_cells import CellFigure, cell_figures
from planwatch.structure.tables import COLUMN_WORDS, INDEX_HEAD, LABEL_HEAD, NOTES_HEADER, UNIT_HEAD, Cell, Table
from planwatch.text.fold import fold, fold_keep_length
from planwatch.vocab.measures import Measure
from planwatch.vocab.periods import Month, Period, ReportContext, find_periods, year_period
from planwatch.vocab.units import match_unit

_LABEL = re.compile(r"\bchi tieu\b|\bnoi dung\b")  # "Chỉ tiêu kinh tế chủ yếu", "Nội dung thu"
_BASE_INDEX = re.compile(r"\bky goc\b.*")
# Columns of ratios to a base (116,2 = 16,2% more), the first that matches: December of the year before, then a
# year earlier ("cùng kỳ", "tháng 4 năm trước", "Năm trước = 100"), then the period before
_RATIO_BASES = (
    (re.compile(r"thang 12 nam truoc|cuoi nam truoc|\bdau nam\b"), Measure.YTD),
    (re.compile(r"cung ky|nam truoc"), Measure.YOY),
    (re.compile(r"(?:thang|ky|quy) truoc"), Measure.PREV),
)
# A column that compares ("So với cùng kỳ (%)", "So sánh", "TH/KH (%)", "% KH", "Chỉ số ... (%)", "Tỷ lệ đạt")
_COMPARED = re.compile(
    r"\bso voi\b|\bso sanh\b|^so (?:cung ky|ck|kh|ke hoach|du toan|thang|nam|quy|ky)\b|\bchi so\b|\bty le dat\b|"
    r"/ ?(?:kh|ke hoach|du toan)\b|% ?(?:so )?(?:kh|ke hoach|du toan)\b"
)
_PLAN_PCT = re.compile(
    r"\b(?:so|dat|voi)\b.*\b(?:ke hoach|kh|du toan|muc tieu|chi tieu)\b|/ ?(?:kh|ke hoach|du toan)\b|"
    r"% ?(?:so )?(?:kh|ke hoach|du toan)\b"
)
_PLAN = re.compile(r"\b(?:ke hoach|kh|chi tieu nam|du toan|muc tieu|nghi quyet|nq)\b")
_RANK = re.compile(r"\b(?:xep hang|thu hang|xep thu)\b")
_CHANGE_WORDS = re.compile(r"\btang\b|\bgiam\b")
_ESTIMATE = re.compile(r"\buoc\b|du kien|\buth\b")
_SAME_PERIOD = re.compile(r"\bcung ky\b")
_CHANGE_COLUMN = re.compile(r"^(?:tang|giam|toc do tang|muc tang)\b")
_SHARE = re.compile(r"\bco cau\b|\bty trong\b")
_TITLE_INDEX = re.compile(r"nam truoc 100|chi so phat trien")
_YEAR = re.compile(r"(?<![\d/.,-])((?:19|20)\d{2})(?![\d/.,])")
_YEAR_RATIO = re.compile(r"\b((?:19|20)\d{2})\s*/\s*((?:19|20)\d{2})\b")  # "2016/2015": 2016 against 2015
_MONTHS_SHORT = re.compile(r"\b(\d{1,2})\s*t(?:hang)?\s*(?:dau nam\s*)?/\s*((?:19|20)\d{2})\b")  # "6T/2024"
_ROW_LEAD = re.compile(r"^\s*(?:[-+*•]+\s*|(?:trong\s+đó|tr\.?\s*đó|trđ|bao\s+gồm|gồm)\s*:?\s*)+", re.IGNORECASE)
_UNIT_PARENS = re.compile(r"\s*\(([^()]{1,25})\)\s*:?\s*$")
_TOTAL = re.compile(r"^(?:tong so|tong cong|tong|toan tinh|chung|ca tinh)$")
_TITLE_NUMBER = re.compile(r"^\s*(?:Biểu|Bảng)\s*(?:số\s*)?[\w./-]*\s*[.:]\s*", re.IGNORECASE)
_RISE_FALL = re.compile(r"\s+(?:giảm|tăng)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    index: int
    measure: Measure
    period: Period
    ratio: bool = False  # a "so cùng kỳ (%)" ratio: the change is the value minus 100
    estimate: bool = False
    plan: str = ""  # "Kế hoạch" / "Dự toán": the column holds what was planned
    suffix: str = ""  # words the label takes from the column ("so với kỳ gốc 2019")
    tags: tuple[str, ...] = ()  # "plan" for a period after the document's date, "prior" for one before its own
    same_months_of: int | None = None  # "Cùng kỳ năm 2023": the months of the table's figure column, that year
    unit: str = ""  # the unit its header names ("Ước tính 9 tháng (tỷ đồng)")


@dataclass(frozen=True)
class Dating:
    """When the document speaks: its reference month and the start of its own period (both may be unknown)."""

    reference: Month | None = None
    own_start: Month | None = None


@dataclass(frozen=True)
class IndicatorTable:
    label: int
    unit: int | None
    columns: tuple[Column, ...]
    width: int
    default_unit: str = ""
    index: int | None = None

    @classmethod
    def from_header(
        cls,
        cells: list[str],
        context: ReportContext,
        title: str = "",
        unit_line: str = "",
        dating: Dating = Dating(),  # noqa: B008  frozen: one shared value is safe
    ) -> IndicatorTable | None:
        folded = [fold(c).strip() for c in cells]
        spelled = [" ".join(fold_keep_length(c).lower().split()) for c in cells]  # folded, its signs kept
        index = next((i for i, f in enumerate(folded) if INDEX_HEAD.match(f)), None)
        unit = next((i for i, f in enumerate(folded) if UNIT_HEAD.match(f)), None)
        label = next((i for i, f in enumerate(folded) if LABEL_HEAD.match(f) or _LABEL.search(f)), None)
        if label is None:
            label = next((i for i, f in enumerate(folded[:2]) if i not in (index, unit) and not _column_words(f)), None)
        if label is None:
            return None
        columns: list[Column] = []
        values: list[Column] = []  # the value columns so far: a comparison column compares the last of them
        for i, (cell, text) in enumerate(zip(cells, spelled, strict=True)):
            if i in (label, unit, index) or not text:
                continue
            column = _column(i, cell, text, context, values, fold(title))
            if column:
                column = _dated(replace(column, unit=_header_unit(cell)), dating)
                columns.append(column)
                if column.measure == Measure.VALUE and not column.ratio:
                    values.append(column)
                if column.measure == Measure.VALUE and column.same_months_of is None and not column.plan:
                    columns, values = _aligned(columns, column.period), _aligned(values, column.period)
        has_figures = any(c.measure in (Measure.VALUE, Measure.SHARE) or c.ratio for c in columns)
        known = match_unit(unit_line)
        default_unit = known[0].name if known else unit_line.split(" - ")[0].strip()
        return cls(label, unit, tuple(columns), len(cells), default_unit, index) if has_figures else None

    def facts(self, cells: list[Cell], parent: Row | None = None) -> list[Fact]:
        """The facts of one row; `cells` are (offset in the document, text)."""
        row = self.row(cells, parent)
        if row is None:
            return []
        found = []
        for column in self.columns:
            offset, text = cells[column.index]
            for figure in cell_figures(text):
                fact = self._fact(row, column, offset, figure)
                if fact:
                    found.append(fact)
        return found

    def row(self, cells: list[Cell], parent: Row | None = None) -> Row | None:
        """The row's label, unit and place under the rows above it; None for a row without a label."""
        if len(cells) != self.width:
            return None
        raw = cells[self.label][1].strip()
        label, in_label = _label_and_unit(raw)
        if not label or not re.search(r"[^\W\d]", label):
            return None
        unit_text = cells[self.unit][1].strip() if self.unit is not None else ""
        written = unit_text if re.search(r"[^\W\d_]", unit_text) else ""  # a unit the catalogue does not know
        unit = _unit_name(unit_text) or written or in_label or (parent.unit if parent else "")
        index = cells[self.index][1].strip() if self.index is not None else ""
        return Row(label, unit, index, raw, parent)

    def _fact(self, row: Row, column: Column, offset: int, figure: CellFigure) -> Fact | None:
        """One figure of a row: its unit is the cell's own, else the row's (its unit cell, the unit in its label),
        else "%" written in the cell, else its column's ("Ước tính 9 tháng (tỷ đồng)"), else the table's."""
        unit = figure.unit or row.unit or ("%" if figure.percent else "") or column.unit or self.default_unit
        measure, value = _cell_measure(column, row, figure, unit)
        label = row.label
        if figure.kind == "change" and measure == Measure.VALUE and _moves_in_points(row, unit):
            label = f"Mức {'giảm' if figure.value < 0 else 'tăng'} {label[:1].lower()}{label[1:]}"
        if figure.kind == "left":
            label = _RISE_FALL.sub("", label)
        if column.plan:
            label = f"{column.plan} {label[:1].lower()}{label[1:]}"
        label = f"{label} {column.suffix}" if column.suffix else label
        tags = ["table", *column.tags] + (["plan"] if column.plan else [])
        tags += {">=": ["at_least"], "<=": ["at_most"]}.get(figure.comparator, [])
        return Fact(
            label + figure.suffix,
            measure,
            value,
            unit if measure == Measure.VALUE else "%" if measure != Measure.RANK else "",
            column.period,
            offset + figure.start,
            offset + figure.end,
            column.estimate,
            parent=row.parent_label(),
            tags=sorted(set(tags)),
        )


@dataclass(frozen=True)
class Row:
    label: str
    unit: str
    index: str
    raw: str  # the label cell as written ("- Nông Lâm Ngư nghiệp (%)")
    parent: Row | None = field(default=None, compare=False)

    def parent_label(self) -> str | None:
        return self.parent.label if self.parent else None

    def measure_words(self) -> str:
        """The words that say what the row's figures measure: its own, else its parent's before them."""
        own = self.label
        if self.parent and not _has_measure_words(own):
            return f"{self.parent.measure_words()} {own}"
        return own


def read_table(table: Table, context: ReportContext, dating: Dating = Dating()) -> dict[int, list[Fact]]:  # noqa: B008
    """The facts of every row of `table`, by the offset of the row's label; each row read under its parent."""
    reader = IndicatorTable.from_header(table.header, context, table.title, table.unit, dating)
    if reader is None:
        return {}
    named = _title_name(table.title)
    found: dict[int, list[Fact]] = {}
    tree = _Tree()
    for cells in table.rows:
        offset, raw = cells[reader.label] if len(cells) == reader.width else (-1, "")
        total = bool(_TOTAL.match(fold(_label_and_unit(raw)[0])))
        if named and total:
            cells = [*cells[: reader.label], (offset, named), *cells[reader.label + 1 :]]
        index = cells[reader.index][1].strip() if reader.index is not None and len(cells) == reader.width else ""
        row = reader.row(cells, tree.parent_for(raw, index))
        if row is None:
            continue
        has_figures = any(cell_figures(cells[c.index][1]) for c in reader.columns)
        tree.seen(row, has_figures)
        if has_figures:
            facts = reader.facts(cells, row.parent)
            found.setdefault(offset, []).extend(
                f for f in facts if not (total and f.measure == Measure.SHARE and f.value == 100)
            )
    return found


_SECTION = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ])[.)]?$")


def _title_name(title: str) -> str:
    """What a table's title names, for its total row: "Biểu 4. Doanh thu bán lẻ ... tháng 10 năm 2025 (Đơn vị:
    tỷ đồng)" → "Doanh thu bán lẻ ..."."""
    name = _TITLE_NUMBER.sub("", title).split(" (")[0].strip()
    periods = [m for m in find_periods(name, 2000, 12) if m.end >= len(name.rstrip(" .:")) - 1]
    if periods and periods[0].start > 0:
        name = name[: periods[0].start]
    return re.sub(r"\s+(?:và|trong|của)?\s*$", "", name.strip(" ,.:-"))


class _Tree:
    """Which row a row belongs to: a part ("- Nông nghiệp", "a) ...", "Trong đó: ...") to the row with figures
    above it; a row after a group line without figures ("Phân theo nhóm ngành hàng", "Trong đó:") to the row
    before that line; a row after a line that names its parts ("Tỷ lệ trẻ em suy dinh dưỡng:") to that line;
    a numbered row to the section ("I", "A") above it when the section has figures of its own."""

    def __init__(self) -> None:
        self.section: Row | None = None
        self.last: Row | None = None  # the last row not a part of another
        self.grouped: Row | None = None  # the row a group line put the rows after it under

    def parent_for(self, raw: str, index: str) -> Row | None:
        if _SECTION.match(index):
            return None
        if index in ("-", "+", "*", "•") or _ROW_LEAD.match(raw) or re.match(r"^[a-zđ][.)]?$", index):
            return self.grouped or self.last
        if re.match(r"^\d", index):
            return self.section
        return self.grouped

    def seen(self, row: Row, has_figures: bool) -> None:
        if _SECTION.match(row.index):
            self.section = self.last = row if has_figures else None
            self.grouped = None
        elif not has_figures:
            if _is_group_word(row.raw):
                self.grouped = self.last
            else:
                self.grouped = self.last = row
        elif row.parent is None or row.parent is self.section:
            self.last, self.grouped = row, None


def _is_group_word(raw: str) -> bool:
    return bool(re.match(r"^(?:phan theo|chia theo|trong do|tr\.? ?do|trd|bao gom|gom)\b", fold(raw).strip(" -+")))


def _column_words(header: str) -> bool:
    """The header says what a figure column holds (a column without such words, left of the figures, holds the
    rows' labels)."""
    return bool(COLUMN_WORDS.search(header) or re.search(r"\d", header))


def _has_measure_words(label: str) -> bool:
    return any(cue("label", name).search(label) for name in ("growth", "rate", "structure", "share_label"))


def _label_and_unit(raw: str) -> tuple[str, str]:
    """The row's label without its leading dash or "Trong đó:" and its unit in parentheses ("(Tỷ đồng)")."""
    label = _ROW_LEAD.sub("", raw).strip()
    label = re.sub(r"^(?:[a-zđ]\)|[A-ZĐ]\.|[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.?)\s+(?=\w)", "", label)
    unit = ""
    if (m := _UNIT_PARENS.search(label)) and (name := _unit_name(m.group(1))):
        label, unit = label[: m.start()].strip(), name
    return label.strip(" .:"), unit


def _unit_name(text: str) -> str:
    """The unit a unit cell or a label's parentheses name ("Tỷ đồng", "%", "USD/người" → "USD"), else ""."""
    written = text.strip()
    if written[:1] in ("%", "‰"):  # "%", "% tăng"
        return written[:1]
    known = match_unit(written) if written else None
    if known and known[1] >= len(written.split("/")[0].rstrip()):
        return known[0].name
    return ""


def _column(
    index: int, cell: str, text: str, context: ReportContext, values: list[Column], title: str
) -> Column | None:
    if NOTES_HEADER.match(text):
        return None
    last = values[-1].period if values else context.default_period
    period, explicit = _period(cell, text, context, last)
    estimate = bool(_ESTIMATE.search(text))
    if years := _YEAR_RATIO.search(text):  # "2016/2015": the year against the year before
        return Column(index, Measure.YOY, year_period(int(years.group(1))), ratio=True)
    if base_index := _BASE_INDEX.search(text):  # "so với kỳ gốc 2019": the index level, named by its base
        suffix = f"so với {cell[base_index.start() :].strip()}"
        return Column(index, Measure.VALUE, period, estimate=estimate, suffix=suffix)
    if _COMPARED.search(text):
        own = period if explicit else last
        if not _SAME_PERIOD.search(text) and (base := _base_of(cell, context, own)):  # "... so với tháng 9/2024"
            return Column(index, base, own, not _CHANGE_WORDS.search(text), estimate)
        return _comparison(index, text, own, estimate, values)
    if _PLAN.search(text):
        word = "Dự toán" if "du toan" in text else "Kế hoạch"
        return Column(index, Measure.VALUE, period, plan=word)
    if _RANK.search(text):
        return Column(index, Measure.RANK, period)
    if _SAME_PERIOD.search(text) and explicit != "phrase":  # "Cùng kỳ năm trước": the same months a year earlier
        return _same_months(index, period if explicit else None, last, bool(values))
    if _CHANGE_COLUMN.match(text):  # "Tăng/giảm (%)": the change between the two columns before it
        return None if re.search(r"\bdiem\b", text) else _comparison(index, text, last, estimate, values)
    if explicit == "year" and not re.search(r"[^\W\d]", re.sub(r"so bo|prel|uoc|\d", "", text)):
        measure = Measure.SHARE if _SHARE.search(title) else Measure.VALUE  # a yearbook's year column
        return Column(index, measure, period, bool(_TITLE_INDEX.search(title)), estimate)
    if _SHARE.search(text):
        return Column(index, Measure.SHARE, period, estimate=estimate)
    named = "" if explicit else cell.strip()  # "Điểm PCI": a column of one indicator, named by its header
    return Column(index, Measure.VALUE, period, estimate=estimate, suffix=named)


def _same_months(index: int, stated: Period | None, last: Period, after_figures: bool) -> Column:
    """ "Cùng kỳ năm 2024", "Cùng kỳ năm trước": the months of the table's figure column, a year (or the stated
    year) earlier; known once that column is (it may stand after this one)."""
    year = stated.start.year if stated and stated.start else last.start.year - 1 if last.start else None
    column = Column(index, Measure.VALUE, last.year_earlier(), tags=("prior",), same_months_of=year)
    return _aligned([column], last)[0] if after_figures else column


def _comparison(index: int, text: str, period: Period, estimate: bool, values: list[Column]) -> Column | None:
    """A column that compares: a ratio to a base ("so với cùng kỳ (%)" → 113,0), a change when its header says
    "tăng/giảm", the % of the plan ("So với KH (%)"); a bare "So sánh (%)" compares the two columns before it."""
    ratio = not _CHANGE_WORDS.search(text)
    for pattern, measure in _RATIO_BASES:
        if pattern.search(text):
            return Column(index, measure, period, ratio, estimate)
    if _PLAN_PCT.search(text):
        return Column(index, Measure.PLAN, period, estimate=estimate)
    if any(c.plan for c in values[-2:]):
        return Column(index, Measure.PLAN, values[-1].period if not values[-1].plan else period, estimate=estimate)
    if len(values) >= 2 and _a_year_apart(values[-2].period, values[-1].period):
        return Column(index, Measure.YOY, values[-1].period, ratio, estimate)
    if re.search(r"\bchi so\b", text):
        return Column(index, Measure.YOY, period, ratio, estimate)
    return None


def _period(cell: str, text: str, context: ReportContext, last: Period) -> tuple[Period, str]:
    """The column's period and how it was found: "phrase" (a period phrase), "year" (a year alone: "2019", "KH
    2025", "Sơ bộ 2020"), or "" (none: the period of the column before)."""
    mentions = [m for m in find_periods(cell, context.year, context.month) if not m.comparison]
    if mentions:
        return mentions[-1].period, "phrase"
    if short := _MONTHS_SHORT.search(text):
        return Period(Month(int(short.group(2)), 1), Month(int(short.group(2)), int(short.group(1)))), "phrase"
    compared = re.split(r"\bso voi\b|\bso sanh\b", text)[0]
    if alone := _YEAR.search(compared):
        return year_period(int(alone.group(1))), "year"
    if named := _reported(compared, context):
        return named, "phrase"
    return last, ""


def _reported(text: str, context: ReportContext) -> Period | None:
    """ "Tháng báo cáo", "Quý báo cáo", "Cộng dồn", "Lũy kế": the document's own month, quarter, or year to date."""
    month = Month(context.year, context.month)
    if re.search(r"\b(?:thang|ky) bao cao\b", text) and not re.search(r"\b(?:cong don|luy ke|tu dau nam)\b", text):
        return Period(month, month)
    if re.search(r"\bquy bao cao\b", text):
        return Period(Month(context.year, (context.month - 1) // 3 * 3 + 1), month)
    if re.search(r"\b(?:cong don|luy ke|tu dau nam)\b", text):
        return Period(Month(context.year, 1), month)
    return None


def _base_of(cell: str, context: ReportContext, own: Period) -> Measure | None:
    """What a header that names the period compared with measures: the same months a year earlier, the
    period just before, or December of the year before."""
    bases = [m.period for m in find_periods(cell, context.year, context.month) if m.comparison]
    if not bases or not (own.start and own.end):
        return None
    base = bases[-1]
    if _a_year_apart(base, own):
        return Measure.YOY
    if base.end and (base.end.month, base.end.year) == (12, own.end.year - 1) and base.start == base.end:
        return Measure.YTD
    if base.start and base.end and base.end.shift(1) == own.start and _months(base) == _months(own):
        return Measure.PREV
    return None


def _months(period: Period) -> int:
    return (
        (period.end.year * 12 + period.end.month) - (period.start.year * 12 + period.start.month) + 1
        if period.start and period.end
        else 0
    )


def _aligned(columns: list[Column], months: Period) -> list[Column]:
    """The columns "Cùng kỳ năm 2023" given the months of the table's figure column (6 tháng năm 2024)."""
    return [replace(c, period=months.in_year(y)) if (y := c.same_months_of) is not None else c for c in columns]


def _a_year_apart(one: Period, other: Period) -> bool:
    if not (one.start and one.end and other.start and other.end):
        return False
    return (other.start.year - one.start.year, other.end.year - one.end.year) == (1, 1) and (
        one.start.month,
        one.end.month,
    ) == (other.start.month, other.end.month)


def _dated(column: Column, dating: Dating) -> Column:
    """A column of a period after the document's date holds what is planned; one before the document's own
    period, what was (both only when the document says when it speaks)."""
    start, end = column.period.start, column.period.end
    if column.plan or not start or not end:
        return column
    if dating.reference and start > dating.reference and column.measure in (Measure.VALUE, Measure.SHARE):
        return replace(column, tags=(*column.tags, "plan"))
    if dating.own_start and end < dating.own_start and "prior" not in column.tags:
        return replace(column, tags=(*column.tags, "prior"))
    return column


def _header_unit(header: str) -> str:
    """The unit in a figure column's header ("Ước tính 9 tháng (tỷ đồng)"); "%" is a column's measure, no unit."""
    found = [_unit_name(m.group(1)) for m in re.finditer(r"\(([^()]{1,25})\)", header)]
    return next((u for u in found if u and u not in ("%", "‰")), "")


def _moves_in_points(row: Row, unit: str) -> bool:
    """A rate ("Tỷ lệ hộ nghèo") moves in points: "Giảm 1 - 1,5 điểm %" is how far it falls."""
    growth = cue("label", "growth").search(row.measure_words())
    return not growth and (bool(cue("label", "rate").search(row.label)) or unit == "%")


def _cell_measure(column: Column, row: Row, figure: CellFigure, unit: str) -> tuple[Measure, float]:
    """The measure of one figure: the column's, a ratio made a change, a growth row's % a change, a cell's "tăng
    X%" the change of its row, a remark's level its row's value."""
    value = figure.value
    if figure.kind in ("left", "amount"):
        return Measure.VALUE, value
    if figure.kind == "change":
        if column.measure == Measure.VALUE and _moves_in_points(row, unit):
            return Measure.VALUE, abs(value)
        if column.measure == Measure.VALUE and figure.percent:
            return Measure.YOY, value
        return column.measure, value
    if column.ratio:
        return column.measure if column.measure.is_change else Measure.YOY, round(value - 100, 6)
    words = row.measure_words()
    if column.measure == Measure.VALUE and unit == "%" and cue("label", "growth").search(words):
        return Measure.YOY, value
    if column.measure == Measure.VALUE and unit == "%" and cue("label", "structure").search(words):
        return Measure.SHARE, value
    return column.measure, value
