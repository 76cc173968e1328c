"""Targets a table states in its plan column: the planned cells of a table read as targets (targets.py reads the
prose)."""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.extract.facts import Fact
from planwatch.extract.targets import KEPT_MEASURES, TargetDraft

_PLAN_PREFIX = re.compile(r"^(?:Kế\s+hoạch|Dự\s+toán|Mục\s+tiêu)\s+", re.IGNORECASE)
_LOW, _HIGH = " (mức thấp)", " (mức cao)"
_BOUNDS = {"at_least": ">=", "at_most": "<="}


def table_targets(facts: list[Fact], fallback_year: int) -> list[TargetDraft]:
    """Targets a table states in its plan column ("Kế hoạch năm 2022", "KH 2025") or in a column of a year still
    to come: each planned cell a target of its row's indicator, the two ends of "2,5-3" one range, "Dưới 3" a
    ceiling and "> 2.300" a floor. `facts` are the planned facts of the document's tables."""
    drafts: list[TargetDraft] = []
    for fact in (f for f in facts if f.measure in KEPT_MEASURES and "prior" not in f.tags):
        label = _PLAN_PREFIX.sub("", fact.indicator)
        label = label[:1].upper() + label[1:]
        year = fact.period.end.year if fact.period.end else fallback_year
        if label.endswith(_HIGH) and drafts and drafts[-1].indicator == label[: -len(_HIGH)]:
            low = drafts[-1]
            drafts[-1] = replace(
                low, comparator="range", value=None, value_min=low.value, value_max=fact.value, end=fact.end
            )
            continue
        comparator = next((_BOUNDS[t] for t in fact.tags if t in _BOUNDS), "=")
        drafts.append(
            TargetDraft(
                label.removesuffix(_LOW),
                fact.measure,
                comparator,
                fact.value,
                None,
                None,
                fact.unit,
                year,
                None,
                fact.parent,
                fact.start,
                fact.end,
            )
        )
    return drafts
