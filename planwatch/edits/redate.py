"""A document's figures read again for the months a person set for it: the stored text and blocks go through the
same extraction as an upload, with the period given, and the figures replace the old ones (so "05 tháng", "cùng
kỳ", "trong tháng" and every figure without its own year follow the new period, and figures that name theirs keep
it). Footnote markers are not stored: a footnote's figures take the document's window."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from planwatch.extract.document import extract_document
from planwatch.read.model import PlainText, Span
from planwatch.store import models
from planwatch.store.known import agency_registry, user_indicator_aliases
from planwatch.store.rows import Coder, document_rows
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.periods import parse_period


def redate_facts(session: Session, document: models.Document) -> int:
    """Read the document's figures again for its stored period; returns how many it has now."""
    blocks = session.scalars(
        select(models.Block).where(models.Block.document_id == document.id).order_by(models.Block.char_start)
    ).all()
    plain = PlainText(document.text, [Span(b.kind, b.char_start, b.char_end, b.page, b.footnote) for b in blocks], [])
    registry = agency_registry(session)
    period = parse_period(document.period_start, document.period_end)
    found = extract_document(plain, registry, province=document.province, period=period)
    rows = document_rows(plain, found, Coder(default_catalogue(), user_indicator_aliases(session)), registry)
    facts = rows.by_model.get(models.Fact, [])
    session.execute(delete(models.Fact).where(models.Fact.document_id == document.id))
    if facts:
        session.execute(insert(models.Fact), [{**row, "document_id": document.id} for row in facts])
    document.reference_date, document.reference_source = found.meta.reference.day, found.meta.reference.found_by
    document.period_source, document.sureness = found.meta.period_found_by, rows.sureness
    return len(facts)
