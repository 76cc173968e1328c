"""Tables that lost their grid: statistics releases, yearbooks, budget disclosures and report annexes pasted from
PDF or the web keep their cells in reading order, one a line, and a PDF's text keeps a row on one line:

    Thực hiện tháng 9 năm 2023 | Ước tính tháng 10 năm 2023 | Lũy kế 10 tháng | ... so với cùng kỳ (%)   (header)
    Đơn vị tính: Tỷ đồng                                                                        (the unit line)
    Tổng số | 4736,0 | 4671,4 | 45896,9 | 113,0                                                 (a row)
    Phân theo nhóm ngành hàng                                                                   (a group row)
    Doanh thu bán lẻ 3451,7 3415,7 33871,4 113,7                                                (a PDF's row line)

each cell above on a line of its own. The rows say how many figures a row holds: a row is an optional index
("1", "I", "a)"), its label (a Vietnamese line, maybe broken, maybe followed by its English translation), its
unit when the header has a unit column, then its figures, then maybe an assessment ("Đạt", "Vượt"). A label
line without figures is a group ("Phân theo ...", "Trong đó:"). The header cells before the first row are
fitted to that many columns (structure/table_header.py); the title ("Biểu 39. ...") and the unit line may
stand before or after them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from planwatch.structure.flat_lines import (
    MAX_HEADER_LINE,
    SOURCE_NOTE,
    Piece,
    is_column_header,
    is_header_cell,
    line_pieces,
    opens_group,
)
from planwatch.structure.table_header import fit_columns
from planwatch.structure.tables import (
    INDEX_HEAD,
    LABEL_HEAD,
    MAX_CELL,
    NOTES_HEADER,
    UNIT_HEAD,
    Cell,
    Table,
    cells_between_bars,
    is_figure,
    is_index,
    is_title,
    is_unit_line,
    is_worded_figure,
    title_and_unit,
    unit_of_line,
    with_base,
)
from planwatch.text.fold import fold
from planwatch.vocab.periods import COLUMN_YEAR
from planwatch.vocab.units import match_unit

_WHOLE_HEADER = re.compile(r"\bso voi\b|\bbinh quan\b")  # a header cell that says in full what its column holds
_DATELINE = re.compile(r"(?i)\bngày\s+\d|\b(?:đăng|cập\s+nhật)\b|\d{1,2}/\d{1,2}/\d{4}")
# A line that groups the rows after it: "Phân theo nhóm ngành hàng", "Trong đó:", "Chia ra:"
_GROUP = re.compile(r"^(?:phan theo|chia theo|chia ra|trong do|tr do|trd|bao gom|gom)\b")
_NOTE = re.compile(
    r"^(?:dat|khong dat|chua dat|vuot|hoan thanh|chua hoan thanh|khong hoan thanh|xuat sieu|nhap sieu|co ban dat|"
    r"dat ke hoach|vuot ke hoach)$"
)
# A group row's heading under its numeral: "I CHỈ TIÊU KINH TẾ", "II. Chỉ tiêu xã hội", "B. THU NGÂN SÁCH" (a PDF
# keeps the numeral of the index column on the label's line, with or without its stop)
_SECTION_HEAD = re.compile(r"^\s*(?:[IVX]{1,5}\.?|[A-ZĐ]\.)\s+[^\W\d_]")
_MAX_LABEL_LINES = 4
_MAX_HEADER_CELLS = 30  # a header of more cells is running text (and reading on would take quadratic time)
_TABLE_END = re.compile(r"^(?:ghi chu|nguon|chu thich|luu y)\b")


@dataclass
class _Row:
    index: Piece | None
    labels: list[Piece]
    figures: list[Piece]


def flat_tables(lines: list[Cell]) -> list[Table]:
    """The tables among consecutive one-line paragraphs ((offset, text) each)."""
    cells = cells_between_bars(lines)
    pieces = [piece for offset, text in cells if text.strip() not in ("", "|") for piece in line_pieces(offset, text)]
    tables: list[Table] = []
    reader = _Reader(pieces)
    i = 0
    while i < len(pieces):
        table, after = reader.table_at(i)
        if table:
            tables.append(table)
            i = after
        else:
            i += 1
    return tables


class _Reader:
    def __init__(self, pieces: list[Piece]) -> None:
        self.p = pieces
        self.folded: list[str | None] = [None] * len(pieces)  # folded when first asked
        self.indexed = False
        self.has_unit = False
        self.last_number = 0
        self.expected = 0  # the number of figure columns the header names
        self.start = 0  # where the header starts

    # --- kinds of pieces ---------------------------------------------------------------------------------

    def text(self, j: int) -> str:
        return self.p[j].text if 0 <= j < len(self.p) else ""

    def fold(self, j: int) -> str:
        if not 0 <= j < len(self.p):
            return ""
        folded = self.folded[j]
        if folded is None:
            folded = self.folded[j] = fold(self.p[j].text)
        return folded

    def is_figure(self, j: int) -> bool:
        text = self.text(j)
        return bool(text) and (is_figure(text) or is_worded_figure(text, self.fold(j)) or self._remark(j))

    def _remark(self, j: int) -> bool:
        """ "(còn 4,17%)" on a line after a figure: the rest of that figure's cell."""
        text = self.text(j)
        return text.startswith("(") and text.endswith(")") and bool(re.search(r"\d", text)) and self.is_plain(j - 1)

    def is_plain(self, j: int) -> bool:
        text = self.text(j)
        return bool(text) and (is_figure(text) or is_worded_figure(text, self.fold(j)))

    def is_label(self, j: int) -> bool:
        text = self.text(j)
        if not text or len(text) > MAX_CELL or self.is_figure(j) or is_unit_line(text) or is_title(text):
            return False
        folded = self.fold(j)
        if _TABLE_END.match(folded) or text.rstrip().endswith("."):
            return False  # "Ghi chú:", "Nguồn: ...", a sentence after the table
        return not (INDEX_HEAD.match(folded) or LABEL_HEAD.match(folded) or UNIT_HEAD.match(folded))

    def is_note(self, j: int) -> bool:
        return bool(_NOTE.match(self.fold(j)))

    def starts_row(self, j: int, run: int) -> bool:
        """An index before a label ("2" / "Tổng sản phẩm ..."): the start of the next row. A dash is an empty
        cell while the row has fewer figures than the header has columns; a number that does not follow the
        last row's number is a figure."""
        text = self.text(j).strip()
        if not self.indexes(j):
            return False
        if text in "-–+" and run < self.expected and not self.indexed:
            return False
        number = re.match(r"^(\d{1,2})[.)]?$", text)
        if number:
            n = int(number.group(1))
            return n == self.last_number + 1 or (self.indexed and (n == 1 or not self.last_number))
        return True

    def indexes(self, j: int) -> bool:
        """The piece is a row's index: an index followed by its row's label."""
        return (
            is_index(self.text(j))
            and self.is_label(j + 1)
            and not self.is_note(j + 1)
            and not is_index(self.text(j + 1))
        )

    # --- the table -------------------------------------------------------------------------------------

    def table_at(self, i: int) -> tuple[Table | None, int]:
        self.indexed = self.has_unit = False
        self.last_number = self.expected = 0
        first = self.text(i)
        if len(first) > MAX_HEADER_LINE:
            return None, i
        folded = self.fold(i)
        unit_line = first[:1] in "ĐđD" and is_unit_line(first)
        heads = (INDEX_HEAD, LABEL_HEAD, UNIT_HEAD)  # "ĐVT" first: a table without a "Chỉ tiêu" header
        anchored = unit_line or any(head.match(folded) for head in heads)
        if not anchored and not is_column_header(first, folded):
            return None, i
        self.start = i
        header, unit, j = self._header(i)
        if not header or j >= len(self.p):
            return None, i
        self.expected = len(header[1])
        rows, end = self._rows(j)
        if not any(row.figures for row in rows):
            return None, i
        label_head, columns = header
        fitted = _fitted(columns, rows)
        if fitted is None:
            return None, i
        title = self._title_before(self.start)
        unit = unit or self._unit_before(self.start)
        table = self._table(label_head, fitted, rows, len(fitted))
        covered = frozenset(piece.line for piece in self.p[i:end])
        return Table(title, unit, *table, covered), end

    def _header(self, i: int) -> tuple[tuple[Cell, list[Cell]] | None, str, int]:
        """((the label column's header, the figure columns' header cells), the unit line's text) and where the
        rows start. A two-level header flattens as a group cell ending with ":" ("Tháng 4 năm 2020 so với:"),
        the cells that span both levels ("Bình quân 4 tháng so với cùng kỳ"), then the group's own columns; the
        rows hold the group's columns first, each read with the group's words before it. A group cell may end
        with "so với" and no colon ("Chỉ số giá tháng 9 năm 2025 so với")."""
        label: Cell = (-1, "Chỉ tiêu")
        unit = ""
        columns: list[Cell] = []
        group: Cell | None = None
        spanning: list[Cell] = []
        j = i
        while j < len(self.p) and j - i <= _MAX_HEADER_CELLS:
            piece, folded = self.p[j], self.fold(j)
            if is_unit_line(piece.text) or piece.text.strip(" ()") == "%":  # "%" alone under the label's head too
                unit = unit_of_line(piece.text) or "%"
                j += 1
                if (columns or spanning) and not self._header_after_title(j):
                    break
                if columns or spanning:  # the lines before were the table's title ("... tháng 7 năm 2026")
                    columns, group, spanning = [], None, []
                    self.start = j
                continue
            if (columns or spanning) and (self._row_begins(j) or _SECTION_HEAD.match(piece.text)):
                break  # the rows begin, or their first group's heading
            if not is_header_cell(piece) or is_title(piece.text):
                return None, unit, j
            if (INDEX_HEAD.match(folded) or LABEL_HEAD.match(folded)) and columns:
                columns, group, spanning = [], None, []  # the lines before were the table's title
                self.start = j
            if INDEX_HEAD.match(folded) and not columns:
                self.indexed = True
            elif LABEL_HEAD.match(folded) and not columns:
                label = (piece.offset, piece.text)
            elif UNIT_HEAD.match(folded) and not columns:
                self.has_unit = True
            elif opens_group(piece.text, folded) and group is None:
                group = (piece.offset, piece.text)
            elif group and not columns and _WHOLE_HEADER.search(folded):
                spanning.append((piece.offset, piece.text))
            elif group:
                columns.append((piece.offset, f"{group[1].rstrip(' :')} {piece.text}"))
            else:
                columns.append((piece.offset, piece.text))
            j += 1
        if j - i > _MAX_HEADER_CELLS:
            return None, unit, j
        columns += spanning
        return ((label, columns) if columns else None), unit, j

    def _header_after_title(self, j: int) -> bool:
        """The unit line stands between the table's title and its header: column headers follow it, no row."""
        return is_column_header(self.text(j), self.fold(j)) and not self._row_begins(j)

    def _row_begins(self, j: int) -> bool:
        if self.indexed:
            return is_index(self.text(j)) and self.is_label(j + 1)
        if not self.is_label(j):
            return False
        ahead = [j + 1, j + 2]
        if self.is_figure(ahead[0]) and not COLUMN_YEAR.search(self.text(ahead[0])):
            return True
        translated = _is_translation(self.text(ahead[0]), self.text(j))
        row_line_after = ahead[0] < len(self.p) and self.p[ahead[0]].in_row_line  # a PDF row line's label and unit
        unit_cell = self.has_unit and not row_line_after
        return (unit_cell or translated) and self.is_figure(ahead[1])

    def _rows(self, j: int) -> tuple[list[_Row], int]:
        """The rows from `j` and where the table ends (after its last row with figures)."""
        rows: list[_Row] = []
        end = j
        while j < len(self.p):
            row, after = self._row(j)
            if row is None:
                break
            rows.append(row)
            j = after
            if row.figures:
                end = j
        while rows and not rows[-1].figures:
            rows.pop()
        return rows, end

    def _row(self, j: int) -> tuple[_Row | None, int]:
        index = None
        if self.indexes(j):
            index = self.p[j]
            self._count(index.text, r"^(\d{1,2})[.)]?$")
            j += 1
        labels: list[Piece] = []
        while self.is_label(j) and len(labels) < _MAX_LABEL_LINES and not (self.is_note(j) and not labels):
            labels.append(self.p[j])
            if self.p[j].in_row_line:
                self._count(self.text(j), r"^(\d{1,2})[.)]?\s")
            j += 1
        if not labels:
            return None, j
        figures: list[Piece] = []
        while self.is_figure(j) and not self.starts_row(j, len(figures)):
            figures.append(self.p[j])
            j += 1
        while self.is_note(j):
            j += 1
        return _Row(index, labels, figures), j

    def _count(self, text: str, numbered: str) -> None:
        """The number of the row just read, from its index cell or from the index a PDF's row line opens with
        ("2 GRDP bình quân đầu người Triệu đồng 95,2 106"): a figure after it that is not the next number is a
        figure, not the next row's index."""
        if number := re.match(numbered, text):
            self.last_number = int(number.group(1))

    def _table(
        self, label_head: Cell, columns: list[Cell], rows: list[_Row], width: int
    ) -> tuple[list[str], list[list[Cell]]]:
        """The header and the rows, each as wide as the header: index, label, unit (when the header has a unit
        column), then one cell per column."""
        header = ["STT", label_head[1]] + (["ĐVT"] if self.has_unit else []) + [text for _, text in columns]
        table_rows: list[list[Cell]] = []
        for row in rows:
            for labels, figures in _split_rows(row, width):
                label, unit_cell = self._label(labels)
                first = row.index and labels[0] is row.labels[0]
                index: Cell = (row.index.offset, row.index.text) if row.index and first else (-1, "")
                cells = [(f.offset, f.text) for f in _with_remarks(figures)][: len(columns)]
                cells += [(-1, "")] * (len(columns) - len(cells))
                table_rows.append([index, label] + ([unit_cell] if self.has_unit else []) + cells)
        return header, table_rows

    def _label(self, labels: list[Piece]) -> tuple[Cell, Cell]:
        """The row's label (its lines joined, its English translation left out) and its unit cell."""
        named = list(labels)
        unit: Cell = (-1, "")
        if self.has_unit and len(named) > 1:
            last = named.pop()
            unit = (last.offset, last.text)
        elif self.has_unit and named[0].in_row_line and (tail := _unit_tail(named[0].text)):
            cut = len(named[0].text) - len(tail)
            unit = (named[0].offset + cut, tail)
            named[0] = Piece(named[0].offset, named[0].text[:cut].rstrip(), named[0].line, True)
        kept = [named[0]] + [
            p for prev, p in zip(named, named[1:], strict=False) if not _is_translation(p.text, prev.text)
        ]
        text = " ".join(p.text for p in kept)
        return (kept[0].offset, re.sub(r"\s+-\s*[A-Z][A-Z ]+$", "", text)), unit  # "TỔNG SỐ - TOTAL"

    def _title_before(self, i: int) -> str:
        """The lines just before the table that name it: from its "Biểu ..."/"Bảng ..." line if one stands within
        three lines, else the nearest line (not a unit line, a note on its source or an English translation)."""
        before = [
            self.text(k)
            for k in range(max(0, i - 3), i)
            if len(self.text(k)) <= 200 and not self.is_plain(k) and not is_unit_line(self.text(k))
        ]
        before = [title_and_unit(t)[0] for t in before if not SOURCE_NOTE.match(t) and not _DATELINE.search(t)]
        numbered = [k for k, t in enumerate(before) if is_title(t)]
        if numbered:
            return " ".join(t for t in before[numbered[-1] :] if not t.isascii() or t is before[numbered[-1]])
        named = [t for t in before if not t.isascii()]
        if len(named) >= 2 and (based := with_base(named[-2], named[-1])):
            return based  # "Tốc độ tăng GRDP" over "(Cùng kỳ năm trước = 100)"
        return named[-1] if named else ""

    def _unit_before(self, i: int) -> str:
        """The unit line just before the table, or the unit that closes its title's line."""
        for piece in self.p[max(0, i - 2) : i]:
            if is_unit_line(piece.text):
                return unit_of_line(piece.text)
        return next((unit for k in range(max(0, i - 3), i) if (unit := title_and_unit(self.text(k))[1])), "")


def _split_rows(row: _Row, width: int) -> list[tuple[list[Piece], list[Piece]]]:
    """A row as the rows it holds: group lines without figures before it ("Phân theo nhóm ngành hàng", "Trong
    đó:"), its own label lines, and, when several sub-rows share cells written one line per sub-row
    ("-Theo cân nặng" / "-Theo chiều cao" / 7,6 / 10,4 / <7,6 / <10,4 ...), each sub-row with its figures."""
    starts = [0] + [k for k in range(1, len(row.labels)) if _opens_row(row.labels[k], row.labels[k - 1])]
    parts = [row.labels[a:b] for a, b in zip(starts, starts[1:] + [len(row.labels)], strict=False)]
    subs = [p for p in parts if p[0].text.lstrip()[:1] in "-+•"]
    if len(subs) >= 2 and subs == parts[-len(subs) :] and len(row.figures) == len(subs) * width:
        groups: list[tuple[list[Piece], list[Piece]]] = [(labels, []) for labels in parts[: -len(subs)]]
        return groups + [(labels, row.figures[k :: len(subs)]) for k, labels in enumerate(subs)]
    return [*[(labels, []) for labels in parts[:-1]], (parts[-1], row.figures)]


def _opens_row(piece: Piece, before: Piece) -> bool:
    """A label line that starts a row of its own, not the continuation or translation of the line before."""
    text = piece.text.lstrip()
    if _is_translation(text, before.text) or text[:1].islower() or text[:1] in "(&":
        return False
    return _is_group_line(before.text) or text[:1] in "-+•" or before.text.rstrip().endswith(".")


def _is_group_line(text: str) -> bool:
    """ "Phân theo nhóm ngành hàng", "Trong đó:", "Tỷ lệ trẻ em suy dinh dưỡng:", "II CHỈ TIÊU XÃ HỘI": a line over
    the rows after it."""
    raw = text.strip()
    return raw.endswith(":") or (bool(_GROUP.match(fold(raw))) and ":" not in raw) or bool(_SECTION_HEAD.match(raw))


def _with_remarks(figures: list[Piece]) -> list[Piece]:
    """ "0,86%" / "(còn 4,17%)": a remark in parentheses on the line after a figure is part of its cell."""
    out: list[Piece] = []
    for piece in figures:
        if piece.text.startswith("(") and out:
            prev = out.pop()
            gap = " " * max(1, piece.offset - prev.offset - len(prev.text))
            out.append(Piece(prev.offset, f"{prev.text}{gap}{piece.text}", prev.line))
        else:
            out.append(piece)
    return out


def _unit_tail(label: str) -> str:
    """The unit a row line of a PDF writes after its label ("Kim ngạch xuất khẩu Triệu USD"), or ""."""
    words = list(re.finditer(r"\S+", label))
    for word in words[1:]:
        tail = label[word.start() :]
        if tail == "%" or ((known := match_unit(tail)) and known[1] == len(tail)):
            return tail
    return ""


def _fitted(columns: list[Cell], rows: list[_Row]) -> list[Cell] | None:
    """The header's figure columns, as many as the rows hold: the most frequent count of figures (remarks aside),
    else the most any row holds (the others leave their last cells empty); a column of words ("Ghi chú") is
    left out when the rows have no figure for it. None when the header cannot be read as that many columns."""
    counts = Counter(len(_with_remarks(r.figures)) for r in rows if r.figures)
    widths = dict.fromkeys([max(counts, key=lambda n: (counts[n], n)), max(counts)])
    figures_only = [c for c in columns if not NOTES_HEADER.match(fold(c[1]))]
    for cells in (columns, figures_only):
        for width in widths:
            if fitted := fit_columns(cells, width):
                return fitted
    return None


def _is_translation(text: str, before: str) -> bool:
    return text.isascii() and not before.isascii() and bool(re.search(r"[A-Za-z]{3}", text))
