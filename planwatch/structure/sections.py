"""The heading tree as printed: Phần, A., I., 1., 1.1., a), with the path of every block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.read.model import PlainText

_LEVELS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(Phần\s+thứ\s+\w+|PHẦN\s+[IVX\d]+|Chương\s+[IVX\d]+)\b\.?", re.IGNORECASE)),
    ("article", re.compile(r"^(Điều\s+\d+)\.?(?=\s|$)")),
    # an unnumbered lead-in that opens a list: "Các chỉ tiêu chủ yếu năm 2025:", "Mục tiêu cụ thể:"
    ("lead", re.compile(r"^()(?=(?:các\s+)?(?:chỉ\s+tiêu|mục\s+tiêu)\b[^.;]{0,80}:?\s*$)", re.IGNORECASE)),
    ("letter", re.compile(r"^([A-HJ-UWYZĐ])\.\s")),  # not I, V, X: those open Roman sections
    ("roman", re.compile(r"^([IVX]{1,5})\.\s")),
    ("number", re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s")),
    ("small", re.compile(r"^([a-zđ])\)\s")),
]


@dataclass(frozen=True)
class Heading:
    depth: int
    number: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class OutlineBlock:
    """A body block with the headings it sits under (its own heading last, when it opens one)."""

    start: int
    end: int
    text: str
    page: int | None
    heading: Heading | None
    trail: tuple[Heading, ...]
    kind: str = "paragraph"  # or "table_row": cells joined by " | "


_LEAD_DEPTH = 3  # an unnumbered lead-in sits where a numbered section would


def heading_of(text: str) -> Heading | None:
    """The heading a block opens with, if any: depth, number as printed, title."""
    for depth, (kind, pattern) in enumerate(_LEVELS):
        m = pattern.match(text)
        if not m:
            continue
        number = m.group(1)
        if kind == "number":
            if not re.match(r"^\d{1,2}(?:\.\d{1,2})*\.\s", text) and "." not in number:
                continue
            depth += number.count(".")
        if kind in ("part", "lead"):
            return Heading(_LEAD_DEPTH if kind == "lead" else depth, "", _title(text))
        return Heading(0 if kind == "article" else depth, number, _title(text[m.end() :]))
    return None


def _title(rest: str) -> str:
    first = re.split(r"(?<=[.:;])\s", rest.strip(), maxsplit=1)[0]
    return first[:120].rstrip(" .:;")


class SectionTracker:
    """Feeds blocks in order; says the headings each one sits under. A line in capitals right after a
    heading continues its title ("Phần thứ hai" / "MỘT SỐ NHIỆM VỤ ..." / "... 6 THÁNG CUỐI NĂM 2024")."""

    def __init__(self) -> None:
        self.stack: list[Heading] = []
        self._after_heading = False
        self._first = True

    def feed(self, text: str) -> Heading | None:
        found = heading_of(text)
        if found and self._first and not found.number and found.depth == _LEAD_DEPTH:
            found = None  # the first line is the document's title: "Mục tiêu năm nay của tỉnh ..." heads no list
        self._first = False
        if found:
            while self.stack and self.stack[-1].depth >= found.depth:
                self.stack.pop()
            self.stack.append(found)
        elif self._after_heading and self.stack and _in_capitals(text.strip()):
            top = self.stack.pop()
            self.stack.append(Heading(top.depth, top.number, f"{top.title} {text.strip()}".strip()))
            return None
        self._after_heading = found is not None
        return found

    def path_for(self, text: str) -> str:
        self.feed(text)
        return self.path

    @property
    def path(self) -> str:
        return " > ".join(h.label for h in self.stack)


def _in_capitals(line: str) -> bool:
    return 4 <= len(line) <= 200 and line == line.upper() and any(c.isalpha() for c in line)


def outline(plain: PlainText) -> list[OutlineBlock]:
    """The body blocks of a document, each with its heading trail."""
    tracker = SectionTracker()
    blocks = []
    for span in plain.spans:
        if span.kind == "footnote":
            continue
        text = plain.reading[span.start : span.end]
        heading = tracker.feed(text)
        blocks.append(OutlineBlock(span.start, span.end, text, span.page, heading, tuple(tracker.stack), span.kind))
    return blocks
