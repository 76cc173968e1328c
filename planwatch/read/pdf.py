"""PDF with a text layer: lines per page from a sandboxed child process, then paragraphs rebuilt,
footnote bodies at page bottoms separated and linked to their superscript markers, pages kept."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from planwatch.read.model import Block, RawDocument
from planwatch.read.text import join_lines

TIME_LIMIT_SECONDS = 120
_MARK = "\ue000"  # a private-use character standing for a footnote marker while lines are joined
_DIGITS = re.compile(r"^\s*(\d{1,3})\s*$")


def read_pdf(name: str, data: bytes) -> RawDocument:
    pages = _extract_pages(data)
    if not any(line.strip() for page in pages for line in page):
        raise ValueError("tệp PDF không có lớp văn bản (bản quét ảnh?)")
    body, notes = _split_pages(pages)
    width = sorted(len(line) for line, _ in body)[int(len(body) * 0.9)] if body else 80
    blocks = [_with_markers(text, page) for text, page in join_lines(body, width)]
    return RawDocument(name, "pdf", blocks + notes, pages=len(pages))


def _extract_pages(data: bytes) -> list[list[str]]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "planwatch.read.pdf_worker"],
            input=data, capture_output=True, timeout=TIME_LIMIT_SECONDS, check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ValueError(f"đọc PDF quá {TIME_LIMIT_SECONDS} giây, đã dừng") from error
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(reason[-1] if reason else f"không đọc được PDF (mã lỗi {done.returncode})")
    pages: list[list[str]] = json.loads(done.stdout)
    return pages


def _split_pages(pages: list[list[str]]) -> tuple[list[tuple[str, int]], list[Block]]:
    """Body lines (markers inlined as _MARK+number) and footnote blocks, page by page.

    A number alone on a line is a marker the first time it appears and the start of its footnote
    body the second time; the body runs to the next such number or the page end."""
    body: list[tuple[str, int]] = []
    notes: list[Block] = []
    next_marker = 1
    for page_number, lines in enumerate(pages, start=1):
        in_notes = False
        for line in lines:
            digits = _DIGITS.match(line)
            if digits:
                n = int(digits.group(1))
                if n == next_marker and body and not in_notes:
                    text, page = body[-1]
                    body[-1] = (f"{text.rstrip()}{_MARK}{n}{_MARK}", page)
                    next_marker += 1
                    continue
                if n < next_marker and n == len(notes) + 1:
                    in_notes = True
                    notes.append(Block("footnote", "", page=page_number, note=n))
                    continue
                if not in_notes:
                    continue  # a page number
            if in_notes:
                notes[-1].text = f"{notes[-1].text} {line.strip()}".strip()
            elif line.strip():
                body.append((line.strip(), page_number))
    return body, notes


def _with_markers(text: str, page: int) -> Block:
    markers: list[tuple[int, int]] = []
    parts = text.split(_MARK)
    out = parts[0]
    for i in range(1, len(parts) - 1, 2):
        markers.append((len(out), int(parts[i])))
        out += parts[i + 1]
    out = re.sub(r"\s+([,.;:)])", r"\1", out) if markers else out
    return Block("paragraph", out, page=page, markers=markers)
