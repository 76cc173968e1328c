"""PDF: lines per page from the text layer, read in a sandboxed child process, and from OCR for the pages that
have none (read/ocr_pages.py); then paragraphs rebuilt, an OCR'd table's rows kept as rows, footnote bodies at
page bottoms separated and linked to their superscript markers, pages kept."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from time import monotonic

from planwatch.limits import allow_more
from planwatch.read.footnotes import strip_glued_markers
from planwatch.read.model import Block, RawDocument
from planwatch.read.ocr_pages import OcrMode, OcrNeeded, OcrOptions, ScannedPage, read_scanned, renumber_parts
from planwatch.read.text import join_lines

TIME_LIMIT_SECONDS = 120
_DIGITS = re.compile(r"^\s*(\d{1,3})\s*$")
SCANNED_BELOW = 200  # a page with fewer letters and digits than this may be an image (a signature stamp's text)
TABLE_ROW = "\ue000"  # marks an OCR'd table row among a page's lines


def read_pdf(name: str, data: bytes, ocr: OcrOptions | None = None) -> RawDocument:
    ocr = ocr or OcrOptions()
    pages = _extract_pages(data)
    scanned = _scanned(data, pages, ocr)
    for scan in scanned:
        pages[scan.number - 1] = [TABLE_ROW + text if kind == "table_row" else text for kind, text in scan.lines]
    renumber_parts(pages, {scan.number for scan in scanned})
    if not any(line.strip() for page in pages for line in page):
        refusal = "tệp PDF không có lớp văn bản (bản quét ảnh?)"
        raise ValueError(refusal + (": đọc với --ocr auto" if ocr.mode == OcrMode.NEVER else ""))
    body, notes = _split_pages(pages)
    width = sorted(len(line) for line, _ in body)[int(len(body) * 0.9)] if body else 80
    numbers = [b.note for b in notes if b.note is not None]
    blocks = []
    for text, page, kind in _paragraphs(body, width):
        cleaned, markers = strip_glued_markers(text, numbers)
        numbers = [n for n in numbers if n > max((m for _, m in markers), default=0)]
        blocks.append(Block(kind, cleaned, page=page, markers=markers))
    return RawDocument(name, "pdf", blocks + notes, pages=len(pages), scanned=scanned)


def _scanned(data: bytes, pages: list[list[str]], ocr: OcrOptions) -> list[ScannedPage]:
    """The pages OCR reads: every page (`always`), or those with (almost) no text (`auto`): the child passes over a
    page with a little text and few images."""
    if ocr.mode == OcrMode.NEVER:
        return []
    if ocr.mode == OcrMode.ALWAYS:
        wanted = list(range(1, len(pages) + 1))
    else:
        letters = [sum(ch.isalnum() for line in page for ch in line) for page in pages]
        wanted = [number for number, count in enumerate(letters, start=1) if count < SCANNED_BELOW]
    if not wanted:
        return []
    if not ocr.here:
        raise OcrNeeded(len(wanted))
    started = monotonic()
    scanned = read_scanned(data, wanted, ocr.progress, only_images=ocr.mode == OcrMode.AUTO)
    allow_more(monotonic() - started)
    return scanned


def _paragraphs(body: list[tuple[str, int]], width: int) -> list[tuple[str, int, str]]:
    """Paragraphs rebuilt from lines; an OCR'd table row stays a row."""
    found: list[tuple[str, int, str]] = []
    lines: list[tuple[str, int]] = []
    for line, page in [*body, (TABLE_ROW, 0)]:
        if not line.startswith(TABLE_ROW):
            lines.append((line, page))
            continue
        found.extend((text, at, "paragraph") for text, at in join_lines(lines, width))
        lines = []
        if line != TABLE_ROW:
            found.append((line[len(TABLE_ROW) :], page, "table_row"))
    return found


def _extract_pages(data: bytes) -> list[list[str]]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "planwatch.read.pdf_worker"],
            input=data,
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ValueError(f"đọc PDF quá {TIME_LIMIT_SECONDS} giây, đã dừng") from error
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(reason[-1] if reason else f"không đọc được PDF (mã lỗi {done.returncode})")
    pages: list[list[str]] = json.loads(done.stdout)
    return pages


def _split_pages(pages: list[list[str]]) -> tuple[list[tuple[str, int]], list[Block]]:
    """Body lines with their page, and footnote blocks. A footnote body starts with the next note
    number alone on a line, its text on the following line (indented); it runs to the next one or
    the page end. Other lone numbers are page numbers."""
    body: list[tuple[str, int]] = []
    notes: list[Block] = []
    for page_number, lines in enumerate(pages, start=1):
        in_notes = False
        for index, line in enumerate(lines):
            digits = _DIGITS.match(line)
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if digits and int(digits.group(1)) == len(notes) + 1 and following.startswith(" "):
                in_notes = True
                notes.append(Block("footnote", "", page=page_number, note=len(notes) + 1))
            elif digits:
                continue
            elif in_notes:
                notes[-1].text = f"{notes[-1].text} {line.strip()}".strip()
            elif line.strip():
                body.append((line.strip(), page_number))
    return body, notes
