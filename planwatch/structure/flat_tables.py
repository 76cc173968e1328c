"""Tables flattened into text, one cell a line: statistics bulletins, yearbooks, budget disclosures and report
annexes pasted from PDF or the web lose their grid and keep only the cells in reading order:

    Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2022 | Ước thực hiện năm 2022 | So với kế hoạch (%)    (header cells)
    1 | Thu ngân sách nhà nước trên địa bàn | Tỷ đồng | 3.250 | 3.518 | 108,2               (a row)

Each line above stands on a line of its own. The header says how many figure cells a row has; a row is an
optional index ("1", "I", "A"), its label (a Vietnamese line, maybe followed by its English translation), its
unit when the header has a unit column, then that many cells. The table's title ("Biểu 39. Cơ cấu ...") and
unit line ("Đơn vị tính: %") come before the header."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.text.fold import fold, fold_keep_length
from planwatch.vocab.periods import COLUMN_YEAR

Cell = tuple[int, str]  # (offset in the document, text)

_INDEX_HEAD = re.compile(r"^(?:stt|tt|so tt)$")
_LABEL_HEAD = re.compile(r"^(?:chi tieu(?: chu yeu)?|noi dung|dia phuong|khoan muc|nganh|linh vuc|danh muc)$")
_UNIT_HEAD = re.compile(r"^(?:dvt|don vi(?: tinh)?)$")
_UNIT_LINE = re.compile(r"^don vi(?: tinh)?\b.*:")
_INDEX = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ]|\d{1,2}|[a-zđ])[.)]?$")
_FIGURE = re.compile(r"^[-+]?\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*%?$|^[-–x]$")
_WHOLE_HEADER = re.compile(r"\bso voi\b|\bbinh quan\b")  # a header cell that says in full what its column holds
_TOTAL = re.compile(r"^(?:tong so|tong cong|tong|toan tinh|chung)$")  # the total row is what the title names
_TITLE_NUMBER = re.compile(r"^\s*(?:Biểu|Bảng)\s*(?:số\s*)?[\w./-]*\s*[.:]\s*", re.IGNORECASE)
_TABLE_TITLE = re.compile(r"^\s*(?:Biểu|Bảng|Phụ\s+lục)\b", re.IGNORECASE)
_MAX_CELL = 90
_MAX_LABEL_LINES = 3


@dataclass(frozen=True)
class FlatTable:
    title: str  # the lines before the header that name the table
    unit: str  # the unit line's text after its colon ("Tỷ đồng - Bill. dongs"), or ""
    header: list[Cell]  # label, unit (when the table has a unit column), then one cell per figure column
    rows: list[list[Cell]]  # aligned with the header
    lines: frozenset[int]  # the offsets of every line the table covers


def flat_tables(lines: list[Cell]) -> list[FlatTable]:
    """The flattened tables among consecutive one-line paragraphs."""
    lines = [line for line in lines if line[1].strip() != "|"]  # "|" lines only separate the cells
    tables: list[FlatTable] = []
    i = 0
    while i < len(lines):
        table, after = _table_at(lines, i)
        if table:
            tables.append(table)
            i = after
        else:
            i += 1
    return tables


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.strip()))


def _is_header_cell(text: str) -> bool:
    return len(text) <= _MAX_CELL and (not _is_figure(text) or bool(COLUMN_YEAR.search(text.strip())))


def _table_at(lines: list[Cell], i: int) -> tuple[FlatTable | None, int]:
    first = fold(lines[i][1].strip())
    unit_line = _is_unit_line(lines[i][1])
    if not (_INDEX_HEAD.match(first) or _LABEL_HEAD.match(first) or unit_line):
        return None, i
    title_end = i if not unit_line else i + 1
    unit = lines[i][1].split(":", 1)[1].strip() if unit_line else _unit_before(lines, i)
    header, j = _header(lines, title_end)
    if header is None:
        return None, i
    indexed, label, has_unit, columns = header
    rows: list[list[Cell]] = []
    while j < len(lines):
        row, after = _row(lines, j, indexed, has_unit, len(columns))
        if row is None:
            break
        rows.append(row)
        j = after
    if not rows:
        return None, i
    head = [label] + ([(-1, "ĐVT")] if has_unit else []) + columns
    covered = frozenset(offset for offset, _ in lines[i:j])
    title = _title_before(lines, i)
    named = _TITLE_NUMBER.sub("", title).split(" (")[0]  # "Biểu 38. Tổng sản phẩm ... (Năm trước = 100)"
    rows = [[(row[0][0], named if _TOTAL.match(fold(row[0][1])) and named else row[0][1]), *row[1:]] for row in rows]
    return FlatTable(title, unit, head, rows, covered), j


def _header(lines: list[Cell], i: int) -> tuple[tuple[bool, Cell, bool, list[Cell]] | None, int]:
    """(has an index column, the label cell, has a unit column, the figure column cells) and where rows start.

    A two-level header flattens as: a group cell ending with ":" ("Tháng 4 năm 2020 so với:"), the cells that
    span both levels ("Bình quân 4 tháng so với cùng kỳ"), then the group's own columns ("Kỳ gốc 2019", "Tháng
    trước"). The rows hold the group's columns first, each read with the group's words before it."""
    indexed, label, has_unit = False, (-1, "Chỉ tiêu"), False
    columns: list[Cell] = []
    group: Cell | None = None
    spanning: list[Cell] = []
    j = i
    while j < len(lines) and _is_header_cell(lines[j][1].strip()):
        raw, text = lines[j][1].strip(), fold(lines[j][1].strip())
        if (columns or spanning) and _row_starts(lines, j, indexed, has_unit):
            break
        if _INDEX_HEAD.match(text) and not columns:
            indexed = True
        elif _LABEL_HEAD.match(text) and not columns:
            label = lines[j]
        elif _UNIT_HEAD.match(text) and not columns:
            has_unit = True
        elif raw.endswith(":") and group is None:
            group = lines[j]
        elif group and not columns and _WHOLE_HEADER.search(text):
            spanning.append(lines[j])
        elif group:
            columns.append((lines[j][0], f"{group[1].rstrip(' :')} {raw}"))
        else:
            columns.append(lines[j])
        j += 1
    columns += spanning
    if not columns or j >= len(lines):
        return None, i
    return (indexed, label, has_unit, columns), j


def _row_starts(lines: list[Cell], j: int, indexed: bool, has_unit: bool) -> bool:
    text = lines[j][1].strip()
    if indexed:
        return bool(_INDEX.match(text))
    ahead = [line.strip() for _, line in lines[j + 1 : j + 3]] + ["", ""]
    if _is_figure(ahead[0]):
        return True
    return (has_unit or _is_translation(ahead[0], text)) and _is_figure(ahead[1])


def _row(lines: list[Cell], j: int, indexed: bool, has_unit: bool, width: int) -> tuple[list[Cell] | None, int]:
    if indexed and j < len(lines) and _INDEX.match(lines[j][1].strip()):
        j += 1
    named: list[Cell] = []
    while j < len(lines) and not _is_figure(lines[j][1]) and len(named) <= _MAX_LABEL_LINES:
        if len(lines[j][1]) > _MAX_CELL or _is_unit_line(lines[j][1]) or _TABLE_TITLE.match(lines[j][1]):
            return None, j  # a paragraph, or the next table's title or unit line
        named.append(lines[j])
        j += 1
    unit = [named.pop()] if has_unit and len(named) > 1 else []
    if not named or not named[0][1].strip():
        return None, j
    cells = lines[j : j + width]
    if len(cells) < width or not any(_is_figure(text) for _, text in cells):
        return None, j
    if any(len(text) > _MAX_CELL for _, text in cells):
        return None, j
    label = _label(named)
    return [label] + unit + list(cells), j + width


def _label(named: list[Cell]) -> Cell:
    """The Vietnamese label; a line of English after it ("Agriculture, forestry and fishing") is its translation."""
    kept = [named[0]] + [
        cell for prev, cell in zip(named, named[1:], strict=False) if not _is_translation(cell[1], prev[1])
    ]
    text = " ".join(t.strip() for _, t in kept)
    return kept[0][0], re.sub(r"\s+-\s+[A-Z][A-Z ]+$", "", text)  # "TỔNG SỐ - TOTAL"


def _is_translation(text: str, before: str) -> bool:
    return text.isascii() and not before.isascii() and bool(re.search(r"[A-Za-z]{3}", text))


def _unit_before(lines: list[Cell], i: int) -> str:
    for _, text in lines[max(0, i - 2) : i]:
        if _is_unit_line(text):
            return text.split(":", 1)[1].strip()
    return ""


def _title_before(lines: list[Cell], i: int) -> str:
    """The lines just before the table that name it (its "Biểu ..." line and heading, not a paragraph)."""
    before = [text.strip() for _, text in lines[max(0, i - 3) : i] if len(text) <= 200 and not _is_figure(text)]
    return " ".join(t for t in before if not _is_unit_line(t))


def _is_unit_line(text: str) -> bool:
    """ "Đơn vị tính: %", "Đơn vị: Triệu đồng", "Đơn vị tính - Unit: Tỷ đồng - Bill. dongs" """
    return bool(_UNIT_LINE.match(fold_keep_length(text.strip()).lower()))
