"""The review list ("Số liệu cần đối chiếu") and what settles an entry: a person looks at the crop of the page beside
the value read and confirms it, or types the value the page shows, which becomes the fact. Either is written to
the audit trail in the change's own transaction; the figure's findings are checked again."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.review.doubts import Doubt, number_span
from planwatch.review.scanned_rows import PENDING
from planwatch.store import models
from planwatch.store.freshness import mark_stale, scope_of
from planwatch.vocab.numbers import format_number, parse_figure, parse_number
from planwatch.vocab.units import base_value, sane_figure

CONFIRMED = "confirmed"
CORRECTED = "corrected"
CROP_MARGIN = 0.04  # of the page's width and height around the figure: its words before and after show too


class ReviewError(ValueError):
    """A review that cannot be made: the figure is not there, not read by OCR, or the value is not a number."""


@dataclass(frozen=True)
class Pending:
    fact: models.Fact
    doc_key: str
    title: str | None

    @property
    def doubts(self) -> list[Doubt]:
        return [Doubt(d) for d in (self.fact.doubts or "").split(",") if d]


def _pending_query(doc: str | None = None):  # type: ignore[no-untyped-def]
    query = (
        select(models.Fact, models.Document.doc_key, models.Document.title)
        .join(models.Document)
        .where(models.Fact.review == PENDING, models.Document.is_current.is_(True))
    )
    return query.where(models.Document.doc_key == doc) if doc else query


def pending(session: Session, doc: str | None = None, limit: int = 50, offset: int = 0) -> list[Pending]:
    """Figures waiting for a person's check, document by document in the order of their text."""
    query = _pending_query(doc).order_by(models.Document.doc_key, models.Fact.char_start).limit(limit).offset(offset)
    return [Pending(fact, key, title) for fact, key, title in session.execute(query)]


def count_pending(session: Session, doc: str | None = None) -> int:
    return session.scalar(select(func.count()).select_from(_pending_query(doc).subquery())) or 0


def _fact(session: Session, fact_id: int) -> models.Fact:
    fact = session.get(models.Fact, fact_id)
    if fact is None or not fact.document.is_current:
        raise ReviewError(f"không có số liệu {fact_id}")
    if not fact.ocr:
        raise ReviewError("số liệu này không đọc bằng nhận dạng chữ (OCR)")
    return fact


def _state(fact: models.Fact) -> dict[str, object]:
    return {"value": fact.value, "unit": fact.unit, "review": fact.review, "doubts": fact.doubts}


def confirm(session: Session, fact_id: int, username: str, reason: str = "") -> models.Fact:
    """The value read is what the page shows."""
    fact = _fact(session, fact_id)
    before = _state(fact)
    fact.review = CONFIRMED
    _settled(session, fact, "fact.confirmed", username, before, reason)
    return fact


def correct(session: Session, fact_id: int, written: str, username: str, reason: str = "") -> models.Fact:
    """The page shows `written` (a number the Vietnamese way, "10.976,3"): it becomes the fact's value; the value
    read is kept beside it."""
    fact = _fact(session, fact_id)
    try:
        value = meaning(fact)(parse_number(written))
    except ValueError as error:
        raise ReviewError(f"“{written}” không phải số viết theo kiểu Việt Nam (ví dụ 10.976,3)") from error
    try:
        sane_figure(value, fact.unit)
    except ValueError as error:
        raise ReviewError(str(error)) from error
    before = _state(fact)
    if fact.value_read is None:
        fact.value_read = fact.value
    fact.value = value
    fact.base_value = base_value(value, fact.unit) if fact.measure == "value" else value
    fact.review = CORRECTED
    _settled(session, fact, "fact.corrected", username, before, reason)
    return fact


def _settled(
    session: Session, fact: models.Fact, action: str, username: str, before: dict[str, object], reason: str
) -> None:
    entity = f"fact:{fact.document.doc_key}:{fact.id}"
    record(session, username or "local", action, entity, before, _state(fact), reason)
    mark_stale(session, {scope_of(fact.document.province)})


def page_image(session: Session, doc: str, page: int) -> bytes | None:
    """The page of the current version of `doc` as OCR read it (JPEG), if it was a scanned page."""
    query = (
        select(models.PageImage.image)
        .join(models.Document)
        .where(models.Document.doc_key == doc, models.Document.is_current.is_(True), models.PageImage.page == page)
    )
    return session.scalar(query)


def crop(session: Session, fact_id: int) -> bytes:
    """The part of the page around the fact's number, the width of the page's text line, as a JPEG."""
    fact = _fact(session, fact_id)
    image = page_image(session, fact.document.doc_key, fact.page or 0)
    if image is None or not fact.ocr_box:
        raise ReviewError("không có ảnh trang của số liệu này")
    page = Image.open(io.BytesIO(image))
    x0, y0, x1, y1 = fact.ocr_box
    box = (max(0.0, x0 - 4 * CROP_MARGIN), max(0.0, y0 - CROP_MARGIN), min(1.0, x1 + 4 * CROP_MARGIN),
           min(1.0, y1 + CROP_MARGIN))  # fmt: skip
    width, height = page.size
    left, top = int(box[0] * width), int(box[1] * height)
    cut = page.convert("RGB").crop((left, top, int(box[2] * width), int(box[3] * height)))
    frame = (
        int(x0 * width) - left - 3,
        int(y0 * height) - top - 3,
        int(x1 * width) - left + 3,
        int(y1 * height) - top + 3,
    )
    ImageDraw.Draw(cut).rectangle(frame, outline=(217, 119, 6), width=2)  # the number read, framed
    out = io.BytesIO()
    cut.save(out, "JPEG", quality=85)
    return out.getvalue()


def printed(fact: models.Fact) -> float:
    """The number as the page prints it ("bằng 85,5% cùng kỳ" for a change of -14,5)."""
    start, end = number_span(fact.quote, 0, fact.value) or (0, 0)
    try:
        return parse_figure(fact.quote[start:end])
    except ValueError:
        return abs(fact.value)


def meaning(fact: models.Fact) -> Callable[[float], float]:
    """How the printed number gives the fact's value, as it did for the value read: itself, a fall ("giảm 12,2%"),
    a share of the same period ("bằng 85,5%": -14,5), beyond a plan ("vượt 45,2%": 145,2), a multiple ("gấp 1,2
    lần": 20)."""
    number, value = printed(fact), fact.value
    rules: list[Callable[[float], float]] = [
        lambda p: p, lambda p: -p, lambda p: p - 100, lambda p: p + 100, lambda p: (p - 1) * 100,
    ]  # fmt: skip
    return next((rule for rule in rules if abs(rule(number) - value) < 1e-6), rules[0])


def shown(fact: models.Fact) -> str:
    """The fact's number as the page prints it, the Vietnamese way."""
    return format_number(printed(fact))
