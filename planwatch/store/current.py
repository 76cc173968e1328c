"""The rows of current document versions, with their document's key, in document order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.scope import WHOLE, Scope, province_scope, today_units
from planwatch.text.fold import fold


def provinces_by_count(session: Session) -> list[str]:
    """The provinces current documents name, the one with the most documents first."""
    d = models.Document
    counted = select(d.province, func.count()).where(d.is_current.is_(True), d.province.is_not(None))
    return [name for name, _ in session.execute(counted.group_by(d.province).order_by(func.count().desc())) if name]


def predecessor_documents(session: Session, scope: Scope, keys: Iterable[str]) -> dict[str, str]:
    """Of the documents `keys` names, those of a predecessor of the merged province `scope` reads, with the old
    province's name (what a page marks them with); none for any other scope."""
    wanted = sorted(set(keys))
    if not scope.predecessors or not wanted:
        return {}
    d = models.Document
    query = select(d.doc_key, d.province).where(d.doc_key.in_(wanted), d.province.in_(scope.predecessors))
    return {key: province for key, province in session.execute(query.distinct()) if province}


def main_scope(session: Session) -> Scope:
    """The scope a year's status speaks of when the whole store is asked: the province with the most documents in
    a store of several (a target is never judged on another province's figures), the whole store in a store of
    one."""
    provinces = provinces_by_count(session)
    units = today_units(provinces)
    return province_scope(units[0], provinces) if len(units) > 1 else WHOLE


LABELS_ASKED = 500  # above this many matching labels, reading the facts and matching them is cheaper


@dataclass(frozen=True)
class _Labels:
    """The labels of a store's facts with their folded words, as of how many there were (labels are only added)."""

    count: int
    words: tuple[tuple[str, frozenset[str]], ...]


_LABELS: dict[str, _Labels] = {}  # per store; bounded by the genre's vocabulary, not by the number of documents


def labels_matching(session: Session, words: str) -> list[str] | None:
    """The stored fact labels of which every one of `words` is a word (with or without diacritics), so that a
    query asks for facts by label through its index instead of reading every fact; None when more than
    LABELS_ASKED match."""
    store = str(session.get_bind().engine.url)
    count = session.scalar(select(func.count()).select_from(models.FactLabel)) or 0
    known = _LABELS.get(store)
    if known is None or known.count != count:
        labels = session.scalars(select(models.FactLabel.label))
        known = _LABELS[store] = _Labels(count, tuple((label, frozenset(fold(label).split())) for label in labels))
    wanted = set(fold(words).split())
    matching = [label for label, have in known.words if wanted <= have]
    return matching if len(matching) <= LABELS_ASKED else None


def of_current_documents(model: Any, doc: str | None = None, scope: Scope = WHOLE) -> Select[Any]:
    """`select(model, doc_key)` over current versions (of one document when `doc` is given), in text order."""
    query = (
        select(model, models.Document.doc_key)
        .join(models.Document)
        .where(models.Document.is_current.is_(True))
        .order_by(models.Document.doc_key, model.char_start, model.id)
    )
    query = query.where(*scope.documents())
    return query.where(models.Document.doc_key == doc) if doc else query
