"""Văn bản: the documents list (filtered, paged, renderings of one document on one row), a document with its
figures marked, its versions and renderings, and the Planning Department's correction and deletion."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.roles import PROVINCE_WRITERS
from planwatch.edits.documents import correct_document, delete_document, dependents
from planwatch.jobs.queue import recent
from planwatch.monitor.review import count_to_review, documents_to_review, review_of
from planwatch.query.documents import DocumentFilter, count_documents, document_choices, list_documents
from planwatch.serve.auth import actor
from planwatch.serve.common import Db
from planwatch.serve.document_view import render_document
from planwatch.serve.rendering import open_session, page_lang, planning_edit, render
from planwatch.serve.review import scan_pages
from planwatch.serve.view import PageView
from planwatch.store import models
from planwatch.store.documents import current_version
from planwatch.store.freshness import OF_DOCUMENTS

router = APIRouter(include_in_schema=False)
JOBS_SHOWN = 5
YearQuery = Annotated[int | None, Query(ge=1990, le=2100)]


@router.get("/van-ban", response_class=HTMLResponse)
def documents(
    request: Request,
    kind: str | None = None,
    year: YearQuery = None,
    province: str | None = None,
    after: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
) -> HTMLResponse:
    chosen = DocumentFilter(kind or None, year, province or None)
    with open_session(request) as db:
        cache = request.app.state.cache
        total = cache.get(db, "documents", (chosen,), lambda: count_documents(db, chosen), reads=OF_DOCUMENTS)
        listed = list_documents(db, chosen, after, total=total)
        kinds, named = cache.get(db, "document-choices", (), lambda: document_choices(db), reads=OF_DOCUMENTS)
        jobs = recent(db, limit=JOBS_SHOWN)
        to_review = cache.get(db, "documents-to-review", (), lambda: count_to_review(db), reads=OF_DOCUMENTS)
        who = actor(request, db)
    filters = {k: v for k, v in (("kind", kind), ("year", year), ("province", province)) if v}
    more = "?" + urlencode({**filters, "after": listed.next_after}) if listed.next_after else ""
    return render(request, "documents.html", listed=listed, kinds=kinds, named=named, chosen=chosen, jobs=jobs,
                  more=more, who=who, to_review=to_review)  # fmt: skip


@router.get("/van-ban/can-xem-lai", response_class=HTMLResponse)
def documents_to_check(request: Request, db: Db, view: PageView) -> HTMLResponse:
    """The documents whose year is in doubt or whose reading is unsure, with why (of the province the pages show);
    planning sets or confirms their period on each document's page."""
    listed = documents_to_review(db, view.scope)
    who = actor(request, db)
    rows = [(item, [reason.text(view.lang) for reason in item.reasons()]) for item in listed]
    return render(request, "review.html", rows=rows, who=who, view=view)


def _current(db: Session, doc: str) -> models.Document:
    found = current_version(db, doc)
    if found is None:
        raise HTTPException(404)
    return found


@router.get("/van-ban/{doc}", response_class=HTMLResponse)
def document(request: Request, doc: str) -> HTMLResponse:
    with open_session(request) as db:
        found = _current(db, doc)
        facts = list(found.facts)
        blocks = render_document(found, facts)
        versions = db.scalars(
            select(models.Document).where(models.Document.doc_key == doc).order_by(models.Document.version)
        ).all()
        who = actor(request, db)
        review = review_of(found)
        return render(
            request,
            "document.html",
            doc=found,
            who=who,
            review=review,
            time_notes=[reason.text(page_lang(request)) for reason in review.reasons()],
            versions=versions,
            can_correct=who is not None and who.role in PROVINCE_WRITERS,
            message=request.query_params.get("message", ""),
            body=[(b.start, Markup(b.html), [Markup(c) for c in b.cells]) for b in blocks if b.kind != "footnote"],
            notes=[(b.footnote, b.start, Markup(b.html)) for b in blocks if b.kind == "footnote"],
            scans=scan_pages(found, facts),
        )


@router.post("/van-ban/{doc}/sua")
async def document_correct(request: Request, doc: str) -> Response:
    """The Planning Department corrects what was read of a document; who, when and why go to the audit trail."""
    form = {k: str(v) for k, v in (await request.form()).items()}

    def change(db: Session, username: str) -> str:
        changed = correct_document(db, doc, form, username or "local", form.get("reason", ""))
        return f"Đã sửa {changed} mục." if page_lang(request) == "vi" else f"{changed} fields corrected."

    return planning_edit(request, form.get("csrf_token"), change, f"/van-ban/{quote(doc)}")


@router.get("/van-ban/{doc}/xoa", response_class=HTMLResponse)
def document_delete_page(request: Request, doc: str) -> HTMLResponse:
    """What deleting the document would take with it, and the form that confirms it."""
    with open_session(request) as db:
        found = _current(db, doc)
        return render(request, "document_delete.html", doc=found, gone=dependents(db, doc))


@router.post("/van-ban/{doc}/xoa")
def document_delete(
    request: Request,
    doc: str,
    reason: Annotated[str, Form(max_length=500)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    def change(db: Session, username: str) -> str:
        gone = delete_document(db, doc, username or "local", reason)
        if page_lang(request) == "vi":
            return f"Đã xoá “{doc}” ({gone.versions} phiên bản, {gone.facts} số liệu, {gone.tasks} nhiệm vụ)."
        return f"Deleted “{doc}” ({gone.versions} versions, {gone.facts} figures, {gone.tasks} tasks)."

    return planning_edit(request, csrf_token, change, "/van-ban")
