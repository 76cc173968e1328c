"""Targets a table states in its plan column: the planned cells of a table read as targets (targets.py reads the
prose)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from planwatch.extract.facts import Fact
from planwatch.extract.targets import KEPT_MEASURES, TargetDraft
from planwatch.text.fold import fold

_PLAN_PREFIX = re.compile(r"^(?:Kế\s+hoạch|Dự\s+toán|Mục\s+tiêu)\s+", re.IGNORECASE)
_LOW, _HIGH = " (mức thấp)", " (mức cao)"
_BOUNDS = {"at_least": ">=", "at_most": "<="}


def table_targets(facts: list[Fact], fallback_year: int, results: Sequence[Fact] = ()) -> list[TargetDraft]:
    """Targets a table states in its plan column ("Kế hoạch năm 2022", "KH 2025") or in a column of a year still
    to come: each planned cell a target of its row's indicator, the two ends of "2,5-3" one range, "Dưới 3" a
    ceiling and "> 2.300" a floor. `facts` are the planned facts of the document's tables; `results` their other
    facts: a year's plan beside that whole year's result or estimate ("Năm 2025: Kế hoạch | Ước thực hiện") and
    before the plan of a later year ("Kế hoạch năm 2026") is the base the result is graded by (PLANS.md T30)."""
    graded = {(fold(f.indicator), year) for f in results if (year := _whole_year(f))}
    planned = [f for f in facts if f.measure in KEPT_MEASURES and "prior" not in f.tags]
    last_plan: dict[str, int] = {}
    for fact in planned:
        if year := _whole_year(fact):
            last_plan[_key(fact)] = max(year, last_plan.get(_key(fact), year))
    drafts: list[TargetDraft] = []
    for fact in planned:
        label = _PLAN_PREFIX.sub("", fact.indicator)
        label = label[:1].upper() + label[1:]
        year = fact.period.end.year if fact.period.end else fallback_year
        if (_key(fact), year) in graded and last_plan.get(_key(fact), year) > year:
            continue
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


def _whole_year(fact: Fact) -> int | None:
    """The year the fact is of, when it is of a whole year."""
    start, end = fact.period.start, fact.period.end
    whole = start and end and start.year == end.year and (start.month, end.month) == (1, 12)
    return end.year if whole and end else None


def _key(fact: Fact) -> str:
    """The row's indicator, as its result names it too ("Kế hoạch tổng thu ..." and "Tổng thu ...")."""
    return fold(_PLAN_PREFIX.sub("", fact.indicator))
