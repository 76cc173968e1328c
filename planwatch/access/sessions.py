"""Sign-in sessions kept in the store (they survive a restart and can be revoked): the browser holds a random
token, the store its SHA-256; each session has its CSRF token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from planwatch.access.roles import Role
from planwatch.store import models

LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class Actor:
    """Who is asking: a signed-in user."""

    username: str
    role: Role
    agency: str | None
    csrf_token: str


def start(session: Session, user: models.User) -> tuple[str, str]:
    """A new session for `user`: (the cookie's token, the CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = datetime.now()
    session.add(
        models.LoginSession(
            token_hash=_hashed(token), csrf_token=csrf, user_id=user.id, created_at=now, expires_at=now + LIFETIME
        )
    )
    return token, csrf


def actor_for(session: Session, token: str | None) -> Actor | None:
    found = signed_in(session, token)
    return None if found is None else found[0]


def signed_in(session: Session, token: str | None, *also: ColumnElement[Any]) -> tuple[Actor, tuple[Any, ...]] | None:
    """The actor of the session `token` opens, with the values of `also` (columns over the user's row) read by the
    same query: a page read by a signed-in user asks the store once who reads it."""
    if not token:
        return None
    found = session.execute(
        select(models.LoginSession, models.User, *also)
        .join(models.User)
        .where(models.LoginSession.token_hash == _hashed(token), models.User.active.is_(True))
    ).first()
    if found is None or found[0].expires_at < datetime.now():
        return None
    login, user, *values = found
    return Actor(user.username, Role(user.role), user.agency, login.csrf_token), tuple(values)


def end(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(models.LoginSession).where(models.LoginSession.token_hash == _hashed(token)))


def _hashed(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
