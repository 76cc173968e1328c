"""How each user gets the daily reminders (mail, the app only, none) and where mail goes: an audited write of the
user's own choice, or of planning's on the command line."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.remind.digest import Channel
from planwatch.store import models, reminder_models


class PreferenceError(ValueError):
    """A choice that cannot be kept; the message says why, in Vietnamese."""


def set_preference(session: Session, username: str, channel: Channel, email: str | None, by: str) -> None:
    """A user's channel and mail address, audited in this transaction."""
    user = session.scalar(select(models.User).where(models.User.username == username))
    if user is None:
        raise PreferenceError(f"không có tài khoản «{username}»")
    email = (email or "").strip() or None
    if email is not None and ("@" not in email or any(c.isspace() for c in email) or len(email) > 200):
        raise PreferenceError(f"«{email}» không phải một địa chỉ thư")
    preference = session.get(reminder_models.ReminderPreference, user.id)
    if channel is Channel.MAIL and not (email or (preference and preference.email)):
        raise PreferenceError("nhận thư nhắc việc cần một địa chỉ thư")
    before: dict[str, object] | None = (
        {"channel": preference.channel, "email": preference.email} if preference else None
    )
    if preference is None:
        preference = reminder_models.ReminderPreference(user_id=user.id, channel=channel.value, email=email)
        session.add(preference)
    preference.channel = channel.value
    preference.email = email or preference.email
    after: dict[str, object] = {"channel": preference.channel, "email": preference.email}
    record(session, by, "reminders.preference", f"user:{username}", before, after)
