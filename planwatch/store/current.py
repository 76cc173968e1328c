"""The rows of current document versions, with their document's key, in document order."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.text.fold import matches


def of_province(province: str | None) -> list[ColumnElement[bool]]:
    """The condition (none for None) that keeps the documents of one province, and those that name none, when a
    store holds several: `query.where(*of_province(p))` on a query that joins documents."""
    if province is None:
        return []
    return [or_(models.Document.province == province, models.Document.province.is_(None))]


LABELS_ASKED = 500  # above this many matching labels, reading the facts and matching them is cheaper


def labels_matching(session: Session, words: str) -> list[str] | None:
    """The stored fact labels of which every one of `words` is a word (with or without diacritics), read from the
    labels' index, so that a query asks for facts by label instead of reading every fact; None when more than
    LABELS_ASKED match."""
    labels = session.scalars(select(models.Fact.indicator).distinct())
    matching = [label for label in labels if matches(words, label)]
    return matching if len(matching) <= LABELS_ASKED else None


def of_current_documents(model: Any, doc: str | None = None, province: str | None = None) -> Select[Any]:
    """`select(model, doc_key)` over current versions (of one document when `doc` is given), in text order."""
    query = (
        select(model, models.Document.doc_key)
        .join(models.Document)
        .where(models.Document.is_current.is_(True))
        .order_by(models.Document.doc_key, model.char_start, model.id)
    )
    query = query.where(*of_province(province))
    return query.where(models.Document.doc_key == doc) if doc else query
