"""Units of the genre, loaded from data/units.tsv: spelling, normalised unit, factor to base unit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

UNITS_FILE = Path(__file__).with_name("data") / "units.tsv"


@dataclass(frozen=True)
class Unit:
    spelling: str
    name: str
    factor: float
    base: str


@cache
def units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for line in UNITS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spelling, name, factor, base = line.split("\t")
        table[spelling] = Unit(spelling, name, float(factor), base)
    return table


@cache
def unit_regex() -> re.Pattern[str]:
    """Longest spelling first, whole words only ("ha" must not match "hành")."""
    spellings = sorted(units(), key=len, reverse=True)
    alternatives = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in spellings)
    return re.compile(rf"(?:{alternatives})(?![\wÀ-ỹ])", re.IGNORECASE)


def match_unit(text: str, pos: int = 0) -> tuple[Unit, int] | None:
    """The unit written at text[pos:] (after optional spaces) and where it ends."""
    m = re.compile(r"\s*").match(text, pos)
    start = m.end() if m else pos
    found = unit_regex().match(text, start)
    if not found:
        return None
    spelling = re.sub(r"\s+", " ", found.group(0).lower())
    return units()[spelling], found.end()


def unit_by_name(name: str) -> Unit | None:
    """The unit whose normalised name or spelling is `name` (for values typed by hand)."""
    key = re.sub(r"\s+", " ", name.strip().lower())
    return units().get(key) or next((u for u in units().values() if u.name.lower() == key), None)


def base_value(value: float, unit: str | None) -> float:
    """The value in the base unit ("266.878 tỷ đồng" → 2.66878e14 đồng)."""
    found = unit_by_name(unit) if unit else None
    return value * found.factor if found else value


def unit_kind(unit: str) -> str:
    """What a unit measures: its base unit ("nghìn tỷ đồng" → "đồng"), or the unit itself when unknown."""
    found = unit_by_name(unit) if unit else None
    return found.base if found else unit


# What a person may type for one figure: a percentage or a rate of up to 100.000, any other amount of up to 10^15
# (a province's GDP in đồng is about 10^14). Past them a figure is a typing slip, and an infinite one breaks pages.
SANE_PERCENT, SANE_AMOUNT = 1e5, 1e15


def sane_figure(value: float, unit: str) -> float:
    """`value`, or ValueError (in Vietnamese) for one not finite or out of the range its unit allows."""
    limit = SANE_PERCENT if unit_kind(unit) in ("%", "điểm %", "lần") else SANE_AMOUNT
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(f"giá trị nằm ngoài khoảng hợp lý của đơn vị “{unit or 'không đơn vị'}” (tối đa {limit:,.0f})")
    return value


def same_kind(unit: str, other: str) -> bool:
    """Both measure the same thing (tỷ đồng and nghìn tỷ đồng: yes; tỷ đồng and doanh nghiệp: no)."""
    return unit_kind(unit) == unit_kind(other)
