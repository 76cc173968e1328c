"""The export contract of ../shared/spec/EXPORT.md: JSON Lines, NFC, one object a line."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import models


def fact_records(session: Session, doc: str | None = None) -> Iterator[dict[str, Any]]:
    query = (
        select(models.Fact, models.Document.doc_key)
        .join(models.Document)
        .where(models.Document.is_current.is_(True))
        .order_by(models.Document.doc_key, models.Fact.char_start, models.Fact.id)
    )
    if doc:
        query = query.where(models.Document.doc_key == doc)
    for fact, doc_key in session.execute(query):
        yield {
            "doc": doc_key,
            "indicator": fact.indicator,
            "indicator_code": fact.indicator_code,
            "measure": fact.measure,
            "value": fact.value,
            "unit": fact.unit,
            "period_start": fact.period_start,
            "period_end": fact.period_end,
            "quote": fact.quote,
            "page": fact.page,
            "char_start": fact.char_start,
            "char_end": fact.char_end,
            "base_value": fact.base_value,
            "estimate": fact.estimate,
            "rank_of": fact.rank_of,
            "parent": fact.parent,
            "section": fact.section,
            "footnote": fact.footnote,
            "tags": (["prior"] if fact.prior else []) + (["footnote"] if fact.footnote else []),
        }


def to_jsonl(record: dict[str, Any]) -> str:
    return unicodedata.normalize("NFC", json.dumps(record, ensure_ascii=False))
