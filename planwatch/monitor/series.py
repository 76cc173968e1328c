"""An indicator's figures across every current document: one point per period and measure, the latest
document's figure winning (an actual over an earlier estimate), and monthly values derived from
cumulative ones where both months are known (May = 5 months − 4 months)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from planwatch.monitor.merged_sums import merged_sums
from planwatch.store import models
from planwatch.store.current import labels_matching
from planwatch.store.scope import WHOLE, Scope
from planwatch.text.fold import fold, matches
from planwatch.vocab.units import same_kind


class DocumentLike(Protocol):
    @property
    def period_end(self) -> str | None: ...

    @property
    def issued(self) -> date | None: ...

    @property
    def id(self) -> int: ...


@dataclass(frozen=True)
class Point:
    period_start: str | None
    period_end: str
    measure: str
    value: float
    unit: str
    base_value: float
    estimate: bool
    doc_key: str
    fact_id: int | None  # None for a derived monthly value
    quote: str
    derived: bool = False
    footnote: bool = False  # stated in a footnote: a detail of the body's figure, never the indicator's own
    province: str | None = None  # of its document, when the view reads several (a province and its predecessors)
    sources: tuple[Point, ...] = ()  # a merged province's past figure computed as their sum: the figures summed

    @property
    def computed_sum(self) -> bool:
        return bool(self.sources)

    @property
    def cumulative(self) -> bool:
        return self.period_start is not None and self.period_start != self.period_end


def document_order(document: models.Document | DocumentLike) -> tuple[str, str, int]:
    """Chronological order of documents: the period they report on, then issue date, then ingest order."""
    return (document.period_end or "", str(document.issued or ""), document.id)


def _is_code(indicator: str) -> bool:
    return indicator.isupper() and " " not in indicator


def series(
    session: Session, indicator: str, measure: str = "value", year: int | None = None, scope: Scope = WHOLE
) -> list[Point]:
    """One point per period (and unit), the latest document's figure winning, an actual over an estimate; of the
    documents of `scope`. `indicator` is a catalogue code or words of a label."""
    if _is_code(indicator):
        return series_of_codes(session, [indicator], measure, year, scope)[indicator]
    labels = labels_matching(session, indicator)
    rows = _rows(session, None, measure, year, scope, labels)
    rows = [r for r in rows if labels is not None or matches(indicator, r.indicator)]
    return _points(rows, measure, scope)


def series_of_codes(
    session: Session, codes: list[str], measure: str = "value", year: int | None = None, scope: Scope = WHOLE
) -> dict[str, list[Point]]:
    """`series` of each catalogue code of `codes` (with a merged province's computed sums), from one query."""
    found = series_of(session, codes, measure, year, scope)
    return {code: found.get(code, []) + merged_sums(found.get(code, []), code, measure, scope) for code in codes}


def series_of(
    session: Session, codes: list[str], measure: str = "value", year: int | None = None, scope: Scope = WHOLE
) -> dict[str, list[Point]]:
    """The series of several indicators from one query (a page of many indicators asks the store once)."""
    by_code: dict[str, list[Row[Any]]] = defaultdict(list)
    for row in _rows(session, codes, measure, year, scope):
        by_code[row.indicator_code].append(row)
    return {code: _points(rows, measure, scope) for code, rows in by_code.items()}


def _rows(
    session: Session,
    codes: list[str] | None,
    measure: str,
    year: int | None,
    scope: Scope,
    labels: list[str] | None = None,
) -> Sequence[Row[Any]]:
    """The facts of a series: of the indicators `codes` names, or of the labels `labels` names, or all; of each
    label, period and unit only the one `_points` could choose (an actual over an estimate, then the latest
    document), so that the many reports repeating a figure are not all read."""
    f, d = models.Fact, models.Document
    by_province = (d.province,) if scope.predecessors else ()  # each old province is a line of its own
    winner_first = func.row_number().over(
        partition_by=(f.indicator_code, f.indicator, f.period_start, f.period_end, f.unit, *by_province),
        order_by=(
            f.estimate,
            f.footnote.is_not(None),
            d.period_end.desc().nulls_last(),
            d.issued.desc().nulls_last(),
            d.id.desc(),
            f.id,
        ),
    )
    query = (
        select(
            f.indicator_code,
            f.id,
            f.indicator,
            f.period_start,
            f.period_end,
            f.value,
            f.unit,
            f.base_value,
            f.estimate,
            f.footnote,
            d.doc_key,
            d.period_end.label("doc_end"),
            d.issued,
            d.id.label("doc_id"),
            d.province,
            winner_first.label("place"),
        )  # fmt: skip
        .join(d)
        .where(
            d.is_current.is_(True),
            f.measure == measure,
            f.prior.is_(False),
            f.planned.is_(False),
            f.period_end.is_not(None),
            *scope.documents(),
        )
    )
    if not scope.whole:  # a province's facts read by its documents' keys, not by every province's of the indicator
        query = query.where(f.document_id.in_(select(d.id).where(d.is_current.is_(True), *scope.documents())))
    if codes is not None:
        query = query.where(f.indicator_code.in_(codes))
    if labels is not None:
        query = query.where(f.indicator.in_(labels))
    if year is not None:
        query = query.where(f.period_end.between(f"{year:04d}-01", f"{year:04d}-12"))  # a range the index serves
    ranked = query.subquery()
    chosen = select(*(c for c in ranked.c if c.name != "place"), f.quote).join(f, f.id == ranked.c.id)
    found: Sequence[Row[Any]] = session.execute(chosen.where(ranked.c.place == 1).order_by(f.id)).all()  # type: ignore[assignment]
    return found


def _points(rows: list[Row[Any]] | Sequence[Row[Any]], measure: str, scope: Scope) -> list[Point]:
    """One point per period and unit (and province, when the view reads a province and its predecessors): an
    actual over an estimate, the body's figure over a footnote's, then the latest document's. A year whose body
    states figures takes none from footnotes ("các nguồn vốn kéo dài ... là 327,3 tỷ đồng" under a report on
    disbursement is a part of the capital, not the disbursement)."""
    body_years = {row.period_end[:4] for row in rows if row.footnote is None}
    latest: dict[tuple[str | None, str, str, str | None], tuple[tuple[int, int, tuple[str, str, int]], Point]] = {}
    for row in rows:
        if row.footnote is not None and row.period_end[:4] in body_years:
            continue
        province = row.province if scope.predecessors else None
        group = (row.period_start, row.period_end, fold(row.unit) if measure == "value" else "%", province)
        rank = (
            0 if row.estimate else 1,
            1 if row.footnote is None else 0,
            (row.doc_end or "", str(row.issued or ""), row.doc_id),
        )
        if group not in latest or rank > latest[group][0]:
            point = Point(row.period_start, row.period_end, measure, row.value, row.unit, row.base_value,
                          row.estimate, row.doc_key, row.id, row.quote, footnote=row.footnote is not None,
                          province=province)  # fmt: skip
            latest[group] = (rank, point)
    points = sorted((p for _, p in latest.values()), key=lambda p: (p.period_end, p.period_start or ""))
    return points + derived_months(points) if measure == "value" else points


def derived_months(points: list[Point]) -> list[Point]:
    """Monthly values from consecutive year-to-date figures of the same unit."""
    to_date = {
        (p.period_start, p.period_end, p.unit, p.province): p
        for p in points
        if p.cumulative and p.period_start and p.period_start.endswith("-01")
    }
    have_month = {(p.period_end, p.unit, p.province) for p in points if not p.cumulative}
    derived = []
    for (start, end, unit, province), point in to_date.items():
        year, month = int(end[:4]), int(end[5:])
        if month < 2 or (end, unit, province) in have_month:
            continue
        before = to_date.get((start, f"{year:04d}-{month - 1:02d}", unit, province))
        if before:
            value = round(point.value - before.value, 6)
            derived.append(
                Point(
                    end,
                    end,
                    "value",
                    value,
                    unit,
                    point.base_value - before.base_value,
                    point.estimate or before.estimate,
                    point.doc_key,
                    None,
                    f"{point.quote} − {before.quote}",
                    derived=True,
                    province=province,
                )
            )
    return sorted(derived, key=lambda p: p.period_end)


@dataclass(frozen=True)
class MonthComparison:
    """One month of a year beside the same month of the year before: the year to date and the month alone,
    PlanWatch's computed change, and the change the documents stated."""

    month: int
    to_date: Point | None
    to_date_before: Point | None
    alone: Point | None
    alone_before: Point | None
    stated_change: Point | None  # "tăng x% so với cùng kỳ" of the year to date (else of the month)

    @property
    def change_pct(self) -> float | None:
        now, before = self.to_date, self.to_date_before
        if now is None or before is None or not before.base_value or not same_kind(now.unit, before.unit):
            return None
        return (now.base_value / before.base_value - 1) * 100


def compare_years(values: list[Point], changes: list[Point], year: int) -> list[MonthComparison]:
    """The months of `year` that have a figure, each with the same period of the year before."""

    def by_period(points: list[Point]) -> dict[tuple[str | None, str], Point]:
        return {(p.period_start, p.period_end): p for p in points}

    value, change = by_period(values), by_period(changes)
    rows = []
    for month in range(1, 13):
        now, before = f"{year}-{month:02d}", f"{year - 1}-{month:02d}"
        to_date = (f"{year}-01", now)
        row = MonthComparison(
            month,
            value.get(to_date) if month > 1 else None,
            value.get((f"{year - 1}-01", before)) if month > 1 else None,
            value.get((now, now)),
            value.get((before, before)),
            change.get(to_date) or change.get((now, now)),
        )
        if row.to_date or row.alone:
            rows.append(row)
    return rows
