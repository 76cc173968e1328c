"""Which documents a view reads: `Scope`. A store may hold several provinces; a page, a download, an API call or
a command speaks either of the whole store or of one province, and a province's view always includes the
documents that name no province (a hand-entered target names none, and is compared with them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_

from planwatch.store import models

EVERY = "*"  # the check group of a store naming one province or none; a change that touches every group
UNNAMED = ""  # the check group of documents that name no province, and of hand-entered targets


@dataclass(frozen=True)
class Scope:
    """The documents of one province with those naming none (`province` set), or every document (None)."""

    province: str | None = None

    @property
    def whole(self) -> bool:
        return self.province is None

    def documents(self) -> list[ColumnElement[bool]]:
        """The condition on `models.Document` (none for the whole store): `query.where(*scope.documents())` on a
        query that joins documents."""
        if self.province is None:
            return []
        return [or_(models.Document.province == self.province, models.Document.province.is_(None))]

    def groups(self) -> tuple[str, ...] | None:
        """The check groups whose stored results this view reads (its province's, the unnamed documents', and a
        one-province store's); None for every group."""
        return None if self.province is None else (self.province, UNNAMED, EVERY)

    def sees(self, group: str) -> bool:
        """Whether a check group's results belong to this view."""
        groups = self.groups()
        return groups is None or group in groups


WHOLE = Scope()
