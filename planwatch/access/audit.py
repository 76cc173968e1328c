"""The audit trail: one row per change, in the change's own transaction (rolled back with it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import models


def record(
    session: Session,
    username: str,
    action: str,
    entity: str,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
    reason: str = "",
) -> None:
    session.add(
        models.AuditEntry(
            at=datetime.now(),
            username=username,
            action=action,
            entity=entity,
            before=before,
            after=after,
            reason=reason,
        )  # fmt: skip
    )


def entries(
    session: Session, since: datetime | None = None, username: str | None = None, limit: int = 500
) -> list[models.AuditEntry]:
    """The latest changes first."""
    query = select(models.AuditEntry).order_by(models.AuditEntry.id.desc()).limit(limit)
    if since:
        query = query.where(models.AuditEntry.at >= since)
    if username:
        query = query.where(models.AuditEntry.username == username)
    return list(session.scalars(query))
