"""The schema of reminders and once-a-day jobs (migration 0015), beside `models.py` on the same metadata."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planwatch.store.models import Base


class ReminderPreference(Base):
    """How a user wants the daily reminders: by mail (and in the app), in the app only, or not at all."""

    __tablename__ = "reminder_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))  # remind.digest.Channel
    email: Mapped[str | None] = mapped_column(String(200))


class ReminderDigest(Base):
    """One user's digest of one day (one at most: the unique key), what it listed, how it went out, when it was
    read in the app. A mail is claimed (`sending`) before it is handed to the SMTP server, so no run sends it twice."""

    __tablename__ = "reminder_digests"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(10))  # remind.deliver.DigestState
    items: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str] = mapped_column(Text, default="")


class DailyJob(Base):
    """A job of the store's queue that runs once a day (the reminders): the worker that inserts the day's row
    runs it; a run whose worker died is taken over after a while."""

    __tablename__ = "daily_jobs"
    __table_args__ = (UniqueConstraint("name", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10))  # jobs.daily.DailyState
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    message: Mapped[str] = mapped_column(Text, default="")
