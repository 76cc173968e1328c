"""The indicator pages: the catalogue (with the labels waiting for an indicator), one indicator's charts, figures and
targets, and the forms that name a label's indicator and set a year's target."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from planwatch.access.roles import PROVINCE_WRITERS
from planwatch.edits.plans import (
    COMPARATORS,
    MEASURES,
    TargetInput,
    add_indicator_alias,
    set_target,
)
from planwatch.monitor.key_figures import key_figures
from planwatch.monitor.progress import year_targets
from planwatch.monitor.series import Point, compare_years, series
from planwatch.monitor.stored import (
    unclassified_labels,
)
from planwatch.monitor.target_versions import target_history
from planwatch.query.facts import find_facts
from planwatch.serve.auth import (
    actor,
)
from planwatch.serve.cache import names_of_documents, status_of_year
from planwatch.serve.charts import ChartPoint, YearChart, year_chart
from planwatch.serve.common import Db
from planwatch.serve.labels import LABELS, VALUES_EN
from planwatch.serve.rendering import (
    page_lang,
    planning_edit,
    render,
)
from planwatch.serve.view import PageView
from planwatch.store import models
from planwatch.store.current import predecessor_documents
from planwatch.store.freshness import OF_DOCUMENTS
from planwatch.store.scope import WHOLE, Scope
from planwatch.text.fold import matches
from planwatch.vocab.catalogue import CATEGORIES, Indicator, default_catalogue
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import parse_period, period_words
from planwatch.vocab.units import same_kind, unit_by_name

router = APIRouter(include_in_schema=False)


FACTS_SHOWN = 300  # an indicator page lists at most this many facts; the API has them all
REVIEW_SHOWN = 200  # labels the review list shows, the most frequent first


@router.get("/chi-tieu", response_class=HTMLResponse)
def catalogue_page(
    request: Request,
    db: Db,
    view: PageView,
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

    def unclassified() -> list[tuple[str, int, str | None]]:  # each label with the indicator it likely means
        return [(label, count, catalogue.suggestion(label)) for label, count in unclassified_labels(db)[:REVIEW_SHOWN]]

    waiting = request.app.state.cache.get(db, "unclassified", (), unclassified, WHOLE)
    year, scope = view.year, view.scope
    every = list(catalogue.indicators)  # computed once for the whole catalogue, filtered below
    figures = request.app.state.cache.get(
        db,
        "catalogue",
        (year, scope),
        lambda: key_figures(db, year, every, catalogue, scope),
        scope,
    )
    latest = {k.indicator.code: k.point for k in figures}
    targets = {
        t.indicator_code: t
        for t, _ in year_targets(db, year, scope)
        if t.indicator_code in catalogue.indicators and t.measure == catalogue.indicators[t.indicator_code].own_measure
    }  # the target of the indicator's own number, not of its growth or share
    return render(
        request,
        "catalogue.html",
        indicators=indicators,
        all_indicators=sorted(catalogue.indicators.values(), key=lambda i: i.name),
        names={code: i.name for code, i in catalogue.indicators.items()},
        latest=latest,
        targets=targets,
        year=year,
        categories=CATEGORIES,
        q=q,
        category=category,
        waiting=waiting,
        message=message,
        view=view,
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
        named = default_catalogue().indicators[code].name if code in default_catalogue().indicators else code
        return f"Đã gắn “{label}” vào “{named}” ({changed} số liệu, chỉ tiêu)."

    return planning_edit(request, csrf_token, change, "/chi-tieu", "#cho-xem-xet")


@router.get("/chi-tieu/{code}", response_class=HTMLResponse)
def indicator(request: Request, db: Db, view: PageView, code: str) -> HTMLResponse:
    catalogue = default_catalogue()
    if code not in catalogue.indicators:
        raise HTTPException(404)
    info, lang, scope = catalogue.indicators[code], view.lang, view.scope
    cache = request.app.state.cache
    every = cache.get(db, "series", (code, scope), lambda: series(db, code, scope=scope), scope)
    points = [p for p in every if not info.unit or same_kind(p.unit, info.unit)]
    facts = find_facts(db, code=code, limit=FACTS_SHOWN, scope=scope)
    yoy = partial(series, db, code, Measure.YOY, scope=scope)
    changes = cache.get(db, "series-yoy", (code, scope), yoy, scope)
    own = info.own_measure  # a growth indicator is charted by its rate, against its rate's target
    charted = points if own == "value" else [p for p in changes if not p.footnote]
    unit = charted[-1].unit if charted else info.unit
    years = sorted({int(p.period_end[:4]) for p in charted}, reverse=True)[:CHART_YEARS]
    targets = cache.get(
        db, "targets", (code, scope), lambda: year_targets(db, None, scope, code), reads=OF_DOCUMENTS
    )  # a new one at once
    history = cache.get(
        db, "target-history", (code, scope), lambda: target_history(db, code, scope), reads=OF_DOCUMENTS
    )
    projected = {year: _projected(request, db, code, year, scope, unit, own) for year in years}
    names = names_of_documents(request, db, lang)
    charts = [_year_chart(info, year, unit, charted, lang, targets, projected[year], names, own) for year in years]
    merged = [p for p in points if p.province in (None, scope.province)]  # a merged province: its own, its sums
    compared = compare_years(merged, changes, years[0]) if years and own == "value" else []
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
        old_places=predecessor_documents(db, scope, (key for _, key in facts)),  # marked with the old name
        measures=measures,
        points=points,
        compared=compared,
        compared_year=years[0] if years else None,
        targets=targets,
        history=history,
        can_edit=who is not None and who.role in PROVINCE_WRITERS,
        message=request.query_params.get("message", ""),
        target_measures=[Measure(m) for m in MEASURES],
        view=view,
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
    projected: float | None = None,
    names: Mapping[str, str] | None = None,
    measure: str = "value",
) -> Markup:
    """One year of the indicator in one unit: never a line across years or period lengths; the target line of
    the year's target of the charted measure; its unit and months in the page's language."""

    def said(text: str) -> str:
        return VALUES_EN.get(text, text) if lang == "en" else text

    own = (t for t, _ in targets if t.year == year and t.measure == measure)
    target = next(own, None)
    goal = target.value if target is not None and target.value is not None and same_kind(target.unit, unit) else None
    chart_points = [
        ChartPoint(
            int(p.period_end[5:]),
            p.base_value / _unit_factor(unit),
            f"/van-ban/{quote(p.doc_key)}#f{p.fact_id}" if p.fact_id else f"/van-ban/{quote(p.doc_key)}",
            f"{period_words(parse_period(p.period_start, p.period_end), lang)}: "
            f"{format_number(p.value, lang=lang)} {said(p.unit)}"
            f" ({_cited(p, lang, names)})" + (f" — {LABELS[lang]['computed']}" if p.derived else ""),
            _series_of(p, year),
            p.derived or p.computed_sum,
            p.province or "",  # a merged province's past: a line each old province, its computed sum on its own
        )
        for p in points
        if p.period_end.startswith(str(year)) and same_kind(p.unit, unit)
    ]
    in_unit = goal * _unit_factor(target.unit) / _unit_factor(unit) if goal is not None and target else None
    chart = YearChart(year, said(unit), chart_points, in_unit, pace=info.kind == "flow", projected=projected)
    words = LABELS[lang]
    return Markup(
        year_chart(
            chart,
            target_label=words["target"],
            projected_label=words["projected_line"],
            months=tuple(words["chart_months"].split()),
            lang=lang,
        )  # fmt: skip
    )


def _cited(point: Point, lang: str, names: Mapping[str, str] | None) -> str:
    """The document a point is from (by its title where known); every figure a merged sum adds, with its
    province."""
    if not point.computed_sum:
        return (names or {}).get(point.doc_key, point.doc_key)
    parts = ", ".join(f"{s.province}: {(names or {}).get(s.doc_key, s.doc_key)}" for s in point.sources)
    return str(LABELS[lang]["computed_sum"].format(names=parts))


def _projected(
    request: Request, db: Session, code: str, year: int, scope: Scope, unit: str, measure: str = "value"
) -> float | None:
    """Where the indicator's target of `year` (of the charted measure) will likely end, in the chart's unit (the
    dashboard's status, kept in the server's cache)."""
    rows = status_of_year(request.app.state.cache, db, year, scope, code=code)  # its own targets only
    found = next((r.projection for r in rows if r.target.measure == measure), None)
    if found is None or found.months == 12 or not same_kind(found.unit, unit):
        return None
    return found.value * _unit_factor(found.unit) / _unit_factor(unit)


def _unit_factor(unit: str) -> float:
    found = unit_by_name(unit) if unit else None
    return found.factor if found else 1.0
