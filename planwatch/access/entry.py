"""Figures an agency enters for a month, the way DHIS2 lets an organisation unit submit its data set: validated
(Vietnamese numbers), stored as a document of their own (kind "số liệu nhập", one version per submission) whose
facts point at generated lines ("Kim ngạch xuất khẩu tháng 5/2025: 1.234,5 triệu USD (ước)."), so that every view
shows them with their source: entered by whom and when. The month's window is Decree 09/2019's (the 15th of the
month before to the 14th); a submission after DUE_DAYS past the window's end is late. Approval is audited."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.access.locks import refuse_if_locked
from planwatch.extract.agencies import default_registry
from planwatch.monitor.series import Point, series
from planwatch.store import models
from planwatch.store.documents import Rows, add_version, current_version
from planwatch.store.scope import WHOLE, Scope
from planwatch.text.fold import fold_keep_length
from planwatch.vocab.catalogue import Catalogue, default_catalogue
from planwatch.vocab.numbers import format_number, parse_figure
from planwatch.vocab.periods import Month, Period, parse_period, period_words
from planwatch.vocab.units import base_value, same_kind, sane_figure

ENTRY_KIND = "số liệu nhập"
DUE_DAYS = 5  # days after the window closes that a submission still counts as on time (a setting of ours)


@cache
def reporting() -> dict[str, tuple[str, ...]]:
    """Agency registry code → the indicators it reports."""
    text = resources.files("planwatch.access").joinpath("data/reporting.yaml").read_text(encoding="utf-8")
    return {agency: tuple(codes) for agency, codes in yaml.safe_load(text).items()}


@dataclass(frozen=True)
class EntryLine:
    code: str
    month_value: float | None
    to_date_value: float | None
    unit: str
    estimate: bool


class EntryError(ValueError):
    """Fields that do not hold a usable figure: code → what is wrong, in Vietnamese."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def window(month: Month) -> tuple[date, date]:
    """Decree 09/2019: a month's figures run from the 15th of the month before to the 14th."""
    before = month.shift(-1)
    return date(before.year, before.month, 15), date(month.year, month.month, 14)


def due(month: Month) -> date:
    return window(month)[1] + timedelta(days=DUE_DAYS)


MAX_FIGURE_CHARS = 40


def _figure(text: str) -> float:
    if len(text) > MAX_FIGURE_CHARS:
        raise ValueError(f"dài quá {MAX_FIGURE_CHARS} ký tự")
    try:
        return parse_figure(text)
    except ValueError as error:
        raise ValueError("không phải một số (ví dụ 1.234,5)") from error


def parse_entry(form: Mapping[str, str], agency: str, catalogue: Catalogue | None = None) -> list[EntryLine]:
    """The agency's figures from form fields `<CODE>.month`, `<CODE>.to_date`, `<CODE>.estimate`."""
    catalogue = catalogue or default_catalogue()
    lines, problems = [], {}
    for code in reporting().get(agency, ()):
        values = []
        unit = catalogue.indicators[code].unit
        for field in ("month", "to_date"):
            text = form.get(f"{code}.{field}", "").strip()[: MAX_FIGURE_CHARS + 1]
            try:
                values.append(sane_figure(_figure(text), unit) if text else None)
            except ValueError as error:
                problems[code] = f"{catalogue.indicators[code].name}: “{text[:40]}” {error}"
                values.append(None)
        if any(v is not None for v in values):
            lines.append(EntryLine(code, values[0], values[1], unit, bool(form.get(f"{code}.estimate"))))
    if problems:
        raise EntryError(problems)
    if not lines:
        raise EntryError({"": "chưa nhập số liệu nào"})
    return lines


OFF_BY = 100  # a figure this many times its previous period's (or a this-many-th of it) is asked again


def doubtful(session: Session, month: Month, lines: list[EntryLine], scope: Scope = WHOLE) -> dict[str, str]:
    """Figures far off their previous period's, by code: "12,6" typed as the report writes tỷ USD where the field
    takes triệu USD is a thousand times too small. The person confirms them or corrects them."""
    catalogue = default_catalogue()
    doubts = {}
    for line in lines:
        points = [p for p in series(session, line.code, "value", scope=scope) if same_kind(p.unit, line.unit)]
        for value, single in ((line.month_value, True), (line.to_date_value, False)):
            before = _previous(points, month, single)
            if value is None or before is None or not value or not before.base_value:
                continue
            ratio = base_value(value, line.unit) / before.base_value
            if ratio >= OFF_BY or ratio <= 1 / OFF_BY:
                times = format_number(round(ratio if ratio >= 1 else 1 / ratio))
                said = "lớn hơn" if ratio >= 1 else "nhỏ hơn"
                doubts[line.code] = (
                    f"{catalogue.indicators[line.code].name}: {format_number(value)} {line.unit} {said} khoảng {times} "
                    f"lần số kỳ trước ({format_number(before.value)} {before.unit}, {_when(before)}); kiểm tra đơn vị"
                )
    return doubts


def _previous(points: list[Point], month: Month, single: bool) -> Point | None:
    """The latest figure before `month` of the same kind: a month alone, or a year to date."""
    earlier = [
        p
        for p in points
        if p.period_end < str(month)
        and (p.period_start == p.period_end) == single
        and (single or (p.period_start or "").endswith("-01"))
    ]
    return max(earlier, key=lambda p: p.period_end) if earlier else None


def _when(point: Point) -> str:
    return period_words(parse_period(point.period_start, point.period_end))


def submit(
    session: Session, agency: str, month: Month, lines: list[EntryLine], by: str, now: datetime | None = None
) -> models.Document:
    """Store a submission as the new current version of the agency's month, in this transaction."""
    now = now or datetime.now()
    refuse_if_locked(session, date(month.year, month.month, 1))
    catalogue = default_catalogue()
    agency_name = default_registry().name_of(agency)
    key = f"nhap-lieu-{agency.lower()}-{month}"
    sentences = list(_sentences(lines, month, catalogue))
    text = "\n".join(s for s, _ in sentences)
    document = models.Document(
        doc_key=key,
        sha256=hashlib.sha256(f"{text}|{by}|{now.isoformat()}".encode()).hexdigest(),
        filename=f"nhập bởi {by} lúc {now:%d/%m/%Y %H:%M}",
        fmt="entry",
        kind=ENTRY_KIND,
        issuer=agency_name,
        issued=now.date(),
        title=f"Số liệu {agency_name} {period_words(Period(month, month))}",
        period_start=str(month),
        period_end=str(month),
        text=text,
        ingested_at=now,
        reference_date=window(month)[1],
        reference_source="entered",
    )
    add_version(session, document, _rows(sentences, catalogue))
    late = now.date() > due(month)
    after: dict[str, object] = {"version": document.version, "figures": len(sentences), "late": late}
    record(session, by, "entry.submit", f"document:{key}", None, after)
    return document


def _rows(sentences: list[tuple[str, tuple[EntryLine, Period, float]]], catalogue: Catalogue) -> Rows:
    """A paragraph, a search passage and a fact per generated line, the fact quoting its line."""
    rows: dict[type[models.Base], list[dict[str, object]]] = {models.Block: [], models.Passage: [], models.Fact: []}
    start = 0
    for sentence, (line, period, value) in sentences:
        end = start + len(sentence)
        rows[models.Block].append({"kind": "paragraph", "char_start": start, "char_end": end, "section": ""})
        rows[models.Passage].append({"char_start": start, "char_end": end, "folded": fold_keep_length(sentence)})
        p_start, p_end = period.as_strings()
        rows[models.Fact].append({
            "indicator": catalogue.indicators[line.code].name, "indicator_code": line.code, "measure": "value",
            "value": value, "unit": line.unit, "base_value": base_value(value, line.unit), "period_start": p_start,
            "period_end": p_end, "estimate": line.estimate, "section": "", "char_start": start, "char_end": end,
            "quote": sentence,
        })  # fmt: skip
        start = end + 1
    return rows


def _sentences(
    lines: list[EntryLine], month: Month, catalogue: Catalogue
) -> Iterator[tuple[str, tuple[EntryLine, Period, float]]]:
    """One line per figure, as the facts' quotes."""
    for line in lines:
        name = catalogue.indicators[line.code].name
        for value, period in (
            (line.month_value, Period(month, month)),
            (line.to_date_value, Period(Month(month.year, 1), month)),
        ):
            if value is not None:
                estimated = " (ước)" if line.estimate else ""
                unit = line.unit if line.unit == "%" else f" {line.unit}"
                yield f"{name} {period_words(period)}: {format_number(value)}{unit}{estimated}.", (line, period, value)


def approve(session: Session, key: str, by: str) -> None:
    document = current_version(session, key)
    if document is None or document.kind != ENTRY_KIND:
        raise EntryError({"": f"không có số liệu nhập “{key}”"})
    record(session, by, "entry.approve", _approval(key, document.version), None, {"version": document.version})


def _approval(key: str, version: int) -> str:
    """What an approval names: one version of a submission (a later resubmission needs its own)."""
    return f"document:{key}@v{version}"


@dataclass(frozen=True)
class Completeness:
    agency: str
    name: str
    submitted: datetime | None
    by: str | None
    late: bool
    approved: bool
    figures: tuple[str, ...] = ()  # the submission's lines, what an approval approves


def completeness(session: Session, month: Month) -> list[Completeness]:
    """Per reporting agency: submitted or not, when, by whom, on time or late, approved (DHIS2's reporting rate)."""
    registry = default_registry()
    approvals = {
        entity
        for (entity,) in session.execute(
            select(models.AuditEntry.entity).where(models.AuditEntry.action == "entry.approve")
        )
    }
    rows = []
    for agency in reporting():
        key = f"nhap-lieu-{agency.lower()}-{month}"
        document = current_version(session, key)
        submitted = document.ingested_at if document else None
        by = document.filename.removeprefix("nhập bởi ").split(" lúc ")[0] if document else None
        late = bool(submitted and submitted.date() > due(month))
        approved = document is not None and _approval(key, document.version) in approvals
        figures = tuple(document.text.splitlines()) if document else ()
        rows.append(Completeness(agency, registry.name_of(agency), submitted, by, late, approved, figures))
    return rows
