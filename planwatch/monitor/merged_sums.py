"""A merged province's past on the merged basis: for an additive indicator (data/merged_sums.yaml), a period
before the reorganisation that every predecessor reports gets a computed figure, the sum of theirs, marked as
computed and citing every figure summed (`Point.sources`). Never for rates, indexes, growth or ranks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from planwatch.store.scope import Scope
from planwatch.text.fold import fold
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.provinces import lineage, name_key

if TYPE_CHECKING:
    from planwatch.monitor.series import Point


@cache
def _rules() -> tuple[frozenset[str], frozenset[str]]:
    text = resources.files("planwatch").joinpath("monitor/data/merged_sums.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return frozenset(data["kinds"]), frozenset(data["except"])


def additive(code: str) -> bool:
    """Whether the figures of an indicator of two provinces add up to the figure of the two together."""
    kinds, never = _rules()
    info = default_catalogue().indicators.get(code)
    return info is not None and info.kind in kinds and code not in never


def merged_sums(points: list[Point], code: str, measure: str, scope: Scope) -> list[Point]:
    """The computed sums of `points` (a series of the merged province of `scope`, one line per province): one per
    period before the reorganisation, in a unit all predecessors report it in, when every predecessor does."""
    unit = lineage().today(scope.province or "")
    if not scope.predecessors or measure != "value" or unit is None or not unit.merged or not additive(code):
        return []
    wanted = {name_key(name) for name in unit.predecessor_names()}
    before = f"{unit.since:%Y-%m}"
    found: dict[tuple[str | None, str, str], dict[str, Point]] = defaultdict(dict)
    for p in points:
        if p.province and not p.derived and p.period_end < before and name_key(p.province) in wanted:
            found[(p.period_start, p.period_end, fold(p.unit))].setdefault(name_key(p.province), p)
    sums = []
    for _, by_province in sorted(found.items(), key=lambda kv: (kv[0][1], kv[0][0] or "")):
        if set(by_province) != wanted:
            continue
        parts = tuple(sorted(by_province.values(), key=lambda p: p.province or ""))
        quote = " + ".join(f"{p.province}: {p.quote}" for p in parts)
        sums.append(
            replace(
                parts[0],
                value=round(sum(p.value for p in parts), 6),
                base_value=sum(p.base_value for p in parts),
                estimate=any(p.estimate for p in parts),
                fact_id=None,
                quote=quote,
                derived=False,
                province=scope.province,
                sources=parts,
            )  # fmt: skip
        )
    return sums
