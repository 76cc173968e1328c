"""Plain text files, including text exported from Word or from PDF.

Word export: one paragraph a line, `[bookmark: ...]` noise, `[footnoteRef:N]` markers and `[N: body]`
footnote bodies inline. PDF export: lines broken mid-sentence with blank lines between them, page
numbers, footnote bodies after a line of spaces at each page bottom, markers glued to the text.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from planwatch.read.footnotes import strip_glued_markers
from planwatch.read.legacy import BINARY_REFUSAL, decode_legacy, looks_binary, utf16_without_bom
from planwatch.read.model import Block, RawDocument
from planwatch.structure.tables import stands_alone

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\d+)\]")
_FOOTNOTE_BODY = re.compile(r"\s*\[(\d+):\s(.*?)\]\s*(?=\[\d+:\s|$|\S)", re.DOTALL)
_SEPARATOR = re.compile(r"^ {8,}$")
_RULE = re.compile(r"^\s*_{5,}\s*$")  # "_______________": the rule Word puts above a page's notes
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_NOTE_START = re.compile(r"^(\d{1,3})\s+\S")
_BRACKETED_NOTE = re.compile(r"^\((\d{1,3})\)\s+\S")  # "(1) Theo giá so sánh năm 2010. ..." under a rule
HEADING_START = re.compile(
    r"^(?:Phần\s+thứ|PHẦN|Điều\s+\d|Chương\s+[IVX\d]|[IVX]{1,5}\.\s|[A-ZĐ]\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|"
    r"\(\d{1,2}\)\s|[a-zđ]\)\s|[-–+•]\s)"
)


def read_text(name: str, data: bytes) -> RawDocument:
    text = unicodedata.normalize("NFC", decode_text(name, data))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if _looks_like_pdf_export(text):
        return RawDocument(name, "txt-pdf", _pdf_export_blocks(text))
    return RawDocument(name, "txt", _word_export_blocks(text))


def decode_text(name: str, data: bytes) -> str:
    """UTF-8 (or UTF-16 with its byte-order mark); else a legacy encoding detected (read/legacy.py)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    if (wide := utf16_without_bom(data)) is not None:
        return wide
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_legacy(data)
    if "\x00" not in text and not looks_binary(text):
        return text
    raise ValueError(BINARY_REFUSAL)


def _looks_like_pdf_export(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 20:
        return False
    return statistics.median(len(line) for line in lines) < 110 and bool(re.search(r"\S \n\n\S", text))


# --- Word export -------------------------------------------------------------------------------


def _word_export_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    notes: list[Block] = []
    in_notes = False  # after a line of spaces: footnote bodies "1 Trong đó: ...", as pasted from a PDF
    bracketed = False  # the notes under a rule of underscores are numbered "(1)", their markers "10%(1)"
    for line in _BOOKMARK.sub("", text).split("\n"):
        if _SEPARATOR.match(line) or _RULE.match(line):
            in_notes, bracketed = True, bracketed or bool(_RULE.match(line))
            continue
        start = _BRACKETED_NOTE if bracketed else _NOTE_START
        if in_notes and (m := start.match(line.strip())) and int(m.group(1)) == len(notes) + 1:
            notes.append(Block("footnote", line.strip()[m.end(1) + bracketed :].strip(), note=len(notes) + 1))
            continue
        in_notes = in_notes and not line.strip()
        line, bodies = _take_footnote_bodies(line)
        notes.extend(bodies)
        line, markers = _take_markers(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            blocks.append(Block("paragraph", stripped, markers=[(max(0, o - lead), n) for o, n in markers]))
    pasted = [
        b.note for b in notes if b.note is not None and not any(b.note == n for x in blocks for _, n in x.markers)
    ]
    return _unglue_markers(_rejoined(blocks), pasted, bracketed) + notes


_RUN_LINES = 4  # a sentence a law portal breaks runs on for at most this many lines after its first


def _rejoined(blocks: list[Block]) -> list[Block]:
    """Sentences a copy broke into lines, one line a paragraph, as law portals print them ("- Tốc độ tăng trưởng
    GRDP" / "đạt từ 10% trở lên."): a line that opens in lower case continues the line before it when that one ends
    no sentence and the run of such lines closes one; a table's cells ("triệu đồng") close none and stay apart."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        run = _continuation(blocks, i + 1) if not _ends_sentence(block.text) and not stands_alone(block.text) else 0
        for line in blocks[i + 1 : i + 1 + run]:
            shift = len(block.text) + 1
            block = Block(
                block.kind, f"{block.text} {line.text}", block.page, block.note,
                block.markers + [(o + shift, n) for o, n in line.markers],
            )  # fmt: skip
        out.append(block)
        i += 1 + run
    return out


def _continuation(blocks: list[Block], start: int) -> int:
    """How many lines from `start` continue the sentence before them: lines that open in lower case, the last of
    which ends the sentence; 0 when they end none."""
    for n, block in enumerate(blocks[start : start + _RUN_LINES], 1):
        text = block.text
        if not text[:1].islower() or _is_heading_like(text) or stands_alone(text):
            return 0
        if _ends_sentence(text):
            return n
    return 0


def _unglue_markers(blocks: list[Block], numbers: list[int], bracketed: bool = False) -> list[Block]:
    """Markers of footnotes pasted from a PDF stay glued to the text ("kế hoạch2", "đạt 10%(1)"): take them off, in
    order."""
    for block in blocks:
        if not numbers:
            break
        cleaned, markers = strip_glued_markers(block.text, numbers, bracketed)
        if markers:
            block.text, block.markers = cleaned, markers
            numbers = [n for n in numbers if n > max(m for _, m in markers)]
    return blocks


def _take_markers(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line without its `[footnoteRef:N]` markers, and where each stood (one pass: a line may hold many)."""
    parts: list[str] = []
    markers: list[tuple[int, int]] = []
    pos = length = 0
    for m in _FOOTNOTE_REF.finditer(line):
        parts.append(line[pos : m.start()])
        length += m.start() - pos
        markers.append((length, int(m.group(1))))
        pos = m.end()
    parts.append(line[pos:])
    return "".join(parts), markers


def _take_footnote_bodies(line: str) -> tuple[str, list[Block]]:
    notes, parts, pos = [], [], 0
    for m in _FOOTNOTE_BODY.finditer(line):
        notes.append(Block("footnote", " ".join(m.group(2).split()), note=int(m.group(1))))
        parts.append(line[pos : m.start()] + (" " if m.start() and m.end() < len(line) else ""))
        pos = m.end()
    parts.append(line[pos:])
    return "".join(parts), sorted(notes, key=lambda b: b.note or 0)


# --- PDF export --------------------------------------------------------------------------------


def _pdf_export_blocks(text: str) -> list[Block]:
    body_lines, notes = _split_footnotes(text)
    width = _full_line_width([line for line, _ in body_lines])
    paragraphs = join_lines(body_lines, width)
    numbers = [b.note for b in notes if b.note is not None]
    blocks = []
    for paragraph, page in paragraphs:
        cleaned, markers = strip_glued_markers(paragraph, numbers)
        numbers = [n for n in numbers if n > max((m for _, m in markers), default=0)]
        blocks.append(Block("paragraph", cleaned, page=page, markers=markers))
    return blocks + notes


def _split_footnotes(text: str) -> tuple[list[tuple[str, int]], list[Block]]:
    """Body lines with their page, and the footnote bodies; a line of spaces opens a page's notes."""
    body: list[tuple[str, int]] = []
    notes: list[Block] = []
    note_lines: list[list[str]] = []  # joined once at the end: a long footnote area is not copied line by line
    in_notes = False
    page = 1
    expected = 1
    just_broke = False
    for raw in text.split("\n"):
        if _SEPARATOR.match(raw):
            in_notes = True
            continue
        if not raw.strip():
            continue
        if _PAGE_NUMBER.match(raw):  # a page number closes its page, notes included
            page, in_notes, just_broke = page + 1, False, True
            continue
        if raw.startswith(" ") and body and not just_broke:
            page += 1  # the converter starts each page's first line with a space
            in_notes = False
        just_broke = False
        line = raw.strip()
        if in_notes:
            m = _NOTE_START.match(line)
            if m and int(m.group(1)) == expected:
                notes.append(Block("footnote", "", page=page, note=expected))
                note_lines.append([line[len(m.group(1)) :].strip()])
                expected += 1
            elif notes:
                note_lines[-1].append(line)
            continue
        body.append((line, page))
    for note, lines in zip(notes, note_lines, strict=True):
        note.text = _joined(lines)
    return body, notes


def _full_line_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines) or [80]
    return lengths[int(len(lengths) * 0.9)]


def join_lines(lines: list[tuple[str, int]], width: int) -> list[tuple[str, int]]:
    """Rebuild paragraphs from broken lines: a line ends its paragraph when it is short and closed by
    punctuation, or is a heading; a numbered or upper-case line starts a new one."""
    paragraphs: list[tuple[str, int]] = []
    current: list[str] = []  # the paragraph's lines, joined when it closes
    page = 1
    closed = True
    previous_short = True
    for line, line_page in lines:
        row = stands_alone(line)  # a table's title, unit line, header or row stays a line of its own
        starts_new = (
            closed
            or row
            or _STRONG_HEADING.match(line) is not None
            or (_is_heading_like(line) and (previous_short or (bool(current) and _ends_sentence(current[-1]))))
        )
        if starts_new and current:
            paragraphs.append((_joined(current), page))
            current = []
        if not current:
            page = line_page
        current.append(line)
        short = previous_short = len(line) < 0.8 * width
        closed = (short and (_ends_sentence(line) or _is_heading_like(line) or line.isupper())) or (
            line.isupper() and len(line) < width
        )
        closed = closed or row
    if current:
        paragraphs.append((_joined(current), page))
    return paragraphs


# "3.1. Sở Tài chính: ..." or "III. TỔ CHỨC THỰC HIỆN": never the middle of a sentence
_STRONG_HEADING = re.compile(r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,5}\.)\s+\S")


def _is_heading_like(line: str) -> bool:
    return bool(HEADING_START.match(line)) or (line.isupper() and len(line) > 3)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "!", "?", "…", ".”", "./."))


def _joined(lines: list[str]) -> str:
    """Broken lines as one text: a space between them, none after a word cut by a hyphen."""
    parts = []
    for i, line in enumerate(lines):
        previous = lines[i - 1] if i else ""
        glued = previous.endswith("-") and not previous.endswith(" -") and line[:1].isalnum()
        parts.append(line if glued or not i else " " + line)
    return "".join(parts)
