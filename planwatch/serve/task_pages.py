"""The task pages: the list with its filters and scorecard, one task with its updates and the passages that speak of
it, and the update form."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from planwatch.access.roles import may_update_task
from planwatch.edits.tasks import TaskError
from planwatch.extract.agencies import default_registry
from planwatch.monitor.tasks import (
    IN_PROGRESS,
    STATUS_VI,
    STATUSES,
    TaskFilter,
    page_of_tasks,
    task_views,
)
from planwatch.query.search import related
from planwatch.serve.auth import (
    actor,
    update_task,
)
from planwatch.serve.cache import scorecard_of
from planwatch.serve.common import Db
from planwatch.serve.rendering import (
    marked,
    next_page,
    refused,
    render,
)
from planwatch.serve.view import PageView
from planwatch.store import models
from planwatch.store.current import predecessor_documents

router = APIRouter(include_in_schema=False)


TASKS_SHOWN = 50  # rows of the tasks list a screen shows; the next ones a link away
TASKS_PRINTED = 2000  # rows the same page prints (a year's plan whole): the rows past the screen's are for print only
RELATED_SHOWN = 5  # passages of other documents shown on a task's page


@router.get("/nhiem-vu", response_class=HTMLResponse)
def tasks(
    request: Request,
    db: Db,
    view: PageView,
    agency: str | None = None,
    status: str | None = None,
    message: str | None = None,
    soon: Annotated[int | None, Query(ge=1, le=366, description="due within this many days")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    day, scope, message = view.as_of, view.scope, view.notice or message
    chosen = IN_PROGRESS if soon else status if status in STATUSES else None
    horizon = day + timedelta(days=soon) if soon else None
    lines = scorecard_of(request.app.state.cache, db, day, scope, agency or None)  # it follows the agency filter
    wanted = TaskFilter(chosen, scope=scope, due_before=horizon)
    views, total = page_of_tasks(db, day, wanted, offset, TASKS_PRINTED, agency or None)
    who = actor(request, db)
    registry = default_registry()
    names = {code: a.name for code, a in registry.agencies.items()}
    editable = {  # the rows on the screen: those printed only carry no form (2.000 forms were 0,9 MB a page)
        (v.doc_key, v.task.ref)
        for v in views[:TASKS_SHOWN]
        if who and may_update_task(who.role, who.agency, v.task.agency_codes)
    }
    return render(
        request,
        "tasks.html",
        who=who,
        editable=editable,
        back=f"?{request.url.query}" if request.url.query else "",
        views=views,
        shown=TASKS_SHOWN,
        total=total,
        more=next_page(request, offset + TASKS_SHOWN) if offset + TASKS_SHOWN < total else "",
        lines=lines,
        names=names,
        old_places=predecessor_documents(db, scope, (v.doc_key for v in views)),  # marked with the old name
        status_vi=STATUS_VI,
        statuses=STATUSES,
        agency=agency or "",
        status=status or "",
        soon=soon,
        day=day,
        message=message,
        view=view,
    )


@router.post("/nhiem-vu/cap-nhat")
def task_update(
    request: Request,
    doc: Annotated[str, Form()],
    ref: Annotated[str, Form()],
    reported_on: Annotated[str, Form()],
    author: Annotated[str, Form()] = "",
    done_on: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    evidence: Annotated[str, Form()] = "",
    csrf_token: Annotated[str | None, Form()] = None,
    back: Annotated[str, Form()] = "",
) -> Response:
    try:
        update_task(request, doc, ref, reported_on, done_on or None, note, evidence, author, csrf_token)
        message = f"Đã lưu cập nhật nhiệm vụ {ref}."
    except TaskError as error:
        message = f"Không lưu: {error}"
    except HTTPException as error:
        return refused(request, error)
    query = back if back.startswith("?") else ""
    joiner = "&" if query else "?"
    return RedirectResponse(f"/nhiem-vu{query}{joiner}message={quote(message)}", status_code=303)


@router.get("/nhiem-vu/{doc}/{ref}", response_class=HTMLResponse)
def task_page(request: Request, db: Db, view: PageView, doc: str, ref: str) -> HTMLResponse:
    """One task: its full text, agencies, deadline and where that came from, status, every update, the report
    passages people linked to it, and the passages of other documents that speak of it most (full-text search)."""
    found = [v for v in task_views(db, view.as_of, doc=doc) if v.task.ref == ref]
    if not found:
        raise HTTPException(404)
    who = actor(request, db)
    task = found[0]
    linked = db.scalars(select(models.TaskLink).where(models.TaskLink.doc_key == doc, models.TaskLink.ref == ref)).all()
    names = " ; ".join([*task.task.agencies, *task.task.coordinating, task.task.agencies_text])
    reports = [(h, marked(h.text, h.marks)) for h in related(db, task.task.quote, RELATED_SHOWN, doc, names)]
    registry = default_registry()
    agencies = [
        registry.name_of(code) if code else name
        for name, code in zip(task.task.agencies, task.task.agency_codes, strict=False)
    ]
    return render(
        request,
        "task.html",
        who=who,
        v=task,
        agencies=agencies,
        status_vi=STATUS_VI,
        day=view.as_of,
        editable=bool(who and may_update_task(who.role, who.agency, task.task.agency_codes)),
        back=request.query_params.get("back", ""),
        linked=linked,
        related=reports,
    )
