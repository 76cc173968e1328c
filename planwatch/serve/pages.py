"""The pages: Tổng quan, Kiểm tra, Tìm kiếm, sign-in and the audit trail. Each is a few library calls and a
template; the API module makes the same calls. Indicators, tasks, documents, agencies and data entry have page
modules of their own."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.access.audit import entries
from planwatch.access.roles import PROVINCE_WRITERS
from planwatch.monitor.key_figures import key_figures
from planwatch.monitor.stored import (
    count_findings,
    stored_findings,
)
from planwatch.monitor.tasks import (
    OVERDUE,
    TaskFilter,
    count_tasks,
)
from planwatch.query.ask import ask
from planwatch.query.search import search
from planwatch.query.years import years_spoken_of
from planwatch.report.content import default_outline
from planwatch.report.kinds import ReportKind
from planwatch.serve.auth import (
    actor,
    sign_in,
    sign_out,
)
from planwatch.serve.cache import names_of_documents, status_of_year
from planwatch.serve.charts import sparkline
from planwatch.serve.common import Db
from planwatch.serve.rendering import (
    marked,
    next_page,
    open_session,
    page_lang,
    refused,
    render,
)
from planwatch.serve.view import PageView
from planwatch.store import freshness, models
from planwatch.store.scope import WHOLE
from planwatch.view import View
from planwatch.vocab.catalogue import CATEGORIES, UNCLASSIFIED, default_catalogue
from planwatch.vocab.periods import parse_period, period_words

router = APIRouter(include_in_schema=False)


STATUS_CLASS = {"đạt/vượt": "ok", "đúng tiến độ": "on", "chậm": "slow", "nguy cơ không đạt": "risk"}


def _years(request: Request, db: Session) -> list[int]:
    """The years a year selector offers, computed once per state of the store."""
    years: list[int] = request.app.state.cache.get(
        db, "years", (), lambda: years_spoken_of(db), reads=freshness.OF_DOCUMENTS
    )
    return years


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, db: Db, view: PageView) -> HTMLResponse:
    year, scope, cache = view.year, view.scope, request.app.state.cache
    years = sorted({*_years(request, db), year}, reverse=True)
    until = f"{view.as_of:%Y-%m}" if view.as_of.year <= year else None  # the figures known on the day
    rows = status_of_year(cache, db, year, scope, until)
    overdue = cache.get(
        db, "overdue", (year, scope, view.as_of), lambda: _overdue_in(db, view), reads=freshness.OF_TASKS
    )
    key = cache.get(
        db,
        "key",
        (year, scope),
        lambda: key_figures(db, year, list(default_outline().key_indicators), default_catalogue(), scope),
        scope,
    )
    empty = db.scalar(select(models.Document.id).limit(1)) is None
    findings = count_findings(db, scope)
    db_latest = cache.get(db, "latest-month", (year,), lambda: _latest_month(db, year), WHOLE)
    pending = freshness.pending(db)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r.category].append(
            {"row": r, "css": STATUS_CLASS.get(r.status, "none"), "spark": Markup(sparkline([v for _, v in r.trend]))}
        )
    order = {category: i for i, category in enumerate((*CATEGORIES, UNCLASSIFIED))}
    ordered = dict(sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order))))
    kind, month = _paper_period(db_latest, year)
    view_lang = page_lang(request)
    return render(
        request,
        "overview.html",
        year=year,
        years=years,
        groups=ordered,
        overdue=overdue,
        findings=findings,
        key=[(k, period_words(parse_period(k.point.period_start, k.point.period_end), view_lang)) for k in key],
        empty=empty,
        report_kinds=[k.value for k in ReportKind],
        view=view,
        pending=pending,
        paper_kind=kind,
        paper_period=month,
        day=view.as_of,
    )


def _overdue_in(db: Session, view: View) -> int:
    """Tasks due in the view's year and overdue on its day."""
    year = view.year
    wanted = TaskFilter(OVERDUE, scope=view.scope, due_after=date(year, 1, 1), due_before=date(year, 12, 31))
    return count_tasks(db, view.as_of, wanted)


def _latest_month(db: Session, year: int) -> str | None:
    """The latest month of `year` with a figure that is not a plan's."""
    within = models.Fact.period_end.between(f"{year:04d}-01", f"{year:04d}-12")
    return db.scalar(select(func.max(models.Fact.period_end)).where(within, models.Fact.planned.is_(False)))


def _paper_period(latest: str | None, year: int) -> tuple[str, str]:
    """The report the dashboard offers first: the latest month of the year with figures, and its natural kind."""
    month = latest if latest and latest.startswith(str(year)) else f"{year}-12"
    number = int(month[5:])
    kind = {6: ReportKind.SIX_MONTH, 12: ReportKind.ANNUAL, 3: ReportKind.QUARTERLY, 9: ReportKind.QUARTERLY}
    return kind.get(number, ReportKind.MONTHLY).value, month


FINDINGS_SHOWN = 100  # findings the checks page lists; the API pages through them all


@router.get("/kiem-tra", response_class=HTMLResponse)
def checks(
    request: Request, db: Db, view: PageView, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0
) -> HTMLResponse:
    total = count_findings(db, view.scope)
    findings = stored_findings(db, view.scope, offset, FINDINGS_SHOWN)
    pending = freshness.pending(db)
    more = next_page(request, offset + FINDINGS_SHOWN) if offset + FINDINGS_SHOWN < total else ""
    return render(request, "checks.html", findings=findings, total=total, offset=offset, more=more, view=view,
                  pending=pending)  # fmt: skip


@router.get("/tim-kiem", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    hits: list[tuple[Any, Markup]] = []
    answer = None
    if q.strip():
        with open_session(request) as db:
            lang = page_lang(request)
            answer = ask(db, q, lang=lang, names=names_of_documents(request, db, lang))
            for hit in search(db, q[:300], 20):
                hits.append((hit, marked(hit.text, hit.marks)))
    return render(request, "search.html", q=q, hits=hits, answer=answer)


@router.get("/dang-nhap", response_class=HTMLResponse)
def login_page(request: Request, message: str = "") -> HTMLResponse:
    return render(request, "login.html", message=message)


@router.post("/dang-nhap")
def login_form(
    request: Request, username: Annotated[str, Form(max_length=100)], password: Annotated[str, Form(max_length=200)]
) -> Response:
    response = RedirectResponse("/", status_code=303)
    try:
        with open_session(request) as db:
            sign_in(request, db, response, username, password)
    except HTTPException as error:
        page = render(request, "login.html", message=str(error.detail))
        page.status_code = error.status_code
        return page
    return response


@router.post("/dang-xuat")
def logout_form(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    response = RedirectResponse("/", status_code=303)
    try:
        with open_session(request) as db:
            sign_out(request, db, response, csrf_token)
    except HTTPException as error:
        return refused(request, error)
    return response


@router.get("/nhat-ky", response_class=HTMLResponse)
def audit_page(request: Request, user: str | None = None) -> HTMLResponse:
    """The audit trail, latest first: for the Planning Department and admins once accounts exist."""
    with open_session(request) as db:
        who = actor(request, db)
        if who is None or who.role not in PROVINCE_WRITERS:
            return refused(request, HTTPException(401 if who is None else 403, "nhật ký chỉ dành cho Sở Kế hoạch"))
        rows = entries(db, username=user or None)
    return render(request, "audit.html", who=who, rows=rows, user=user or "")
