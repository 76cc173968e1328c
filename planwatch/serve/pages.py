"""The pages: Tổng quan, Chỉ tiêu, Văn bản, Nhiệm vụ, Kiểm tra, Tìm kiếm. Each is a few library calls and a
template; the API module makes the same calls."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.access.audit import entries
from planwatch.access.roles import PROVINCE_WRITERS
from planwatch.access.sessions import end as end_session
from planwatch.extract.agencies import default_registry
from planwatch.monitor.key_figures import key_figures
from planwatch.monitor.plan_edits import (
    COMPARATORS,
    MEASURES,
    TargetInput,
    add_indicator_alias,
    set_target,
)
from planwatch.monitor.progress import year_targets
from planwatch.monitor.series import Point, compare_years, series
from planwatch.monitor.stored import (
    checked_version,
    count_findings,
    refresh_pending,
    stored_findings,
    unclassified_labels,
)
from planwatch.monitor.tasks import (
    IN_PROGRESS,
    OVERDUE,
    STATUS_VI,
    STATUSES,
    TaskError,
    TaskFilter,
    count_tasks,
    page_of_tasks,
    parse_date,
    store_scorecard,
    task_views,
)
from planwatch.query.ask import ask
from planwatch.query.facts import find_facts
from planwatch.query.search import related, search
from planwatch.report.content import default_outline
from planwatch.report.kinds import ReportKind
from planwatch.serve.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    actor,
    may_update,
    sign_in,
    update_task,
)
from planwatch.serve.cache import status_of_year
from planwatch.serve.charts import ChartPoint, YearChart, sparkline, year_chart
from planwatch.serve.labels import LABELS
from planwatch.serve.rendering import marked, open_session, page_lang, planning_edit, province_choice, refused, render
from planwatch.store import models
from planwatch.text.fold import matches
from planwatch.vocab.catalogue import CATEGORIES, UNCLASSIFIED, Indicator, default_catalogue
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import parse_period, period_words
from planwatch.vocab.units import same_kind, unit_by_name

router = APIRouter(include_in_schema=False)


FACTS_SHOWN = 300  # an indicator page lists at most this many facts; the API has them all
STATUS_CLASS = {"đạt/vượt": "ok", "đúng tiến độ": "on", "chậm": "slow", "nguy cơ không đạt": "risk"}


def _years(request: Request, db: Session) -> list[int]:
    """Every year the store speaks of (of its figures, not plans', targets and task deadlines), computed once per
    state of the store."""
    return request.app.state.cache.get(db, "years", (), lambda: _years_of(db))  # type: ignore[no-any-return]


def _years_of(db: Session) -> list[int]:
    """The years the store speaks of: of its reports' periods, its targets and its deadlines (the documents, not
    their many facts, say which years their figures are of)."""
    d = models.Document
    periods = select(func.substr(d.period_end, 1, 4)).where(d.is_current.is_(True), d.period_end.is_not(None))
    years = {int(y) for (y,) in db.execute(periods.distinct()) if y and y.isdigit()}
    years |= {y for (y,) in db.execute(select(models.Target.year).distinct())}
    years |= {d.year for (d,) in db.execute(select(models.Task.deadline).distinct()) if d}
    return sorted(years, reverse=True)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, year: Annotated[int | None, Query(ge=1990, le=2100)] = None) -> HTMLResponse:
    with open_session(request) as db:
        years = _years(request, db)
        year = year or (_latest_with_figures(request, db) or (years[0] if years else date.today().year))
        years = sorted({*years, year}, reverse=True)
        province, provinces = province_choice(request, db)
        cache = request.app.state.cache
        checked = checked_version(db, province)
        rows = status_of_year(cache, db, year, province, checked)
        overdue = cache.get(db, "overdue", (year, province), lambda: _overdue_in(db, year, province))
        key = cache.get(
            db,
            "key",
            (year, province),
            lambda: key_figures(db, year, list(default_outline().key_indicators), default_catalogue(), province),
            checked,
        )
        empty = db.scalar(select(models.Document.id).limit(1)) is None
        findings = count_findings(db, province)
        db_latest = cache.get(db, "latest-month", (year,), lambda: _latest_month(db, year), checked_version(db))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r.category].append(
            {"row": r, "css": STATUS_CLASS.get(r.status, "none"), "spark": Markup(sparkline([v for _, v in r.trend]))}
        )
    order = {category: i for i, category in enumerate((*CATEGORIES, UNCLASSIFIED))}
    ordered = dict(sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order))))
    kind, month = _paper_period(db_latest, year)
    return render(
        request,
        "overview.html",
        year=year,
        years=years,
        groups=ordered,
        overdue=overdue,
        findings=findings,
        key=[(k, period_words(parse_period(k.point.period_start, k.point.period_end))) for k in key],
        empty=empty,
        report_kinds=[k.value for k in ReportKind],
        province=province,
        provinces=provinces,
        paper_kind=kind,
        paper_period=month,
    )


def _overdue_in(db: Session, year: int, province: str | None) -> int:
    """Tasks due in `year` and overdue today."""
    wanted = TaskFilter(OVERDUE, province=province, due_after=date(year, 1, 1), due_before=date(year, 12, 31))
    return count_tasks(db, date.today(), wanted)


def _latest_month(db: Session, year: int) -> str | None:
    """The latest month of `year` with a figure that is not a plan's."""
    within = models.Fact.period_end.between(f"{year:04d}-01", f"{year:04d}-12")
    return db.scalar(select(func.max(models.Fact.period_end)).where(within, models.Fact.planned.is_(False)))


def _latest_with_figures(request: Request, db: Session) -> int | None:
    """The latest year of the store's own figures (a plan's figures for years ahead do not count), computed once
    per state of the store."""
    cache = request.app.state.cache
    return cache.get(db, "latest", (), lambda: _latest_of(db), checked_version(db))  # type: ignore[no-any-return]


def _latest_of(db: Session) -> int | None:
    latest = db.scalar(
        select(func.max(models.Fact.period_end)).where(
            models.Fact.planned.is_(False), models.Fact.elsewhere.is_(False), models.Fact.prior.is_(False)
        )
    )
    return int(latest[:4]) if latest else None


def _paper_period(latest: str | None, year: int) -> tuple[str, str]:
    """The report the dashboard offers first: the latest month of the year with figures, and its natural kind."""
    month = latest if latest and latest.startswith(str(year)) else f"{year}-12"
    number = int(month[5:])
    kind = {6: ReportKind.SIX_MONTH, 12: ReportKind.ANNUAL, 3: ReportKind.QUARTERLY, 9: ReportKind.QUARTERLY}
    return kind.get(number, ReportKind.MONTHLY).value, month


@router.get("/chi-tieu", response_class=HTMLResponse)
def catalogue_page(
    request: Request,
    message: str = "",
    q: Annotated[str, Query(max_length=100)] = "",
    category: Annotated[str, Query(max_length=50)] = "",
) -> HTMLResponse:
    """The indicator catalogue by category, each indicator with its latest figure and target of the latest year
    with figures (filtered by words, with or without diacritics, and by category), and the labels no indicator
    names yet, each with a form to name it."""
    catalogue = default_catalogue()
    indicators = [
        i
        for i in sorted(catalogue.indicators.values(), key=lambda i: (CATEGORIES.index(i.category), i.name))
        if (not q or matches(q, i.name) or any(matches(q, a) for a in i.aliases)) and category in ("", i.category)
    ]
    with open_session(request) as db:
        province, provinces = province_choice(request, db)
        labels = request.app.state.cache.get(
            db, "unclassified", (), lambda: unclassified_labels(db)[:REVIEW_SHOWN], checked_version(db)
        )
        waiting = [(label, count, catalogue.closest(label)) for label, count in labels]
        year = _latest_with_figures(request, db) or date.today().year
        every = list(catalogue.indicators)  # computed once for the whole catalogue, filtered below
        figures = request.app.state.cache.get(
            db,
            "catalogue",
            (year, province),
            lambda: key_figures(db, year, every, catalogue, province),
            checked_version(db, province),
        )
        latest = {k.indicator.code: k.point for k in figures}
        targets = {
            t.indicator_code: t
            for t, _ in year_targets(db, year, province)
            if t.indicator_code in catalogue.indicators
            and t.measure == catalogue.indicators[t.indicator_code].own_measure
        }  # the target of the indicator's own number, not of its growth or share
    return render(
        request,
        "catalogue.html",
        indicators=indicators,
        all_indicators=sorted(catalogue.indicators.values(), key=lambda i: i.name),
        latest=latest,
        targets=targets,
        year=year,
        categories=CATEGORIES,
        q=q,
        category=category,
        waiting=waiting,
        message=message,
        province=province,
        provinces=provinces,
    )


@router.post("/chi-tieu/gan-ma")
def map_label(
    request: Request,
    label: Annotated[str, Form()],
    code: Annotated[str, Form()],
    author: Annotated[str, Form()] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    """A person names the indicator a label means; remembered for later documents, applied to stored ones."""

    def change(db: Session, username: str) -> str:
        name = username or author.strip() or "web"
        changed = add_indicator_alias(db, label, code, name)
        return f"Đã gắn “{label}” vào {code} ({changed} số liệu, chỉ tiêu)."

    return planning_edit(request, csrf_token, change, "/chi-tieu", "#cho-xem-xet")


FINDINGS_SHOWN = 100  # findings the checks page lists; the API pages through them all
TASKS_SHOWN = 50  # rows of the tasks list a page shows; the next ones a link away
RELATED_SHOWN = 5  # passages of other documents shown on a task's page
REVIEW_SHOWN = 200  # labels the review list shows, the most frequent first


@router.get("/chi-tieu/{code}", response_class=HTMLResponse)
def indicator(request: Request, code: str) -> HTMLResponse:
    catalogue = default_catalogue()
    if code not in catalogue.indicators:
        raise HTTPException(404)
    info = catalogue.indicators[code]
    lang = page_lang(request)
    with open_session(request) as db:
        province, provinces = province_choice(request, db)
        checked, cache = checked_version(db, province), request.app.state.cache
        every = cache.get(db, "series", (code, province), lambda: series(db, code, province=province), checked)
        points = [p for p in every if not info.unit or same_kind(p.unit, info.unit)]
        facts = find_facts(db, code=code, limit=FACTS_SHOWN, province=province)
        unit = points[-1].unit if points else info.unit
        years = sorted({int(p.period_end[:4]) for p in points}, reverse=True)[:CHART_YEARS]
        targets = cache.get(db, "targets", (code, province), lambda: year_targets(db, None, province, code), checked)
        charts = [_year_chart(info, year, unit, points, lang, targets) for year in years]
        yoy = partial(series, db, code, Measure.YOY, province=province)
        changes = cache.get(db, "series-yoy", (code, province), yoy, checked)
        compared = compare_years(points, changes, years[0]) if years else []
        who = actor(request, db)
    measures = {m.value: m.label(lang) for m in Measure}
    return render(
        request,
        "indicator.html",
        who=who,
        info=info,
        charts=charts,
        unit=unit,
        facts=facts,
        measures=measures,
        points=points,
        compared=compared,
        compared_year=years[0] if years else None,
        targets=targets,
        can_edit=who is not None and who.role in PROVINCE_WRITERS,
        message=request.query_params.get("message", ""),
        target_measures=[Measure(m) for m in MEASURES],
        province=province,
        provinces=provinces,
        comparators=COMPARATORS,
    )


@router.post("/chi-tieu/{code}/ke-hoach")
def target_form(
    request: Request,
    code: str,
    year: Annotated[int, Form(ge=2000, le=2100)],
    value: Annotated[str, Form(max_length=50)],
    reason: Annotated[str, Form(max_length=500)],
    measure: Annotated[str, Form(max_length=30)] = "value",
    unit: Annotated[str, Form(max_length=50)] = "",
    comparator: Annotated[str, Form(max_length=10)] = "=",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    """The Planning Department enters or corrects a year's target: the same call as `planwatch target-set`."""

    def change(db: Session, username: str) -> str:
        entry = TargetInput(code, year, measure, value, unit, comparator)
        set_target(db, entry, username or "local", reason)
        return f"Đã lưu chỉ tiêu {year}." if page_lang(request) == "vi" else f"The {year} target is saved."

    return planning_edit(request, csrf_token, change, f"/chi-tieu/{quote(code)}", "#ke-hoach")


CHART_YEARS = 3  # the latest years an indicator page draws, one chart each


def _series_of(point: Point, year: int) -> str:
    """From January: cumulative (joined); one month: a bar; anything else (a stock, a quarter): a mark."""
    if point.cumulative and point.period_start == f"{year}-01":
        return "cumulative"
    return "monthly" if point.period_start == point.period_end else "other"


def _year_chart(
    info: Indicator,
    year: int,
    unit: str,
    points: list[Point],
    lang: str,
    targets: list[tuple[models.Target, str]],
) -> Markup:
    """One year of the indicator in one unit: never a line across years or period lengths."""
    own = (t for t, _ in targets if t.year == year and t.measure == "value")
    target = next(own, None)
    goal = target.value if target is not None and target.value is not None and same_kind(target.unit, unit) else None
    chart_points = [
        ChartPoint(
            int(p.period_end[5:]),
            p.base_value / _unit_factor(unit),
            f"/van-ban/{quote(p.doc_key)}#f{p.fact_id}" if p.fact_id else f"/van-ban/{quote(p.doc_key)}",
            f"{p.period_start or '?'}–{p.period_end}: {format_number(p.value)} {p.unit} ({p.doc_key})"
            + (f" — {LABELS[lang]['computed']}" if p.derived else ""),
            _series_of(p, year),
            p.derived,
        )
        for p in points
        if p.period_end.startswith(str(year)) and same_kind(p.unit, unit)
    ]
    in_unit = goal * _unit_factor(target.unit) / _unit_factor(unit) if goal is not None and target else None
    chart = YearChart(year, unit, chart_points, in_unit, pace=info.kind == "flow")
    return Markup(year_chart(chart, target_label=LABELS[lang]["target"]))


def _unit_factor(unit: str) -> float:
    found = unit_by_name(unit) if unit else None
    return found.factor if found else 1.0


def _next_page(request: Request, offset: int) -> str:
    """This page's address with its filters and the next offset."""
    return "?" + urlencode({**request.query_params, "offset": offset})


@router.get("/nhiem-vu", response_class=HTMLResponse)
def tasks(
    request: Request,
    agency: str | None = None,
    status: str | None = None,
    as_of: str | None = None,
    message: str | None = None,
    soon: Annotated[int | None, Query(ge=1, le=366, description="due within this many days")] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    try:
        day = parse_date(as_of) if as_of else date.today()
    except TaskError as error:
        day, message = date.today(), str(error)
    chosen = IN_PROGRESS if soon else status if status in STATUSES else None
    horizon = day + timedelta(days=soon) if soon else None
    with open_session(request) as db:
        province, provinces = province_choice(request, db)
        scored = partial(store_scorecard, db, day, province, agency or None)  # it follows the agency filter
        lines = request.app.state.cache.get(db, "scorecard", (day, province, agency or None), scored)
        wanted = TaskFilter(chosen, province=province, due_before=horizon)
        views, total = page_of_tasks(db, day, wanted, offset, TASKS_SHOWN, agency or None)
        who = actor(request, db)
    registry = default_registry()
    names = {code: a.name for code, a in registry.agencies.items()}
    editable = {(v.doc_key, v.task.ref) for v in views if who and may_update(who, v.task.agency_codes)}
    return render(
        request,
        "tasks.html",
        who=who,
        editable=editable,
        back=f"?{request.url.query}" if request.url.query else "",
        views=views,
        total=total,
        more=_next_page(request, offset + TASKS_SHOWN) if offset + TASKS_SHOWN < total else "",
        lines=lines,
        names=names,
        status_vi=STATUS_VI,
        statuses=STATUSES,
        agency=agency or "",
        status=status or "",
        soon=soon,
        day=day,
        message=message,
        province=province,
        provinces=provinces,
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


@router.get("/kiem-tra", response_class=HTMLResponse)
def checks(request: Request, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> HTMLResponse:
    with open_session(request) as db:
        province, provinces = province_choice(request, db)
        total = count_findings(db, province)
        findings = stored_findings(db, province, offset, FINDINGS_SHOWN)
        pending = refresh_pending(db)
    more = _next_page(request, offset + FINDINGS_SHOWN) if offset + FINDINGS_SHOWN < total else ""
    return render(request, "checks.html", findings=findings, total=total, offset=offset, more=more, province=province,
                  provinces=provinces, pending=pending)  # fmt: skip


@router.get("/tim-kiem", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    hits: list[tuple[Any, Markup]] = []
    answer = None
    if q.strip():
        with open_session(request) as db:
            answer = ask(db, q, lang=page_lang(request))
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
def logout_form(request: Request) -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    with open_session(request) as db:
        end_session(db, request.cookies.get(SESSION_COOKIE))
        db.commit()
    response.delete_cookie(SESSION_COOKIE)
    response.delete_cookie(CSRF_COOKIE)
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


@router.get("/nhiem-vu/{doc}/{ref}", response_class=HTMLResponse)
def task_page(request: Request, doc: str, ref: str, as_of: str | None = None) -> HTMLResponse:
    """One task: its full text, agencies, deadline and where that came from, status, every update, the report
    passages people linked to it, and the passages of other documents that speak of it most (full-text search)."""
    try:
        day = parse_date(as_of) if as_of else date.today()
    except TaskError:
        day = date.today()
    with open_session(request) as db:
        found = [v for v in task_views(db, day, doc=doc) if v.task.ref == ref]
        if not found:
            raise HTTPException(404)
        who = actor(request, db)
        view = found[0]
        linked = db.scalars(
            select(models.TaskLink).where(models.TaskLink.doc_key == doc, models.TaskLink.ref == ref)
        ).all()
        names = " ; ".join([*view.task.agencies, *view.task.coordinating, view.task.agencies_text])
        reports = [(h, marked(h.text, h.marks)) for h in related(db, view.task.quote, RELATED_SHOWN, doc, names)]
    registry = default_registry()
    agencies = [
        registry.name_of(code) if code else name
        for name, code in zip(view.task.agencies, view.task.agency_codes, strict=False)
    ]
    return render(
        request,
        "task.html",
        who=who,
        v=view,
        agencies=agencies,
        status_vi=STATUS_VI,
        day=day,
        editable=bool(who and may_update(who, view.task.agency_codes)),
        back=request.query_params.get("back", ""),
        linked=linked,
        related=reports,
    )
