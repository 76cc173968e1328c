"""Cơ quan: the agency registry (the Planning Department adds spellings and new agencies, and names the agencies
that tasks address but the registry does not know), and an agency's page: its tasks, what is overdue or due
soon, and its on-time rate quarter by quarter."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from planwatch.edits.agencies import KINDS, add_agency_alias
from planwatch.monitor.agencies import agency_record, registry_rows
from planwatch.monitor.tasks import IN_PROGRESS, OVERDUE, STATUS_VI, unknown_agencies
from planwatch.serve.auth import actor
from planwatch.serve.cache import scorecard_of
from planwatch.serve.common import Db
from planwatch.serve.rendering import page_lang, planning_edit, render
from planwatch.serve.view import PageView
from planwatch.store.freshness import OF_DOCUMENTS

router = APIRouter(include_in_schema=False)
SOON_DAYS = 30


@router.get("/co-quan", response_class=HTMLResponse)
def registry_page(request: Request, db: Db, view: PageView) -> HTMLResponse:
    day, scope, cache = view.as_of, view.scope, request.app.state.cache
    rows = registry_rows(db, scorecard_of(cache, db, day, scope))
    unknown = cache.get(db, "unknown", (scope,), lambda: unknown_agencies(db, scope), reads=OF_DOCUMENTS)
    who = actor(request, db)
    return render(request, "agencies.html", who=who, rows=rows, unknown=unknown, kinds=KINDS, day=day,
                  message=request.query_params.get("message", ""), view=view)  # fmt: skip


@router.post("/co-quan/them")
def registry_add(
    request: Request,
    alias: Annotated[str, Form(max_length=300)],
    code: Annotated[str, Form(max_length=50)],
    name: Annotated[str, Form(max_length=300)] = "",
    kind: Annotated[str, Form(max_length=20)] = "department",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    def change(db: Session, username: str) -> str:
        changed = add_agency_alias(db, alias, code, name, kind, username or "local")
        if page_lang(request) == "vi":
            return f"Đã thêm “{alias}” ({code}); {changed} nhiệm vụ đã có được gắn mã."
        return f"Added “{alias}” ({code}); {changed} stored tasks now carry the code."

    return planning_edit(request, csrf_token, change, "/co-quan")


@router.get("/co-quan/{code}", response_class=HTMLResponse)
def agency_page(request: Request, db: Db, view: PageView, code: str) -> HTMLResponse:
    day = view.as_of
    found = agency_record(db, code, day, view.scope)
    who = actor(request, db)
    if found is None:
        raise HTTPException(404)
    horizon = day + timedelta(days=SOON_DAYS)
    soon = [v for v in found.views if v.status == IN_PROGRESS and v.due and v.due <= horizon]
    overdue = [v for v in found.views if v.status == OVERDUE]
    return render(request, "agency.html", who=who, rec=found, day=day, soon=sorted(soon, key=lambda v: v.due or day),
                  overdue=overdue, soon_days=SOON_DAYS, status_vi=STATUS_VI, view=view)  # fmt: skip
