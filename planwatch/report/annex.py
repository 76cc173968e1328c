"""The annexes a report hands in: the indicator table (Chỉ tiêu | ĐVT | Kế hoạch năm | Thực hiện kỳ | Lũy kế | So
cùng kỳ | So KH | Trạng thái | Nguồn), one sheet per category, and the task table of QĐ 42 (per agency, then the
overdue and soon-due tasks with their deadlines and sources)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from planwatch.monitor.progress import PLAN_PCT_TOLERANCE, TargetStatus, year_status, year_targets
from planwatch.monitor.tasks import IN_PROGRESS, OVERDUE, STATUS_VI, TaskView, scorecard, task_views
from planwatch.report.content import Draft, Figure, default_outline
from planwatch.report.sheets import Cell, Column, ColumnKind, Table
from planwatch.store import models
from planwatch.store.scope import WHOLE, Scope
from planwatch.vocab.catalogue import Catalogue, Indicator, default_catalogue
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import Period, period_words
from planwatch.vocab.units import base_value, same_kind

NUMBER, DATE, STATUS = ColumnKind.NUMBER, ColumnKind.DATE, ColumnKind.STATUS
_HEAD = {
    "vi": ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm {year}", "Thực hiện {own}", "Lũy kế {to_date}", "So cùng kỳ (%)",
           "So KH (%)", "Trạng thái", "Nguồn"),
    "en": ("No.", "Indicator", "Unit", "Plan {year}", "Actual {own}", "To date {to_date}", "Year on year (%)",
           "Of plan (%)", "Status", "Source"),
}  # fmt: skip
_PLAN_PCT_COLUMN = 7
_COMPUTED = {"vi": "So KH: PlanWatch tính từ lũy kế và kế hoạch năm", "en": "Of plan: computed by PlanWatch"}
# The report's % is of another base than the row's plan ("bằng 62,9% dự toán" beside a kế hoạch of 12.760): said so
_OTHER_BASE = {
    "vi": "So KH {pct}% là so với {word} theo báo cáo, khác gốc với kế hoạch năm ở cột bên"
    " (lũy kế bằng {ours}% kế hoạch năm)",
    "en": "Of plan {pct}% is of the report's {word}, not of the plan beside it (to date is {ours}% of that plan)",
}
_BASE_EN = {"dự toán": "budget estimate", "mục tiêu": "target"}


def indicator_annex(
    session: Session, draft: Draft, lang: str = "vi", catalogue: Catalogue | None = None
) -> list[Table]:
    """One sheet per category: every indicator the draft states, has a target for or expects."""
    catalogue = catalogue or default_catalogue()
    period = draft.period
    head = [h.format(year=period.year, own=period_words(period.own, lang), to_date=period.words(lang))
            for h in _HEAD[lang]]  # fmt: skip
    widths = (5, 42, 12, 13, 13, 13, 11, 10, 16, 30)
    kinds = (NUMBER, ColumnKind.TEXT, ColumnKind.TEXT, NUMBER, NUMBER, NUMBER, NUMBER, NUMBER, STATUS)
    columns = [Column(h, k, w) for h, k, w in zip(head, (*kinds, ColumnKind.TEXT), widths, strict=True)]
    chosen = year_targets(session, period.year, draft.scope)
    targets = {(t.indicator_code, t.measure): (t, k) for t, k in chosen if t.indicator_code}
    statuses = {
        (s.target.indicator_code, s.target.measure): s for s in year_status(session, period.year, scope=draft.scope)
    }
    by_code: dict[str, list[Figure]] = {}
    for figure in draft.figures:
        by_code.setdefault(figure.code, []).append(figure)
    missing = {i.code for i in draft.missing}
    tables = []
    for section in default_outline().sections:
        table = Table(section.title if lang == "vi" else section.title_en, columns)
        words = {c: g.plan_word for g in section.groups for c in g.codes}  # "dự toán" for the budget's figures
        codes = [c for g in section.groups for c in g.codes]
        codes += [c for c, i in catalogue.indicators.items() if i.category == section.category and c not in codes]
        for code in codes:
            indicator = catalogue.indicators[code]
            key = (code, indicator.own_measure)
            if code in by_code or key in targets or code in missing:
                row, computed = _indicator_row(indicator, by_code.get(code, []), targets.get(key), statuses.get(key),
                                               draft, lang, words.get(code, ""))  # fmt: skip
                if computed:
                    table.computed.add((len(table.rows), _PLAN_PCT_COLUMN))
                table.rows.append([len(table.rows) + 1, *row])
        tables.append(table)
    return [t for t in tables if t.rows]


def _indicator_row(
    indicator: Indicator,
    figures: list[Figure],
    target: tuple[models.Target, str] | None,
    status: TargetStatus | None,
    draft: Draft,
    lang: str,
    plan_word: str,
) -> tuple[list[Cell], bool]:
    """The row's cells after its number, and whether its % of plan is computed rather than stated; `plan_word` is
    what the outline says its reports' % of plan is of ("dự toán")."""
    period = draft.period
    measure = Measure(indicator.own_measure)
    own = _stated(figures, measure, period.own)
    to_date = _stated(figures, measure, period.to_date) or _stated(figures, measure, Period(None, period.end))
    shown = to_date or own
    fallback = indicator.unit or (target[0].unit if target else "")
    unit = shown.unit if shown and measure is Measure.VALUE else fallback
    plan = _target_value(target[0], unit) if target else None
    yoy = None if indicator.kind == "growth" else _stated(figures, Measure.YOY, period.to_date)
    plan_pct = _stated(figures, Measure.PLAN, period.to_date)
    of_plan = plan_pct.value if plan_pct else None
    sources = sorted(
        {f"{f.source.name or f.source.doc_key}{f', tr. {f.source.page}' if f.source.page else ''}" for f in figures}
    )
    computed = of_plan is None and to_date is not None and bool(plan) and indicator.kind == "flow"
    if computed and to_date and plan:
        of_plan = round(to_date.value / plan * 100, 1)
        sources.append(_COMPUTED[lang])
    elif plan_pct and to_date and plan and abs(to_date.value / plan * 100 - plan_pct.value) > PLAN_PCT_TOLERANCE:
        sources.insert(0, _other_base(plan_pct.value, round(to_date.value / plan * 100, 1), plan_word, lang))
    graded = status is not None and status.actual is not None and status.actual.period_end == str(period.end)
    cells: list[Cell] = [
        indicator.name,
        unit,
        plan,
        own.value if own and own is not to_date else None,
        to_date.value if to_date else None,
        yoy.value if yoy else None,
        of_plan,
        status.status if graded and status else None,
        "; ".join(sources),
    ]
    return cells, computed


def _other_base(stated: float, ours: float, plan_word: str, lang: str) -> str:
    """The note of a row whose stated % of plan is of another base than its plan column, named as the outline
    names its reports' base ("dự toán") when that is not the plan itself."""
    word = plan_word if plan_word in _BASE_EN else ""
    word = (_BASE_EN.get(word, "") if lang == "en" else word) or ("another base" if lang == "en" else "một mức khác")
    return _OTHER_BASE[lang].format(
        pct=format_number(stated, lang=lang), word=word, ours=format_number(ours, lang=lang)
    )


def _stated(figures: list[Figure], measure: Measure, period: Period) -> Figure | None:
    return next((f for f in figures if f.measure is measure and f.period == period), None)


def _target_value(target: models.Target, unit: str) -> float | None:
    """The target's number in the row's unit (a target of 32,2 nghìn người in a row counted in lao động)."""
    value = target.value if target.value is not None else target.value_min
    if value is None or not unit or target.unit == unit or not same_kind(target.unit, unit):
        return value
    return round(base_value(value, target.unit) / base_value(1.0, unit), 6)


_TASK_HEAD = {
    "vi": (("Cơ quan", "Được giao", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
            "Quá hạn chưa hoàn thành", "Tỷ lệ đúng hạn (%)"),
           ("Văn bản", "Số TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Trạng thái",
            "Quá hạn (ngày)", "Còn lại (ngày)", "Trang", "Trích dẫn")),
    "en": (("Agency", "Assigned", "Done on time", "Done late", "In progress", "Overdue", "On time (%)"),
           ("Document", "No.", "Task", "Lead", "Coordinating", "Deadline", "Status", "Days overdue", "Days left",
            "Page", "Quote")),
}  # fmt: skip
_TASK_TITLES = {"vi": ("Theo cơ quan", "Quá hạn, sắp đến hạn"), "en": ("By agency", "Overdue and due soon")}


def task_annex(
    session: Session, as_of: date, soon_days: int = 30, lang: str = "vi", scope: Scope = WHOLE
) -> list[Table]:
    """The QĐ 42 scorecard per agency on `as_of` of the tasks of `scope`, and those overdue or due within
    `soon_days` days."""
    views = task_views(session, as_of, scope=scope)
    horizon = as_of + timedelta(days=soon_days)
    due = [v for v in views if v.due and (v.status == OVERDUE or (v.status == IN_PROGRESS and v.due <= horizon))]
    return [
        scorecard_table(views, lang),
        task_table(
            sorted(due, key=lambda v: (v.due or as_of, v.doc_key, v.task.ref)), as_of, _TASK_TITLES[lang][1], lang
        ),
    ]


def scorecard_table(views: list[TaskView], lang: str = "vi", agency: str | None = None) -> Table:
    """Per agency: assigned, done on time, done late, in progress, overdue, and the on-time rate."""
    head = _TASK_HEAD[lang][0]
    table = Table(_TASK_TITLES[lang][0], [Column(head[0], width=40), *(Column(h, NUMBER, 12) for h in head[1:])])
    for line in scorecard(views, agency):
        rate = round(line.on_time_rate * 100, 1) if line.on_time_rate is not None else None
        table.rows.append([line.name, line.assigned, line.done_on_time, line.done_late,
                           line.in_progress, line.overdue, rate])  # fmt: skip
    return table


def task_table(views: list[TaskView], as_of: date, title: str, lang: str = "vi") -> Table:
    """Tasks with their deadline, status on `as_of`, days overdue or left, and where they were written."""
    kinds = (ColumnKind.TEXT, ColumnKind.TEXT, ColumnKind.TEXT, ColumnKind.TEXT, ColumnKind.TEXT, DATE, STATUS,
             NUMBER, NUMBER, NUMBER, ColumnKind.TEXT)  # fmt: skip
    widths = (22, 7, 50, 26, 26, 12, 18, 9, 9, 7, 60)
    table = Table(title, [Column(h, k, w) for h, k, w in zip(_TASK_HEAD[lang][1], kinds, widths, strict=True)])
    for view in views:
        days = (as_of - view.due).days if view.due else None
        table.rows.append([
            view.doc_key, view.task.ref, view.task.summary, "; ".join(view.task.agencies),
            "; ".join(view.task.coordinating), view.due, STATUS_VI[view.status] if lang == "vi" else view.status,
            days if days is not None and days > 0 and view.status == OVERDUE else None,
            -days if days is not None and days <= 0 and view.status == IN_PROGRESS else None,
            view.task.page, view.task.quote,
        ])  # fmt: skip
    return table
