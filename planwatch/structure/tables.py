"""Tables, whatever their source, made one shape: a `Table` holds its title and unit line, one header text per
column (a header of several rows joined column by column) and its rows, each cell with its offset in the
document, so that every figure is quoted from where it stands.

The readers give tables as rows of cells joined by " | " (a .docx table, a text export's pipes), rows of cells
separated by tabs, lines of a label followed by its figures ("Tổng số 4736,0 4671,4 113,0": a PDF's text), or
one cell a line (a table flattened when copied from the web or a PDF). The cell kinds every table reader shares
are here: a figure, a row's index, the unit line, a table's title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.text.fold import fold, fold_keep_length

Cell = tuple[int, str]  # (offset in the document, text); offset -1 for a cell the document does not write

MAX_CELL = 130  # longer than this, a line is running text, not a cell
_WORDED_CELL = 80  # a figure cell that opens with a word is no longer than this

# A figure cell: a number, a range ("7,5-8,0"), a sign or "-"/"x" for none, a comparator ("> 2.300", "<7,6"),
# a percent sign; maybe a short remark in parentheses after it ("0,86% (còn 4,17%)")
_NUMBER = r"[-+]?\d[\d.,]*"
# A footnote's mark glued to a figure or a label: "101,2(*)", "84,1*", "1.190,4¹", "Thu nội địa(2)"
FOOTNOTE_MARK = r"(?:\((?:\*{1,3}|\d{1,2})\)|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})"
_FIGURE = re.compile(
    rf"^(?:[<>≤≥]=?\s*)?{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?\s*%?{FOOTNOTE_MARK}?\s*(?:\([^()]{{0,80}}\))?\s*$|"
    r"^[-–x…]+$|^\.{2,}$"
)
# A cell that opens with words of degree or change and then its figure: "Khoảng 4", "Dưới 3", "tăng 7,4 - 8,4%"
_WORDED_FIGURE = re.compile(
    r"^(?:khoang|tren|duoi|hon|gan|xap xi|toi thieu|toi da|khong qua|khong duoi|it nhat|dat|tang|giam|"
    r"tang tu|giam tu|tu|phan dau)\s*(?:tu\s+)?[<>]?\s*\d"
)
_INDEX = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]?$|^[-+*•]$")
# The header of a column of words, not figures ("Ghi chú", "Đánh giá", "Xếp loại", a task table's "Thời gian
# hoàn thành", "Cơ quan chủ trì")
NOTES_HEADER = re.compile(
    r"^(?:danh gia|ghi chu|xep loai|ket qua danh gia|tinh trang|muc do|nhom|thoi gian|thoi han|tien do|co quan|"
    r"don vi (?:chu tri|thuc hien|phoi hop)|chu tri|phoi hop)\b"
)
# The headers of a table's index, label and unit columns, folded ("STT", "Chỉ tiêu chủ yếu", "ĐVT")
INDEX_HEAD = re.compile(r"^(?:stt|tt|so tt|so thu tu)$")
LABEL_HEAD = re.compile(
    r"^(?:(?:cac )?chi tieu(?: chu yeu)?|noi dung|dia phuong|khoan muc|nganh(?: kinh te)?|linh vuc|danh muc|"
    r"mat hang|nhom hang|san pham|loai hinh|khu vuc(?: kinh te)?|nhom nganh|nganh hang)$"
)
UNIT_HEAD = re.compile(r"^(?:dvt|don vi(?: tinh)?)$")
# Words of a figure column's header, folded: its period, what it holds, a year ("TH 2024", "So với cùng kỳ (%)")
COLUMN_WORDS = re.compile(
    r"\b(?:thuc hien|th|uoc|luy ke|cong don|ke hoach|kh|du toan|so voi|so sanh|cung ky|chi so|toc do|binh quan|"
    r"nam|thang|quy|ty trong|co cau|tang|giam|(?:19|20)\d{2})\b"
)
_UNIT_LINE = re.compile(r"^(?:don vi(?: tinh)?|dvt)\b[^:]{0,20}:")
_TITLE = re.compile(r"^\s*(?:Biểu|Bảng|Phụ\s+lục)\b", re.IGNORECASE)
# A row written on one line, as a PDF's text gives it: a label, then two figures or more, maybe an assessment
# ("Tổng số 4736,0 4671,4 45896,9 113,0", "Tốc độ tăng trưởng GRDP % 7,0 7,62 - Vượt")
_FIGURE_TOKEN = re.compile(rf"^(?:[<>≤≥]?[-+]?\d(?:[\d.,]*\d)?%?{FOOTNOTE_MARK}?|[<>≤≥]|[-–x])$")
_NOTE_WORD = re.compile(r"^[^\W\d_]+$")
# A label does not end with these: "... các năm 2021 2022", "giai đoạn 2026 - 2030" are words of a sentence
# ("Quyết định số 12 ..."), but "Tổng số" is the row of the total
_NOT_A_LABEL_END = re.compile(
    r"(?i)(?:\b(?:năm|các|và|là|đạt|từ|đến|giai đoạn|tháng|ngày|(?<!tổng\s)số|với|quý|khoảng))$"
)
_MAX_NOTE_WORDS = 3
# two figures side by side, somewhere, the second maybe after its word ("2,1 Giảm 0,5")
_TWO_FIGURES = re.compile(r"\d[\d.,%]*\s+(?:[-–x<>≤≥]\s+|(?i:tăng|giảm|trên|dưới|khoảng|hơn|gần)\s+)?[<>≤≥+-]?\d")


@dataclass(frozen=True)
class RowLine:
    """Where a row written on one line parts: its label, its figures (each with its offset), its assessment."""

    label: str
    figures: list[tuple[int, str]]
    note: tuple[int, str] | None


_PIPE = re.compile(r"[^|]*")
_TAB = re.compile(r"[^\t]*")


@dataclass(frozen=True)
class Table:
    title: str  # the lines above the table that name it ("Biểu 38. Tổng sản phẩm ..."), or ""
    unit: str  # the unit line's text after its colon ("Tỷ đồng"), or ""
    header: list[str]  # one text per column
    rows: list[list[Cell]]  # each as wide as the header; (-1, "") where a row has no such cell
    lines: frozenset[int]  # the offsets of every block the table covers


def is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.strip()))


def is_worded_figure(text: str, folded: str | None = None) -> bool:
    """A figure cell that opens with a word ("Khoảng 4", "tăng 7,4 - 8,4% (...)"); `folded` if already folded. Not a
    sentence that opens so ("Phấn đấu 100% hồ sơ được số hóa; tỷ lệ ... đạt trên 80%."): a cell is short and one
    clause."""
    if len(text) > _WORDED_CELL or ";" in text:
        return False
    return bool(re.search(r"\d", text)) and bool(_WORDED_FIGURE.match(fold(text.strip()) if folded is None else folded))


def is_index(text: str) -> bool:
    return bool(_INDEX.match(text.strip()))


def is_unit_line(text: str) -> bool:
    """ "Đơn vị tính: %", "Đơn vị: Triệu đồng", "ĐVT: tỷ đồng", "Đơn vị tính - Unit: Tỷ đồng - Bill. dongs" """
    return bool(_UNIT_LINE.match(fold_keep_length(text.strip()).lower()))


def unit_of_line(text: str) -> str:
    return text.split(":", 1)[1].strip() if ":" in text else ""


# A line that states only the base of a table's indices: "Năm trước = 100 (%)", "(Cùng kỳ năm trước = 100)"
_BASE_LINE = re.compile(r"^\s*\(?\s*[^\W\d][^=()]{2,40}=\s*100\b[^=]{0,12}$")


def with_base(title: str, line: str) -> str | None:
    """The title with the base line under it in parentheses ("Tốc độ tăng GRDP (Năm trước = 100)"), as the column
    reader finds it; None where `line` states no base."""
    return f"{title} ({line.strip().strip('()').strip()})" if title and _BASE_LINE.match(line) else None


def title_and_unit(line: str) -> tuple[str, str]:
    """A title line and the unit that may close it ("Biểu 2. Thu ngân sách nhà nước Đơn vị tính: Tỷ đồng", as a
    PDF's text runs them together; "... (ĐVT: tỷ đồng)"); the unit "" when it names none."""
    title = line.strip()
    if m := _UNIT_AFTER.search(title):
        return title[: m.start()].strip(" (-"), m.group(1).strip(" )")
    return title, ""


_UNIT_AFTER = re.compile(r"\(?\s*(?:Đơn\s+vị\s+tính|Đơn\s+vị|ĐVT)\s*:\s*([^()]{1,30})\)?\s*$", re.IGNORECASE)


def is_title(text: str) -> bool:
    return bool(_TITLE.match(text))


def row_line(text: str) -> RowLine | None:
    """The label, figures and assessment of a row written on one line; None for any other line. Read from the
    line's end, word by word (a regular expression over the whole line backtracks on every line of a long text)."""
    stripped = text.strip()
    last = re.sub(rf"(?<=\d){FOOTNOTE_MARK}$", "", stripped)[-1:]
    if len(stripped) > 3 * MAX_CELL or stripped.endswith(".") or not last.isalnum() and last != "%":
        return None
    if not _TWO_FIGURES.search(stripped):
        return None
    words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", stripped)]
    k = len(words)
    while k > 0 and len(words) - k < _MAX_NOTE_WORDS and _NOTE_WORD.match(words[k - 1][1]):
        k -= 1
    note_from = k
    k, figures = _figures_before(words, stripped, note_from)
    if len(figures) < 2 or not any(re.search(r"\d", f) for _, f in figures) or k == 0:
        return None
    label = stripped[: words[k - 1][0] + len(words[k - 1][1])]
    if not re.search(r"[^\W\d_]", label) or _NOT_A_LABEL_END.search(label) or is_worded_figure(stripped):
        return None
    note = (words[note_from][0], stripped[words[note_from][0] :]) if note_from < len(words) else None
    return RowLine(label, figures, note)


# A word a plan cell opens with before its figure: "Giảm 0,5", "Trên 95", "Khoảng 12"
_CELL_WORD = re.compile(r"^(?:tang|giam|tren|duoi|khoang|hon|gan)$")


def _figures_before(words: list[tuple[int, str]], text: str, end: int) -> tuple[int, list[tuple[int, str]]]:
    """Where the figures that close a row line start, and those figures (each with its offset); the last cell may
    open with its word when a figure stands before that word ("% 2,1 Giảm 0,5": cells "2,1" and "Giảm 0,5")."""
    k = end
    while k > 0 and _FIGURE_TOKEN.match(words[k - 1][1]):
        k -= 1
    if not (
        end - k == 1 and k > 1 and _CELL_WORD.match(fold(words[k - 1][1])) and _FIGURE_TOKEN.match(words[k - 2][1])
    ):
        return k, words[k:end]
    worded = (words[k - 1][0], text[words[k - 1][0] : words[end - 1][0] + len(words[end - 1][1])])
    j = k - 1
    while j > 0 and _FIGURE_TOKEN.match(words[j - 1][1]):
        j -= 1
    return j, [*words[j : k - 1], worded]


_HEAD_START = re.compile(r"^(?:(?:STT|TT)\s+)?Chỉ\s+tiêu\b", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^\s*(?:Biểu|Bảng|Phụ\s+lục)\s*(?:số\s*)?[\dIVX]", re.IGNORECASE)


def stands_alone(line: str) -> bool:
    """A line of a table a PDF's text keeps apart from the paragraph around it: its title ("Biểu 1. ..."), its
    unit line, its header ("Chỉ tiêu Dự toán năm 2025 ..."), a row."""
    starts = bool(_NUMBERED_TITLE.match(line) or _HEAD_START.match(line))
    return starts or is_unit_line(line) or row_line(line) is not None


def is_table_row(kind: str, text: str) -> bool:
    """A .docx row, or a line of cells parted by two bars or more (empty cells too: "A. Hành khách | | |") or tabs."""
    return kind == "table_row" or len(_CELL_BAR.findall(text)) >= 2 or text.count("\t") >= 2 or is_rule_row(text)


_CELL_BAR = re.compile(r"(?<!\S)\|(?!\S)")  # a bar between cells, spaces or the line's end on both sides


# The line a Markdown table draws under its header: "|---|:---:|---|"
_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


def is_rule_row(text: str) -> bool:
    return bool(_RULE_ROW.match(text))


def row_cells(kind: str, text: str, offset: int = 0) -> list[Cell]:
    """The cells of a row of the document; a row a text writes framed in pipes, as Markdown does ("| Khai khoáng |
    98,20 | 95,10 |"), has no cell before its first pipe nor after its last (a .docx row's empty first cell stays)."""
    cells = table_cells(text, offset)
    stripped = text.strip()
    if kind != "table_row" and stripped.startswith("|") and stripped.endswith("|") and len(cells) > 2:
        cells = cells[1:] if not cells[0][1].strip() else cells
        cells = cells[:-1] if not cells[-1][1].strip() else cells
    return cells


def table_cells(text: str, offset: int = 0) -> list[Cell]:
    """(offset in the document, text) of each cell of a row that starts at `offset`: cells are parted by "|",
    or by tabs in a row without one."""
    cell = _PIPE if "|" in text else _TAB
    part = "|" if "|" in text else "\t"
    return [
        (offset + m.start(), m.group(0)) for m in cell.finditer(text) if m.start() == 0 or text[m.start() - 1] == part
    ]


_BAR = "|"
_MAX_CELL_LINES = 4


def cells_between_bars(lines: list[Cell]) -> list[Cell]:
    """Lines of a table a web page flattened with a bar line between its cells: the lines between two bars are one
    cell ("|", "Tháng 3", "năm", "trước", "|" is the header "Tháng 3 năm trước"), joined with spaces where they
    follow each other line by line, so that the cell's text keeps its length and place in the document."""
    out: list[Cell] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i][1].strip() != _BAR:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j][1].strip() not in ("", _BAR):
            j += 1
        run = lines[i + 1 : j]
        if j < len(lines) and lines[j][1].strip() == _BAR and _one_cell(run):
            out.append((run[0][0], " ".join(text for _, text in run)))
            i = j
        else:
            i += 1
    return out


def _one_cell(run: list[Cell]) -> bool:
    """Two to four short lines, one right after the other, none a figure but a year ("Kỳ", "gốc", "2019")."""
    follow = all(b[0] == a[0] + len(a[1]) + 1 for a, b in zip(run, run[1:], strict=False))
    words = all(len(t) <= MAX_CELL and (not is_figure(t) or re.fullmatch(r"(?:19|20)\d{2}", t.strip())) for _, t in run)
    return 2 <= len(run) <= _MAX_CELL_LINES and follow and words
