"""The JSON API under /api/: the same library calls as the pages and the command line."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel

from planwatch.edits.tasks import TaskError
from planwatch.export import fact_records, target_records, task_record
from planwatch.monitor.checks import Finding
from planwatch.monitor.projection import projection_fields
from planwatch.monitor.review import documents_to_review
from planwatch.monitor.series import Point, series
from planwatch.monitor.stored import count_findings, stored_findings
from planwatch.monitor.tasks import (
    STATUSES,
    ScoreLine,
    TaskFilter,
    page_of_tasks,
    task_groups,
)
from planwatch.query.ask import Answer, ask
from planwatch.query.documents import PAGE_SIZE, DocumentFilter, count_documents, list_documents
from planwatch.query.facts import FactFilter, count_facts, find_facts
from planwatch.query.search import Hit, search
from planwatch.serve.auth import update_task
from planwatch.serve.cache import names_of_documents, scorecard_of, status_of_year
from planwatch.serve.common import ERRORS, Db, Error
from planwatch.serve.view import ApiView
from planwatch.store.freshness import OF_DOCUMENTS, pending

router = APIRouter(prefix="/api", responses=ERRORS)


class DocumentOut(BaseModel):
    doc: str
    kind: str | None
    symbol: str | None
    issued: date | None
    period_start: str | None
    period_end: str | None
    title: str | None
    fmt: str
    pages: int | None
    version: int
    facts: int
    targets: int
    tasks: int
    renderings: list[str] = []  # the same document (number and date) stored under other names
    period_source: str | None = None  # where its window came from: title, lead, body, indicator, reference, given
    time_doubt: str | None = None  # why its year is in doubt: "no_year", "tied 2019 2020"
    sureness: float | None = None  # share of its figures with a stated period and a catalogue indicator


class ToReviewOut(BaseModel):
    doc: str
    title: str | None
    kind: str | None
    province: str | None
    period_start: str | None
    period_end: str | None
    period_source: str | None
    time_doubt: str | None
    sureness: float | None
    reasons: list[str]  # in the language asked (?lang=en), Vietnamese by default


class FactOut(BaseModel):
    id: int
    doc: str
    indicator: str
    indicator_code: str | None
    measure: str
    value: float
    unit: str
    period_start: str | None
    period_end: str | None
    estimate: bool
    planned: bool
    page: int | None
    char_start: int
    char_end: int
    quote: str


class StatusOut(BaseModel):
    indicator: str
    indicator_code: str | None
    category: str
    measure: str
    target: float | None
    target_min: float | None
    target_max: float | None
    unit: str
    comparator: str
    source: str
    actual: float | None
    actual_period_end: str | None
    actual_source: str | None
    percent_of_target: float | None
    reported_plan_pct: float | None
    plan_pct_disagrees: bool
    expected_pct: float | None
    status: str
    reason: str
    projected: float | None = None  # where the year will likely end, in the target's unit (monitor/projection.py)
    projected_basis: str | None = None  # seasonal, linear, year_figure, growth_to_date, level_trend, level_held
    projected_pct: float | None = None
    outlook: str | None = None  # met, close, missed
    required_rest: dict[str, object] | None = None  # what the rest of the year must reach: kind, value, unit, text
    projection_reason: str | None = None


class TaskUpdateIn(BaseModel):
    reported_on: str
    done_on: str | None = None
    note: str = ""
    evidence: str = ""
    author: str = ""  # needed only in a store without accounts; signed in, the session's user is the author


@router.get("/documents", response_model=list[DocumentOut])
def documents(
    request: Request,
    db: Db,
    response: Response,
    kind: str | None = None,
    year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    province: str | None = None,
    after: Annotated[str | None, Query(pattern=r"^[0-9]{1,9}$", description="from the Link rel=next header")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
) -> list[DocumentOut]:
    """Current documents, the newest first, one page at a time: the next page's address is in the `Link`
    header (rel="next"), the number of matching documents in `X-Total-Count`."""
    chosen = DocumentFilter(kind, year, province)
    total = request.app.state.cache.get(
        db, "documents", (chosen,), lambda: count_documents(db, chosen), reads=OF_DOCUMENTS
    )
    page = list_documents(db, chosen, int(after) if after else None, limit, total)
    query: dict[str, object] = {"kind": kind, "year": year, "province": province, "limit": limit}
    paged(response, "/api/documents", page.total, query, {"after": page.next_after} if page.next_after else None)
    return [
        DocumentOut(
            doc=d.doc_key,
            kind=d.kind,
            symbol=d.symbol,
            issued=d.issued,
            period_start=d.period_start,
            period_end=d.period_end,
            title=d.title,
            fmt=d.fmt,
            pages=d.pages,
            version=d.version,
            facts=row.counts["facts"],
            targets=row.counts["targets"],
            tasks=row.counts["tasks"],
            renderings=[r.doc_key for r in row.renderings],
            period_source=d.period_source,
            time_doubt=d.time_doubt,
            sureness=d.sureness,
        )
        for row in page.rows
        for d in (row.document,)
    ]


@router.get("/documents/review", response_model=list[ToReviewOut])
def documents_review(db: Db, view: ApiView) -> list[ToReviewOut]:
    """Documents whose year is in doubt or whose reading is unsure (the review list), with why; setting or
    confirming a document's period (its page) takes it off."""
    return [
        ToReviewOut(
            doc=item.doc_key,
            title=item.title,
            kind=item.kind,
            province=item.province,
            period_start=item.period_start,
            period_end=item.period_end,
            period_source=item.period_source,
            time_doubt=item.time_doubt,
            sureness=item.sureness,
            reasons=[reason.text(view.lang) for reason in item.reasons()],
        )
        for item in documents_to_review(db, view.scope)
    ]


def paged(
    response: Response, path: str, total: int, query: dict[str, object], cursor: dict[str, object] | None
) -> None:
    """The paging headers of a list: how many match, and the next page's address while there is one."""
    response.headers["X-Total-Count"] = str(total)
    if cursor is not None:
        shown = {k: v for k, v in query.items() if v is not None}
        response.headers["Link"] = f'<{path}?{urlencode({**shown, **cursor})}>; rel="next"'


Province = Annotated[str | None, Query(max_length=100, description="a province of the store; all when absent")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="from the Link rel=next header")]
Limit = Annotated[int, Query(ge=1, le=1000)]


@router.get("/facts", response_model=list[FactOut])
def facts(
    db: Db,
    view: ApiView,
    response: Response,
    indicator: str | None = None,
    doc: str | None = None,
    measure: str | None = None,
    period: Annotated[str | None, Query(description="tháng cuối của kỳ, YYYY-MM")] = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> list[FactOut]:
    """Facts of current documents in document order (of one province's documents, and those naming none, when
    `province` is given), a page at a time (`X-Total-Count`, `Link` rel="next")."""
    wanted = FactFilter(indicator, doc, measure, period, None, view.scope)
    total = count_facts(db, wanted)
    more: dict[str, object] | None = {"offset": offset + limit} if offset + limit < total else None
    query: dict[str, object] = {"indicator": indicator, "doc": doc, "measure": measure, "period": period,
                                "province": view.province, "limit": limit}  # fmt: skip
    paged(response, "/api/facts", total, query, more)
    rows = find_facts(db, indicator, doc, measure, period, None, limit, view.scope, offset)
    return [
        FactOut(
            id=f.id,
            doc=key,
            indicator=f.indicator,
            indicator_code=f.indicator_code,
            measure=f.measure,
            value=f.value,
            unit=f.unit,
            period_start=f.period_start,
            period_end=f.period_end,
            estimate=f.estimate,
            planned=f.planned,
            page=f.page,
            char_start=f.char_start,
            char_end=f.char_end,
            quote=f.quote,
        )
        for f, key in rows
    ]


@router.get("/targets")
def targets(db: Db, doc: str | None = None) -> list[dict[str, object]]:
    return list(target_records(db, doc))


@router.get("/status", response_model=list[StatusOut])
def status(request: Request, db: Db, view: ApiView) -> list[StatusOut]:
    """The targets of `year` (else the latest year with actual figures) with their status against the figures of
    one province's documents: `province`, else the one with the most documents; a target is never judged on
    another province's figures."""
    return [
        StatusOut(
            indicator=r.name,
            indicator_code=r.target.indicator_code,
            category=r.category,
            measure=r.target.measure,
            target=r.target.value,
            target_min=r.target.value_min,
            target_max=r.target.value_max,
            unit=r.target.unit,
            comparator=r.target.comparator,
            source=r.doc_key,
            actual=r.actual.value if r.actual else None,
            actual_period_end=r.actual.period_end if r.actual else None,
            actual_source=r.actual.doc_key if r.actual else None,
            percent_of_target=r.percent_of_target,
            reported_plan_pct=r.reported_plan_pct,
            plan_pct_disagrees=r.plan_pct_disagrees,
            expected_pct=r.expected_pct,
            status=r.status,
            reason=r.reason,
            **projection_fields(r.projection),
        )
        for r in status_of_year(request.app.state.cache, db, view.year, view.scope)
    ]


@router.get("/series/{indicator}", response_model=list[Point])
def indicator_series(db: Db, view: ApiView, indicator: str, measure: str = "value") -> list[Point]:
    """An indicator's series (of one province's documents when `province` is given: a province formed by the 2025
    reorganisation has a line each old province before July 2025, and their computed sums)."""
    return series(db, indicator, measure, scope=view.scope)


@router.get("/tasks", responses=ERRORS)
def tasks(
    request: Request,
    db: Db,
    view: ApiView,
    response: Response,
    agency: str | None = None,
    status: str | None = None,
    doc: str | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> list[dict[str, object]]:
    """Tasks with their status on `as_of`, a page at a time (`X-Total-Count`, `Link` rel="next")."""
    if status and status not in STATUSES:
        raise HTTPException(400, f"trạng thái “{status}” không có; dùng: {', '.join(STATUSES)}")
    as_of = request.query_params.get("as_of")
    query: dict[str, object] = {
        "agency": agency,
        "status": status,
        "doc": doc,
        "as_of": as_of,
        "province": view.province,
    }
    page, total = page_of_tasks(db, view.as_of, TaskFilter(status, doc, view.scope), offset, limit, agency)
    more: dict[str, object] | None = {"offset": offset + limit} if offset + limit < total else None
    paged(response, "/api/tasks", total, {**query, "limit": limit}, more)
    return [task_record(v) for v in page]


@router.get("/tasks/scorecard", response_model=list[ScoreLine], responses=ERRORS)
def task_scorecard(request: Request, db: Db, view: ApiView) -> list[ScoreLine]:
    return scorecard_of(request.app.state.cache, db, view.as_of, view.scope)


class TaskGroupOut(BaseModel):
    doc: str
    number: str
    title: str
    period_start: str | None
    period_end: str | None
    char_start: int


@router.get("/task-groups", response_model=list[TaskGroupOut])
def groups(db: Db, doc: str | None = None) -> list[TaskGroupOut]:
    return [
        TaskGroupOut(
            doc=key,
            number=g.number,
            title=g.title,
            period_start=g.period_start,
            period_end=g.period_end,
            char_start=g.char_start,
        )
        for g, key in task_groups(db, doc)
    ]


@router.post("/tasks/{doc}/{ref}/updates", status_code=201, responses={401: {"model": Error}, 403: {"model": Error}})
def task_update(request: Request, doc: str, ref: str, update: TaskUpdateIn) -> dict[str, str]:
    """A progress update; signed in, the author is the session's user (an agency: only its own tasks)."""
    try:
        author = update_task(
            request, doc, ref, update.reported_on, update.done_on, update.note, update.evidence, update.author
        )
    except TaskError as error:
        raise HTTPException(400, str(error)) from error
    return {"status": "saved", "author": author}


@router.get("/checks", response_model=list[Finding])
def checks(db: Db, view: ApiView, response: Response, offset: Offset = 0, limit: Limit = 100) -> list[Finding]:
    """Consistency findings (of one province's documents, and those naming none, when `province` is given), the
    most severe first, a page at a time; `X-Findings-Pending: true` while another process is still checking the
    latest writes."""
    total = count_findings(db, view.scope)
    more: dict[str, object] | None = {"offset": offset + limit} if offset + limit < total else None
    paged(response, "/api/checks", total, {"province": view.province, "limit": limit}, more)
    if pending(db):  # the latest writes are still to be checked: these are the last check's
        response.headers["X-Findings-Pending"] = "true"
    return stored_findings(db, view.scope, offset, limit)


@router.get("/search", response_model=list[Hit])
def search_passages(
    db: Db, q: Annotated[str, Query(min_length=1, max_length=300)], limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> list[Hit]:
    return search(db, q, limit)


@router.get("/ask", response_model=Answer)
def answer(
    request: Request,
    db: Db,
    q: Annotated[str, Query(min_length=1, max_length=300)],
    lang: Annotated[str, Query(pattern="^(vi|en)$")] = "vi",
) -> Answer:
    return ask(db, q, lang=lang, names=names_of_documents(request, db, lang))


@router.get("/facts/export")
def export_facts(db: Db, doc: str | None = None) -> list[dict[str, object]]:
    """The facts in the export contract of EXPORT.md."""
    return list(fact_records(db, doc))
