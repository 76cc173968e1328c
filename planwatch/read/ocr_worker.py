"""Child process that reads scanned PDF pages with tesseract: a PDF parser and an OCR engine fed untrusted images
run here, under an address-space limit of their own (larger than the text reader's: a 300 dpi page and the model
take ~250 MB), never in the process that holds the store. The parent (read/ocr_pages.py) bounds the time of
each page and of the file.

Arguments: the resolution, the page numbers (1-based, comma-separated), and `--only-images` to pass over a page
with some text whose images cover less than half of it. Input: the PDF bytes on stdin.
Output: one JSON line per page as it is read (so the parent sees progress): its size, its lines with their words
(text, box, confidence, digits' confidence) and the cleaned page image, a JPEG at half the resolution, base64."""

from __future__ import annotations

import base64
import io
import json
import resource
import sys
from typing import Any

MEMORY_LIMIT = 1536 * 1024**2
IMAGE_SCALE = 2  # the page image kept for the viewer and the review: half the resolution read
IMAGE_QUALITY = 70
MIN_DPI = 200
MAX_SIDE = 6000  # pixels of a rendered page's longer side (A3 at 300 dpi is 4.961)
MIN_TEXT = 20  # letters and digits: fewer, and the page is read whatever its images


def main(argv: list[str]) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    import pypdfium2 as pdfium
    from tesserocr import PSM, PyTessBaseAPI

    from planwatch.read import ocr

    dpi, pages = int(argv[0]), [int(p) for p in argv[1].split(",") if p]
    only_images = "--only-images" in argv
    try:
        pdf = pdfium.PdfDocument(sys.stdin.buffer.read())
    except pdfium.PdfiumError as error:
        print(f"tệp PDF hỏng: {error}", file=sys.stderr)
        return 3
    with PyTessBaseAPI(path=ocr.tessdata_dir(), lang=ocr.LANGUAGE, psm=PSM.AUTO) as api:
        for number in pages:
            if only_images and not _mostly_image(pdf[number - 1]):
                print(json.dumps({"page": number, "skipped": True}), flush=True)
                continue
            scale = _resolution(pdf[number - 1], dpi) / 72
            image = pdf[number - 1].render(scale=scale).to_pil()
            grey, grids = ocr.take_rules(ocr.clean(image), round(scale * 72))
            del image
            lines = ocr.layout(ocr.recognise(api, grey), grids)
            record = {
                "page": number,
                "size": list(grey.size),
                "lines": [
                    {"kind": line.kind, "cells": line.cells, "words": [w.as_list() for w in line.words]}
                    for line in lines
                ],  # fmt: skip
                "image": _jpeg(grey),
            }
            print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def _mostly_image(page: Any) -> bool:
    """A page without text, or one whose images cover at least half of it (a scan under a signature's text)."""
    import pypdfium2.raw as pdfium_c

    if sum(ch.isalnum() for ch in page.get_textpage().get_text_range()) < MIN_TEXT:
        return True
    width, height = page.get_size()
    covered = 0.0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return bool(covered >= 0.5 * width * height)


def _resolution(page: Any, dpi: int) -> int:
    """`dpi`, or the resolution of the page's scan when it is lower (not below MIN_DPI): a 200 dpi scan rendered at
    300 only makes its specks bigger."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    dpi = min(dpi, int(MAX_SIDE * 72 / max(width, height, 1.0)))  # a poster-sized page is read smaller
    found = [image.get_px_size()[0] * 72 / max(right - left, 1.0)
             for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
             for left, _, right, _ in [image.get_bounds()] if right - left > 0.5 * width]  # fmt: skip
    return max(min(MIN_DPI, dpi), min(dpi, round(max(found)))) if found else dpi


def _jpeg(grey: object) -> str:
    from PIL import Image

    assert isinstance(grey, Image.Image)
    small = grey.reduce(IMAGE_SCALE)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=IMAGE_QUALITY, optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
