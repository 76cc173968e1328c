"""Scanned pages drawn in the tests (no binary fixture): lines of our own text and an optional ruled table printed
with a DejaVu font at 300 dpi, a red seal over the header, turned by a degree, saved as an image-only PDF."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
DPI = 300
WIDTH = 2480  # A4 at 300 dpi
MARGIN = 180
LINE = 62
SEAL_RED = (210, 25, 30)


def page_image(
    lines: list[str], table: list[list[str]] | None = None, seal: bool = True, skew: float = 1.0
) -> Image.Image:
    """One page: `lines` one under the other, then `table` with rules round every cell."""
    font = ImageFont.truetype(str(FONT), 40)
    height = MARGIN * 2 + LINE * (len(lines) + 1) + (len(table) * 2 * LINE if table else 0)
    page = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(page)
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, fill="black", font=font)
        y += LINE
    if table:
        y += LINE // 2
        columns = [MARGIN, MARGIN + 200, MARGIN + 1300, WIDTH - MARGIN]
        for row in table:
            draw.line((columns[0], y, columns[-1], y), fill="black", width=3)
            for x, cell in zip(columns, row, strict=False):
                draw.text((x + 20, y + 20), cell, fill="black", font=font)
            y += 2 * LINE
        draw.line((columns[0], y, columns[-1], y), fill="black", width=3)
        top = y - 2 * LINE * len(table)
        for x in columns:
            draw.line((x, top, x, y), fill="black", width=3)
    if seal:
        page = ImageChops.multiply(page, _seal(page.size))
    return page.rotate(skew, resample=Image.BICUBIC, fillcolor="white")


def _seal(size: tuple[int, int]) -> Image.Image:
    """A red ring with lettering over the header, printed as ink is (the text under it stays black)."""
    stamp = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(stamp)
    box = (MARGIN + 100, MARGIN - 120, MARGIN + 500, MARGIN + 280)
    draw.ellipse(box, outline=SEAL_RED, width=10)
    draw.ellipse((box[0] + 70, box[1] + 70, box[2] - 70, box[3] - 70), outline=SEAL_RED, width=5)
    draw.text((box[0] + 90, box[1] + 170), "ĐÓNG DẤU", fill=SEAL_RED, font=ImageFont.truetype(str(FONT), 44))
    return stamp


def scanned_pdf(*pages: Image.Image) -> bytes:
    """An image-only PDF of the pages (JPEG inside, as scanners make)."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, "PDF", resolution=DPI, save_all=True, append_images=rest)
    return out.getvalue()
