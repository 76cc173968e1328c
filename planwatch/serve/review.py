"""Số liệu cần đối chiếu: the figures read by OCR that a person must check, with the crop of the page beside the value
read; planning confirms or corrects each (`/doi-chieu`, and the same through `/api/review`). The page images of
scanned documents, for the document viewer and the crops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from planwatch.access.roles import PROVINCE_WRITERS
from planwatch.review.corrections import (
    Pending,
    ReviewError,
    confirm,
    correct,
    count_pending,
    crop,
    page_image,
    pending,
    shown,
)
from planwatch.serve.api import Limit, Offset, paged
from planwatch.serve.auth import actor, writer
from planwatch.serve.common import ERRORS, Db, Error
from planwatch.serve.rendering import open_session, page_lang, planning_edit, render
from planwatch.store import models

router = APIRouter(responses=ERRORS)
FactId = Annotated[int, Path(ge=1, le=2**31 - 1)]
IMAGE_HEADERS = {"Cache-Control": "private, max-age=3600"}


class ReviewItem(BaseModel):
    id: int
    doc: str
    page: int | None
    indicator: str
    measure: str
    value: float  # the fact's value as stored (a change in %: "giảm 12,2%" is -12.2)
    printed: str  # the number as the page prints it, the Vietnamese way
    unit: str
    quote: str
    doubts: list[str]  # low_confidence, format, parts, plan, change
    confidence: float | None  # the lowest confidence of its digits, 0-100
    box: list[float] | None  # x0, y0, x1, y1 as fractions of the page image
    crop: str  # the address of the crop of the page around the number
    page_image: str | None

    @classmethod
    def of(cls, item: Pending) -> ReviewItem:
        fact = item.fact
        return cls(id=fact.id, doc=item.doc_key, page=fact.page, indicator=fact.indicator, measure=fact.measure,
                   value=fact.value, printed=shown(fact), unit=fact.unit, quote=fact.quote,
                   doubts=[str(d) for d in item.doubts], confidence=fact.ocr_confidence, box=fact.ocr_box,
                   crop=f"/api/facts/{fact.id}/crop.jpg",
                   page_image=_page_address(item.doc_key, fact.page))  # fmt: skip


@dataclass(frozen=True)
class ScanBox:
    fact: int
    left: float  # % of the page image
    top: float
    width: float
    height: float
    doubted: bool
    title: str


def scan_pages(document: models.Document, facts: list[models.Fact]) -> list[tuple[int, list[ScanBox]]]:
    """The scanned pages of a document, each with the boxes of the figures read on it (for the viewer)."""
    pages = sorted(db_page for db_page, in object_session(document).execute(  # type: ignore[union-attr]
        select(models.PageImage.page).where(models.PageImage.document_id == document.id)))  # fmt: skip
    boxes: dict[int, list[ScanBox]] = {page: [] for page in pages}
    for fact in facts:
        if fact.ocr_box and fact.page in boxes:
            x0, y0, x1, y1 = fact.ocr_box
            boxes[fact.page].append(ScanBox(fact.id, 100 * x0, 100 * y0, 100 * (x1 - x0), 100 * (y1 - y0),
                                            fact.review == "pending", f"{fact.indicator}: {shown(fact)}"))  # fmt: skip
    return sorted(boxes.items())


def _page_address(doc: str, page: int | None) -> str | None:
    return f"/api/documents/{quote(doc)}/pages/{page}.jpg" if page else None


class ReviewIn(BaseModel):
    action: Literal["confirm", "correct"]
    value: str | None = Field(None, max_length=40, description="for correct: the number the page prints, '10.976,3'")
    reason: str = Field("", max_length=500)


class Reviewed(BaseModel):
    id: int
    review: str
    value: float
    value_read: float | None


@router.get("/api/review", response_model=list[ReviewItem])
def review_list(
    db: Db, response: Response, doc: str | None = None, offset: Offset = 0, limit: Limit = 50
) -> list[ReviewItem]:
    """Số liệu cần đối chiếu: figures read by OCR whose digits were unsure, whose writing is not a number the
    Vietnamese way, or whose arithmetic with the figures beside them does not hold; `X-Total-Count` counts them."""
    total = count_pending(db, doc)
    more: dict[str, object] | None = {"offset": offset + limit} if offset + limit < total else None
    paged(response, "/api/review", total, {"doc": doc, "limit": limit}, more)
    return [ReviewItem.of(item) for item in pending(db, doc, limit, offset)]


@router.post("/api/facts/{fact_id}/review", response_model=Reviewed,
             responses={401: {"model": Error}, 403: {"model": Error}})  # fmt: skip
def review_fact(request: Request, fact_id: FactId, review: ReviewIn) -> Reviewed:
    """Planning confirms the value read, or corrects it with the number the page prints (it becomes the fact);
    written to the audit trail."""
    try:
        with request.app.state.sessions.begin() as db:
            who = writer(request, db, PROVINCE_WRITERS)
            fact = _settle(db, fact_id, review.action, review.value, who.username or "local", review.reason)
            return Reviewed(id=fact.id, review=fact.review or "", value=fact.value, value_read=fact.value_read)
    except ReviewError as error:
        raise HTTPException(400 if "không có số liệu" not in str(error) else 404, str(error)) from error


def _settle(db: Session, fact_id: int, action: str, value: str | None, username: str, reason: str):  # type: ignore[no-untyped-def]
    if action == "confirm":
        return confirm(db, fact_id, username, reason)
    if not value:
        raise ReviewError("cần nhập giá trị đúng trên trang (ví dụ 10.976,3)")
    return correct(db, fact_id, value, username, reason)


@router.get("/api/facts/{fact_id}/crop.jpg", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}}}})  # fmt: skip
def fact_crop(db: Db, fact_id: FactId) -> Response:
    """The part of the scanned page around a figure read by OCR."""
    try:
        return Response(crop(db, fact_id), media_type="image/jpeg", headers=IMAGE_HEADERS)
    except ReviewError as error:
        raise HTTPException(404, str(error)) from error


@router.get("/api/documents/{doc}/pages/{page}.jpg", response_class=Response,
            responses={200: {"content": {"image/jpeg": {}}}})  # fmt: skip
def document_page(db: Db, doc: str, page: Annotated[int, Path(ge=1, le=100_000)]) -> Response:
    """A scanned page of a document as OCR read it (cleaned and turned straight)."""
    image = page_image(db, doc, page)
    if image is None:
        raise HTTPException(404, f"văn bản {doc} không có ảnh trang {page}")
    return Response(image, media_type="image/jpeg", headers=IMAGE_HEADERS)


@router.get("/doi-chieu", response_class=HTMLResponse, include_in_schema=False)
def review_page(
    request: Request, doc: str | None = None, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> HTMLResponse:
    with open_session(request) as db:
        items = pending(db, doc, 50, offset)
        total = count_pending(db, doc)
        who = actor(request, db)
        listed = [(item, shown(item.fact)) for item in items]
    more = f"/doi-chieu?offset={offset + 50}" + (f"&doc={quote(doc)}" if doc else "") if offset + 50 < total else ""
    can_review = who is not None and who.role in PROVINCE_WRITERS
    return render(request, "ocr_review.html", items=listed, total=total, doc=doc, more=more, can_review=can_review,
                  message=request.query_params.get("message", ""))  # fmt: skip


@router.post("/doi-chieu/{fact_id}", include_in_schema=False)
def review_form(
    request: Request,
    fact_id: FactId,
    action: Annotated[Literal["confirm", "correct"], Form()],
    value: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    def change(db: Session, username: str) -> str:
        vi = page_lang(request) == "vi"
        try:
            fact = _settle(db, fact_id, action, value or None, username or "local", reason)
        except ReviewError as error:
            return f"{'Không lưu' if vi else 'Not saved'}: {error}"
        if fact.review == "confirmed":
            return f"Đã xác nhận số liệu {shown(fact)}." if vi else f"Figure {shown(fact)} confirmed."
        return f"Đã sửa thành {value.strip()}." if vi else f"Corrected to {value.strip()}."

    return planning_edit(request, csrf_token, change, "/doi-chieu")
