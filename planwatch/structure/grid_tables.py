"""Tables whose rows the reader kept: a .docx table (its merged cells spread over the columns they span), rows
of a text written with " | " or tabs. The header is the rows above the first row with figures: a header of two
rows is read column by column ("Thực hiện năm 2024" over "Tháng 12" and "Cả năm" → "Thực hiện năm 2024 Tháng
12", "Thực hiện năm 2024 Cả năm"); a row numbering the columns ("A | B | 1 | 2 | 3=2/1") is skipped; a row
of one cell that is a unit line gives the table's unit."""

from __future__ import annotations

import re

from planwatch.structure.tables import (
    INDEX_HEAD,
    LABEL_HEAD,
    UNIT_HEAD,
    Cell,
    Table,
    is_figure,
    is_rule_row,
    is_title,
    is_unit_line,
    row_cells,
    title_and_unit,
    unit_of_line,
    with_base,
)
from planwatch.text.fold import fold
from planwatch.vocab.periods import COLUMN_YEAR

Block = tuple[int, str, str]  # (offset, kind, text) of a block of the document

_NUMBERING = re.compile(r"^\(?[A-ZĐa-z0-9]{1,2}\)?(?:\s*[-+*/=x]\s*\(?[A-ZĐa-z0-9]{1,2}\)?)*$")


def grid_tables(blocks: list[Block], is_row: list[bool]) -> list[Table]:
    """The tables among the document's blocks; `is_row` says which blocks are table rows."""
    tables: list[Table] = []
    i = 0
    while i < len(blocks):
        if not is_row[i]:
            i += 1
            continue
        j = i + 1
        while j < len(blocks) and is_row[j] and not _header_again(blocks[j], blocks[j - 1]):
            j += 1
        rows = [row_cells(kind, text, offset) for offset, kind, text in blocks[i:j] if not is_rule_row(text)]
        table = _table(rows, blocks[max(0, i - 3) : i], frozenset(b[0] for b in blocks[i:j]))
        if table:
            tables.append(table)
        i = j
    return tables


def _header_again(block: Block, before: Block) -> bool:
    """A row that starts another table's header ("Chỉ tiêu | Năm 2024 | ..." below a row with figures)."""
    heads = [fold(cell) for _, cell in row_cells(block[1], block[2])[:2]]
    return any(LABEL_HEAD.match(h) or INDEX_HEAD.match(h) for h in heads) and _has_figures(
        row_cells(before[1], before[2])
    )


def _table(rows: list[list[Cell]], before: list[Block], lines: frozenset[int]) -> Table | None:
    width = max(len(row) for row in rows)
    rows = [row + [(-1, "")] * (width - len(row)) for row in rows]
    title, unit = _title_and_unit(before)
    body_start = next((k for k, row in enumerate(rows) if _has_figures(row)), None)
    if body_start is None:
        return None
    head: list[list[Cell]] = []
    for k, row in enumerate(rows[:body_start]):
        if head and _group_row(row):
            body_start = k
            break
        alone = [text.strip() for _, text in row if text.strip()]
        if len(alone) == 1 and is_unit_line(alone[0]):
            unit = unit_of_line(alone[0])
        elif len(alone) == 1 and (is_title(alone[0]) or not head):
            title = alone[0]
        elif alone and not all(_NUMBERING.match(t) for t in alone):
            head.append(row)
    if not head:
        return None
    head, unit = _unit_in_corner(head, unit)
    return Table(title, unit, _joined_header(head), rows[body_start:], lines)


def _unit_in_corner(head: list[list[Cell]], unit: str) -> tuple[list[list[Cell]], str]:
    """The unit a header writes over the labels in place of "Chỉ tiêu" ("Đơn vị tính: Tỷ đồng | Dự toán năm
    2025 | ..."): the table's unit; that cell (in every row a merged cell spans) left empty."""
    for row in head:
        for k, (offset, text) in enumerate(row[:2]):
            if is_unit_line(text):
                row[k] = (offset, "")
                unit = unit_of_line(text) or unit
    return head, unit


def _group_row(row: list[Cell]) -> bool:
    """A row below the header that names a group of the rows after it and holds no figure ("A. Hành khách",
    "STT I | Khu vực nhà nước"): only its index and label cells written, in words that head no column."""
    written = [k for k, (_, text) in enumerate(row) if text.strip()]
    if not written or written[-1] > 1:
        return False
    label = fold(row[written[-1]][1]).strip(" :")
    heads = (INDEX_HEAD, LABEL_HEAD, UNIT_HEAD)
    return bool(re.search(r"[^\W\d_]{2}", label)) and not any(head.match(label) for head in heads)


def _title_and_unit(before: list[Block]) -> tuple[str, str]:
    """The title and the unit line above the table; the unit may close the title's line ("Biểu 2. Thu ngân sách
    nhà nước Đơn vị tính: Tỷ đồng", as a PDF's text runs them together)."""
    title, unit = "", ""
    for _, _, text in before:
        if is_unit_line(text):
            unit = unit_of_line(text)
        elif based := with_base(title, text):  # "Năm trước = 100 (%)": the base of the title's indices
            title = based
        elif len(text) <= 200:
            title, named = title_and_unit(text)
            unit = named or unit
    return title, unit


def _has_figures(row: list[Cell]) -> bool:
    texts = [text.strip() for _, text in row[1:]]
    return any(
        is_figure(t) and not COLUMN_YEAR.fullmatch(t) and not re.fullmatch(r"[-–x….]*", t) for t in texts
    ) and not all(_NUMBERING.match(t) for t in texts if t)


def _joined_header(rows: list[list[Cell]]) -> list[str]:
    """One text per column: the header rows' cells top to bottom; a cell left empty right of a cell that spans
    columns (a merged cell spread by the reader) takes that cell's text when the rows below name sub-columns."""
    texts = [[text.strip() for _, text in row] for row in rows]
    for r, row in enumerate(texts[:-1]):
        for c in range(1, len(row)):
            below = [texts[k][c] for k in range(r + 1, len(texts))]
            left_below = [texts[k][c - 1] for k in range(r + 1, len(texts))]
            if not row[c] and row[c - 1] and any(below) and any(left_below):
                row[c] = row[c - 1]
    return [" ".join(t for t in (texts[r][c] for r in range(len(texts))) if t) for c in range(len(texts[0]))]
