"""The reminders' settings, read from the environment once: where mail goes out, the links it carries, when the
server sends the day's digests and how late a task must be before planning hears of it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import time

DUE_WITHIN_DAYS = 7  # an agency hears of its tasks due within this many days
ESCALATE_AFTER_DAYS = 14  # planning hears of tasks overdue by more than this many days (PLANWATCH_ESCALATE_AFTER_DAYS)
SEND_AT = time(7, 0)  # the server's worker sends the day's digests from this time on (PLANWATCH_REMIND_AT, "07:00")


@dataclass(frozen=True)
class ReminderSettings:
    smtp_url: str | None = None  # PLANWATCH_SMTP_URL: smtp://user:password@host:587?starttls=1&from=addr, smtps://
    base_url: str = "http://127.0.0.1:8000"  # PLANWATCH_BASE_URL: where the links of a mail lead
    due_within: int = DUE_WITHIN_DAYS
    escalate_after: int = ESCALATE_AFTER_DAYS
    send_at: time = SEND_AT

    @classmethod
    def from_env(cls) -> ReminderSettings:
        env = os.environ
        at = env.get("PLANWATCH_REMIND_AT")
        return cls(
            smtp_url=env.get("PLANWATCH_SMTP_URL") or None,
            base_url=env.get("PLANWATCH_BASE_URL", cls.base_url).rstrip("/"),
            escalate_after=int(env.get("PLANWATCH_ESCALATE_AFTER_DAYS", ESCALATE_AFTER_DAYS)),
            send_at=time.fromisoformat(at) if at else SEND_AT,
        )
