"""Once-a-day jobs of the store's queue (the reminders): each server process's worker asks, when idle, whether the
day's run is due; the one whose INSERT of the (job, day) row succeeds runs it, the others see the row. A run whose
worker died is taken over after STALE_AFTER, at most MAX_ATTEMPTS times; the reminders themselves are recorded
once per user and day, so a run taken over sends nothing twice."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.remind.deliver import DigestState, deliver
from planwatch.remind.settings import ReminderSettings
from planwatch.store.reminder_models import DailyJob

log = logging.getLogger(__name__)
REMINDERS = "remind"
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 3


class DailyState(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


def run_reminders(sessions: sessionmaker[Session], now: datetime, settings: ReminderSettings) -> bool:
    """The day's reminders, if their time has come and no other worker has run them: True when this call ran them
    (or found them run), False when it is too early or another worker holds them."""
    if now.time() < settings.send_at:
        return False
    job_id = claim(sessions, REMINDERS, now)
    if job_id is None:
        return finished(sessions, REMINDERS, now.date())
    try:
        deliveries = deliver(sessions, now.date(), settings, now)
    except Exception as error:
        _close(sessions, job_id, DailyState.FAILED, f"{type(error).__name__}: {error}")
        raise
    sent = sum(d.state is DigestState.SENT and d.made for d in deliveries)
    _close(sessions, job_id, DailyState.DONE, f"{len(deliveries)} bản nhắc việc, {sent} thư gửi mới")
    return True


def claim(sessions: sessionmaker[Session], name: str, now: datetime) -> int | None:
    """The day's run of `name` for this worker: a new row, or one a dead or failed run left; None otherwise."""
    try:
        with sessions.begin() as session:
            job = DailyJob(name=name, day=now.date(), state=DailyState.RUNNING, attempts=1, started_at=now, message="")
            session.add(job)
            session.flush()
            return job.id
    except IntegrityError:
        pass
    left = or_(
        (DailyJob.state == DailyState.RUNNING) & (DailyJob.started_at < now - STALE_AFTER),
        DailyJob.state == DailyState.FAILED,
    )
    with sessions.begin() as session:
        taken = session.execute(
            update(DailyJob)
            .where(DailyJob.name == name, DailyJob.day == now.date(), DailyJob.attempts < MAX_ATTEMPTS, left)
            .values(state=DailyState.RUNNING, started_at=now, attempts=DailyJob.attempts + 1)
            .returning(DailyJob.id)
        ).first()
    return taken[0] if taken else None


def finished(sessions: sessionmaker[Session], name: str, day: date) -> bool:
    with sessions() as session:
        state = session.scalar(select(DailyJob.state).where(DailyJob.name == name, DailyJob.day == day))
    return state == DailyState.DONE


def _close(sessions: sessionmaker[Session], job_id: int, state: DailyState, message: str) -> None:
    with sessions.begin() as session:
        session.execute(
            update(DailyJob)
            .where(DailyJob.id == job_id)
            .values(state=state, finished_at=datetime.now(), message=message)
        )
    log.info("daily job %s: %s %s", job_id, state, message)
