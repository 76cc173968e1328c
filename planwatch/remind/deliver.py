"""The day's digests recorded and sent once. A digest is a row per user and day (a unique key: a second run, a
second worker or a restart finds it made); a mail is claimed by one atomic UPDATE before it is handed to the SMTP
server and marked sent after, so a run that dies in between never sends it again (at most once); a refusal by
the server is tried again by the next run, three times at most. The app lists every digest made, mail or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, ScalarSelect, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.remind.digest import Channel, Digest, Item, digests
from planwatch.remind.mail import MailError, SmtpServer, message
from planwatch.remind.settings import ReminderSettings
from planwatch.store import models, reminder_models

MAX_ATTEMPTS = 3


class DigestState(StrEnum):
    QUEUED = "queued"  # recorded, its mail not handed to the server yet
    SENDING = "sending"  # claimed by a run; if that run dies here the mail is never sent again
    SENT = "sent"
    FAILED = "failed"  # not sent: the server refused or no address; the next run tries again
    APP = "app"  # in the app only


@dataclass(frozen=True)
class Delivery:
    username: str
    state: DigestState
    items: int
    made: bool  # this run made the digest (False: it was made earlier today)
    error: str = ""


def deliver(
    sessions: sessionmaker[Session], as_of: date, settings: ReminderSettings, now: datetime | None = None
) -> list[Delivery]:
    """Record the day's digests and send their mails, each once."""
    now = now or datetime.now()
    with sessions() as session:
        found = digests(session, as_of, settings)
    server = SmtpServer.from_url(settings.smtp_url) if settings.smtp_url else None
    deliveries = []
    for digest in found:
        digest_id, made = _record(sessions, digest, now)
        state, error = _send_once(sessions, digest_id, digest, server, settings, now)
        deliveries.append(Delivery(digest.recipient.username, state, len(digest.items), made, error))
    return deliveries


def _record(sessions: sessionmaker[Session], digest: Digest, now: datetime) -> tuple[int, bool]:
    """The digest's row: made now, or the one another run made today."""
    mail = digest.recipient.channel is Channel.MAIL
    row = reminder_models.ReminderDigest(
        user_id=digest.recipient.user_id,
        day=digest.day,
        channel=digest.recipient.channel.value,
        state=(DigestState.QUEUED if mail else DigestState.APP).value,
        items=[item.as_json() for item in digest.items],
        attempts=0,
        created_at=now,
        error="",
    )
    try:
        with sessions.begin() as session:
            session.add(row)
            session.flush()
            return row.id, True
    except IntegrityError:
        with sessions() as session:
            found = session.scalar(
                select(reminder_models.ReminderDigest.id).where(
                    reminder_models.ReminderDigest.user_id == digest.recipient.user_id,
                    reminder_models.ReminderDigest.day == digest.day,
                )
            )
        assert found is not None  # the unique key refused the row because this one exists
        return found, False


def _send_once(
    sessions: sessionmaker[Session],
    digest_id: int,
    digest: Digest,
    server: SmtpServer | None,
    settings: ReminderSettings,
    now: datetime,
) -> tuple[DigestState, str]:
    if not _claim(sessions, digest_id):
        return _state(sessions, digest_id)
    try:
        if server is None:
            raise MailError("chưa cấu hình máy chủ thư (PLANWATCH_SMTP_URL)")
        server.send(message(digest, settings, server.sender))
    except MailError as error:
        _close(sessions, digest_id, DigestState.FAILED, error=str(error))
        return DigestState.FAILED, str(error)
    _close(sessions, digest_id, DigestState.SENT, sent_at=now)
    return DigestState.SENT, ""


def _claim(sessions: sessionmaker[Session], digest_id: int) -> bool:
    """Take the digest's mail for this run: one run wins, and only while it is unsent and within its attempts."""
    d = reminder_models.ReminderDigest
    with sessions.begin() as session:
        claimed = session.execute(
            update(d)
            .where(d.id == digest_id, d.state.in_([DigestState.QUEUED, DigestState.FAILED]), d.attempts < MAX_ATTEMPTS)
            .values(state=DigestState.SENDING, attempts=d.attempts + 1)
            .returning(d.id)
        ).first()
    return claimed is not None


def _close(sessions: sessionmaker[Session], digest_id: int, state: DigestState, **values: object) -> None:
    with sessions.begin() as session:
        session.execute(
            update(reminder_models.ReminderDigest)
            .where(reminder_models.ReminderDigest.id == digest_id)
            .values(state=state, **values)
        )


def _state(sessions: sessionmaker[Session], digest_id: int) -> tuple[DigestState, str]:
    with sessions() as session:
        row = session.get(reminder_models.ReminderDigest, digest_id)
        assert row is not None
        return DigestState(row.state), row.error


# --- in the app ---


@dataclass(frozen=True)
class Notification:
    id: int
    day: date
    state: DigestState
    items: tuple[Item, ...]
    read: bool


def notifications(session: Session, user_id: int, limit: int = 30) -> list[Notification]:
    """A user's digests, the latest first."""
    d = reminder_models.ReminderDigest
    rows = session.scalars(select(d).where(d.user_id == user_id).order_by(d.day.desc()).limit(limit))
    return [
        Notification(
            r.id, r.day, DigestState(r.state), tuple(Item.from_json(i) for i in r.items), r.read_at is not None
        )
        for r in rows
    ]


def unread(session: Session, user_id: int) -> int:
    """How many of a user's digests are unread in the app: the count in the page header."""
    return session.scalar(select(unread_count(user_id))) or 0


def unread_count(user: ColumnElement[int] | int | None = None) -> ScalarSelect[int]:
    """The count of `user`'s unread digests, as SQL (by default of the user row a query reads)."""
    d = reminder_models.ReminderDigest
    whose = models.User.id if user is None else user
    return select(func.count()).where(d.user_id == whose, d.read_at.is_(None)).scalar_subquery()


def unread_of(session: Session, username: str) -> int:
    """`unread` of the user named `username`, in one query (0 for no such user)."""
    return session.scalar(select(unread_count()).where(models.User.username == username)) or 0


def mark_read(session: Session, user_id: int, now: datetime | None = None) -> int:
    d = reminder_models.ReminderDigest
    done = session.execute(
        update(d).where(d.user_id == user_id, d.read_at.is_(None)).values(read_at=now or datetime.now())
    )
    return int(done.rowcount)  # type: ignore[attr-defined]
