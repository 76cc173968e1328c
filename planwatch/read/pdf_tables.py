"""Tables of a PDF page, found by where their text stands. A PDF keeps no grid: its text lines give a row's label
and figures on one line, and a header whose cells wrap over two lines as two lines that interleave them ("Chỉ
tiêu Dự toán Ước thực So với" / "năm 2024 hiện 9 tháng dự toán (%)"). pdfium's text boxes say where each piece
stands: the rows with figures set the columns (their figures' boxes, merged where they overlap), and every
line of the table is cut into cells by those columns, a row of cells joined by " | " as a .docx row is, so the
header is read column by column (structure/grid_tables.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.structure.tables import is_figure, is_unit_line, is_worded_figure

Box = tuple[float, float, float, float, str]  # left, bottom, right, top, text

_MAX_HEADER_LINES = 6
_MIN_ROWS = 2


@dataclass
class _Line:
    bottom: float
    top: float
    pieces: list[tuple[float, float, str]] = field(default_factory=list)  # (left, right, text), left to right

    @property
    def text(self) -> str:
        return " ".join(text for _, _, text in self.pieces)

    def figures(self) -> int:
        return sum(1 for _, _, text in self.pieces[1:] if is_figure(text) or is_worded_figure(text))


def table_rows(lines: list[str], boxes: list[Box]) -> dict[int, str]:
    """The page's lines that are rows of a table, by their index in `lines`, each as its cells joined by " | "."""
    found: dict[int, str] = {}
    geometric = _lines(boxes)
    i = 0
    while i < len(geometric):
        region = _region(geometric, i)
        if region is None:
            i += 1
            continue
        start, body_start, end = region
        rows = _cut(geometric[start:end], geometric[body_start:end])
        found.update(_matched(lines, geometric[start:end], rows, max(found, default=-1) + 1))
        i = end
    return found


def _lines(boxes: list[Box]) -> list[_Line]:
    """The boxes as lines, top to bottom; the boxes of one line that touch are one piece."""
    lines: list[_Line] = []
    for left, bottom, right, top, text in sorted(boxes, key=lambda b: (-b[3], b[0])):
        if not text.strip():
            continue
        middle = (bottom + top) / 2
        line = next((ln for ln in lines if ln.bottom <= middle <= ln.top), None)
        if line is None:
            line = _Line(bottom, top)
            lines.append(line)
        line.pieces.append((left, right, text.strip()))
    for line in lines:
        line.pieces = _touching_joined(sorted(line.pieces), (line.top - line.bottom) * 0.6)
    return sorted(lines, key=lambda ln: -ln.top)


def _touching_joined(pieces: list[tuple[float, float, str]], gap: float) -> list[tuple[float, float, str]]:
    joined: list[tuple[float, float, str]] = []
    for left, right, text in pieces:
        if joined and left - joined[-1][1] < gap:
            prev = joined.pop()
            joined.append((prev[0], max(prev[1], right), f"{prev[2]} {text}"))
        else:
            joined.append((left, right, text))
    return joined


def _region(lines: list[_Line], i: int) -> tuple[int, int, int] | None:
    """(first line, first row with figures, end) of the table whose first row with figures is line `i`."""
    if lines[i].figures() < 2:
        return None
    end = i
    rows = 0
    while end < len(lines) and (lines[end].figures() >= 1 or _label_only(lines[end], lines[i])):
        rows += lines[end].figures() >= 1
        end += 1
    while end > i and lines[end - 1].figures() == 0:
        end -= 1
    if rows < _MIN_ROWS:
        return None
    start = i
    while start > max(0, i - _MAX_HEADER_LINES) and _header_line(lines[start - 1], lines[i]):
        start -= 1
    return start, i, end


def _label_only(line: _Line, row: _Line) -> bool:
    """A line of a label alone (a group, or a label that wraps) in the label column of the table's rows."""
    return len(line.pieces) == 1 and line.pieces[0][0] < row.pieces[1][0] and len(line.text) <= 130


def _header_line(line: _Line, row: _Line) -> bool:
    """A line of the header: pieces over the figure columns, not a title or a unit line at the left."""
    if is_unit_line(line.text) or len(line.text) > 200:
        return False
    return any(left >= row.pieces[1][0] - 40 for left, _, _ in line.pieces)


def _cut(lines: list[_Line], rows: list[_Line]) -> list[list[str]]:
    """Each line as the table's cells: the label (what stands left of the first figure column), then one cell
    per column the rows' figures set."""
    spans = sorted((left, right) for row in rows if row.figures() for left, right, _ in row.pieces[1:])
    columns: list[list[float]] = []
    for left, right in spans:
        if columns and left <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    cut: list[list[str]] = []
    for line in lines:
        cells = [""] * (len(columns) + 1)
        for left, right, text in line.pieces:
            k = _column_of(left, right, columns)
            cells[k] = f"{cells[k]} {text}".strip()
        cut.append(cells)
    return cut


def _column_of(left: float, right: float, columns: list[list[float]]) -> int:
    """0 for the label column, else 1 + the column the piece overlaps most (or stands nearest to)."""
    if right <= columns[0][0]:
        return 0
    overlaps = [min(right, b) - max(left, a) for a, b in columns]
    best = max(range(len(columns)), key=lambda k: (overlaps[k], -abs((left + right) / 2 - sum(columns[k]) / 2)))
    if overlaps[best] <= 0 and left < columns[0][0]:
        return 0
    return best + 1


def _matched(lines: list[str], region: list[_Line], rows: list[list[str]], after: int) -> dict[int, str]:
    """The region's rows by the index of the text line that says the same; {} if a line cannot be found."""
    found: dict[int, str] = {}
    k = after
    for line, cells in zip(region, rows, strict=True):
        want = _squashed(line.text)
        while k < len(lines) and _squashed(lines[k]) != want:
            k += 1
        if k == len(lines):
            return {}
        found[k] = " | ".join(cells)
        k += 1
    return found


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)
