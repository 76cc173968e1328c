"""What a draft report says, chosen from the store: for each indicator of the outline, the figures of the report's
periods (one per measure and period, the latest document's actual over an earlier estimate), each with the
sentence it came from; and the indicators the report must speak of but the store has no figure for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from planwatch.monitor.progress import year_status
from planwatch.monitor.projection import Projection, ProjectionBasis, RestKind, shown
from planwatch.monitor.series import document_order
from planwatch.report.kinds import ReportKind, ReportPeriod
from planwatch.report.rest import OpenTask, lagging, open_tasks
from planwatch.store import models
from planwatch.store.document_names import document_name
from planwatch.store.scope import WHOLE, Scope
from planwatch.vocab.catalogue import Catalogue, Indicator, default_catalogue
from planwatch.vocab.measures import Measure
from planwatch.vocab.periods import Month, Period, parse_period
from planwatch.vocab.units import same_kind

MEASURE_ORDER = (Measure.VALUE, Measure.YOY, Measure.PREV, Measure.YTD, Measure.PLAN, Measure.SHARE, Measure.RANK)


@dataclass(frozen=True)
class Source:
    """Where a figure was read: the document, its page and the sentence."""

    doc_key: str
    title: str | None
    symbol: str | None
    page: int | None
    quote: str
    char_start: int
    name: str = ""  # the document in words ("Báo cáo 6 tháng đầu năm 2024"): what the annex and comments show


@dataclass(frozen=True)
class Figure:
    """One stored fact the draft states."""

    fact_id: int
    code: str
    measure: Measure
    value: float
    unit: str
    rank_of: int | None
    period: Period
    estimate: bool
    source: Source
    others: tuple[tuple[float, str], ...] = ()  # other documents' values for the same figure, with their keys


@dataclass
class Statement:
    """One sentence: an indicator's figures for one period."""

    indicator: Indicator
    period: Period
    figures: list[Figure]
    plan_word: str


FactKey = tuple[str | None, str, str | None, str | None, float]  # code, measure, start, end, value: a stated figure


@dataclass(frozen=True)
class Projected:
    """Where a target will end the year, stated after the indicator's figures ("Dự kiến cả năm 2024, thu ngân sách
    nhà nước đạt …"), with what the rest of the year must reach; numbers rounded as the draft writes them."""

    indicator: Indicator
    measure: str  # the target's: the indicator's value, or its change on last year
    year: int
    projection: Projection
    plan_word: str
    other_basis: bool = False  # the report's own share of plan implies another plan than the target's (dự toán)

    @property
    def value(self) -> float:
        return shown(self.projection.value)

    @property
    def percent(self) -> float | None:
        percent = self.projection.percent_of_target
        return round(percent, 1) if percent is not None and not self.other_basis else None

    @property
    def rest_period(self) -> Period:
        return Period(Month(self.year, self.projection.months + 1), Month(self.year, 12))

    @property
    def rest(self) -> float | None:
        """What the remaining months must bring (an amount, or a growth in %), when the draft states it."""
        rest = self.projection.required_rest
        if self.other_basis:
            return None
        return shown(rest.value) if rest.kind in (RestKind.AMOUNT, RestKind.GROWTH) and rest.value else None

    @property
    def rest_change(self) -> float | None:
        change = self.projection.required_rest.change_pct
        return round(change, 1) if change is not None and self.rest is not None else None

    def stated(self) -> list[FactKey]:
        """The figures the sentence states, as the draft read back must find them."""
        code, year, measure = self.indicator.code, self.year, self.measure
        keys: list[FactKey] = [(code, measure, f"{year}-01", f"{year}-12", self.value)]
        if self.percent is not None:
            keys.append((code, "plan_pct", f"{year}-01", f"{year}-12", self.percent))
        start, end = self.rest_period.as_strings()
        if self.rest is not None:
            keys.append((code, measure, start, end, self.rest))
        if self.rest_change is not None:
            keys.append((code, "yoy_change_pct", start, end, self.rest_change))
        return keys


@dataclass
class GroupDraft:
    title: str
    statements: list[Statement] = field(default_factory=list)
    missing: list[Indicator] = field(default_factory=list)  # expected, no figure in the store
    projections: list[Projected] = field(default_factory=list)  # year-end estimates, before December


@dataclass
class SectionDraft:
    title: str
    groups: list[GroupDraft]


@dataclass
class Draft:
    period: ReportPeriod
    province: str | None  # the name its header prints
    sections: list[SectionDraft]
    documents: list[str]  # keys of the documents its figures come from
    set_aside: list[Figure]  # figures whose unit is not their indicator's ("kim ngạch xuất khẩu ... 5 doanh nghiệp")
    scope: Scope = WHOLE  # the documents its figures were chosen from
    lags: list[str] = field(default_factory=list)  # B. Tồn tại, hạn chế: what lags, as bullets (report/rest.py)
    tasks: list[OpenTask] = field(default_factory=list)  # Phần thứ hai: the year's tasks not yet done

    @property
    def figures(self) -> list[Figure]:
        return [f for s in self.sections for g in s.groups for st in g.statements for f in st.figures]

    @property
    def missing(self) -> list[Indicator]:
        return [i for s in self.sections for g in s.groups for i in g.missing]

    @property
    def projections(self) -> list[Projected]:
        return [p for s in self.sections for g in s.groups for p in g.projections]


@dataclass(frozen=True)
class OutlineGroup:
    title: str
    title_en: str
    codes: tuple[str, ...]
    plan_word: str


@dataclass(frozen=True)
class OutlineSection:
    title: str
    title_en: str
    category: str
    groups: tuple[OutlineGroup, ...]


@dataclass(frozen=True)
class Outline:
    sections: tuple[OutlineSection, ...]
    expected: dict[ReportKind, tuple[str, ...]]
    key_indicators: tuple[str, ...]

    def expected_for(self, kind: ReportKind) -> set[str]:
        """A kind expects its own indicators and those of the shorter kinds before it."""
        kinds = list(ReportKind)
        return {code for k in kinds[: kinds.index(kind) + 1] for code in self.expected.get(k, ())}


@cache
def default_outline() -> Outline:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("planwatch.report").joinpath("data/outline.yaml").read_text(encoding="utf-8")
    )
    sections = tuple(
        OutlineSection(
            s["title"],
            s["title_en"],
            s["category"],
            tuple(
                OutlineGroup(g["title"], g["title_en"], tuple(g["codes"]), g.get("plan_word", "kế hoạch"))
                for g in s["groups"]
            ),
        )
        for s in data["sections"]
    )
    expected = {ReportKind(k): tuple(v) for k, v in data["expected"].items()}
    return Outline(sections, expected, tuple(data["key_indicators"]))


OTHERS_TITLE = "Các chỉ tiêu khác"


def build_draft(
    session: Session,
    period: ReportPeriod,
    scope: Scope = WHOLE,
    catalogue: Catalogue | None = None,
    outline: Outline | None = None,
    lang: str = "vi",
) -> Draft:
    """The draft of a report of `period`: the outline filled with the store's figures of its periods."""
    catalogue = catalogue or default_catalogue()
    outline = outline or default_outline()
    figures = chosen_figures(session, period, scope)
    by_code: dict[str, list[Figure]] = {}
    set_aside = []
    for figure in figures:
        indicator = catalogue.indicators.get(figure.code)
        if indicator and _fits(figure, indicator):
            by_code.setdefault(figure.code, []).append(figure)
        else:
            set_aside.append(figure)
    expected = outline.expected_for(period.kind) | _target_codes(session, period)
    found = _Found(by_code, expected, year_end_projections(session, period, scope))
    placed = {code for s in outline.sections for g in s.groups for code in g.codes}
    sections = []
    for section in outline.sections:
        groups = [
            _group(g.title if lang == "vi" else g.title_en, g.codes, g.plan_word, found, catalogue, period)
            for g in section.groups
        ]
        rest = [
            c for c in catalogue.indicators if catalogue.indicators[c].category == section.category and c not in placed
        ]
        groups.append(_group(OTHERS_TITLE, tuple(rest), "kế hoạch", found, catalogue, period))
        kept = [g for g in groups if g.statements or g.missing or g.projections]
        if kept:
            sections.append(SectionDraft(section.title if lang == "vi" else section.title_en, kept))
    documents = sorted({f.source.doc_key for f in figures})
    province = scope.province or _province_of(session, documents)
    lags, tasks = lagging(session, period, scope), open_tasks(session, period, scope)
    return Draft(period, province, sections, documents, set_aside, scope, lags, tasks)


def _province_of(session: Session, doc_keys: list[str]) -> str | None:
    """The province most of the draft's documents speak for."""
    query = select(models.Document.province).where(
        models.Document.doc_key.in_(doc_keys), models.Document.is_current.is_(True)
    )
    named = Counter(p for p in session.scalars(query) if p)
    return named.most_common(1)[0][0] if named else None


def _fits(figure: Figure, indicator: Indicator) -> bool:
    """A value is stated as the indicator only in a unit of the indicator's kind; percentages of change, of plan,
    shares and ranks always."""
    if figure.measure is Measure.VALUE:
        return bool(indicator.unit) and same_kind(figure.unit, indicator.unit)
    return True


@dataclass(frozen=True)
class _Found:
    """What the store holds for a draft: figures by indicator, the indicators it must speak of, projections."""

    figures: dict[str, list[Figure]]
    expected: set[str]
    projections: dict[str, list[tuple[str, Projection]]]  # by indicator: the target's measure and its projection


def _group(
    title: str, codes: Iterable[str], plan_word: str, found: _Found, catalogue: Catalogue, period: ReportPeriod
) -> GroupDraft:
    group = GroupDraft(title)
    for code in codes:
        indicator = catalogue.indicators.get(code)
        if indicator is None:
            continue
        figures = found.figures.get(code, [])
        for each in period.periods:
            stated = sorted((f for f in figures if f.period == each), key=lambda f: MEASURE_ORDER.index(f.measure))
            if stated:
                group.statements.append(Statement(indicator, each, stated, plan_word))
        if not figures and code in found.expected:
            group.missing.append(indicator)
        for measure, projection in found.projections.get(code, []):
            other = _on_another_basis(projection, figures, period.to_date) if measure == Measure.VALUE else False
            group.projections.append(Projected(indicator, measure, period.year, projection, plan_word, other))
    return group


_SAME_PLAN = 0.05  # a plan the report's share implies within 5% of the target's is the same plan, rounded


def _on_another_basis(projection: Projection, figures: list[Figure], to_date: Period) -> bool:
    """The period's figure states its own share of a plan ("10.111,7 tỷ đồng, bằng 62,9% dự toán") that implies
    another plan than the target the projection measures against (001's kế hoạch 12.760 tỷ): a year-end share or a
    rest against the target would contradict the sentence before it ("bằng 158,5% dự toán")."""
    percent = projection.percent_of_target
    value = next(
        (f.value for f in figures if f.period == to_date and f.measure == Measure.VALUE and f.unit == projection.unit),
        None,
    )  # in another unit ("17.469 lao động" against "nghìn người") the two plans are not compared
    share = next((f.value for f in figures if f.period == to_date and f.measure == Measure.PLAN), None)
    if not percent or not value or not share:
        return False
    target, implied = projection.value * 100 / percent, value * 100 / share
    return abs(implied - target) > _SAME_PLAN * target


def year_end_projections(
    session: Session, period: ReportPeriod, scope: Scope = WHOLE
) -> dict[str, list[tuple[str, Projection]]]:
    """Where each target of the year will end, from the figures a report of `period` could see (the periods ending
    by its last month), for a report before December: by indicator, the target's measure and its projection."""
    if period.end.month == 12:
        return {}
    found: dict[str, list[tuple[str, Projection]]] = {}
    for row in year_status(session, period.year, scope=scope, until=str(period.end)):
        projection = row.projection
        if row.indicator and projection and projection.basis is not ProjectionBasis.YEAR_FIGURE:
            found.setdefault(row.indicator.code, []).append((row.target.measure, projection))
    return found


def _target_codes(session: Session, period: ReportPeriod) -> set[str]:
    """Half-year and annual reports answer to every target of the year."""
    if period.kind not in (ReportKind.SIX_MONTH, ReportKind.ANNUAL):
        return set()
    query = select(models.Target.indicator_code).where(
        models.Target.year == period.year, models.Target.active.is_(True), models.Target.indicator_code.is_not(None)
    )
    targets = {code for code in session.scalars(query) if code}
    return targets if period.kind is ReportKind.ANNUAL else targets & _stated_within_a_year(session)


def _stated_within_a_year(session: Session) -> set[str]:
    """The indicators some document states for less than a whole year: the others (forest cover, poverty, the
    structure of the economy) only yearly reports state, and a six-month draft leaves them out."""
    f = models.Fact
    whole_year = f.period_start.like("%-01") & f.period_end.like("%-12")
    query = select(f.indicator_code).where(
        f.indicator_code.is_not(None), f.planned.is_(False), f.period_end.is_not(None), ~whole_year
    )
    return {code for code in session.scalars(query.distinct()) if code}


def report_facts(period: ReportPeriod, scope: Scope = WHOLE) -> Select[models.Fact]:
    """The facts that may speak for the report's periods: of current documents, with a catalogue code, ending in
    its last month; figures of other places, earlier years or plans left out."""
    f, d = models.Fact, models.Document
    return (
        select(f)
        .join(d)
        .where(
            d.is_current.is_(True),
            f.indicator_code.is_not(None),
            f.prior.is_(False),
            f.planned.is_(False),
            f.elsewhere.is_(False),
            f.period_end == str(period.end),
            *scope.documents(),
        )
    )


def chosen_figures(session: Session, period: ReportPeriod, scope: Scope = WHOLE) -> list[Figure]:
    """One figure per indicator, measure and period of the report: an actual over an estimate, then the latest
    document, then the first statement in it."""
    query = report_facts(period, scope).add_columns(models.Document)
    wanted = set(period.periods)
    best: dict[tuple[str, str, Period], tuple[tuple[Any, ...], Figure]] = {}
    values: dict[tuple[str, str, Period], dict[float, str]] = {}
    for fact, document in session.execute(query):
        fact_period = parse_period(fact.period_start, fact.period_end)
        if fact_period not in wanted or fact.measure not in Measure.__members__.values():
            continue
        key = (str(fact.indicator_code), fact.measure, fact_period)
        rank = (0 if fact.estimate else 1, document_order(document), -fact.char_start)
        values.setdefault(key, {}).setdefault(fact.value, document.doc_key)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, _figure(fact, document, fact_period))
    chosen = []
    for key, (_, figure) in best.items():
        others = tuple((v, k) for v, k in values[key].items() if v != figure.value)
        chosen.append(replace(figure, others=others))
    return chosen


def _figure(fact: models.Fact, document: models.Document, period: Period) -> Figure:
    name = document_name(document.kind, document.period_start, document.period_end, document.title, document.doc_key)
    source = Source(document.doc_key, document.title, document.symbol, fact.page, fact.quote, fact.char_start, name)
    return Figure(
        fact.id,
        str(fact.indicator_code),
        Measure(fact.measure),
        fact.value,
        fact.unit,
        fact.rank_of,
        period,
        fact.estimate,
        source,
    )
