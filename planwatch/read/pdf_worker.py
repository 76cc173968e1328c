"""Child process that reads a PDF's text layer with pypdfium2: PDF parsers have had memory-exhaustion
and recursion bugs, so untrusted files are parsed here, under a time and memory limit, never in the
process that holds the database.

Input: the PDF bytes on stdin. Output: JSON, a list of pages, each {"lines": its text lines, "boxes": its text
boxes [left, bottom, right, top, text]} (pdfium's rectangles of text on a line: a table's cells stand apart).
"""

from __future__ import annotations

import json
import resource
import sys
from typing import Any

MEMORY_LIMIT = 400 * 1024**2  # address space: the interpreter and pdfium take ~100 MB of it; a stream bomb stops here
REFUSED = 3  # the exit code of a file refused with a reason on stderr


def main() -> int:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    import pypdfium2 as pdfium

    data = sys.stdin.buffer.read()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            print("tệp PDF được mã hoá (có mật khẩu)", file=sys.stderr)
            return REFUSED
        print(f"tệp PDF hỏng: {message}", file=sys.stderr)
        return REFUSED
    try:
        pages = _pages(pdf)
    except MemoryError:
        print(f"tệp PDF hỏng: đọc cần quá {MEMORY_LIMIT // 1024**2} MB bộ nhớ", file=sys.stderr)
        return REFUSED
    except pdfium.PdfiumError as error:
        print(f"tệp PDF hỏng: {error}", file=sys.stderr)
        return REFUSED
    json.dump(pages, sys.stdout, ensure_ascii=False)
    return 0


def _pages(pdf: Any) -> list[dict[str, Any]]:
    pages = []
    for index in range(len(pdf)):
        textpage = pdf[index].get_textpage()
        text = textpage.get_text_range()
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        boxes = []
        for rect in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(rect)
            boxes.append([left, bottom, right, top, textpage.get_text_bounded(left, bottom, right, top)])
        pages.append({"lines": lines, "boxes": boxes})
    return pages


if __name__ == "__main__":
    sys.exit(main())
