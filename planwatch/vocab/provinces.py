"""The lineage of Vietnam's provinces across the 2025 reorganisation (data/provinces.yaml, from Resolution
202/2025/QH15): which unit a province name belongs to today, and which unit a document spoke for on its date.

A name is compared without diacritics and without "tỉnh"/"thành phố". A new unit always took the name of one of
the units it was formed from (the new Bắc Ninh = Bắc Giang + the old Bắc Ninh), so a document of that name
dated before the reorganisation speaks for the old unit: `unit_at` names it "Bắc Ninh (cũ)"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from planwatch.text.fold import fold

PROVINCES_FILE = Path(__file__).with_name("data") / "provinces.yaml"
FORMER = "{name} (cũ)"  # the name an old unit is stored and shown under when the new one took its name
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?)\s+")
_FORMER_MARK = re.compile(r"\s*\((?:cu|truoc sap xep)\)$|\s+cu$")


def name_key(name: str) -> str:
    """A province name as compared: folded, without "tỉnh"/"thành phố", hyphens and spaces."""
    folded = _PREFIX.sub("", fold(name).strip())
    return re.sub(r"[\s\-–]+", "", folded)


def is_former(name: str) -> bool:
    return bool(_FORMER_MARK.search(fold(name).strip()))


@dataclass(frozen=True)
class ProvinceUnit:
    """A province or centrally-run city of today, the units it was formed from and since when."""

    name: str
    kind: str  # "tỉnh" | "thành phố"
    predecessors: tuple[str, ...]  # names of the units it was formed from (itself only when not rearranged)
    since: date
    aliases: tuple[str, ...] = ()

    @property
    def merged(self) -> bool:
        return len(self.predecessors) > 1

    def predecessor_names(self, former: str = FORMER) -> tuple[str, ...]:
        """The predecessors as they are stored and shown: the one whose name the new unit took as "X (cũ)" (or
        as `former` words it), listed last."""
        if not self.merged:
            return self.predecessors
        others = tuple(p for p in self.predecessors if name_key(p) != name_key(self.name))
        return others + (former.format(name=self.name),)

    def is_named_by(self, name: str) -> bool:
        """`name` is this unit's own name of today, not an old unit's."""
        return name_key(name) == name_key(self.name) and not is_former(name)


@dataclass(frozen=True)
class Lineage:
    resolution: str
    effective: date
    units: tuple[ProvinceUnit, ...]

    def today(self, name: str) -> ProvinceUnit | None:
        """The unit a province name (old or new, any spelling, "X (cũ)" too) belongs to today; None for a name
        the lineage does not know (a store's own fictitious provinces behave as before)."""
        return _index(self).get(name_key(_FORMER_MARK.sub("", fold(name).strip())))

    def unit_at(self, name: str | None, day: date | None) -> str | None:
        """The name of the unit a document of `name` dated `day` speaks for: "X (cũ)" when `day` is before the
        reorganisation and the new unit took the name X; the name unchanged otherwise (and without a day)."""
        if not name or day is None or day >= self.effective or is_former(name):
            return name
        unit = self.today(name)
        if unit is None or not unit.merged or name_key(name) != name_key(unit.name):
            return name
        return FORMER.format(name=unit.name)

    def covered(self, asked: str, stored: Iterable[str]) -> tuple[str, ...]:
        """Of the `stored` province names, those a view of today's unit `asked` reads (itself and its
        predecessors); only `asked` when it names an old unit or one the lineage does not know."""
        unit = self.today(asked)
        if unit is None or not unit.merged or name_key(asked) != name_key(unit.name) or is_former(asked):
            return tuple(s for s in stored if fold(s) == fold(asked)) or (asked.strip(),)
        return tuple(s for s in stored if (found := self.today(s)) is not None and found.name == unit.name)


@cache
def lineage() -> Lineage:
    data = yaml.safe_load(PROVINCES_FILE.read_text(encoding="utf-8"))
    effective: date = data["effective"]
    units = tuple(
        ProvinceUnit(u["name"], u["kind"], tuple(u["from"]), effective, tuple(u.get("aliases", ())))
        for u in data["units"]
    )
    return Lineage(data["resolution"], effective, units)


@cache
def _index(of: Lineage) -> dict[str, ProvinceUnit]:
    """Every spelling's key → its unit today."""
    return {name_key(s): unit for unit in of.units for s in (unit.name, *unit.predecessors, *unit.aliases)}
