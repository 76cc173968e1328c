"""The latest figure of the year of each key indicator (GRDP, thu NSNN, xuất khẩu, ...): what a first screen shows
whether or not a plan with targets is stored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from planwatch.monitor.series import Point, series
from planwatch.vocab.catalogue import Catalogue, Indicator
from planwatch.vocab.units import same_kind


@dataclass(frozen=True)
class KeyFigure:
    indicator: Indicator
    point: Point


def key_figures(
    session: Session, year: int, codes: list[str], catalogue: Catalogue, province: str | None = None
) -> list[KeyFigure]:
    """For each code with a figure in `year`: its latest (the longest period at the latest month), in the
    indicator's own measure (the rate of a growth indicator or an index) and a unit of its kind."""
    found = []
    for code in codes:
        indicator = catalogue.indicators.get(code)
        if indicator is None:
            continue
        measure = "yoy_change_pct" if indicator.kind == "index" else indicator.own_measure  # IIP, CPI: their change
        points = [
            p
            for p in series(session, code, measure, year, province)
            if not p.derived and (measure != "value" or not indicator.unit or same_kind(p.unit, indicator.unit))
        ]
        if points:
            found.append(KeyFigure(indicator, max(points, key=lambda p: (p.period_end, p.cumulative))))
    return found
