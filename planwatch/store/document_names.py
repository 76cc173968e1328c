"""What a person reads for a document instead of its key: its kind and period as the genre names a document
("Báo cáo 6 tháng đầu năm 2024", "Kế hoạch năm 2024"), else its title, else its key. Keys stay in the API and the
exports; pages, answers, findings and the report's sources name documents in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import Any

from sqlalchemy import Row, exists, func, select
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
    query = _current()
    if keys is not None:
        query = query.where(models.Document.doc_key.in_(list(keys)))
    book = _Book()
    book.add(session.execute(query).all(), lang)
    return book.named


def _current() -> Any:
    d = models.Document
    return select(d.doc_key, d.kind, d.period_start, d.period_end, d.title, d.symbol).where(d.is_current.is_(True))


@dataclass
class _Book:
    """Names by key, with who holds each name (two holders are told apart by their number)."""

    named: dict[str, str] = field(default_factory=dict)
    base: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key -> (name, number)
    holders: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def copy(self) -> _Book:
        return _Book(dict(self.named), dict(self.base), defaultdict(set, {n: set(k) for n, k in self.holders.items()}))

    def add(self, rows: Sequence[Row[Any]], lang: str) -> None:
        """Current documents, in the order stored (a later version under the same key replaces the earlier)."""
        touched: set[str] = set()
        for r in rows:
            if r.doc_key in self.base:
                old = self.base.pop(r.doc_key)[0]
                self.holders[old].discard(r.doc_key)
                touched.add(old)
            name = document_name(r.kind, r.period_start, r.period_end, r.title, r.doc_key, lang)
            self.base[r.doc_key] = (name, r.symbol)
            self.holders[name].add(r.doc_key)
            touched.add(name)
        for name in touched:
            shared = len(self.holders[name]) > 1
            for key in self.holders[name]:
                symbol = self.base[key][1]
                self.named[key] = f"{name} ({symbol.lstrip('/')})" if shared and symbol else name


RENAMING = ("document.correct", "document.delete")  # the audited edits that change or remove a document's name


class KeptNames:
    """The current documents' names in each language, kept between requests and brought up to date by reading
    only the documents stored since (10.000 documents were named again after every upload); a document corrected
    or deleted since (its audit row) names them all again. Readers get a dictionary no later update changes."""

    def __init__(self) -> None:
        self._books: dict[str, tuple[tuple[int, int], _Book | None]] = {}
        self._lock = Lock()

    def get(self, session: Session, lang: str) -> dict[str, str]:
        d, a = models.Document, models.AuditEntry
        with self._lock:
            (seen, audited), book = self._books.get(lang, ((0, 0), None))
            renamed = exists().where(a.id > audited, a.action.in_(RENAMING))
            newest, latest, edited = session.execute(
                select(
                    func.coalesce(func.max(d.id), 0),
                    select(func.coalesce(func.max(a.id), 0)).scalar_subquery(),
                    renamed,
                )
            ).one()
            if book is None or edited:
                seen, book = 0, _Book()
            elif newest != seen:
                book = book.copy()
            if newest != seen:
                book.add(session.execute(_current().where(d.id > seen).order_by(d.id)).all(), lang)
            self._books[lang] = ((newest, latest), book)
            return book.named
