"""Closing a month: once the Planning Department has approved a period's figures and task updates, nothing of
that month changes (409) until an admin reopens it, with a reason. Both are audited."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.store import models

_MONTH = re.compile(r"^(19|20)\d{2}-(0[1-9]|1[0-2])$")


class LockError(ValueError):
    """A lock or unlock that cannot be made; the message says why, in Vietnamese."""


class LockedPeriod(Exception):
    """A change to a closed month."""

    def __init__(self, month: str) -> None:
        super().__init__(f"kỳ tháng {int(month[5:])}/{month[:4]} đã khoá: không sửa được; cần quản trị mở khoá")
        self.month = month


def lock(session: Session, month: str, by: str, reason: str = "") -> None:
    _check(month)
    if session.scalar(select(models.PeriodLock).where(models.PeriodLock.month == month)):
        raise LockError(f"kỳ {month} đã khoá từ trước")
    session.add(models.PeriodLock(month=month, locked_by=by, locked_at=datetime.now(), reason=reason))
    record(session, by, "period.lock", f"period:{month}", {"locked": False}, {"locked": True}, reason)


def unlock(session: Session, month: str, by: str, reason: str) -> None:
    _check(month)
    if not reason.strip():
        raise LockError("mở khoá cần lý do")
    if session.execute(delete(models.PeriodLock).where(models.PeriodLock.month == month)).rowcount == 0:  # type: ignore[attr-defined]
        raise LockError(f"kỳ {month} chưa khoá")
    record(session, by, "period.unlock", f"period:{month}", {"locked": True}, {"locked": False}, reason)


def refuse_if_locked(session: Session, day: date) -> None:
    month = f"{day.year:04d}-{day.month:02d}"
    if session.scalar(select(models.PeriodLock.id).where(models.PeriodLock.month == month)) is not None:
        raise LockedPeriod(month)


def locked_months(session: Session) -> list[models.PeriodLock]:
    return list(session.scalars(select(models.PeriodLock).order_by(models.PeriodLock.month.desc())))


def _check(month: str) -> None:
    if not _MONTH.match(month):
        raise LockError(f"kỳ “{month}” không đúng dạng YYYY-MM")
