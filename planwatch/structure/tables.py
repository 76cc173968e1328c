"""Table rows as the readers give them: cells joined by " | " (a .docx table row, or a text export's)."""

from __future__ import annotations

import re

_CELL = re.compile(r"[^|]*")


def is_table_row(kind: str, text: str) -> bool:
    return kind == "table_row" or text.count(" | ") >= 2


def table_cells(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """(offset in the document, text) of each cell of a row that starts at `offset`."""
    return [
        (offset + m.start(), m.group(0)) for m in _CELL.finditer(text) if m.start() == 0 or text[m.start() - 1] == "|"
    ]
