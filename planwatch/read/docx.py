"""Word .docx: paragraphs and tables in body order, list numbers rendered as Word prints them
("I.", "1.", "1.1.", "a)" are usually numbering, not text), footnotes from word/footnotes.xml linked
to their reference marks. python-docx gives the XML tree; numbering and footnotes are read from it."""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from planwatch.read.model import Block, RawDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES_PART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def read_docx(name: str, data: bytes) -> RawDocument:
    try:
        document = Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, etree.XMLSyntaxError, ValueError) as error:
        raise ValueError(f"tệp .docx hỏng hoặc không đọc được: {error}") from error
    numbering = Numbering(document)
    footnote_bodies = _footnote_bodies(document)
    note_numbers: dict[str, int] = {}
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            block = _paragraph(child, numbering, note_numbers)
            if block.text.strip():
                blocks.append(block)
        elif child.tag == f"{W}tbl":
            blocks.extend(_table_rows(child, note_numbers))
    notes = [
        Block("footnote", footnote_bodies.get(ref_id, ""), note=number)
        for ref_id, number in sorted(note_numbers.items(), key=lambda item: item[1])
    ]
    return RawDocument(name, "docx", blocks + notes)


def _paragraph(p: etree._Element, numbering: Numbering, note_numbers: dict[str, int]) -> Block:
    text, markers = _runs_text(p, note_numbers)
    prefix = numbering.label(p)
    if prefix:
        text = f"{prefix} {text.lstrip()}"
        markers = [(offset + len(prefix) + 1, n) for offset, n in markers]
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return Block(
        "paragraph", stripped, markers=[(max(0, o - lead), n) for o, n in markers if o - lead <= len(stripped)]
    )


def _runs_text(element: etree._Element, note_numbers: dict[str, int]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    markers: list[tuple[int, int]] = []
    length = 0
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}footnoteReference"):
        if node.tag == f"{W}footnoteReference":
            ref_id = node.get(f"{W}id", "")
            number = note_numbers.setdefault(ref_id, len(note_numbers) + 1)
            markers.append((length, number))
            continue
        piece = node.text or "" if node.tag == f"{W}t" else " "
        parts.append(piece)
        length += len(piece)
    return "".join(parts), markers


def _table_rows(table: etree._Element, note_numbers: dict[str, int]) -> list[Block]:
    """One block a row, cells joined by " | "; a cell merged across columns (gridSpan) is followed by an empty
    cell for each further column it covers, so that every row has a cell per column of the grid."""
    rows = []
    for tr in table.iter(f"{W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{W}tc"):
            cell_text = " ".join(_runs_text(p, note_numbers)[0].strip() for p in tc.iter(f"{W}p"))
            cells.append(" ".join(cell_text.split()))
            cells.extend([""] * (_span(tc) - 1))
        if any(cells):
            rows.append(Block("table_row", " | ".join(cells)))
    return rows


_MAX_SPAN = 64  # a crafted gridSpan must not make a row of a million empty cells


def _span(tc: etree._Element) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    value = span.get(f"{W}val", "1") if span is not None else "1"
    return min(int(value), _MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _footnote_bodies(document) -> dict[str, str]:  # type: ignore[no-untyped-def]
    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_PART:
            root = etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False))
            bodies = {}
            for note in root.iterchildren(f"{W}footnote"):
                text = " ".join(_runs_text(p, {})[0].strip() for p in note.iter(f"{W}p"))
                bodies[note.get(f"{W}id", "")] = " ".join(text.split())
            return bodies
    return {}


class Numbering:
    """Renders automatic list numbers ("%1.%2.") with counters per list and level, as Word does."""

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id → level → (fmt, text, start)
        self.abstract_of: dict[str, str] = {}
        self.start_override: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}  # per list instance (numId), as Word restarts them
        self.style_numbering: dict[str, tuple[str, int]] = {}  # "List Number" styles carry their numbering
        for style in document.styles.element.iterchildren(f"{W}style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self.style_numbering[style.get(f"{W}styleId", "")] = (
                    _val(num_pr, "numId", ""),
                    int(_val(num_pr, "ilvl", "0")),
                )
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.iterchildren(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    _val(lvl, "numFmt", "decimal"),
                    _val(lvl, "lvlText", ""),
                    int(_val(lvl, "start", "1")),
                )
            self.levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(f"{W}numId", "")] = ref.get(f"{W}val", "")
            for override in num.iterchildren(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    key = (num.get(f"{W}numId", ""), int(override.get(f"{W}ilvl", "0")))
                    self.start_override[key] = int(start.get(f"{W}val", "1"))

    def label(self, p: etree._Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style = p.find(f"{W}pPr/{W}pStyle")
        if num_pr is not None:
            num_id, level = _val(num_pr, "numId", ""), int(_val(num_pr, "ilvl", "0"))
        elif style is not None and style.get(f"{W}val", "") in self.style_numbering:
            num_id, level = self.style_numbering[style.get(f"{W}val", "")]
        else:
            return ""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if level not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        start = self.start_override.get((num_id, level), levels[level][2])
        counters[level] = counters[level] + 1 if counters[level] else start
        fmt, text, _ = levels[level]
        if fmt in {"bullet", "none"}:
            return "-" if fmt == "bullet" else ""
        return re.sub(
            r"%(\d)",
            lambda m: _format(
                counters[int(m.group(1)) - 1] or levels.get(int(m.group(1)) - 1, ("", "", 1))[2],
                levels.get(int(m.group(1)) - 1, ("decimal", "", 1))[0],
            ),
            text,
        )


def _val(element: etree._Element, tag: str, default: str) -> str:
    child = element.find(f"{W}{tag}")
    return child.get(f"{W}val", default) if child is not None else default


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


_MAX_ROMAN = 3999  # past it Roman numerals have no standard form; a crafted start of 10^9 would print 10^6 "M"s


def _format(n: int, fmt: str) -> str:
    if fmt in {"upperRoman", "lowerRoman"} and 0 < n <= _MAX_ROMAN:
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out, n = out + letters, n - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in {"upperLetter", "lowerLetter"}:
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)
