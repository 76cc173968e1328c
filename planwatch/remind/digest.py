"""What each user should hear of on a day, read from the store:
- an agency account: its tasks due within `due_within` days, its overdue tasks, and the data-entry windows of the
  months it reports (Decree 09/2019) whose due date comes within `due_within` days and that it has not submitted;
- a Planning Department account: the tasks overdue by more than `escalate_after` days, and the agencies that have
  not submitted the latest month whose due date has passed.
Admins and viewers get none. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.entry import completeness, due, reporting, window
from planwatch.access.roles import Role
from planwatch.extract.agencies import default_registry
from planwatch.monitor.tasks import IN_PROGRESS, OVERDUE, TaskFilter, TaskView, most_urgent
from planwatch.remind.settings import ReminderSettings
from planwatch.store import models, reminder_models
from planwatch.vocab.periods import Month


class Channel(StrEnum):
    MAIL = "mail"  # by mail, and in the app
    APP = "app"  # in the app only
    NONE = "none"  # no reminders


ITEMS_LISTED = 30  # tasks of a kind a digest lists; the others are one line, with a link to the whole list
OVERDUE_LIST = "/nhiem-vu?status=overdue"
DEFAULT_CHANNEL = Channel.APP  # until a user gives a mail address and chooses mail


class ItemKind(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ENTRY_CLOSING = "entry_closing"
    ESCALATED = "escalated"  # overdue by more than the setting, for planning
    NOT_SUBMITTED = "not_submitted"  # a month's figures an agency has not entered, for planning


@dataclass(frozen=True)
class Item:
    """One line of a digest: a task (its document, number, summary, agencies) or a month's data entry."""

    kind: ItemKind
    title: str
    due: date
    link: str  # a path of the web app: /nhiem-vu/DOC/REF, /nhap-so-lieu
    doc: str = ""
    ref: str = ""
    agencies: str = ""
    month: str = ""  # "2025-07" for data entry
    more: int = 0  # a line standing for this many more items of its kind, listed in full at `link`

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "title": self.title, "due": self.due.isoformat(), "link": self.link,
                "doc": self.doc, "ref": self.ref, "agencies": self.agencies, "month": self.month,
                "more": self.more}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Item:
        return cls(
            ItemKind(str(data["kind"])),
            str(data["title"]),
            date.fromisoformat(str(data["due"])),
            str(data["link"]),
            str(data.get("doc", "")),
            str(data.get("ref", "")),
            str(data.get("agencies", "")),
            str(data.get("month", "")),
            int(str(data.get("more", 0))),
        )


@dataclass(frozen=True)
class Recipient:
    user_id: int
    username: str
    role: Role
    agency: str | None
    channel: Channel
    email: str | None


@dataclass(frozen=True)
class Digest:
    recipient: Recipient
    day: date
    items: tuple[Item, ...]

    def of_kind(self, kind: ItemKind) -> list[Item]:
        return [item for item in self.items if item.kind is kind]

    def count(self, kind: ItemKind) -> int:
        """How many items of `kind` the digest speaks of, listed or not."""
        return sum(item.more or 1 for item in self.of_kind(kind))


def recipients(session: Session) -> list[Recipient]:
    """Active accounts with their chosen channel (the default when they chose none)."""
    u, p = models.User, reminder_models.ReminderPreference
    rows = session.execute(select(u, p).outerjoin(p, p.user_id == u.id).where(u.active.is_(True)).order_by(u.username))
    return [
        Recipient(
            user.id,
            user.username,
            Role(user.role),
            user.agency,
            Channel(pref.channel) if pref else DEFAULT_CHANNEL,
            pref.email if pref else None,
        )  # fmt: skip
        for user, pref in rows
    ]


def digests(session: Session, as_of: date, settings: ReminderSettings) -> list[Digest]:
    """The day's digest of every user who has something to hear of and has not turned reminders off. What a user
    hears of depends on the role and agency only: computed once for each (twenty Planning Department accounts
    read the overdue tasks once, not twenty times)."""
    found, computed = [], {}
    for recipient in recipients(session):
        if recipient.channel is Channel.NONE:
            continue
        kind = (recipient.role, recipient.agency)
        if kind not in computed:
            computed[kind] = items_for(session, recipient, as_of, settings)
        items = computed[kind]
        if items:
            found.append(Digest(recipient, as_of, tuple(items)))
    return found


def items_for(session: Session, recipient: Recipient, as_of: date, settings: ReminderSettings) -> list[Item]:
    if recipient.role is Role.AGENCY and recipient.agency:
        return _agency_items(session, recipient.agency, as_of, settings)
    if recipient.role is Role.PLANNING:
        return _planning_items(session, as_of, settings)
    return []


def _agency_items(session: Session, agency: str, as_of: date, settings: ReminderSettings) -> list[Item]:
    soon = TaskFilter(IN_PROGRESS, due_after=as_of, due_before=as_of + timedelta(days=settings.due_within),
                      agency_code=agency)  # fmt: skip
    return [
        *_task_items(session, ItemKind.DUE_SOON, soon, as_of, f"/nhiem-vu?soon={settings.due_within}"),
        *_task_items(session, ItemKind.OVERDUE, TaskFilter(OVERDUE, agency_code=agency), as_of, OVERDUE_LIST),
        *_entry_items(session, agency, as_of, settings),
    ]


def _task_items(session: Session, kind: ItemKind, wanted: TaskFilter, as_of: date, listed_at: str) -> list[Item]:
    """The tasks `wanted` selects that fall due first, `ITEMS_LISTED` at most, then one line for the others (a
    planning officer's digest named every overdue task of the store: 2 MB a day at 10.000 documents)."""
    views, total = most_urgent(session, as_of, wanted, ITEMS_LISTED)
    items = [_task_item(kind, view) for view in views]
    if total > len(views):
        items.append(Item(kind, "", items[-1].due, listed_at, more=total - len(views)))
    return items


def _planning_items(session: Session, as_of: date, settings: ReminderSettings) -> list[Item]:
    cutoff = as_of - timedelta(days=settings.escalate_after + 1)
    late = TaskFilter(OVERDUE, due_before=cutoff)
    month = latest_month_due(as_of)
    missing = [row for row in completeness(session, month) if row.submitted is None]
    return [
        *_task_items(session, ItemKind.ESCALATED, late, as_of, OVERDUE_LIST),
        *(
            Item(
                ItemKind.NOT_SUBMITTED,
                row.name,
                due(month),
                "/nhap-so-lieu/tong-hop",
                agencies=row.agency,
                month=str(month),
            )  # fmt: skip
            for row in missing
        ),
    ]


def _entry_items(session: Session, agency: str, as_of: date, settings: ReminderSettings) -> list[Item]:
    """The months whose figures the agency must enter, due within `due_within` days and not submitted yet."""
    if agency not in reporting():
        return []
    this = Month(as_of.year, as_of.month)
    months = [m for m in (this, this.shift(1)) if window(m)[0] <= as_of <= due(m)]  # at most two windows are open
    closing = [m for m in months if (due(m) - as_of).days <= settings.due_within]
    return [
        Item(
            ItemKind.ENTRY_CLOSING,
            default_registry().name_of(agency),
            due(m),
            "/nhap-so-lieu",
            agencies=agency,
            month=str(m),
        )  # fmt: skip
        for m in closing
        if not any(row.agency == agency and row.submitted is not None for row in completeness(session, m))
    ]


def latest_month_due(as_of: date) -> Month:
    """The latest month whose data-entry due date has passed by `as_of`."""
    month = Month(as_of.year, as_of.month)
    while due(month) >= as_of:
        month = month.shift(-1)
    return month


def _task_item(kind: ItemKind, view: TaskView) -> Item:
    task = view.task
    ref = task.ref or ""
    link = f"/nhiem-vu/{quote(view.doc_key, safe='')}/{quote(ref, safe='')}"
    agencies = ", ".join(task.agencies)
    return Item(kind, task.summary, view.due or date.max, link, view.doc_key, ref, agencies)
