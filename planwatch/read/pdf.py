"""PDF: lines per page from the text layer, read in a sandboxed child process, and from OCR for the pages that
have none (read/ocr_pages.py); then paragraphs rebuilt, footnote bodies at page bottoms separated and linked to
their superscript markers, pages kept; the lines of a table are its rows, cut into cells by where their text
stands (read/pdf_tables.py) or, on a scanned page, by its rules (read/ocr.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import groupby
from time import thread_time
from typing import Any

from planwatch.limits import allow_more
from planwatch.read.footnotes import strip_glued_markers
from planwatch.read.model import Block, RawDocument
from planwatch.read.ocr_pages import OcrMode, OcrNeeded, OcrOptions, ScannedPage, read_scanned, renumber_parts
from planwatch.read.pdf_tables import table_rows
from planwatch.read.pdf_worker import REFUSED
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
        read = [TABLE_ROW + text if kind == "table_row" else text for kind, text in scan.lines]
        pages[scan.number - 1] = {"lines": read, "boxes": []}
    renumber_parts([page["lines"] for page in pages], {scan.number for scan in scanned})
    if not any(line.strip() for page in pages for line in page["lines"]):
        refusal = "tệp PDF không có lớp văn bản (bản quét ảnh?)"
        raise ValueError(refusal + (": đọc với --ocr auto" if ocr.mode == OcrMode.NEVER else ""))
    body, notes = _split_pages(pages)
    prose = [(line, page) for line, page, row in body if not row]
    width = sorted(len(line) for line, _ in prose)[int(len(prose) * 0.9)] if prose else 80
    numbers = [b.note for b in notes if b.note is not None]
    blocks: list[Block] = []
    for row, run in groupby(body, key=lambda item: item[2]):
        lines = [(line, page) for line, page, _ in run]
        if row:
            blocks.extend(Block("table_row", line, page=page) for line, page in lines)
            continue
        for text, page in join_lines(lines, width):
            cleaned, markers = strip_glued_markers(text, numbers)
            numbers = [n for n in numbers if n > max((m for _, m in markers), default=0)]
            blocks.append(Block("paragraph", cleaned, page=page, markers=markers))
    return RawDocument(name, "pdf", blocks + notes, pages=len(pages), scanned=scanned)


def _scanned(data: bytes, pages: list[dict[str, Any]], ocr: OcrOptions) -> list[ScannedPage]:
    """The pages OCR reads: every page (`always`), or those with (almost) no text (`auto`): the child passes over a
    page with a little text and few images."""
    if ocr.mode == OcrMode.NEVER:
        return []
    if ocr.mode == OcrMode.ALWAYS:
        wanted = list(range(1, len(pages) + 1))
    else:
        letters = [sum(ch.isalnum() for line in page["lines"] for ch in line) for page in pages]
        wanted = [number for number, count in enumerate(letters, start=1) if count < SCANNED_BELOW]
    if not wanted:
        return []
    if not ocr.here:
        raise OcrNeeded(len(wanted))
    started = thread_time()
    scanned = read_scanned(data, wanted, ocr.progress, only_images=ocr.mode == OcrMode.AUTO)
    allow_more(thread_time() - started)
    return scanned


def _extract_pages(data: bytes) -> list[dict[str, Any]]:
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
    if done.returncode == REFUSED:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(reason[-1] if reason else "tệp PDF hỏng")
    if done.returncode != 0:  # the child died (a limit, a parser bug): its traceback is no reason for a person
        raise ValueError(f"tệp PDF hỏng: trình đọc PDF dừng giữa chừng (mã {done.returncode})")
    pages: list[dict[str, Any]] = json.loads(done.stdout)
    return pages


def _split_pages(pages: list[dict[str, Any]]) -> tuple[list[tuple[str, int, bool]], list[Block]]:
    """Body lines with their page and whether they are a table's row, and footnote blocks. A footnote body
    starts with the next note number alone on a line, its text on the following line (indented); it runs to
    the next one or the page end. Other lone numbers are page numbers."""
    body: list[tuple[str, int, bool]] = []
    notes: list[Block] = []
    for page_number, page in enumerate(pages, start=1):
        lines: list[str] = page["lines"]
        rows = table_rows(lines, [tuple(box) for box in page["boxes"]])
        in_notes = False
        for index, line in enumerate(lines):
            if index in rows and not in_notes:
                body.append((rows[index], page_number, True))
                continue
            if line.startswith(TABLE_ROW):  # a scanned table's row, its cells already cut by its rules
                body.append((line[len(TABLE_ROW) :], page_number, True))
                continue
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
                body.append((line.strip(), page_number, False))
    return body, notes
