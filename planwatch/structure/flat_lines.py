"""A flattened table's lines as its cells, and what reads as a header cell: a PDF's row line ("Tổng số 4736,0
4671,4 113,0") parted into its label and figures, a one-line header ("STT Chỉ tiêu ĐVT Thực hiện tháng 7 ...")
into its heads; a column's header is short, no sentence, with the words of a period or a measure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.structure.tables import COLUMN_WORDS, MAX_CELL, is_figure, row_line
from planwatch.text.fold import fold
from planwatch.vocab.periods import COLUMN_YEAR, find_periods

SOURCE_NOTE = re.compile(r"^\(\s*(?:Theo|Kèm\s+theo|Ban\s+hành\s+kèm)\b", re.IGNORECASE)
_ROW_INDEX = re.compile(r"^\s*(?:[A-ZĐ]|[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s+")
MAX_HEADER_LINE = 90  # a table's header cell, unit line or title is no longer than this
_MAX_HEADS_LINE = 200  # the column headers of a header on one line, together
# A header row on one line: "STT Chỉ tiêu ĐVT Thực hiện tháng 7 Ước tính tháng 8 ..." (a PDF's text)
_HEAD_LINE = re.compile(
    r"^(?:(?P<index>STT|TT)\s+)?(?P<label>Chỉ\s+tiêu(?:\s+chủ\s+yếu)?|Nội\s+dung|Danh\s+mục|Khoản\s+mục|Địa\s+phương|"
    r"Mặt\s+hàng)\s+(?:(?P<unit>ĐVT|Đơn\s+vị\s+tính|Đơn\s+vị)\s+)?(?P<rest>\S.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Piece:
    offset: int
    text: str
    line: int  # the start of the line (block) it stands in
    in_row_line: bool = False  # cut from a row written on one line ("Tổng số 4736,0 4671,4")
    heads: bool = False  # the column headers of a header written on one line ("Thực hiện tháng 8 Ước tính ...")


def line_pieces(offset: int, text: str) -> list[Piece]:
    """A line as cells: a row line of a PDF ("Tổng số 4736,0 4671,4") as its label and figures, else itself."""
    stripped = text.strip()
    lead = offset + len(text) - len(text.lstrip())
    if (head := _HEAD_LINE.match(stripped)) and is_column_header(head.group("rest"), limit=_MAX_HEADS_LINE):
        names = ("index", "label", "unit", "rest")
        return [Piece(lead + head.start(n), head.group(n), offset, heads=n == "rest") for n in names if head.group(n)]
    row = row_line(stripped)
    if not row or _is_sentence(row.label, _LABEL_STOPS):
        return [Piece(lead, stripped, offset)]
    pieces = [Piece(lead, row.label, offset, in_row_line=True)]
    pieces += [Piece(lead + at, figure, offset) for at, figure in row.figures]
    if row.note:
        pieces.append(Piece(lead + row.note[0], row.note[1], offset))
    return _ranges_joined(pieces)


def _ranges_joined(pieces: list[Piece]) -> list[Piece]:
    """ "7,5 - 8,0" on a PDF line is one range, not a figure, a dash and a figure: a dash between two figures
    written with spaces joins them."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if piece.text in "<>≤≥" and i + 1 < len(pieces) and _numeric(pieces[i + 1].text):
            out.append(_joined(piece, pieces[i + 1]))
            i += 2
            continue
        if (
            piece.text in "-–"
            and out
            and i + 1 < len(pieces)
            and _numeric(out[-1].text)
            and _numeric(pieces[i + 1].text)
        ):
            out.append(_joined(_joined(out.pop(), piece), pieces[i + 1]))
            i += 2
            continue
        out.append(piece)
        i += 1
    return out


def _joined(piece: Piece, after: Piece) -> Piece:
    """Two pieces of one line as one, the spaces between them kept (offsets within it stay the document's)."""
    gap = " " * (after.offset - piece.offset - len(piece.text))
    return Piece(piece.offset, f"{piece.text}{gap}{after.text}", piece.line)


def _numeric(text: str) -> bool:
    return bool(re.match(r"^[-+]?\d[\d.,]*%?$", text))


def _is_sentence(text: str, stops: str = "[.;!?]") -> bool:  # not the stop of a row's index ("A. Tổng thu ...")
    return len(text) > MAX_CELL or bool(re.search(rf"{stops}\s+\S", _ROW_INDEX.sub("", text)))


# A row's label may hold a semicolon, as the names of the branches of the economy do ("Cung cấp nước; hoạt động
# quản lý và xử lý rác thải, nước thải", "Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy")
_LABEL_STOPS = "[.!?]"


def is_column_header(text: str, folded: str = "", limit: int = MAX_HEADER_LINE) -> bool:
    """A line that reads as a column's header: short, no sentence, with the words of a period or a measure."""
    stripped = text.strip()
    if len(stripped) > limit or _is_sentence(stripped) or stripped.endswith(".") or SOURCE_NOTE.match(stripped):
        return False
    if stripped.isupper() and len(stripped) > 30:
        return False  # a title
    folded = folded or fold(stripped)
    return bool(COLUMN_WORDS.search(folded) and (find_periods(stripped, 2000, 12) or re.search(r"\d{4}|%", stripped)))


def opens_group(text: str, folded: str) -> bool:
    """A header cell over the columns after it: "Tháng 4 năm 2020 so với:", "Chỉ số giá tháng 9 năm 2025 so với";
    a broken cell's last line ("2025 so với", "tháng 9 năm 2025 so với") goes on with the line after it instead."""
    return text.endswith(":") or (folded.endswith(" so voi") and text[:1].isupper())


def is_header_cell(piece: Piece) -> bool:
    text = piece.text
    return len(text) <= (_MAX_HEADS_LINE if piece.heads else MAX_HEADER_LINE) and (
        not is_figure(text) or bool(COLUMN_YEAR.search(text.strip()))
    )
