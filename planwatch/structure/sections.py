"""The heading tree as printed: Phần, A., I., 1., 1.1., a), with the path of every block."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEVELS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(Phần\s+thứ\s+\w+|PHẦN\s+[IVX\d]+|Chương\s+[IVX\d]+|Điều\s+\d+)\b\.?", re.IGNORECASE)),
    ("letter", re.compile(r"^([A-ZĐ])\.\s")),
    ("roman", re.compile(r"^([IVX]{1,5})\.\s")),
    ("number", re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s")),
    ("small", re.compile(r"^([a-zđ])\)\s")),
]


@dataclass(frozen=True)
class Heading:
    level: int
    number: str
    title: str
    start: int


def heading_of(text: str) -> tuple[int, str, str] | None:
    """(depth, number as printed, title) when a block opens with a heading number."""
    for depth, (kind, pattern) in enumerate(_LEVELS):
        m = pattern.match(text)
        if not m:
            continue
        number = m.group(1)
        if kind == "number":
            if not re.match(r"^\d{1,2}(?:\.\d{1,2})*\.\s", text) and "." not in number:
                continue
            depth += number.count(".")
        title = _title(text[m.end() :]) if kind != "part" else _title(text)
        return depth, number, title
    return None


def _title(rest: str) -> str:
    first = re.split(r"(?<=[.:;])\s", rest.strip(), maxsplit=1)[0]
    return first[:120].rstrip(" .:;")


class SectionTracker:
    """Feeds blocks in order; says the section path each one sits in."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def path_for(self, text: str) -> str:
        found = heading_of(text)
        if found:
            depth, number, title = found
            while self.stack and self.stack[-1][0] >= depth:
                self.stack.pop()
            self.stack.append((depth, f"{number}. {title}" if number else title))
        return " > ".join(label for _, label in self.stack)
