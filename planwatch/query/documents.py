"""The documents list: one row per document, however many renderings (.txt, .docx, .pdf) of it were stored,
filtered by kind, year and province, paged by key (the newest first), with its counts in one query per page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from planwatch.store import models

PAGE_SIZE = 50
Doc = models.Document


@dataclass(frozen=True)
class DocumentFilter:
    kind: str | None = None
    year: int | None = None
    province: str | None = None


@dataclass(frozen=True)
class Listed:
    document: models.Document
    counts: dict[str, int]  # facts, targets, tasks
    versions: int
    renderings: tuple[models.Document, ...] = ()  # the same document (number and date) under other names


@dataclass(frozen=True)
class DocumentPage:
    rows: list[Listed]
    total: int
    next_after: int | None  # the key of the next page, None on the last


def _conditions(chosen: DocumentFilter) -> list[ColumnElement[bool]]:
    """Current documents that match the filter, each document once (its first stored rendering)."""
    first = select(func.min(Doc.id)).where(Doc.is_current.is_(True)).group_by(Doc.symbol, Doc.issued)
    unnumbered = or_(Doc.symbol.is_(None), Doc.issued.is_(None))  # no number and date to know its renderings by
    found = [Doc.is_current.is_(True), or_(unnumbered, Doc.id.in_(first.scalar_subquery()))]
    if chosen.kind:
        found.append(Doc.kind == chosen.kind)
    if chosen.province:
        found.append(Doc.province == chosen.province)
    if chosen.year:
        y = chosen.year
        in_period = and_(Doc.period_start <= f"{y}-12", Doc.period_end >= f"{y}-01")
        found.append(or_(in_period, Doc.issued.between(date(y, 1, 1), date(y, 12, 31))))
    return found


def count_documents(session: Session, chosen: DocumentFilter = DocumentFilter()) -> int:
    return session.scalar(select(func.count(Doc.id)).where(*_conditions(chosen))) or 0


def list_documents(
    session: Session,
    chosen: DocumentFilter = DocumentFilter(),
    after: int | None = None,
    limit: int = PAGE_SIZE,
    total: int | None = None,
) -> DocumentPage:
    """A page of the documents `chosen` selects, after the key `after`; `total` when the caller knows how many
    match (a count kept until the store changes), counted otherwise."""
    where = _conditions(chosen)
    query = select(Doc).where(*where)
    total = count_documents(session, chosen) if total is None else total
    if after is not None:
        query = query.where(Doc.id < after)
    shown = list(session.scalars(query.order_by(Doc.id.desc()).limit(limit + 1)))
    more = len(shown) > limit
    shown = shown[:limit]
    counts = _counts(session, [d.id for d in shown])
    versions = _versions(session, [d.doc_key for d in shown])
    renderings = _renderings(session, shown)
    rows = [Listed(d, counts.get(d.id, {}), versions.get(d.doc_key, 1), tuple(renderings.get(d.id, ()))) for d in shown]
    return DocumentPage(rows, total, shown[-1].id if more and shown else None)


def document_choices(session: Session) -> tuple[list[str], list[str]]:
    """The kinds and the provinces of current documents: what the documents list may be filtered by."""
    return _distinct(session, Doc.kind), _distinct(session, Doc.province)


def _counts(session: Session, ids: Sequence[int]) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = {i: {"facts": 0, "targets": 0, "tasks": 0} for i in ids}
    for name, model in (("facts", models.Fact), ("targets", models.Target), ("tasks", models.Task)):
        grouped = select(model.document_id, func.count()).where(model.document_id.in_(ids))
        for document_id, count in session.execute(grouped.group_by(model.document_id)):
            if document_id is not None:  # (a target entered by hand has no document; none is asked for here)
                found[document_id][name] = count
    return found


def _versions(session: Session, keys: Sequence[str]) -> dict[str, int]:
    grouped = select(Doc.doc_key, func.count()).where(Doc.doc_key.in_(keys)).group_by(Doc.doc_key)
    return {key: count for key, count in session.execute(grouped)}


def _renderings(session: Session, shown: Sequence[Doc]) -> dict[int, list[Doc]]:
    keyed = [d for d in shown if d.symbol and d.issued]
    if not keyed:
        return {}
    pairs = list({(d.symbol, d.issued) for d in keyed})  # numbers repeat across provinces and years: ask for pairs
    same = tuple_(Doc.symbol, Doc.issued).in_(pairs)
    others = session.scalars(select(Doc).where(Doc.is_current.is_(True), same)).all()
    found: dict[int, list[Doc]] = {}
    for d in keyed:
        found[d.id] = [o for o in others if (o.symbol, o.issued) == (d.symbol, d.issued) and o.id != d.id]
    return found


def _distinct(session: Session, column: InstrumentedAttribute[str | None]) -> list[str]:
    query = select(column).where(Doc.is_current.is_(True), column.isnot(None)).distinct()
    return sorted(v for v in session.scalars(query) if v)
