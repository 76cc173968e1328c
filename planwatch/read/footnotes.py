"""Footnote markers that PDF text glues to the word or number before them ("5/20231" = "5/2023" + 1).

The document's own footnote sequence tells a marker from a digit: markers come in order 1, 2, 3 ...
and only numbers that have a footnote body are looked for.
"""

from __future__ import annotations

import re
from functools import cache

# After the marker: a space, punctuation or the end; never another digit or a decimal comma.
_AFTER = r"(?=[\s,.;:)\]”\"'’…]|$)(?!,\d)"
# A marker right after a date whose year it would lengthen ("5/20231").
_DATE_BEFORE = re.compile(r"\d{1,2}/(?:\d{1,2}/)?\d{4}$")


def strip_glued_markers(text: str, notes: list[int], bracketed: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Remove the markers of `notes` (in order) from `text`, written "(1)" when `bracketed`; return the text and
    (offset, number)."""
    out: list[str] = []
    markers: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for n in notes:
        written = f"({n})" if bracketed else str(n)
        found = _find_marker(text, written, pos)
        if found is None:
            continue
        out.append(text[pos:found])
        length += found - pos
        markers.append((length, n))
        pos = found + len(written)
    out.append(text[pos:])
    return "".join(out), markers


def _find_marker(text: str, digits: str, pos: int) -> int | None:
    for m in _marker(digits).finditer(text, pos):
        at = m.start()
        prev = text[at - 1]
        if prev.isalpha() or prev in "%)”\"'’…":
            return at
        if prev.isdigit() and _DATE_BEFORE.search(text[max(0, at - 12) : at]):
            return at
    return None


@cache
def _marker(digits: str) -> re.Pattern[str]:
    return re.compile(rf"(?<=\S){re.escape(digits)}{_AFTER}")
