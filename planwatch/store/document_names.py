"""What a person reads for a document instead of its key: its kind and period as the genre names a document
("Báo cáo 6 tháng đầu năm 2024", "Kế hoạch năm 2024"), else its title, else its key. Keys stay in the API and the
exports; pages, answers, findings and the report's sources name documents in words."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.vocab.periods import parse_period, period_words

# A document's kind in English (the kinds structure/metadata.py reads)
KINDS_EN = {
    "báo cáo": "Report",
    "kế hoạch": "Plan",
    "nghị quyết": "Resolution",
    "quyết định": "Decision",
    "chỉ thị": "Directive",
    "chương trình": "Programme",
    "thông báo": "Notice",
    "công văn": "Letter",
}


@lru_cache(maxsize=8192)  # thousands of documents share a few hundred kinds and periods: named once each
def document_name(
    kind: str | None, period_start: str | None, period_end: str | None, title: str | None, key: str, lang: str = "vi"
) -> str:
    period = period_words(parse_period(period_start, period_end), lang) if period_end else ""
    if kind and period:
        return f"{kind.capitalize()} {period}" if lang == "vi" else f"{KINDS_EN.get(kind, kind.capitalize())}, {period}"
    return (title or "").strip()[:120] or key


def document_names(session: Session, keys: Iterable[str] | None = None, lang: str = "vi") -> dict[str, str]:
    """The names of the current documents (of `keys` when given), by key; two documents of one name are told
    apart by their number."""
    d = models.Document
    query = select(d.doc_key, d.kind, d.period_start, d.period_end, d.title, d.symbol).where(d.is_current.is_(True))
    if keys is not None:
        query = query.where(d.doc_key.in_(list(keys)))
    rows = session.execute(query).all()
    named = {r.doc_key: document_name(r.kind, r.period_start, r.period_end, r.title, r.doc_key, lang) for r in rows}
    seen: dict[str, int] = {}
    for name in named.values():
        seen[name] = seen.get(name, 0) + 1
    for r in rows:
        if seen[named[r.doc_key]] > 1 and r.symbol:
            named[r.doc_key] += f" ({r.symbol.lstrip('/')})"
    return named
