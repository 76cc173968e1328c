"""Scanned pages read in the OCR child (read/ocr_worker.py), page after page, within a time limit per page and
per file; what came back kept as `ScannedPage`s: the lines for the text, the words with their boxes and
confidences, the page image. After the text is assembled, `locate_words` finds where each word stands in it."""

from __future__ import annotations

import base64
import json
import os
import re
import selectors
import subprocess
import sys
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from planwatch.read.model import PlainText

DPI = 300
SECONDS_PER_PAGE = 60.0  # one page on a busy core: ~2-4 s is usual
MAX_PAGES = 300
Progress = Callable[[int, int], None]  # pages read, pages to read


class OcrMode(StrEnum):
    AUTO = "auto"  # only pages without a text layer
    ALWAYS = "always"  # every page, whatever its text layer says
    NEVER = "never"  # a scan is refused, as before OCR


@dataclass(frozen=True)
class OcrOptions:
    """How a PDF's scanned pages are read: `mode`; `here` False when this reader must not spend the time (a job
    worker that hands scans to the OCR worker: OcrNeeded is raised); `progress` told after each page."""

    mode: OcrMode = OcrMode.AUTO
    here: bool = True
    progress: Progress | None = None


class OcrNeeded(Exception):  # noqa: N818  a signal, not a failure: the caller reads the file in the OCR lane
    """Pages of this PDF need OCR, which the caller asked not to do here (a job for the OCR worker)."""

    def __init__(self, pages: int) -> None:
        super().__init__(f"{pages} trang cần nhận dạng chữ (OCR)")
        self.pages = pages


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: tuple[float, float, float, float]  # fractions of the page's width and height: x0, y0, x1, y1
    confidence: float
    digits: float | None  # the lowest confidence of its digits (0-100); None: no digit


@dataclass
class ScannedPage:
    number: int
    width: int
    height: int
    lines: list[tuple[str, str]]  # (kind, text) in reading order: "line" or "table_row"
    words: list[OcrWord]  # in the order of the lines' text
    image: bytes  # the cleaned page as a JPEG


def read_scanned(
    data: bytes, pages: list[int], progress: Progress | None = None, only_images: bool = False, dpi: int = DPI
) -> list[ScannedPage]:
    """`pages` (1-based) of the PDF read by OCR, in order; with `only_images`, a page the child finds to be text
    with few images is passed over. ValueError (in Vietnamese) when a page takes too long or the child fails."""
    if len(pages) > MAX_PAGES:
        raise ValueError(f"bản quét quá nhiều trang cần nhận dạng ({len(pages)} trang, tối đa {MAX_PAGES})")
    command = [sys.executable, "-m", "planwatch.read.ocr_worker", str(dpi), ",".join(map(str, pages))]
    if only_images:
        command.append("--only-images")
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core a page: other uploads and users need the other
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment
    )
    try:
        return _collect(child, data, pages, progress)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()


def _collect(
    child: subprocess.Popen[bytes], data: bytes, pages: list[int], progress: Progress | None
) -> list[ScannedPage]:
    assert child.stdin and child.stdout and child.stderr
    child.stdin.write(data)
    child.stdin.close()
    read: list[ScannedPage] = []
    done = 0
    if progress:
        progress(0, len(pages))
    with selectors.DefaultSelector() as waiting:
        waiting.register(child.stdout, selectors.EVENT_READ)
        buffer = b""
        while done < len(pages):
            deadline = time.monotonic() + SECONDS_PER_PAGE
            while b"\n" not in buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not waiting.select(left):
                    raise ValueError(f"nhận dạng trang {pages[done]} quá {SECONDS_PER_PAGE:.0f} giây, đã dừng")
                chunk = child.stdout.read1(1 << 20)  # type: ignore[attr-defined]
                if not chunk:
                    raise ValueError(_failure(child))
                buffer += chunk
            line, buffer = buffer.split(b"\n", 1)
            record = json.loads(line)
            done += 1
            if not record.get("skipped"):
                read.append(_page(record))
            if progress:
                progress(done, len(pages))
    return read


def _failure(child: subprocess.Popen[bytes]) -> str:
    assert child.stderr
    code = child.wait()
    reason = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
    if code < 0 or (reason and "MemoryError" in reason[-1]):
        return "nhận dạng chữ (OCR) vượt giới hạn bộ nhớ, đã dừng"
    return reason[-1] if reason else f"không nhận dạng được bản quét (mã lỗi {code})"


def _page(record: dict[str, Any]) -> ScannedPage:
    width, height = (int(v) for v in record["size"])
    lines: list[tuple[str, str]] = []
    words: list[OcrWord] = []
    parsed = [(line, [_word(item, width, height) for item in line["words"]]) for line in record["lines"]]
    heights = sorted(w.box[3] - w.box[1] for _, line_words in parsed for w in line_words)
    typical = heights[len(heights) // 2] if heights else 0.0
    for line, line_words in parsed:
        if _opens_footnote(line_words, typical):  # as the text layer gives it: the number alone, the body indented
            lines.extend([("line", line_words[0].text), ("line", " " + " ".join(w.text for w in line_words[1:]))])
        else:
            lines.append((line["kind"], _line_text(line["kind"], line["cells"], line_words)))
        words.extend(line_words)
    image = base64.b64decode(str(record["image"]))
    return ScannedPage(int(record["page"]), width, height, lines, words, image)


def _opens_footnote(words: list[OcrWord], typical: float) -> bool:
    """A line in the lower half of the page led by a small raised number: a footnote's body."""
    first = words[0]
    small = first.box[3] - first.box[1] < 0.8 * typical
    return len(words) > 1 and first.text.isdigit() and len(first.text) <= 3 and small and first.box[1] > 0.5


def _word(item: list[object], width: int, height: int) -> OcrWord:
    text, x0, y0, x1, y1, confidence, digits = item
    box = (x0 / width, y0 / height, x1 / width, y1 / height)  # type: ignore[operator]
    return OcrWord(unicodedata.normalize("NFC", str(text)), tuple(round(v, 5) for v in box), float(confidence), digits)  # type: ignore[arg-type]


def _line_text(kind: str, cells: list[int], words: list[OcrWord]) -> str:
    if kind != "table_row":
        return " ".join(w.text for w in words)
    parts, start = [], 0
    for count in cells:
        parts.append(" ".join(w.text for w in words[start : start + count]))
        start += count
    return " | ".join(parts)


@dataclass(frozen=True)
class PlacedWord:
    """An OCR word found in the document's text: its characters there, its page, box and confidences."""

    start: int
    end: int
    page: int
    word: OcrWord


class WordIndex:
    """The OCR words of a document by where they stand in its text."""

    def __init__(self, placed: list[PlacedWord]) -> None:
        self.placed = sorted(placed, key=lambda p: p.start)
        self._starts = [p.start for p in self.placed]

    def within(self, start: int, end: int) -> list[PlacedWord]:
        i = max(bisect_right(self._starts, start) - 1, 0)
        found = []
        while i < len(self.placed) and self.placed[i].start < end:
            if self.placed[i].end > start:
                found.append(self.placed[i])
            i += 1
        return found


def locate_words(plain: PlainText, scanned: list[ScannedPage]) -> WordIndex:
    """Each OCR word found in the document's text: each page's words aligned, as a sequence, with the words of the
    text from where its page starts (reading rebuilt paragraphs across pages, composed letters and dropped page
    numbers, but kept each word's characters); a word the text does not have is left out."""
    tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(plain.text)]
    starts = [start for start, _ in tokens]
    placed: list[PlacedWord] = []
    cursor = 0
    for page in sorted(scanned, key=lambda p: p.number):
        opening = next((s.start for s in plain.spans if (s.page or 0) >= page.number - 1), len(plain.text))
        cursor = max(cursor, bisect_left(starts, opening))
        window = tokens[cursor : cursor + 2 * len(page.words) + 200]
        matcher = SequenceMatcher(None, [w.text for w in page.words], [t for _, t in window], autojunk=False)
        last = 0
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                start, text = window[block.b + k]
                placed.append(PlacedWord(start, start + len(text), page.number, page.words[block.a + k]))
                last = block.b + k + 1
        cursor += last
    return WordIndex(placed)


_TOKEN = re.compile(r"\S+")


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
_PART_HEADING = re.compile(r"^([IVXLl1|]{1,5})\.(\s+)(?=[A-ZĐÀ-Ỹ])")
_NUMBERING_RESTARTS = re.compile(r"^(?:[A-ZĐ]\.\s|Phần\s|PHẦN\s)")  # "B. MỘT SỐ TỒN TẠI", "Phần thứ hai"


def renumber_parts(pages: list[list[str]], scanned: set[int]) -> None:
    """The Roman numerals of a document's parts ("I. ...", "II. ...", "III. TỔ CHỨC THỰC HIỆN") follow each other
    until a lettered part or a "Phần" starts them again: on a scanned page a numeral that repeats the one before
    (tesseract reads a serif "III" as "II") or that is no numeral ("IL.") is the one after it. Lines of text pages
    are read, never changed."""
    last = 0
    for number, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            if _NUMBERING_RESTARTS.match(line):
                last = 0
            if not (found := _PART_HEADING.match(line)):
                continue
            value = _ROMAN.index(found.group(1)) + 1 if found.group(1) in _ROMAN else 0
            if number in scanned and value in (0, last) and last < len(_ROMAN):
                value = last + 1
                lines[index] = f"{_ROMAN[last]}.{found.group(2)}{line[found.end() :]}"
            last = value or last
