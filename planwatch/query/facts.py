"""Reading the store back: documents and facts, with indicator search that works with or without
diacritics and with the genre's abbreviations ("thu ngan sach" and "NSNN" both find "thu ngân sách
nhà nước")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.current import labels_matching, of_current_documents
from planwatch.store.scope import WHOLE, Scope
from planwatch.text.fold import matches


def current_documents(session: Session, scope: Scope = WHOLE) -> Sequence[models.Document]:
    d = models.Document
    return session.scalars(select(d).where(d.is_current.is_(True), *scope.documents()).order_by(d.doc_key)).all()


@dataclass(frozen=True)
class FactFilter:
    """Which facts of current documents: `indicator` matches label words, `code` the catalogue, `period` the last
    month of the period, `scope` the documents (of one province and those naming none, or all)."""

    indicator: str | None = None
    doc: str | None = None
    measure: str | None = None
    period: str | None = None
    code: str | None = None
    scope: Scope = WHOLE


def find_facts(
    session: Session,
    indicator: str | None = None,
    doc: str | None = None,
    measure: str | None = None,
    period: str | None = None,
    code: str | None = None,
    limit: int | None = None,
    scope: Scope = WHOLE,
    offset: int = 0,
) -> list[tuple[models.Fact, str]]:
    """Facts of current documents, in document order, a page at a time (see FactFilter)."""
    query, words = _matching(session, FactFilter(indicator, doc, measure, period, code, scope))
    if words is None:
        return [(row[0], row[1]) for row in session.execute(query.offset(offset).limit(limit))]
    kept = [(row[0], row[1]) for row in session.execute(query) if matches(words, row[0].indicator)]
    return kept[offset : offset + limit if limit else None]


def count_facts(session: Session, wanted: FactFilter) -> int:
    query, words = _matching(session, wanted)
    if words is None:
        return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return sum(matches(words, row[0].indicator) for row in session.execute(query))


def _matching(session: Session, wanted: FactFilter) -> tuple[Select[Any], str | None]:
    """The query of the facts `wanted` selects, and the label words still to match in Python (None when the
    labels they name were few enough to ask the store for)."""
    f = models.Fact
    query = of_current_documents(f, wanted.doc, wanted.scope)
    conditions = [
        f.measure == wanted.measure if wanted.measure else None,
        f.period_end == wanted.period if wanted.period else None,
        f.indicator_code == wanted.code if wanted.code else None,
    ]
    query = query.where(*(c for c in conditions if c is not None))
    if not wanted.indicator:
        return query, None
    labels = labels_matching(session, wanted.indicator)
    return (query, wanted.indicator) if labels is None else (query.where(f.indicator.in_(labels)), None)
