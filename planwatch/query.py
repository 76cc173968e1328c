"""Reading the store back: documents and facts, with indicator search that works with or without
diacritics and with the genre's abbreviations ("thu ngan sach" and "NSNN" both find "thu ngân sách
nhà nước")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import models

ABBREVIATIONS = {
    "nsnn": "ngan sach nha nuoc", "grdp": "tong san pham tren dia ban", "iip": "chi so san xuat cong nghiep",
    "fdi": "dau tu truc tiep nuoc ngoai", "xnk": "xuat nhap khau", "kcn": "khu cong nghiep",
    "ccn": "cum cong nghiep", "dn": "doanh nghiep", "vdt": "von dau tu", "dtc": "dau tu cong",
    "ntm": "nong thon moi", "mtqg": "muc tieu quoc gia", "bhxh": "bao hiem xa hoi", "bhyt": "bao hiem y te",
}


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" → "d", abbreviations expanded."""
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", plain)
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def matches(query: str, text: str) -> bool:
    wanted = fold(query).split()
    have = set(fold(text).split())
    return all(w in have for w in wanted)


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
) -> list[tuple[models.Fact, str]]:
    query = (
        select(models.Fact, models.Document.doc_key)
        .join(models.Document)
        .where(models.Document.is_current.is_(True))
        .order_by(models.Document.doc_key, models.Fact.char_start)
    )
    if doc:
        query = query.where(models.Document.doc_key == doc)
    if measure:
        query = query.where(models.Fact.measure == measure)
    if period:
        query = query.where(models.Fact.period_end == period)
    rows = [(fact, key) for fact, key in session.execute(query)]
    if indicator:
        rows = [(fact, key) for fact, key in rows if matches(indicator, fact.indicator)]
    return rows
