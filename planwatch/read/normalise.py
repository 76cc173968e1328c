"""Text as every later step reads it: Unicode NFC (text from a Mac or some web pages comes decomposed, with
the marks as separate characters), and a reading form of the same length in which the genre's spelling
variants are one (kì/kỳ, tỉ/tỷ, hoá/hóa, thuỷ/thủy) and thin or non-breaking spaces are plain spaces.

The stored text keeps the document's own spelling, so quotes are what the document says; extraction reads
the reading form, whose offsets are the same."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

_SPELLING_FILE = Path(__file__).with_name("data") / "spelling.tsv"
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200a": " "})
# Old-style tone placement on an open "oa", "oe", "uy" syllable ("hoá", "khoẻ", "thuỷ"): the mark moves to the
# first vowel ("hóa", "khỏe", "thủy"); "qu" is a consonant, so "quý" stays.
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵ])(?![\wÀ-ỹ])")


def nfc(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """`text` in NFC, and where `offsets` into it fall in the composed text."""
    composed = unicodedata.normalize("NFC", text)
    if composed == text:
        return text, offsets
    return composed, [len(unicodedata.normalize("NFC", text[:offset])) for offset in offsets]


@cache
def _variants() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for line in _SPELLING_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            variant, canonical = line.split("\t")
            assert len(variant) == len(canonical), line
            table[variant] = canonical
    words = "|".join(re.escape(v) for v in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{words})(?![\wÀ-ỹ])"), table


def reading_form(text: str) -> str:
    """`text` (NFC) with spelling variants made one and odd spaces plain; the same length."""
    pattern, table = _variants()
    text = pattern.sub(lambda m: table[m.group(0)], text.translate(_SPACES))
    return _OLD_TONE.sub(_move_tone, text)


def _move_tone(m: re.Match[str]) -> str:
    base, mark = unicodedata.normalize("NFD", m.group(2))[0], unicodedata.normalize("NFD", m.group(2))[1:]
    return unicodedata.normalize("NFC", m.group(1) + mark) + base
