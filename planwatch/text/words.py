"""The words of a text that tell what it is about, for matching a task with the passages that report on it:
folded, without the function words and stock verbs of the genre (data/common_words.txt)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from planwatch.text.fold import fold

COMMON_WORDS = Path(__file__).parent / "data" / "common_words.txt"


@cache
def common_words() -> frozenset[str]:
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _telling(word: str) -> bool:
    return len(word) > 1 and word not in common_words()


def telling_words(text: str) -> set[str]:
    return {w for w in fold(text).split() if _telling(w)}


def telling_pairs(text: str) -> list[list[str]]:
    """Neighbouring telling words ("giam ngheo", "viec lam"): Vietnamese words are mostly two syllables, so a
    pair says far more than either syllable alone."""
    words = fold(text).split()
    pairs: list[list[str]] = []
    for first, second in zip(words, words[1:], strict=False):
        if _telling(first) and _telling(second) and [first, second] not in pairs:
            pairs.append([first, second])
    return pairs
