"""Accounts: passwords hashed with Argon2 (argon2-cffi), never stored or passed in clear; every change audited."""

from __future__ import annotations

import re
from datetime import datetime
from threading import BoundedSemaphore

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.access.roles import Role
from planwatch.store import models
from planwatch.store.known import agency_registry

# OWASP's Argon2id parameters (19 MiB, two passes, one lane) rather than argon2-cffi's RFC 9106 default (64 MiB,
# four lanes): a server process verifies several sign-ins at once, and four at the default held 256 MB. Two at
# most are hashed at a time; a hash made with other parameters is made again at the next sign-in.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_HASHING = BoundedSemaphore(2)
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
    if agency and agency not in agency_registry(session).agencies:
        raise AccountError(f"không có cơ quan mã “{agency}” trong danh mục (xem planwatch agencies; thêm: agency-add)")
    user = models.User(
        username=username,
        password_hash=_hashed(password),
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
        with _HASHING:
            _HASHER.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _hashed(password)  # committed with the sign-in's session row
    return user


def _hashed(password: str) -> str:
    with _HASHING:
        return _HASHER.hash(password)


def has_users(session: Session) -> bool:
    """A store without accounts is a one-person store on localhost: nothing asks for a sign-in."""
    return session.scalar(select(models.User.id).limit(1)) is not None


_DUMMY = _hashed("a password nobody has")
