"""Task status as Quyết định 42/2014/QĐ-TTg counts it, computed from the deadline and the completion date,
never typed: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện trong hạn, quá hạn chưa hoàn thành.

A task without a deadline of its own is due at the end of the period its plan covers (`implied_deadline`)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Row, Select, Subquery, Text, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from planwatch.extract.agencies import default_registry
from planwatch.monitor.successors import AgencyNow, agencies_on, codes_becoming
from planwatch.store import models
from planwatch.store.current import of_current_documents
from planwatch.store.scope import WHOLE, Scope
from planwatch.text.fold import matches

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"
STATUSES = (DONE_ON_TIME, DONE_LATE, IN_PROGRESS, OVERDUE)
STATUS_VI = {
    DONE_ON_TIME: "hoàn thành đúng hạn",
    DONE_LATE: "hoàn thành quá hạn",
    IN_PROGRESS: "đang thực hiện trong hạn",
    OVERDUE: "quá hạn chưa hoàn thành",
}
EXPORT_STATUS = {DONE_ON_TIME: "done", DONE_LATE: "done", IN_PROGRESS: "open", OVERDUE: "overdue"}


@dataclass(frozen=True)
class TaskView:
    task: models.Task
    doc_key: str
    status: str
    due: date | None
    done_on: date | None
    updates: tuple[models.TaskUpdate, ...]
    now: tuple[AgencyNow, ...] = ()  # each agency the task names, with the one doing its work on the day asked


@dataclass(frozen=True)
class TaskFilter:
    """Which current tasks a list shows; `due_after`/`due_before` bound the due date (both ends included)."""

    status: str | None = None
    doc: str | None = None
    scope: Scope = WHOLE
    due_after: date | None = None
    due_before: date | None = None
    agency_code: str | None = None  # a registry code the task is addressed to


S = TypeVar("S", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class _Columns:
    """A task's due date, completion date and status on a day, as SQL expressions over the tasks joined with their
    documents and `finished`: queries `join` it."""

    due: ColumnElement[date]
    done_on: ColumnElement[date | None]
    status: ColumnElement[str]
    finished: Subquery

    def join(self, query: S) -> S:
        f = self.finished
        return query.outerjoin(f, and_(f.c.doc_key == models.Document.doc_key, f.c.ref == models.Task.ref))


def _finished(as_of: date) -> Subquery:
    """Each task's completion date: that of its earliest update reported by `as_of` that gives one (a row for each
    task that has one). A table joined once, not a subquery per task: its status names the date four times, and
    the database ran the subquery each time, for every task a scorecard counts."""
    u = models.TaskUpdate
    first = func.row_number().over(partition_by=(u.doc_key, u.ref), order_by=(u.reported_on, u.id)).label("n")
    given = select(u.doc_key, u.ref, u.done_on, first).where(u.reported_on <= as_of, u.done_on.is_not(None))
    ranked = given.subquery("given")
    return select(ranked.c.doc_key, ranked.c.ref, ranked.c.done_on).where(ranked.c.n == 1).subquery("finished")


def _columns(as_of: date) -> _Columns:
    """A task's due date, completion date and status on `as_of`."""
    due, finished = func.coalesce(models.Task.deadline, models.Task.implied_deadline), _finished(as_of)
    return _Columns(due, finished.c.done_on, status_of(due, finished.c.done_on, as_of), finished)


def status_of(due: ColumnElement[Any], done_on: ColumnElement[Any], as_of: date) -> ColumnElement[str]:
    """A task's status on `as_of` (QĐ 42) from its due date and the completion date reported by then: the one
    place it is computed, in SQL, so that the store filters, counts and pages tasks by status."""
    finished = and_(done_on.is_not(None), done_on <= as_of)
    return case(
        (and_(finished, or_(due.is_(None), done_on <= due)), DONE_ON_TIME),
        (finished, DONE_LATE),
        (or_(due.is_(None), due >= as_of), IN_PROGRESS),
        else_=OVERDUE,
    )


def _tasks(as_of: date, wanted: TaskFilter) -> Select[models.Task, str, date, date | None, str]:
    """Current tasks with their key, due date, completion date and status on `as_of`, in text order."""
    t, d = models.Task, models.Document
    c = _columns(as_of)
    query = c.join(select(t, d.doc_key, c.due, c.done_on, c.status).join(d))
    return _wanted(query, wanted, c.due, c.status, as_of).order_by(d.doc_key, t.char_start, t.id)


def _wanted(query: S, wanted: TaskFilter, due: ColumnElement[date], status: ColumnElement[str], as_of: date) -> S:
    """`query` (joined with the documents) kept to the current tasks `wanted` selects."""
    d = models.Document
    conditions = [
        d.doc_key == wanted.doc if wanted.doc else None,
        status == wanted.status if wanted.status else None,
        due >= wanted.due_after if wanted.due_after else None,
        due <= wanted.due_before if wanted.due_before else None,
        _addressed_to(wanted.agency_code, as_of) if wanted.agency_code else None,
    ]
    kept = query.where(d.is_current.is_(True), *wanted.scope.documents())
    return kept.where(*(c for c in conditions if c is not None))


TaskRow = Row[models.Task, str, date, date | None, str]  # the task, its document's key, due, done on, status


def _addressed_to(code: str, day: date) -> ColumnElement[bool]:
    """The task's codes (a JSON list) hold `code`, or a code whose work `code` does on `day`: a test on the JSON
    text that both databases run."""
    codes = cast(models.Task.agency_codes, Text)
    return or_(*(codes.contains(json.dumps(c), autoescape=True) for c in sorted(codes_becoming(code, day))))


def _views(session: Session, rows: Sequence[TaskRow], as_of: date) -> list[TaskView]:
    """The rows as views, with the updates reported by `as_of` of these tasks only."""
    keys = {(key, task.ref) for task, key, *_ in rows}
    updates: dict[tuple[str, str], list[models.TaskUpdate]] = {}
    u = models.TaskUpdate
    documents = sorted({key for key, _ in keys})
    for chunk in (documents[i : i + 500] for i in range(0, len(documents), 500)):
        query = select(u).where(u.doc_key.in_(chunk), u.reported_on <= as_of).order_by(u.reported_on, u.id)
        for update in session.scalars(query):
            if (update.doc_key, update.ref) in keys:
                updates.setdefault((update.doc_key, update.ref), []).append(update)
    return [
        TaskView(
            task,
            key,
            status,
            due,
            done_on,
            tuple(updates.get((key, task.ref), [])),
            tuple(agencies_on(task.agencies, task.agency_codes, as_of)),
        )  # fmt: skip
        for task, key, due, done_on, status in rows
    ]


def task_views(
    session: Session,
    as_of: date,
    agency: str | None = None,
    status: str | None = None,
    due_before: date | None = None,
    due_after: date | None = None,
    doc: str | None = None,
    scope: Scope = WHOLE,
    agency_code: str | None = None,
) -> list[TaskView]:
    """Current tasks (of the documents of `scope`, addressed to the agency of `agency_code` when given)
    with their status on `as_of`; updates reported after `as_of` are not seen."""
    wanted = TaskFilter(status, doc, scope, due_after, due_before, agency_code)
    rows = session.execute(_tasks(as_of, wanted)).all()
    if agency:
        rows = [row for row in rows if _addressed(row[0], agency)]
    return _views(session, rows, as_of)


def page_of_tasks(
    session: Session, as_of: date, wanted: TaskFilter, offset: int, limit: int, agency: str | None = None
) -> tuple[list[TaskView], int]:
    """One page of the tasks `wanted` selects (addressed to `agency` when given), and how many it selects: counted
    and paged by the store, except for an agency, whose names are matched in any spelling here."""
    if agency:
        views = task_views(session, as_of, agency, wanted.status, wanted.due_before, wanted.due_after, wanted.doc,
                           wanted.scope)  # fmt: skip
        return views[offset : offset + limit], len(views)
    rows = session.execute(_tasks(as_of, wanted).offset(offset).limit(limit)).all()
    return _views(session, rows, as_of), count_tasks(session, as_of, wanted)


def most_urgent(session: Session, as_of: date, wanted: TaskFilter, limit: int) -> tuple[list[TaskView], int]:
    """The `limit` tasks `wanted` selects that fall due first, and how many it selects (both from the store: a
    reminder lists the first few of thousands)."""
    t, d = models.Task, models.Document
    due = _columns(as_of).due
    rows = session.execute(
        _tasks(as_of, wanted).order_by(None).order_by(due, d.doc_key, t.char_start, t.id).limit(limit)
    )
    return _views(session, rows.all(), as_of), count_tasks(session, as_of, wanted)


def count_tasks(session: Session, as_of: date, wanted: TaskFilter) -> int:
    """How many current tasks `wanted` selects (their completion dates joined only to filter by status)."""
    c = _columns(as_of)
    query = select(func.count()).select_from(models.Task).join(models.Document)  # counted from an index
    return session.scalar(_wanted(c.join(query) if wanted.status else query, wanted, c.due, c.status, as_of)) or 0


def store_scorecard(session: Session, as_of: date, scope: Scope = WHOLE, agency: str | None = None) -> list[ScoreLine]:
    """`scorecard` of the current tasks, reading only their agencies and status from the store."""
    if agency:
        return scorecard(task_views(session, as_of, agency, scope=scope), agency)
    t = models.Task
    c = _columns(as_of)
    names, codes = cast(t.agencies, Text), cast(t.agency_codes, Text)  # the JSON lists, counted by their text
    query = c.join(select(names, codes, c.status, func.count()).join(models.Document))
    rows = session.execute(
        _wanted(query, TaskFilter(scope=scope), c.due, c.status, as_of).group_by(names, codes, c.status)
    )
    return _score(
        (
            (agencies_on(json.loads(named), json.loads(coded), as_of), state, count)
            for named, coded, state, count in rows
        ),
        None,
    )


def _addressed(task: models.Task, agency: str) -> bool:
    """The task is addressed to the agency `agency` names (any spelling, with or without diacritics, or its code)."""
    return any(matches(agency, name) for name in task.agencies + [c or "" for c in task.agency_codes])


def _names(now: AgencyNow, agency: str) -> bool:
    """`agency` names the agency a task names, or the one doing its work today (any spelling, or a code)."""
    return any(matches(agency, name or "") for name in (now.name, now.code, now.today_name, now.today_code))


@dataclass(frozen=True)
class ScoreLine:
    agency: str  # today's registry code, else today's name
    assigned: int
    done_on_time: int
    done_late: int
    in_progress: int
    overdue: int
    on_time_rate: float | None  # of the tasks finished or due, the share done on time; None while there are none
    name: str = ""  # today's name
    formerly: tuple[str, ...] = ()  # the names the tasks counted here print, where today's agency differs


def scorecard(views: Sequence[TaskView], agency: str | None = None) -> list[ScoreLine]:
    """Per addressee agency (by registry name where known), the four counts of QĐ 42; only the agencies that
    `agency` names when given (a task shared with another agency counts for each)."""
    return _score(((v.now, v.status, 1) for v in views), agency)


def _score(tasks: Iterable[tuple[Sequence[AgencyNow], str, int]], agency: str | None) -> list[ScoreLine]:
    """The counts per today's agency, of tasks given as (agencies, status, how many tasks name them so); a task
    names agencies as its document printed them, `AgencyNow` says who does the work now ("Sở Kế hoạch và Đầu
    tư" counts for "Sở Tài chính", the old name kept beside it)."""
    counts: dict[str, Counter[str]] = {}
    registry = default_registry()
    names: dict[str, str] = {}
    formerly: dict[str, set[str]] = {}
    for agencies, status, many in tasks:
        kept = [now for now in agencies if not agency or _names(now, agency)]
        for now in kept:
            names.setdefault(now.key, registry.name_of(now.key) if now.key in registry.agencies else now.today_name)
            if now.changed:
                formerly.setdefault(now.key, set()).add(now.name)
        for key in {now.key for now in kept}:  # "Giám đốc sở, thủ trưởng cơ quan thuộc UBND tỉnh" is one group
            counts.setdefault(key, Counter())[status] += many
    lines = [
        ScoreLine(
            key,
            sum(c.values()),
            c[DONE_ON_TIME],
            c[DONE_LATE],
            c[IN_PROGRESS],
            c[OVERDUE],
            _on_time(c),
            names[key],
            tuple(sorted(formerly.get(key, ()))),
        )  # fmt: skip
        for key, c in counts.items()
    ]
    return sorted(lines, key=lambda line: (-line.overdue, -line.assigned, line.agency))


def _on_time(counts: Counter[str]) -> float | None:
    counted = counts[DONE_ON_TIME] + counts[DONE_LATE] + counts[OVERDUE]
    return counts[DONE_ON_TIME] / counted if counted else None


def assigned_agencies(session: Session, doc_key: str, ref: str) -> list[str | None]:
    """The registry codes of the agencies a current task is assigned to (none when there is no such task)."""
    task = session.scalar(
        select(models.Task)
        .join(models.Document)
        .where(models.Document.doc_key == doc_key, models.Document.is_current.is_(True), models.Task.ref == ref)
    )
    return list(task.agency_codes) if task is not None else []


def task_groups(session: Session, doc: str | None = None) -> list[tuple[models.TaskGroup, str]]:
    """The groups of tasks plans and reports announce ("9 nhóm nhiệm vụ ... 6 tháng cuối năm"), with their period."""
    query = of_current_documents(models.TaskGroup, doc)
    return [(group, key) for group, key in session.execute(query)]


def unknown_agencies(session: Session, scope: Scope = WHOLE) -> list[tuple[str, int]]:
    """Names of agencies that current tasks (of `scope`) address but the registry does not know,
    most frequent first."""
    counts: dict[str, int] = {}
    t, d = models.Task, models.Document
    current = select(t.agencies, t.agency_codes).join(d).where(d.is_current.is_(True), *scope.documents())
    for agencies, codes in session.execute(current):
        for name, code in zip(agencies, codes, strict=False):
            if code is None:
                counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def whole_text(view: TaskView) -> str:
    """A task's whole text as its document writes it, from where its summary starts to the item's end (the
    summary is its first words only); the summary when the text is not at hand."""
    task, body = view.task, " ".join(view.task.item.split())
    head = " ".join(task.summary.split()[:4])
    at = body.find(head) if head else -1
    return body[at:] if at >= 0 and len(body) > len(task.summary) else task.summary
