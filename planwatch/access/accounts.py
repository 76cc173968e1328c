"""Accounts: passwords hashed with Argon2 (argon2-cffi), never stored or passed in clear; every change audited."""

from __future__ import annotations

import re
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.access.roles import Role
from planwatch.store import models

_HASHER = PasswordHasher()
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@-]{2,100}$")


class AccountError(ValueError):
    """An account change that cannot be made; the message says why, in Vietnamese."""


def add_user(session: Session, username: str, password: str, role: Role, agency: str | None, by: str) -> models.User:
    if not _NAME.match(username):
        raise AccountError(f"tên đăng nhập “{username}” không hợp lệ (2-100 chữ, số, . _ @ -)")
    if session.scalar(select(models.User).where(models.User.username == username)):
        raise AccountError(f"đã có tài khoản “{username}”")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    if (role is Role.AGENCY) != bool(agency):
        raise AccountError("tài khoản cơ quan cần --agency (mã cơ quan); các vai trò khác thì không")
    user = models.User(
        username=username,
        password_hash=_HASHER.hash(password),
        role=role.value,
        agency=agency,
        active=True,
        created_at=datetime.now(),
    )
    session.add(user)
    record(session, by, "user.add", f"user:{username}", None, {"role": role.value, "agency": agency})
    return user


def disable_user(session: Session, username: str, by: str, reason: str = "") -> None:
    user = session.scalar(select(models.User).where(models.User.username == username))
    if user is None:
        raise AccountError(f"không có tài khoản “{username}”")
    user.active = False
    session.execute(delete(models.LoginSession).where(models.LoginSession.user_id == user.id))
    record(session, by, "user.disable", f"user:{username}", {"active": True}, {"active": False}, reason)


def verified_user(session: Session, username: str, password: str) -> models.User | None:
    """The active account whose password this is, else None (the same time spent either way)."""
    user = session.scalar(select(models.User).where(models.User.username == username))
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return user if user is not None and user.active else None


def has_users(session: Session) -> bool:
    """A store without accounts is a one-person store on localhost: nothing asks for a sign-in."""
    return session.scalar(select(models.User.id).limit(1)) is not None


_DUMMY = _HASHER.hash("a password nobody has")
