"""Failed sign-ins counted in the store, so every server process sees the same count: per account from one
address, per address (many names tried), and per account from everywhere (a spread-out guess). Past a limit the
sign-in is refused until the oldest failure counted leaves the window: that time is told to the user."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planwatch.store.models import SignInFailure

WINDOW = timedelta(minutes=5)
PER_ACCOUNT_AND_ADDRESS, PER_ADDRESS, PER_ACCOUNT = 5, 20, 50


def _limits(username: str, address: str) -> list[tuple[str, int]]:
    return [(f"{username}@{address}", PER_ACCOUNT_AND_ADDRESS), (f"@{address}", PER_ADDRESS), (username, PER_ACCOUNT)]


def blocked_until(session: Session, username: str, address: str, now: datetime | None = None) -> datetime | None:
    """When sign-ins of `username` from `address` are taken again; None when they are now."""
    now = now or datetime.now()
    until = None
    for key, allowed in _limits(username, address):
        times = select(SignInFailure.at).where(SignInFailure.key == key, SignInFailure.at > now - WINDOW)
        recent = list(session.scalars(times.order_by(SignInFailure.at.desc()).limit(allowed)))
        if len(recent) >= allowed:
            until = max(until or now, recent[-1] + WINDOW)
    return until


def failed(session: Session, username: str, address: str, now: datetime | None = None) -> None:
    """One failure more under each key (in the caller's transaction); failures older than the window go."""
    now = now or datetime.now()
    session.execute(delete(SignInFailure).where(SignInFailure.at <= now - WINDOW))
    session.add_all(SignInFailure(key=key, at=now) for key, _ in _limits(username, address))
