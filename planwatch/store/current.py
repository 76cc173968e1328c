"""The rows of current document versions, with their document's key, in document order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from planwatch.store import models


def of_current_documents(model: Any, doc: str | None = None) -> Select[Any]:
    """`select(model, doc_key)` over current versions (of one document when `doc` is given), in text order."""
    query = (
        select(model, models.Document.doc_key)
        .join(models.Document)
        .where(models.Document.is_current.is_(True))
        .order_by(models.Document.doc_key, model.char_start, model.id)
    )
    return query.where(models.Document.doc_key == doc) if doc else query
