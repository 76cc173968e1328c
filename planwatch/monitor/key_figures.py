"""The latest figure of the year of each key indicator (GRDP, thu NSNN, xuất khẩu, ...): what a first screen shows
whether or not a plan with targets is stored."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from planwatch.monitor.series import Point, series_of
from planwatch.store.scope import WHOLE, Scope
from planwatch.vocab.catalogue import Catalogue, Indicator
from planwatch.vocab.units import same_kind


@dataclass(frozen=True)
class KeyFigure:
    indicator: Indicator
    point: Point


def key_figures(
    session: Session, year: int, codes: list[str], catalogue: Catalogue, scope: Scope = WHOLE
) -> list[KeyFigure]:
    """For each code with a figure in `year`: its latest (the longest period at the latest month), in the
    indicator's own measure (the rate of a growth indicator or an index) and a unit of its kind; one query per
    measure, however many indicators. A footnote's figure is never an indicator's own."""
    indicators = [catalogue.indicators[code] for code in codes if code in catalogue.indicators]
    measures = {i.code: "yoy_change_pct" if i.kind == "index" else i.own_measure for i in indicators}  # IIP: its change
    found: dict[str, list[Point]] = {}
    for measure in set(measures.values()):
        wanted = [code for code, m in measures.items() if m == measure]
        found |= series_of(session, wanted, measure, year, scope)
    figures = []
    for indicator in indicators:
        measure = measures[indicator.code]
        points = [
            p
            for p in found.get(indicator.code, [])
            if not p.derived
            and not p.footnote
            and (measure != "value" or not indicator.unit or same_kind(p.unit, indicator.unit))
        ]
        if points:
            figures.append(KeyFigure(indicator, max(points, key=lambda p: (p.period_end, p.cumulative))))
    return figures
