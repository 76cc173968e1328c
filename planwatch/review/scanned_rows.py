"""What a scanned document adds to its rows: each fact of an OCR page marked as read by OCR, with the box of its
number, the confidence of its digits and its doubts (a doubted fact waits in the review list); the page images."""

from __future__ import annotations

from bisect import bisect_right

from planwatch.read.model import PlainText
from planwatch.read.ocr_pages import ScannedPage, locate_words
from planwatch.review.doubts import Figure, arithmetic_doubts, reading_of
from planwatch.store import models
from planwatch.store.rows import DocumentRows, Row

PENDING = "pending"


def add_scanned(rows: DocumentRows, plain: PlainText, scanned: list[ScannedPage]) -> None:
    """Mark the facts of OCR pages and add the page images (nothing for a document without scanned pages)."""
    if not scanned:
        return
    words = locate_words(plain, scanned)
    facts = rows.by_model.get(models.Fact, [])
    readings = {}
    for row in facts:  # every row with the same columns: they are inserted together
        row.update(ocr=False, ocr_box=None, ocr_confidence=None, doubts=None, review=None)
    pages = {page.number for page in scanned}
    for index, row in enumerate(facts):
        if row["page"] not in pages:
            continue
        row["ocr"] = True
        reading = reading_of(plain.text, words, row["char_start"], row["char_end"], row["value"])
        if reading is not None:
            readings[index] = reading
            row.update(page=reading.page, ocr_box=[round(v, 4) for v in reading.box], ocr_confidence=reading.confidence)
    starts = [span.start for span in plain.spans]
    figures = [_figure(i, row, starts) for i, row in enumerate(facts)]
    for index, doubts in arithmetic_doubts(figures).items():
        if index in readings:
            readings[index].doubts |= doubts
    for index, reading in readings.items():
        if reading.doubts:
            facts[index].update(doubts=",".join(sorted(reading.doubts)), review=PENDING)
    for page in scanned:
        rows.add(models.PageImage, {"page": page.number, "width": page.width, "height": page.height,
                                    "image": page.image})  # fmt: skip


def _figure(index: int, row: Row, starts: list[int]) -> Figure:
    return Figure(
        index=index,
        paragraph=starts[max(bisect_right(starts, row["char_start"]) - 1, 0)] if starts else 0,
        indicator=row["indicator"],
        parent=row["parent"],
        measure=row["measure"],
        value=row["value"],
        base=row["base_value"],
        unit=row["unit"],
        period=(row["period_start"], row["period_end"]),
        planned=row["planned"],
        prior=row["prior"],
        start=row["char_start"],
    )
