"""Which stored findings a write makes stale. Every flush that adds, changes or removes a document or a target
marks the scopes it touches in the same transaction (store/db.py listens with `mark_touched`), so a committed
change is never left unmarked; bulk statements that bypass the flush (deleting a document, giving a label its
code) mark with `mark_stale` themselves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import chain

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.scope import UNNAMED


def scope_of(province: str | None) -> str:
    return province or UNNAMED


def mark_stale(session: Session, scopes: Iterable[str]) -> None:
    session.add_all(models.StaleScope(scope=scope, at=datetime.now()) for scope in set(scopes))


def _provinces(document: models.Document) -> set[str | None]:
    """The province a document names now and, when an edit changed it, the one it named before."""
    history = inspect(document).attrs.province.history
    return {document.province, *history.deleted}


def _target_scope(session: Session, target: models.Target) -> str:
    """A document's target belongs to its document's province; a hand-entered one names none, so the checks
    compare it with the figures of the documents that name none (checks.scope_condition) and it marks their
    scope only (in a store of one province any mark rechecks the whole store)."""
    with session.no_autoflush:
        document = None if target.document_id is None else session.get(models.Document, target.document_id)
    return scope_of(document.province if document is not None else None)


def mark_touched(session: Session, _context: object, _instances: object) -> None:
    scopes: set[str] = set()
    for row in chain(session.new, session.deleted, (r for r in session.dirty if session.is_modified(r))):
        if isinstance(row, models.Document):
            scopes |= {scope_of(p) for p in _provinces(row)}
        elif isinstance(row, models.Target):
            scopes.add(_target_scope(session, row))
    if scopes:
        mark_stale(session, scopes)
