"""Task tables ("STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"): a row is a task. The
table may keep its grid (cells joined by " | " on one line) or be flattened, one cell a line, as appendices copied
from the web or a PDF are (PLANS.md K11). Which column holds what is read from the header's words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from planwatch.extract.agencies import Registry
from planwatch.extract.deadlines import Deadline, deadline_in_cell
from planwatch.structure.sections import OutlineBlock
from planwatch.structure.tables import is_table_row, table_cells
from planwatch.text.fold import fold

# header words → role
_TABLE_COLUMNS = (
    ("ref", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    ("lead", re.compile(r"chu tri|co quan thuc hien|don vi thuc hien")),
    ("coordinating", re.compile(r"phoi hop")),
    ("deadline", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("product", re.compile(r"san pham|ket qua")),
    ("summary", re.compile(r"noi dung|nhiem vu|cong viec|ten")),
)
_HEADER_CELL = 40  # a header cell is short


@dataclass(frozen=True)
class Row:
    ref: str
    names: list[str]
    names_text: str
    coordinating: list[str]
    summary: str
    start: int
    end: int
    deadline: Deadline | None


def cells(block: OutlineBlock) -> list[tuple[int, str]]:
    """(offset in the document, text) of each cell of a table row; [] for any other block."""
    return table_cells(block.text, block.start) if is_table_row(block.kind, block.text) else []


def _role(cell: str) -> str | None:
    folded = fold(cell)
    return next((name for name, pattern in _TABLE_COLUMNS if pattern.search(folded)), None)


@dataclass(frozen=True)
class TaskTable:
    """Which column of a task table holds what, read from its header row."""

    columns: dict[str, int]
    width: int

    @classmethod
    def from_header(cls, texts: list[str]) -> TaskTable | None:
        columns: dict[str, int] = {}
        for index, cell in enumerate(texts):
            role = _role(cell)
            if role and role not in columns:
                columns[role] = index
        return cls(columns, len(texts)) if {"lead", "summary"} <= set(columns) else None

    def row(self, found: list[tuple[int, str]], registry: Registry, reference: date | None) -> Row | None:
        if len(found) != self.width:
            return None
        texts = [text.strip() for _, text in found]
        lead = texts[self.columns["lead"]]
        names = registry.split(lead)
        if not names or not any(registry.normalise(a) or registry.looks_like_addressees(a) for a in names):
            return None  # a row of group titles, or an empty line of the table
        deadline = None
        if "deadline" in self.columns:
            column = self.columns["deadline"]
            deadline = deadline_in_cell(texts[column], found[column][0], reference)
        partners = texts[self.columns["coordinating"]] if "coordinating" in self.columns else ""
        return Row(
            ref=texts[self.columns["ref"]].rstrip(".") if "ref" in self.columns else "",
            names=names,
            names_text=lead,
            coordinating=[n for part in partners.split(";") for n in registry.split(part)],
            summary=texts[self.columns["summary"]],
            start=found[0][0],
            end=found[-1][0] + len(found[-1][1]),
            deadline=deadline,
        )


def flat_table(
    blocks: list[OutlineBlock], at: int, registry: Registry, reference: date | None
) -> tuple[list[Row], int] | None:
    """A task table flattened one cell a line from blocks[at]: its rows and the index of the block after it."""
    header: list[str] = []
    index = at
    while index < len(blocks) and len(blocks[index].text) <= _HEADER_CELL and _role(blocks[index].text.strip()):
        header.append(blocks[index].text.strip())
        index += 1
    table = TaskTable.from_header(header) if len(header) >= 3 else None
    if table is None or "ref" not in table.columns or table.columns["ref"] != 0:
        return None
    rows: list[Row] = []
    while index + table.width <= len(blocks) and re.fullmatch(r"\d{1,3}\.?", blocks[index].text.strip()):
        found = [(b.start, b.text) for b in blocks[index : index + table.width]]
        row = table.row(found, registry, reference)
        if row is None and not _next_row(blocks, index, table.width):
            break
        if row is not None:  # a row whose lead is no agency is skipped when the next row follows in place
            rows.append(row)
        index += table.width
    return (rows, index) if rows else None


def _next_row(blocks: list[OutlineBlock], at: int, width: int) -> bool:
    """The row at `at` is whole: the block after its cells numbers the next row ("3" after row "2")."""
    after = at + width
    number = re.fullmatch(r"(\d{1,3})\.?", blocks[at].text.strip())
    following = re.fullmatch(r"(\d{1,3})\.?", blocks[after].text.strip()) if after < len(blocks) else None
    return bool(number and following and int(following.group(1)) == int(number.group(1)) + 1)
