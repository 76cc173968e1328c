"""What a page, an API call, a download or a command is about: `View`, a frozen value built once at the edge
(serve/view.py for the web, cli/app.py for the command line) and handed to the library, which never works out a
province, a year or a day again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from planwatch.query.years import default_day, default_year
from planwatch.store.current import provinces_by_count
from planwatch.store.scope import WHOLE, Scope, province_scope, today_units
from planwatch.text.fold import fold

LANGS = ("vi", "en")


@dataclass(frozen=True)
class View:
    """The documents a view reads, the year it speaks of, its language, and the day its statuses are as of;
    `provinces`: the provinces a reader may choose among (empty in a store of one); `notice`: why something asked
    was not taken (a day that cannot be read: today instead)."""

    scope: Scope
    year: int
    lang: str
    as_of: date
    provinces: tuple[str, ...] = ()
    notice: str = ""

    @property
    def province(self) -> str | None:
        return self.scope.province


def make_view(
    session: Session,
    province: str | None = None,
    year: int | None = None,
    lang: str = "vi",
    as_of: date | None = None,
    one_province: bool = False,
    provinces: list[str] | None = None,
) -> View:
    """The view asked for. `province` in any spelling ("go sim" is "Gò Sim"), else the whole store; with
    `one_province` (a page) a store of several provinces is always seen one province at a time: the one asked
    when the store has it, else the one with the most documents. A province of today formed by the 2025
    reorganisation reads its predecessors' documents too; an old one asked by name reads its own
    (store/scope.py: `province_scope`); the choices are today's provinces. `year`, else the latest year with actual
    figures; `as_of`, else today for the current year and the last day of a past year's latest report
    (query/years.py `default_day`). `provinces`: the store's provinces by count, when the caller has them."""
    known = provinces if provinces is not None else provinces_by_count(session)
    units = today_units(known)
    asked = province.strip() if province and province.strip() else None
    if one_province:
        held = asked and any(fold(n) == fold(asked) for n in (*units, *known))
        chosen = asked if held else units[0] if units else None
        scope = province_scope(chosen, known) if len(known) > 1 and chosen else WHOLE
    else:
        scope = province_scope(asked, known) if asked else WHOLE
    year = year or default_year(session)
    return View(
        scope=scope,
        year=year,
        lang=lang if lang in LANGS else "vi",
        as_of=as_of or default_day(session, year, scope),
        provinces=tuple(sorted(units)) if len(known) > 1 else (),
    )
