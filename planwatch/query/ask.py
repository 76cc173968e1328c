"""Answers to questions from the stored facts, targets and tasks, each with its figure, period and quoted
source; when the store does not hold the answer, the answer says so instead of guessing.

Handled: a figure ("Thu ngân sách 6 tháng đầu năm 2024 đạt bao nhiêu?"), a change ("GRDP năm 2023 tăng bao
nhiêu?"), a share of plan ("... đạt bao nhiêu % kế hoạch?"), a target ("Mục tiêu tăng trưởng GRDP năm 2024?"),
who is late ("Sở nào có nhiều nhiệm vụ quá hạn nhất?"), which targets lag ("Những chỉ tiêu nào có nguy cơ không
đạt?"), where a target will end the year ("Thu ngân sách cả năm có đạt kế hoạch không?") and what an agency was given
("Sở Công Thương được giao những nhiệm vụ gì?")."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.extract.agencies import default_registry
from planwatch.monitor.progress import AT_RISK, BEHIND, year_status, year_targets
from planwatch.monitor.series import Point, series
from planwatch.monitor.tasks import OVERDUE, TaskView, store_scorecard, task_views
from planwatch.query.years import default_year, latest_actual_year
from planwatch.store import models
from planwatch.store.document_names import document_names
from planwatch.text.fold import fold_keep_length
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.periods import Period, find_periods, parse_period, period_words
from planwatch.vocab.units import same_kind
from planwatch.vocab.wording import Phrase, Word

ANSWERS = "query/data/answers.yaml"  # what an answer says, in each language

_CHANGE = re.compile(r"\b(?:tang|giam)\b.*\bbao nhieu\b|\btang truong\b.*\bbao nhieu\b|\bbao nhieu phan tram\b")
_PLAN = re.compile(r"(?:%|phan tram)\s*(?:ke hoach|du toan)|so voi ke hoach|dat bao nhieu % ")
_TARGET = re.compile(r"^\W*(?:chi tieu|ke hoach|muc tieu)\b|\b(?:muc tieu|chi tieu ke hoach|ke hoach nam|phan dau)\b")
_TASKS = re.compile(r"\bnhiem vu\b.*\bqua han\b|\bqua han\b.*\bnhiem vu\b|\bcham tien do\b")
# "Những chỉ tiêu nào có nguy cơ không đạt?", "chỉ tiêu nào chậm?"
_AT_RISK = re.compile(r"\bchi tieu\b.*\b(?:nguy co|khong dat|cham|chua dat)\b")
# "Sở Công Thương được giao những nhiệm vụ gì?"
_AGENCY_TASKS = re.compile(r"\b(?:duoc giao|phu trach|chu tri)\b.*\bnhiem vu\b|\bnhiem vu\b.*\b(?:cua|giao cho)\b")
# "Sở nào có nhiều nhiệm vụ quá hạn nhất?" asks for an agency, "Nhiệm vụ nào quá hạn?" for the tasks
_WHICH_AGENCY = re.compile(r"\b(?:so|co quan|don vi|nganh|huyen) nao\b|\bnhieu\b.*\bnhat\b")
# "Thu ngân sách cả năm có đạt kế hoạch không?", "Dự kiến cả năm xuất khẩu đạt bao nhiêu?"
_OUTLOOK = re.compile(r"\bco (?:dat|hoan thanh|vuot)\b.*\bkhong\b|\b(?:du kien|du bao|kha nang)\b")
_LISTED = 10  # rows an answer lists before "..."
_PER_AGENCY = 3  # late tasks an answer lists under one agency before "..."; the tasks page lists them all


@dataclass(frozen=True)
class Citation:
    doc_key: str
    char_start: int
    char_end: int
    page: int | None
    quote: str


@dataclass(frozen=True)
class AnswerGroup:
    """One heading of a listed answer (an agency) and its lines (its tasks)."""

    heading: str
    lines: list[str]


@dataclass
class Answer:
    found: bool
    text: str
    value: float | None = None
    unit: str = ""
    period: str | None = None
    citations: list[Citation] = field(default_factory=list)
    groups: list[AnswerGroup] = field(default_factory=list)  # a long answer's list under its first sentence
    link: str | None = None  # the page that lists everything the answer summarises


def ask(
    session: Session, question: str, today: date | None = None, lang: str = "vi", names: Mapping[str, str] | None = None
) -> Answer:
    """The answer to a question asked in Vietnamese, said in `lang` (data/answers.yaml); `names`: the documents'
    names in `lang` when the caller keeps them (else read from the store)."""
    said = _Saying(lang, session, names)
    folded = fold_keep_length(question.lower())
    if _AT_RISK.search(folded):
        return _targets_at_risk(session, _period(session, question), said)
    if _TASKS.search(folded):
        if _WHICH_AGENCY.search(folded):
            return _overdue_agencies(session, today or date.today(), said)
        return _overdue_tasks(session, today or date.today(), said)
    if _AGENCY_TASKS.search(folded) and (agency := _agency_named(question)):
        return _agency_tasks(session, agency, today or date.today(), said)
    # an abbreviation or a name alone ("NSNN") is matched by its words when no name is written in full
    code = default_catalogue().code_for(question) or default_catalogue().closest(question)
    if code is None:
        return Answer(False, said("no_indicator"))
    name = default_catalogue().indicators[code].name
    period = _period(session, question)
    if _OUTLOOK.search(folded):
        return _outlook(session, code, name, _year_asked(session, question, code, today or date.today()), said)
    if _TARGET.search(folded) and not _PLAN.search(folded):
        return _target(session, code, name, period, said)
    # a growth indicator's own number is its rate ("Tăng trưởng GRDP 6 tháng?" asks for 14,14%, not a level)
    own = default_catalogue().indicators[code].own_measure
    measure = "plan_pct" if _PLAN.search(folded) else "yoy_change_pct" if _CHANGE.search(folded) else own
    return _figure(session, code, name, measure, period, said)


class _Saying:
    """The answers' sentences in one language."""

    def __init__(self, lang: str, session: Session, names: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self._session = session
        self._names = names

    def doc(self, key: str) -> str:
        """A document in words ("Báo cáo 6 tháng đầu năm 2024"), never its key."""
        if self._names is None:
            self._names = document_names(self._session, lang=self.lang)
        return self._names.get(key, key)

    def __call__(self, key: str, **args: object) -> str:
        return self.phrase(key, **args).text(self.lang)

    def phrase(self, key: str, **args: object) -> Phrase:
        return Phrase(ANSWERS, key, args)

    def inside(self, name: str) -> str:
        """A name inside a Vietnamese sentence starts lower case ("Mục tiêu thu ngân sách ..."); in English it is
        quoted as the catalogue writes it."""
        return _inside(name) if self.lang == "vi" else name

    def period(self, period: Period | None) -> str:
        return f" {period_words(period, self.lang)}" if period and period.end else ""


def _period(session: Session, question: str) -> Period | None:
    years = [int(y) for y in re.findall(r"\b(20\d{2})\b", question)]
    year = years[-1] if years else default_year(session)
    mentions = [m for m in find_periods(question, year, 12) if not m.comparison]
    return mentions[-1].period if mentions else None


def _figure(session: Session, code: str, name: str, measure: str, period: Period | None, said: _Saying) -> Answer:
    """The latest stated figure (an actual over an estimate) of the indicator for the period asked."""
    unit = default_catalogue().indicators[code].unit
    start, end = period.as_strings() if period else (None, None)
    points: list[Point] = []
    for year in (int(end[:4]),) if end else (_latest_year(session, code, measure), None):  # then every year
        points = points or [
            p
            for p in series(session, code, measure, year)
            if not p.derived
            and p.fact_id is not None
            and (measure != "value" or not unit or same_kind(p.unit, unit))
            and (end is None or (p.period_end == end and (start is None or p.period_start in (start, None))))
        ]
    if not points:
        return Answer(False, said("no_figure", name=name, period=said.period(period)))
    point = max(points, key=lambda p: (p.period_end, not p.estimate, p.cumulative))
    fact = session.get(models.Fact, point.fact_id)
    assert fact is not None
    estimate = Word("estimate") if fact.estimate else ""
    value = _value_phrase(measure, fact.value, fact.unit, said)
    when = said.period(parse_period(fact.period_start, fact.period_end))
    return Answer(
        True,
        said(
            "figure",
            name=name,
            period=when,
            value=value,
            estimate=estimate,
            doc=said.doc(point.doc_key),
            quote=fact.quote.strip(),
        ),  # fmt: skip
        fact.value,
        "%" if measure != "value" else fact.unit,
        f"{fact.period_start or ''}..{fact.period_end}",
        [Citation(point.doc_key, fact.char_start, fact.char_end, fact.page, fact.quote)],
    )


def _latest_year(session: Session, code: str, measure: str) -> int | None:
    """The latest year the store has an actual figure of, asked of the index (a question with no period is about
    the latest figure, and reading one year is cheaper than reading them all)."""
    f = models.Fact
    latest = session.scalar(
        select(func.max(f.period_end)).where(f.indicator_code == code, f.measure == measure, f.planned.is_(False))
    )
    return int(latest[:4]) if latest else None


def _target(session: Session, code: str, name: str, period: Period | None, said: _Saying) -> Answer:
    month = (period.end or period.start) if period else None
    year = month.year if month else default_year(session)
    targets = year_targets(session, year, code=code)
    if not targets:
        return Answer(False, said("no_target", name=said.inside(name), year=str(year)))
    target, doc_key = targets[0]
    value = (
        said.phrase("between", low=target.value_min or 0, high=target.value_max or 0)
        if target.comparator == "range"
        else said.phrase("number", value=target.value or 0)
    )
    unit = "%" if target.unit == "%" else f" {target.unit}".rstrip()
    citation = Citation(doc_key, target.char_start or 0, target.char_end or 0, target.page, target.quote)
    return Answer(
        True,
        said(
            "target",
            name=_inside(name),
            year=str(year),
            value=value,
            unit=unit,
            doc=said.doc(doc_key),
            quote=target.quote.strip(),
        ),  # fmt: skip
        target.value,
        target.unit,
        str(year),
        [citation],
    )


def _targets_at_risk(session: Session, period: Period | None, said: _Saying) -> Answer:
    """The year's targets that are behind or at risk, each with its reason and the source of its figure."""
    month = (period.end or period.start) if period else None
    year = month.year if month else (latest_actual_year(session) or _latest_target_year(session))
    rows = [r for r in year_status(session, year) if r.status in (AT_RISK, BEHIND)] if year else []
    if not rows:
        return Answer(False, said("none_at_risk", year=str(year or "")))
    rows.sort(key=lambda r: r.status != AT_RISK)
    lines = [said("status_line", status=Word(r.status), reason=r.reason_in(said.lang)) for r in rows[:_LISTED]]
    citations = [c for r in rows[:_LISTED] if r.actual and (c := _cite(session, r.actual.doc_key, r.actual.fact_id))]
    head = said("at_risk", count=len(rows), year=str(year))
    return Answer(True, "\n".join([head, *lines]), float(len(rows)), "chỉ tiêu", str(year), citations)


def _year_asked(session: Session, question: str, code: str, today: date) -> int | None:
    """The year a question names, else the latest year with a target of the indicator that has begun."""
    named = re.findall(r"\b(20\d{2})\b", question)
    if named:
        return int(named[-1])
    years = sorted({target.year for target, _ in year_targets(session, None, code=code)})
    begun = [y for y in years if y <= today.year]
    return begun[-1] if begun else years[0] if years else None


def _outlook(session: Session, code: str, name: str, year: int | None, said: _Saying) -> Answer:
    """Where the indicator's target of the year will likely end, why, and what the rest of the year must reach
    (monitor/projection.py), citing the latest figure and the target."""
    own = default_catalogue().indicators[code].own_measure
    rows = sorted(
        (r for r in year_status(session, year) if r.target.indicator_code == code) if year else (),
        key=lambda r: r.target.measure != own,
    )
    if not rows:
        return Answer(False, said("no_target", name=said.inside(name), year=str(year or "")))
    row, projection = rows[0], rows[0].projection
    if projection is None or row.actual is None:
        return Answer(False, said("no_projection", name=said.inside(name), year=str(year)))
    target = row.target
    cited = [_cite(session, row.actual.doc_key, row.actual.fact_id)]
    cited.append(Citation(row.doc_key, target.char_start or 0, target.char_end or 0, target.page, target.quote))
    text = said(
        "outlook", name=name, year=str(year), verdict=Word(f"outlook_{projection.outlook.value}"),
        reason=projection.reason_in(said.lang), doc=said.doc(row.actual.doc_key), quote=row.actual.quote.strip(),
    )  # fmt: skip
    return Answer(True, text, projection.value, projection.unit, str(year), [c for c in cited if c])


def _cite(session: Session, doc_key: str, fact_id: int | None) -> Citation | None:
    fact = session.get(models.Fact, fact_id) if fact_id is not None else None
    return Citation(doc_key, fact.char_start, fact.char_end, fact.page, fact.quote) if fact else None


def _inside(name: str) -> str:
    """A name inside a sentence: "Mục tiêu tốc độ tăng trưởng GRDP" (an abbreviation keeps its capitals)."""
    return name if name[1:2].isupper() else f"{name[:1].lower()}{name[1:]}"


def _latest_target_year(session: Session) -> int | None:
    """The latest year with targets that has begun (a plan to 2030 does not hide this year's targets)."""
    active = models.Target.active.is_(True)
    begun = session.scalar(select(func.max(models.Target.year)).where(active, models.Target.year <= date.today().year))
    return begun or session.scalar(select(func.min(models.Target.year)).where(active))


def _agency_named(question: str) -> str | None:
    """The registry code of the agency a question names ("Sở Công Thương ...")."""
    registry = default_registry()
    for start in range(len(question)):
        at_word = start == 0 or not question[start - 1].isalnum()
        end = registry.match_at(question, start) if at_word else None
        if end and (found := registry.normalise(question[start:end])):
            return found.code
    return None


def _agency_tasks(session: Session, agency: str, today: date, said: _Saying) -> Answer:
    views = task_views(session, today, agency_code=agency)
    name = default_registry().name_of(agency)
    if not views:
        return Answer(False, said("no_agency_tasks", name=name))
    head = said("agency_tasks", name=name, count=len(views))
    return _task_list(head, views, lambda v: said.phrase("words_only", word=Word(v.status)), today, said)


def _overdue_tasks(session: Session, today: date, said: _Saying) -> Answer:
    """A sentence of how many tasks are late and whose, then the late tasks listed under their lead agency (the
    agencies with most first), and the tasks page of every late task."""
    views = sorted(task_views(session, today, status=OVERDUE), key=lambda v: v.due or today)
    if not views:
        return Answer(False, said("none_overdue", day=today))
    by_agency: dict[str, list[TaskView]] = {}
    for v in views:
        lead = v.now[0].today_name if v.now else (v.task.agencies or ["—"])[0]
        by_agency.setdefault(lead, []).append(v)
    ranked = sorted(by_agency.items(), key=lambda item: -len(item[1]))
    top, top_views = ranked[0]
    head = said("overdue_summary", count=len(views), day=today, agencies=len(ranked), top=top, top_count=len(top_views))
    groups = [
        AnswerGroup(
            said("overdue_group", name=name, count=len(group)),
            [
                said("overdue_line", doc=said.doc(v.doc_key), ref=v.task.ref or "—", summary=v.task.summary, day=v.due)
                for v in group[:_PER_AGENCY]
            ]  # fmt: skip
            + ([said("more_tasks", count=len(group) - _PER_AGENCY)] if len(group) > _PER_AGENCY else []),
        )
        for name, group in ranked
    ]
    lines = [f"{g.heading}\n" + "\n".join(g.lines) for g in groups]
    link = f"/nhiem-vu?status={OVERDUE}&as_of={today:%d/%m/%Y}"
    citations = [_task_citation(v) for v in views[:_LISTED]]
    text = "\n".join([head, *lines, said("all_overdue", count=len(views), link=link)])
    return Answer(True, text, float(len(views)), "nhiệm vụ", today.isoformat(), citations, groups, link)


def _task_list(
    head: str, views: list[TaskView], note: Callable[[TaskView], Phrase], today: date, said: _Saying
) -> Answer:
    """Tasks answered as a list: each with its item number, summary and `note`, the first ones cited."""
    shown = views[:_LISTED]
    lines = [
        said("task_line", doc=said.doc(v.doc_key), ref=v.task.ref or "—", summary=v.task.summary, note=note(v))
        for v in shown
    ]
    more = [said("more_tasks", count=len(views) - _LISTED)] if len(views) > _LISTED else []
    citations = [_task_citation(v) for v in shown]
    return Answer(True, "\n".join([head, *lines, *more]), float(len(views)), "nhiệm vụ", today.isoformat(), citations)


def _task_citation(view: TaskView) -> Citation:
    task = view.task
    return Citation(view.doc_key, task.char_start, task.char_end, task.page, task.quote)


def _overdue_agencies(session: Session, today: date, said: _Saying) -> Answer:
    lines = [line for line in store_scorecard(session, today) if line.overdue]
    if not lines:
        return Answer(False, said("none_overdue", day=today))
    top = lines[0]
    name = top.name
    overdue = [
        v for v in task_views(session, today, status=OVERDUE) if top.agency in (v.task.agency_codes + v.task.agencies)
    ]
    citations = [_task_citation(v) for v in overdue]
    refs = ", ".join(said("task_ref", doc=said.doc(v.doc_key), ref=v.task.ref) for v in overdue)
    return Answer(
        True,
        said("most_overdue", name=name, count=top.overdue, day=today, refs=refs),
        float(top.overdue),
        "nhiệm vụ",
        today.isoformat(),
        citations,
    )


def _value_phrase(measure: str, value: float, unit: str, said: _Saying) -> Phrase:
    if measure == "yoy_change_pct":
        return said.phrase("yoy_up" if value >= 0 else "yoy_down", value=abs(value))
    if measure == "plan_pct":
        return said.phrase("plan_share", value=value)
    return said.phrase("amount", value=value, unit=unit)
