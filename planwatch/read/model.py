"""What every reader returns: blocks of text in reading order, footnotes apart, pages where known."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from planwatch.read.normalise import nfc, reading_form

if TYPE_CHECKING:
    from planwatch.read.ocr_pages import ScannedPage


@dataclass
class Block:
    """A paragraph, table row or footnote body, as plain text."""

    kind: str  # "paragraph" | "table_row" | "footnote"
    text: str
    page: int | None = None
    note: int | None = None  # the number of a footnote block
    markers: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, footnote number)


@dataclass
class RawDocument:
    """A file read into blocks; `fmt` says which reader made it."""

    name: str
    fmt: str
    blocks: list[Block]
    pages: int | None = None
    scanned: list[ScannedPage] = field(default_factory=list)  # the pages read by OCR

    def in_nfc(self) -> RawDocument:
        """The same document with every block composed (NFC), footnote markers moved with their text."""
        for block in self.blocks:
            block.text, offsets = nfc(block.text, [offset for offset, _ in block.markers])
            block.markers = [(offset, n) for offset, (_, n) in zip(offsets, block.markers, strict=True)]
        return self


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    page: int | None
    note: int | None


@dataclass
class PlainText:
    """The document's stored plain text; every span and quote of the document points into it."""

    text: str
    spans: list[Span]
    markers: list[tuple[int, int]]  # (position in text, footnote number)
    reading: str = ""  # the text as extraction reads it (read/normalise.py): same length, same offsets

    def __post_init__(self) -> None:
        if not self.reading:
            self.reading = reading_form(self.text)

    def page_at(self, pos: int) -> int | None:
        """The page of the span holding `pos` (spans are in text order: a binary search, not a scan per fact)."""
        i = bisect_right(self._starts, pos) - 1
        return self.spans[i].page if i >= 0 and pos <= self.spans[i].end else None

    def notes_by_span(self) -> dict[int, list[int]]:
        """The footnote numbers whose markers stand in each body span, by the span's start."""
        found: dict[int, list[int]] = {}
        for pos, note in self.markers:
            i = bisect_right(self._starts, pos) - 1
            if i >= 0 and pos <= self.spans[i].end:  # spans never overlap: one "\n" stands between them
                found.setdefault(self.spans[i].start, []).append(note)
        return found

    @cached_property
    def _starts(self) -> list[int]:
        return [span.start for span in self.spans]


def assemble(raw: RawDocument) -> PlainText:
    """Body blocks first, one a line, then the footnotes, so that footnotes never split a sentence."""
    body = [b for b in raw.blocks if b.kind != "footnote" and b.text.strip()]
    notes = [b for b in raw.blocks if b.kind == "footnote" and b.text.strip()]
    parts: list[str] = []
    spans: list[Span] = []
    markers: list[tuple[int, int]] = []
    pos = 0
    for block in body + notes:
        spans.append(Span(block.kind, pos, pos + len(block.text), block.page, block.note))
        markers.extend((pos + offset, n) for offset, n in block.markers)
        parts.append(block.text)
        pos += len(block.text) + 1
    return PlainText("\n".join(parts), spans, markers)
