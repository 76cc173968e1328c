"""Scanned renderings of text PDFs, as an office scanner makes them: each page an image at a resolution, turned a
little, with light noise, a red seal stamped over the first page's header, JPEG-compressed into an image-only PDF
(no text layer). Used by bench/scans.py; the seal and the noise are drawn here, never read from a file."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

import img2pdf
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFont

SEAL_RED = (205, 30, 35)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def scanned_pdf(source: Path, dpi: int, skew: float = 1.0, noise: float = 0.0, seed: int = 7,
                pages: int | None = None) -> bytes:  # fmt: skip
    """An image-only PDF of `source`'s pages at `dpi`, turned by `skew` degrees, with gaussian noise of
    `noise` grey levels (and as many dust specks), and a red seal over the first page's header."""
    rng = random.Random(seed)
    document = pdfium.PdfDocument(source)
    jpegs = []
    for index in range(min(len(document), pages or len(document))):
        image = document[index].render(scale=dpi / 72).to_pil().convert("RGB")
        if index == 0:
            image = stamp_seal(image, dpi)
        image = image.rotate(skew * rng.choice((-1, 1)), resample=Image.BICUBIC, expand=False, fillcolor="white")
        if noise:
            image = with_noise(image, noise, rng)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80, dpi=(dpi, dpi))
        jpegs.append(buffer.getvalue())
    document.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    return bytes(img2pdf.convert(jpegs, layout_fun=layout))


def stamp_seal(page: Image.Image, dpi: int) -> Image.Image:
    """A round red seal with a star and lettering, printed over the header's left half (multiplied: the black text
    under it stays black, as with ink)."""
    size = int(1.6 * dpi)
    seal = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(seal)
    width = max(3, dpi // 40)
    draw.ellipse((width, width, size - width, size - width), outline=SEAL_RED, width=width)
    inner = size // 5
    draw.ellipse((inner, inner, size - inner, size - inner), outline=SEAL_RED, width=width // 2 + 1)
    _star(draw, size // 2, size // 2, size // 9)
    font = ImageFont.truetype(str(FONT), size // 12)
    text = "ỦY BAN NHÂN DÂN TỈNH * "
    radius = size / 2 - size / 9
    for i, letter in enumerate(text):
        angle = math.pi + i * 2 * math.pi / len(text)
        x, y = size / 2 + radius * math.cos(angle), size / 2 + radius * math.sin(angle)
        glyph = Image.new("L", (size // 8, size // 8), 0)
        ImageDraw.Draw(glyph).text((size // 32, 0), letter, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        seal.paste(SEAL_RED, (int(x - size / 16), int(y - size / 16)), glyph)
    stamped = page.copy()
    left, top = int(0.9 * dpi), int(0.5 * dpi)
    region = stamped.crop((left, top, left + size, top + size))
    stamped.paste(ImageChops.multiply(region, seal), (left, top))
    return stamped


def _star(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=SEAL_RED)


def with_noise(image: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise of `sigma` grey levels over the page, and dark dust specks (one per 20.000 pixels)."""
    generator = np.random.default_rng(rng.randrange(2**32))
    pixels = np.asarray(image, dtype=np.int16)
    pixels = pixels + generator.normal(0, sigma, pixels.shape[:2])[..., None].astype(np.int16)
    height, width = pixels.shape[:2]
    specks = height * width // 20_000
    ys, xs = generator.integers(0, height - 2, specks), generator.integers(0, width - 2, specks)
    for dy in (0, 1):
        for dx in (0, 1):
            pixels[ys + dy, xs + dx] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
