"""Folding Vietnamese for matching: lower case, no diacritics, "đ" → "d".

`fold_keep_length` folds letter by letter so that an offset in the folded text is the same offset in
the original, which lets a match on folded text be quoted from the original."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ABBREVIATIONS = {
    "nsnn": "ngan sach nha nuoc",
    "grdp": "tong san pham tren dia ban",
    "iip": "chi so san xuat cong nghiep",
    "fdi": "dau tu truc tiep nuoc ngoai",
    "xnk": "xuat nhap khau",
    "kcn": "khu cong nghiep",
    "ccn": "cum cong nghiep",
    "dn": "doanh nghiep",
    "vdt": "von dau tu",
    "dtc": "dau tu cong",
    "ntm": "nong thon moi",
    "mtqg": "muc tieu quoc gia",
    "bhxh": "bao hiem xa hoi",
    "bhyt": "bao hiem y te",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tthc": "thu tuc hanh chinh",
    "gtsx": "gia tri san xuat",
    "sxcn": "san xuat cong nghiep",
    "cntt": "cong nghe thong tin",
}


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    folded = unicodedata.normalize("NFD", char)[0].lower()
    return folded if len(folded) == 1 else char


# Latin letters with marks (Latin-1 to Latin Extended Additional, where Vietnamese lives) and A-Z.
_TABLE = str.maketrans({chr(c): _fold_char(chr(c)) for c in range(0x41, 0x1F00) if _fold_char(chr(c)) != chr(c)})


def fold_keep_length(text: str) -> str:
    """Same length as `text`; each letter lower-cased without its marks."""
    return text.translate(_TABLE)


def fold(text: str) -> str:
    """Words only, lower case, no diacritics, the genre's abbreviations expanded."""
    words = re.findall(r"[a-z0-9]+", fold_keep_length(unicodedata.normalize("NFC", text)))
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def matches(query: str, text: str) -> bool:
    """Every word of the query is a word of the text, with or without diacritics."""
    wanted = fold(query).split()
    have = set(fold(text).split())
    return all(w in have for w in wanted)


def phrase_pattern(phrases: Iterable[str], trailing_only: bool = False) -> re.Pattern[str]:
    """Any of the folded phrases as whole words, the longest first (so "thu noi dia" wins over "thu")."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in ordered)
    leading = "" if trailing_only else "(?<![a-z0-9])"
    return re.compile(f"{leading}(?:{alternatives})(?![a-z0-9])")
