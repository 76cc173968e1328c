"""Reading the store back: documents and facts, with indicator search that works with or without
diacritics and with the genre's abbreviations ("thu ngan sach" and "NSNN" both find "thu ngân sách
nhà nước")."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.current import labels_matching, of_current_documents
from planwatch.text.fold import fold, matches


def current_documents(session: Session) -> Sequence[models.Document]:
    return session.scalars(
        select(models.Document).where(models.Document.is_current.is_(True)).order_by(models.Document.doc_key)
    ).all()


def find_facts(
    session: Session,
    indicator: str | None = None,
    doc: str | None = None,
    measure: str | None = None,
    period: str | None = None,
    code: str | None = None,
    limit: int | None = None,
    province: str | None = None,
) -> list[tuple[models.Fact, str]]:
    """Facts of current documents, in document order; `indicator` matches label words, `code` the catalogue,
    `province` the province of the document (with or without diacritics)."""
    query = of_current_documents(models.Fact, doc)
    if province:
        query = query.where(models.Document.province.in_(_spellings(session, province)))
    if measure:
        query = query.where(models.Fact.measure == measure)
    if period:
        query = query.where(models.Fact.period_end == period)
    if code:
        query = query.where(models.Fact.indicator_code == code)
    labels = labels_matching(session, indicator) if indicator else None
    if labels is not None:
        query = query.where(models.Fact.indicator.in_(labels))
    if limit and (labels is not None or not indicator):
        query = query.limit(limit)
    rows = [(fact, key) for fact, key in session.execute(query)]
    if indicator and labels is None:
        rows = [(fact, key) for fact, key in rows if matches(indicator, fact.indicator)][:limit]
    return rows


def _spellings(session: Session, province: str) -> list[str]:
    """The stored province names that `province` names, with or without diacritics ("ba suoi" → "Ba Suối")."""
    stored = session.scalars(select(models.Document.province).distinct().where(models.Document.province.is_not(None)))
    return [name for name in stored if name and fold(name) == fold(province)]
