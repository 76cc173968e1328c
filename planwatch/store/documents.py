"""The one owner of a document's versions: every writer (an ingested file, an agency's submission) adds a version
here, in its caller's transaction. A key has one current version; adding one makes the earlier ones not current
and marks the provinces they named (store/freshness.py marks the new one's)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.freshness import mark_stale, scope_of

Rows = Mapping[type[models.Base], Iterable[Mapping[str, Any]]]  # a version's rows by model, without document_id


def current_version(session: Session, key: str) -> models.Document | None:
    d = models.Document
    return session.scalar(select(d).where(d.doc_key == key, d.is_current.is_(True)))


def current_with_bytes(session: Session, digest: str) -> models.Document | None:
    """The current version of any document whose bytes hash to `digest` (the same file under another name)."""
    d = models.Document
    return session.scalar(select(d).where(d.sha256 == digest, d.is_current.is_(True)))


def versions(session: Session, key: str) -> Sequence[models.Document]:
    return session.scalars(select(models.Document).where(models.Document.doc_key == key)).all()


def make_current(session: Session, document: models.Document) -> None:
    """An earlier version current again (the same bytes stored once more), the others not."""
    _none_current(session, document.doc_key)
    document.is_current = True


def add_version(session: Session, document: models.Document, rows: Rows) -> models.Document:
    """`document` (made by its writer, without version) as its key's next version, current from now on, with its
    rows inserted in bulk (executemany)."""
    earlier = versions(session, document.doc_key)
    _none_current(session, document.doc_key)
    mark_stale(session, {scope_of(v.province) for v in earlier})  # an earlier version may name another province
    document.version, document.is_current = len(earlier) + 1, True
    session.add(document)
    session.flush()
    for model, items in rows.items():
        values = [{**item, "document_id": document.id} for item in items]
        if values:
            session.execute(insert(model), values)
    return document


def _none_current(session: Session, key: str) -> None:
    session.execute(update(models.Document).where(models.Document.doc_key == key).values(is_current=False))
