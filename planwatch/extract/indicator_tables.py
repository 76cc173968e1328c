"""Tables of indicators ("Chỉ tiêu | ĐVT | Kế hoạch năm 2024 | Ước TH tháng 5 | Lũy kế 5 tháng | So cùng kỳ (%) |
So KH (%)"), whatever reader gave them (structure/tables.py): each figure cell a fact, its measure and period
read from its column header (extract/table_columns.py) and the document's year, its unit from the row's unit
cell, the unit in its label ("Thu ngân sách (Tỷ đồng)"), its column's header or the table's unit line, its label
from its row, with the row it belongs to ("Phân theo nhóm ngành hàng" / "Trong đó" / "- Nông nghiệp") as its
parent. A plan column's figure is stored under "Kế hoạch ..." / "Dự toán ..." and tagged "plan", as is a figure
of a period after the document's date, so that it never counts as an actual."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

import yaml

from planwatch.extract.facts import Fact
from planwatch.extract.facts.label import in_sentence
from planwatch.extract.measures import DATA, cue
from planwatch.extract.table_cells import CellFigure, cell_figures
from planwatch.extract.table_columns import Column, Dating, read_columns, unit_name
from planwatch.structure.tables import (
    COLUMN_WORDS,
    FOOTNOTE_MARK,
    INDEX_HEAD,
    LABEL_HEAD,
    UNIT_HEAD,
    Cell,
    Table,
)
from planwatch.text.fold import fold
from planwatch.vocab.measures import Measure
from planwatch.vocab.periods import ReportContext, find_periods
from planwatch.vocab.units import match_unit

_LABEL = re.compile(r"\bchi tieu\b|\bnoi dung\b")  # "Chỉ tiêu kinh tế chủ yếu", "Nội dung thu"
_ROW_LEAD = re.compile(r"^\s*(?:[-+*•]+\s*|(?:trong\s+đó|tr\.?\s*đó|trđ|bao\s+gồm|gồm)\s*:?\s*)+", re.IGNORECASE)
_UNIT_PARENS = re.compile(r"\s*\(([^()]{1,25})\)\s*:?\s*$")
_TOTAL = re.compile(r"^(?:tong so|tong cong|tong|tong muc|toan tinh|chung|ca tinh)$")
_TITLE_NUMBER = re.compile(r"^\s*(?:Biểu|Bảng)\s*(?:số\s*)?[\w./-]*\s*[.:]\s*", re.IGNORECASE)
_LABEL_FOOTNOTE = re.compile(rf"(?<=\w)(?<!\bm)(?<!\bkm){FOOTNOTE_MARK}$")  # "Thu nội địa(2)", not "m²"
_RISE_FALL = re.compile(r"\s+(?:giảm|tăng)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class IndicatorTable:
    label: int
    unit: int | None
    columns: tuple[Column, ...]
    width: int
    default_unit: str = ""
    index: int | None = None
    title: str = ""  # what the title says its figures measure ("Cơ cấu ...", "Tốc độ tăng ...")
    index_form: bool = False  # a table of growth written as indices (107,15 for +7,15%): read_table decides

    @classmethod
    def from_header(
        cls,
        cells: list[str],
        context: ReportContext,
        title: str = "",
        unit_line: str = "",
        dating: Dating | None = None,
    ) -> IndicatorTable | None:
        folded = [fold(c).strip() for c in cells]
        index = next((i for i, f in enumerate(folded) if INDEX_HEAD.match(f)), None)
        unit = next((i for i, f in enumerate(folded) if UNIT_HEAD.match(f)), None)
        label = next((i for i, f in enumerate(folded) if LABEL_HEAD.match(f) or _LABEL.search(f)), None)
        if label is None:
            label = next((i for i, f in enumerate(folded[:2]) if i not in (index, unit) and not _column_words(f)), None)
        if label is None:
            return None
        skipped = {i for i in (label, unit, index) if i is not None}
        columns = read_columns(cells, skipped, context, title, dating)
        has_figures = any(c.measure in (Measure.VALUE, Measure.SHARE) or c.ratio for c in columns)
        known = match_unit(unit_line)
        default_unit = known[0].name if known else unit_line.split(" - ")[0].strip()
        default_unit = default_unit or _label_and_unit(cells[label])[1]  # "Chỉ tiêu (Tỷ đồng)"
        return cls(label, unit, tuple(columns), len(cells), default_unit, index, title) if has_figures else None

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
        unit = unit_name(unit_text) or written or in_label or (parent.unit if parent else "")
        index = cells[self.index][1].strip() if self.index is not None else ""
        return Row(label, unit, index, raw, parent)

    def _fact(self, row: Row, column: Column, offset: int, figure: CellFigure) -> Fact | None:
        """One figure of a row: its unit is the cell's own, else its column's ("Trị giá (Nghìn USD)" beside a
        "Lượng" column: the row's unit cell, "Tấn", is its quantity's) unless the row is a rate's, else the row's
        (its unit cell, the unit in its label), else "%" written in the cell, else the table's."""
        rate = row.unit in ("%", "‰")
        unit = (
            figure.unit
            or (column.unit if not rate else "")
            or row.unit
            or ("%" if figure.percent else "")
            or self.default_unit
        )
        measure, value = _cell_measure(column, row, figure, unit, self.title, self.index_form)
        label = row.label
        if figure.kind == "change" and measure == Measure.VALUE and _moves_in_points(row, unit):
            label = f"Mức {'giảm' if figure.value < 0 else 'tăng'} {in_sentence(label)}"
        if figure.kind == "left":
            label = _RISE_FALL.sub("", label)
        if column.plan:
            label = f"{column.plan} {in_sentence(label)}"
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


def read_table(table: Table, context: ReportContext, dating: Dating | None = None) -> dict[int, list[Fact]]:
    """The facts of every row of `table`, by the offset of the row's label; each row read under its parent."""
    reader = IndicatorTable.from_header(table.header, context, table.title, table.unit, dating)
    if reader is None:
        return {}
    named = _title_name(table.title) or _named_by_parts(table, reader.label, reader.width)
    reader = replace(reader, index_form=_index_form(table, reader))
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


def _index_form(table: Table, reader: IndicatorTable) -> bool:
    """A table of growth whose level columns hold indices, every one of them near 100 ("Tốc độ tăng GRDP" over
    "Quý I | Quý II": 107,15 is +7,15%), not the growth rates themselves (7,15)."""
    if not cue("label", "growth_rate").search(table.title):
        return False
    values = [
        figure.value
        for cells in table.rows
        if len(cells) == reader.width
        for column in reader.columns
        if column.measure == Measure.VALUE and not column.ratio
        for figure in cell_figures(cells[column.index][1])
    ]
    return bool(values) and all(_INDEX_LOW <= v <= _INDEX_HIGH for v in values)


_INDEX_LOW, _INDEX_HIGH = 40, 300


_SECTION = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ])[.)]?$")


@cache
def _totals() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = yaml.safe_load((DATA / "table_totals.yaml").read_text(encoding="utf-8"))
    return tuple((row["name"], tuple(fold(part) for part in row["parts"])) for row in rows)


def _named_by_parts(table: Table, label: int, width: int) -> str:
    """The name of an untitled table's total, from the parts its rows name (data/table_totals.yaml)."""
    labels = [fold(cells[label][1]) for cells in table.rows if len(cells) == width]
    for name, parts in _totals():
        if sum(any(part in row for row in labels) for part in parts) >= _PARTS_NAMING:
            return name
    return ""


_PARTS_NAMING = 2


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
    """The row's label without its leading dash or "Trong đó:", its footnote's mark and its unit in parentheses
    ("(Tỷ đồng)")."""
    label = _LABEL_FOOTNOTE.sub("", _ROW_LEAD.sub("", raw).strip())
    label = re.sub(r"^(?:[a-zđ]\)|[A-ZĐ]\.|[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.?)\s+(?=\w)", "", label)
    label = re.sub(r"^(?:[IVX]{1,5}|[A-ZĐ]|\d{1,2})\s*-\s+(?=[^\W\d_])", "", label)  # "I- Hàng ăn", "2- Thực phẩm"
    unit = ""
    if (m := _UNIT_PARENS.search(label)) and (name := unit_name(m.group(1)) or _scaled_count(m.group(1))):
        label, unit = label[: m.start()].strip(), name
    words = label.split()
    for k in range(1, min(3, len(words) - 1) + 1):  # a PDF row's unit cell run into its label: "Xi măng Nghìn tấn"
        if not unit and words[-k][:1].isupper() and (name := unit_name(" ".join(words[-k:]))):
            label, unit = " ".join(words[:-k]), name
    return label.strip(" .:"), unit


def _scaled_count(text: str) -> str:
    """A count in thousands or millions of a thing the catalogue of units does not know: "(triệu viên)"."""
    return " ".join(text.split()).lower() if _SCALED_COUNT.fullmatch(text.strip()) else ""


_SCALED_COUNT = re.compile(r"(?:nghìn|ngàn|triệu|tỷ)\s+[^\W\d]+(?:\s+[^\W\d]+)?", re.IGNORECASE)


def _moves_in_points(row: Row, unit: str) -> bool:
    """A rate ("Tỷ lệ hộ nghèo") moves in points: "Giảm 1 - 1,5 điểm %" is how far it falls."""
    growth = cue("label", "growth").search(row.measure_words())
    return not growth and (bool(cue("label", "rate").search(row.label)) or unit == "%")


def _cell_measure(
    column: Column, row: Row, figure: CellFigure, unit: str, title: str = "", index_form: bool = False
) -> tuple[Measure, float]:
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
    if column.measure == Measure.VALUE and unit == "%" and cue("label", "structure").search(f"{words} {title}"):
        return Measure.SHARE, value  # the rows of a table titled "Cơ cấu ..." are shares, its total's name or not
    if column.measure == Measure.VALUE and unit == "%" and cue("label", "growth").search(f"{words} {title}"):
        return Measure.YOY, round(value - 100, 6) if index_form or _an_index(words, value) else value
    return column.measure, value


def _an_index(words: str, value: float) -> bool:
    """A row named by its index, not its rate ("Chỉ số sản xuất công nghiệp", not "Tốc độ tăng ..."), whose figure
    stands near 100: 108,4 is 8,4% more."""
    named = cue("label", "growth_index").search(words) and not cue("label", "growth_rate").search(words)
    return bool(named) and _ROW_INDEX_LOW <= value <= _ROW_INDEX_HIGH


_ROW_INDEX_LOW, _ROW_INDEX_HIGH = 60, 200
