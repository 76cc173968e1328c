"""Reading a page image with tesseract's Vietnamese model: the page cleaned first (coloured ink dropped, turned
straight, specks removed, table rules taken out), then words with their boxes and the confidence of each digit,
then lines in reading order, a ruled table's cells kept together as one row per table row.

Runs in the OCR child process (read/ocr_worker.py), never in the process that holds the store."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")  # fmt: skip
LANGUAGE = "vie"
COLOUR_CHROMA = 60  # a pixel whose channels differ this much is ink of a colour (seal, signature), not print
DARK = 150  # grey level below which a pixel is ink, when looking for rules and specks
SKEW_RANGE = 3.0  # degrees either way a scanned page is looked at
Box = tuple[int, int, int, int]


def tessdata_dir() -> str:
    """Where the `vie` model is: $TESSDATA_PREFIX, else Debian's and the usual places."""
    for folder in (os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS):
        if folder and (Path(folder) / f"{LANGUAGE}.traineddata").is_file():
            return folder
    raise RuntimeError("thiếu mô hình tiếng Việt của tesseract (cài gói tesseract-ocr-vie: make ocr)")


@dataclass(frozen=True)
class Word:
    text: str
    box: Box  # pixels of the cleaned page image
    confidence: float  # tesseract's, 0-100
    digits: float | None  # the lowest confidence of its digits; None for a word without digits

    def as_list(self) -> list[Any]:
        return [self.text, *self.box, round(self.confidence, 1), None if self.digits is None else round(self.digits, 1)]


@dataclass
class Line:
    """A line of the page, or a table row (its cells' words, cell after cell)."""

    words: list[Word]
    kind: str = "line"  # "line" | "table_row"
    cells: list[int] = field(default_factory=list)  # for a table row: how many words each cell holds

    @property
    def text(self) -> str:
        if self.kind != "table_row":
            return " ".join(w.text for w in self.words)
        parts, start = [], 0
        for count in self.cells:
            parts.append(" ".join(w.text for w in self.words[start : start + count]))
            start += count
        return " | ".join(parts)

    @property
    def box(self) -> Box:
        return _union([w.box for w in self.words])


def clean(image: Image.Image) -> Image.Image:
    """A grey page ready for recognition: coloured ink (a red seal, a blue signature) turned to paper, turned
    straight, and isolated specks of a scan removed."""
    grey = drop_colour(image)
    angle = skew_angle(grey)
    if abs(angle) >= 0.05:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return grey.filter(ImageFilter.MedianFilter(3))


def drop_colour(image: Image.Image) -> Image.Image:
    """Grey levels, with every pixel of a colour (channels far apart: red seal, blue signature) made white; black
    print under a seal stays dark, so it is kept."""
    if image.mode == "L":
        return image
    pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    chroma = pixels.max(axis=2) - pixels.min(axis=2)
    grey = np.asarray(image.convert("L")).copy()
    grey[chroma >= COLOUR_CHROMA] = 255
    return Image.fromarray(grey)


def skew_angle(grey: Image.Image) -> float:
    """The angle that makes the lines of text horizontal: the one whose rows of ink are most uneven (text lines
    and the gaps between them apart), looked for on a small copy, coarse then fine."""
    small = grey.reduce(4) if min(grey.size) > 800 else grey
    ink = Image.fromarray(((np.asarray(small) < DARK) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32).sum(
            axis=1
        )
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-SKEW_RANGE, SKEW_RANGE + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=sharpness))


@dataclass(frozen=True)
class Grid:
    """A ruled table: the y of its horizontal rules and the x of its vertical ones, top to bottom, left to right."""

    rows: list[int]
    columns: list[int]

    def cell_of(self, box: Box) -> tuple[int, int] | None:
        x, y = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
        row = next((i for i in range(len(self.rows) - 1) if self.rows[i] <= y < self.rows[i + 1]), None)
        column = next((i for i in range(len(self.columns) - 1) if self.columns[i] <= x < self.columns[i + 1]), None)
        return None if row is None or column is None else (row, column)


def take_rules(grey: Image.Image, dpi: int) -> tuple[Image.Image, list[Grid]]:
    """The page without its long straight rules (they read as strings of "|" and "—"), and the ruled tables they
    draw: at least two horizontal rules crossed by at least two vertical ones."""
    ink = np.asarray(grey) < DARK
    horizontal = _long_runs(ink, dpi, axis=1)
    vertical = _long_runs(ink, dpi // 3, axis=0)
    cleaned = np.asarray(grey).copy()
    cleaned[horizontal | vertical] = 255
    return Image.fromarray(cleaned), _grids(horizontal, vertical)


def _long_runs(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """The pixels of ink runs at least `length` long along `axis` (a sliding window over cumulative sums)."""
    counts = np.cumsum(ink, axis=axis, dtype=np.uint16)  # a page is under 65.536 pixels either way
    pad = [(0, 0), (0, 0)]
    pad[axis] = (1, 0)
    counts = np.pad(counts, pad)
    if ink.shape[axis] <= length:
        return np.zeros_like(ink)
    window = (counts[:, length:] - counts[:, :-length]) if axis == 1 else (counts[length:] - counts[:-length])
    full = window >= length - 1  # one pixel of a scanned rule may be missing
    found = np.zeros_like(ink)
    for shift in [*range(0, length - 1, max(1, length // 16)), length - 1]:  # each window's start over its length
        if axis == 1:
            found[:, shift : shift + full.shape[1]] |= full
        else:
            found[shift : shift + full.shape[0]] |= full
    return np.asarray(found & ink)


def _positions(mask: np.ndarray, axis: int) -> list[tuple[int, int, int]]:
    """Rules as (position, from, to): groups of neighbouring pixel rows (or columns) holding a rule."""
    lines = np.asarray(mask.any(axis=axis))
    found: list[tuple[int, int, int]] = []
    start: int | None = None
    flags: list[bool] = [bool(v) for v in lines]
    for i, on in enumerate([*flags, False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            band = mask[start:i] if axis == 1 else mask[:, start:i]
            along = np.flatnonzero(band.any(axis=0 if axis == 1 else 1))
            found.append(((start + i) // 2, int(along[0]), int(along[-1])))
            start = None
    return found


def _grids(horizontal: np.ndarray, vertical: np.ndarray) -> list[Grid]:
    rows = _positions(horizontal, axis=1)
    columns = _positions(vertical, axis=0)
    grids: list[Grid] = []
    for top in rows:
        inside = [c for c in columns if c[1] <= top[0] + 5 and c[2] >= top[0] - 5 and top[1] - 9 <= c[0] <= top[2] + 9]
        if len(inside) < 2 or any(top[0] in range(g.rows[0], g.rows[-1] + 1) for g in grids):
            continue
        bottom = max(c[2] for c in inside)
        ys = [r[0] for r in rows if top[0] <= r[0] <= bottom + 5 and r[1] <= top[1] + 20]
        if len(ys) >= 2:
            grids.append(Grid(ys, sorted(c[0] for c in inside)))
    return grids


def recognise(api: Any, grey: Image.Image) -> list[list[Word]]:
    """Tesseract's lines of words, each word with its box, its confidence and the lowest of its digits'."""
    from tesserocr import RIL, iterate_level

    api.SetImage(grey)
    api.Recognize()
    lines: list[list[Word]] = []
    symbols: list[tuple[str, float]] = []
    word_box: Box | None = None
    word_conf = 0.0
    new_line = True
    iterator = api.GetIterator()
    for symbol in iterate_level(iterator, RIL.SYMBOL):
        if symbol.IsAtBeginningOf(RIL.WORD) and symbols and word_box:
            _add_word(lines, symbols, word_box, word_conf, new_line)
            symbols = []
        if symbol.IsAtBeginningOf(RIL.WORD):
            new_line = symbol.IsAtBeginningOf(RIL.TEXTLINE)
            word_box = symbol.BoundingBox(RIL.WORD)
            word_conf = symbol.Confidence(RIL.WORD)
        text = symbol.GetUTF8Text(RIL.SYMBOL) or ""
        symbols.append((text, symbol.Confidence(RIL.SYMBOL)))
    if symbols and word_box:
        _add_word(lines, symbols, word_box, word_conf, new_line)
    return lines


def _add_word(lines: list[list[Word]], symbols: list[tuple[str, float]], box: Box, conf: float, new: bool) -> None:
    text = "".join(s for s, _ in symbols).strip()
    if not text:
        return
    digits = [c for s, c in symbols if any(ch.isdigit() for ch in s)]
    word = Word(text, tuple(box), conf, min(digits) if digits else None)  # type: ignore[arg-type]
    if new or not lines:
        lines.append([word])
    else:
        lines[-1].append(word)


def layout(lines: list[list[Word]], grids: list[Grid]) -> list[Line]:
    """Lines in reading order: a ruled table's words gathered row by row and cell by cell; other lines that share a
    height (tesseract cut them apart: a list number and its text, columns of a table without rules) joined, unless
    two far apart columns of a header ("ỦY BAN NHÂN DÂN ... CỘNG HÒA XÃ HỘI ...") stand on it."""
    in_tables: dict[tuple[int, int, int], list[Word]] = {}
    loose: list[list[Word]] = []
    for words in lines:
        outside = []
        for word in words:
            cell = next(((g, c) for g, grid in enumerate(grids) if (c := grid.cell_of(word.box))), None)
            if cell is None:
                outside.append(word)
            else:
                in_tables.setdefault((cell[0], *cell[1]), []).append(word)
        if outside:
            loose.append(outside)
    placed = _rows_of(loose) + _table_rows(grids, in_tables)
    return sorted(placed, key=lambda line: (line.box[1] + line.box[3]) / 2)


def _table_rows(grids: list[Grid], cells: dict[tuple[int, int, int], list[Word]]) -> list[Line]:
    rows = []
    for g, grid in enumerate(grids):
        for r in range(len(grid.rows) - 1):
            words: list[Word] = []
            counts: list[int] = []
            for c in range(len(grid.columns) - 1):
                cell = _reading_order(cells.get((g, r, c), []))
                words.extend(cell)
                counts.append(len(cell))
            if words:
                rows.append(Line(words, "table_row", counts))
    return rows


def _reading_order(words: list[Word]) -> list[Word]:
    """A cell's words line by line (a word starts a new line when its middle is below the line's bottom)."""
    ordered: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.box[1]):
        middle = (word.box[1] + word.box[3]) / 2
        if ordered and middle < max(w.box[3] for w in ordered[-1]):
            ordered[-1].append(word)
        else:
            ordered.append([word])
    return [w for line in ordered for w in sorted(line, key=lambda w: w.box[0])]


def _rows_of(lines: list[list[Word]]) -> list[Line]:
    """Tesseract's lines joined when they stand side by side at one height; a gap wider than a third of the page
    between two of them keeps them apart (a header's two columns)."""
    rows: list[list[list[Word]]] = []
    for words in sorted(lines, key=lambda ws: _union([w.box for w in ws])[1]):
        box = _union([w.box for w in words])
        target = next((row for row in rows if _same_height(box, _union([w.box for ws in row for w in ws]))), None)
        if target is None:
            rows.append([words])
        else:
            target.append(words)
    if not rows:
        return []
    page_width = max(_union([w.box for ws in row for w in ws])[2] for row in rows)
    out: list[Line] = []
    for row in rows:
        pieces = sorted(row, key=lambda ws: ws[0].box[0])
        current = list(pieces[0])
        for piece in pieces[1:]:
            if piece[0].box[0] - current[-1].box[2] > page_width / 3:
                out.append(Line(current))
                current = []
            current.extend(piece)
        out.append(Line(current))
    return out


def _same_height(a: Box, b: Box) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1])


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def typical_height(lines: list[Line]) -> float:
    heights = [w.box[3] - w.box[1] for line in lines for w in line.words]
    return median(heights) if heights else 0.0
