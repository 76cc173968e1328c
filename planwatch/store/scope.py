"""Which documents a view reads: `Scope`. A store may hold several provinces; a page, a download, an API call or
a command speaks either of the whole store or of one province, and a province's view always includes the
documents that name no province (a hand-entered target names none, and is compared with them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_

from planwatch.store import models
from planwatch.vocab.provinces import is_former, lineage, name_key

EVERY = "*"  # the check group of a store naming one province or none; a change that touches every group
UNNAMED = ""  # the check group of documents that name no province, and of hand-entered targets


@dataclass(frozen=True)
class Scope:
    """The documents of one province with those naming none (`province` set), or every document (None). A
    province formed by the 2025 reorganisation reads its predecessors' documents too (`predecessors`: their
    names as the store holds them, "Bắc Giang", "Bắc Ninh (cũ)"): `province_scope` builds it."""

    province: str | None = None
    predecessors: tuple[str, ...] = ()

    @property
    def whole(self) -> bool:
        return self.province is None

    @property
    def names(self) -> tuple[str, ...]:
        """The stored province names this scope reads (none for the whole store)."""
        return () if self.province is None else (self.province, *self.predecessors)

    def documents(self) -> list[ColumnElement[bool]]:
        """The condition on `models.Document` (none for the whole store): `query.where(*scope.documents())` on a
        query that joins documents."""
        if self.province is None:
            return []
        named = (
            models.Document.province.in_(self.names) if self.predecessors else models.Document.province == self.province
        )
        return [or_(named, models.Document.province.is_(None))]

    def groups(self) -> tuple[str, ...] | None:
        """The check groups whose stored results this view reads (its provinces', the unnamed documents', and a
        one-province store's); None for every group."""
        return None if self.province is None else (*self.names, UNNAMED, EVERY)

    def sees(self, group: str) -> bool:
        """Whether a check group's results belong to this view."""
        groups = self.groups()
        return groups is None or group in groups


WHOLE = Scope()


def today_units(stored: list[str]) -> list[str]:
    """The provinces of today a store's province names belong to, in the order of `stored` (the one with the
    most documents first): "Bắc Giang" and "Bắc Ninh (cũ)" are "Bắc Ninh"; a name the lineage does not know is
    its own."""
    units: dict[str, None] = {}
    for name in stored:
        unit = lineage().today(name)
        units.setdefault(unit.name if unit is not None else name, None)
    return list(units)


def province_scope(asked: str, stored: list[str]) -> Scope:
    """The scope of the province `asked` in a store holding `stored` names: today's unit reads the documents of
    the units it was formed from; an old unit ("Bắc Giang", "Bắc Ninh (cũ)") or one that did not merge reads its
    own, as before."""
    covered = lineage().covered(asked, stored)
    unit = lineage().today(asked)
    if unit is None or not unit.merged or is_former(asked) or name_key(asked) != name_key(unit.name):
        return Scope(covered[0])
    itself = [name for name in covered if name_key(name) == name_key(unit.name) and not is_former(name)]
    return Scope(itself[0] if itself else unit.name, tuple(name for name in covered if name not in itself))


def successor_groups(marked: Iterable[str], groups: Iterable[str]) -> set[str]:
    """Of the check `groups`, those of a province formed by the reorganisation from a `marked` one ("Bắc Ninh"
    for "Bắc Giang" or "Bắc Ninh (cũ)"): its findings read its predecessors' figures, so their changes mark it."""
    units = [unit for name in marked if (unit := lineage().today(name)) is not None and unit.merged]
    return {group for group in groups for unit in units if unit.is_named_by(group)}
