"""Sentences as the genre writes them: "Thu ngân sách nhà nước 6 tháng đầu năm 2024 ước đạt 10.111,7 tỷ đồng, tăng
32% so với cùng kỳ năm trước, bằng 62,9% dự toán." A sentence is a list of parts, each figure's clause its own part,
so that the document writer can attach the figure's source to exactly those words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planwatch.monitor.projection import ProjectionBasis
from planwatch.report.content import Figure, Projected, Statement
from planwatch.vocab.catalogue import Indicator
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import period_words


@dataclass(frozen=True)
class Part:
    text: str
    figure: Figure | None = None
    note: str | None = None  # how PlanWatch computed the words (a projection's basis), for a Word comment


# A growth indicator is named by what grows: "Tăng trưởng khu vực dịch vụ" → "Khu vực dịch vụ ... tăng 6,42%".
_GROWTH_PREFIX = re.compile(r"^(?:tốc độ tăng trưởng|tốc độ tăng|tăng trưởng)\s+", re.IGNORECASE)


def subject(indicator: Indicator) -> str:
    name = _GROWTH_PREFIX.sub("", indicator.name) if indicator.kind == "growth" else indicator.name
    return name[:1].upper() + name[1:]


def number(value: float, lang: str) -> str:
    return format_number(value, lang=lang)


def statement_parts(statement: Statement, lang: str = "vi") -> list[Part]:
    """The sentence of one statement: subject and period, then one clause per figure."""
    head = f"{subject(statement.indicator)} {period_words(statement.period, lang)}"
    clauses = [Part(_clause(f, statement, lang), f) for f in statement.figures]
    parts = [Part(head + " ")]
    for i, clause in enumerate(clauses):
        parts.append(clause)
        parts.append(Part(", " if i < len(clauses) - 1 else "."))
    return parts


def sentence(statement: Statement, lang: str = "vi") -> str:
    return "".join(p.text for p in statement_parts(statement, lang))


@cache
def _wording() -> dict[str, Any]:
    text = resources.files("planwatch.report").joinpath("data/wording.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _clause(figure: Figure, statement: Statement, lang: str) -> str:
    """The clause of one figure, from the language's template for its measure (data/wording.yaml)."""
    wording = _wording()[lang]
    words = wording["words"]
    return str(wording["clauses"][figure.measure.value]).format(
        estimated=words["estimated"] if figure.estimate and figure.measure is not Measure.YTD else "",
        value=number(figure.value, lang),
        amount=number(abs(figure.value), lang),
        unit=_unit(figure.unit),
        rise=words["up" if figure.value >= 0 else "down"],
        before=words["quarter" if _months(figure) == 3 else "month"],
        basis=words.get(statement.plan_word, statement.plan_word),
        of=str(words["of"]).format(n=figure.rank_of) if figure.rank_of else "",
    )


def _unit(unit: str) -> str:
    return unit if unit == "%" else f" {unit}" if unit else ""


def _months(figure: Figure) -> int:
    start, end = figure.period.start, figure.period.end
    if start is None or end is None:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def projection_parts(projected: Projected, lang: str = "vi") -> list[Part]:
    """The year-end estimate of an indicator, then what the rest of the year must reach, each with how it was
    computed as its note (data/wording.yaml, `projection`)."""
    wording = _wording()[lang]
    templates, words = wording["projection"], wording["words"]
    projection = projected.projection
    name = projected.indicator.name
    said = {
        "year": projected.year,
        "subject": name[:1].lower() + name[1:] if name[1:2].islower() else name,
        "value": number(projected.value, lang),
        "amount": number(abs(projected.value), lang),
        "rise": words["up" if projected.value >= 0 else "down"],
        "unit": _unit(projection.unit),
        "pct": number(projected.percent or 0, lang),
        "basis": words.get(projected.plan_word, projected.plan_word),
        "how": templates["how"][projection.basis.value],
        "verb": templates["verbs"]["down" if projected.indicator.lower_is_better else "up"],
        "period": period_words(projected.rest_period, lang),
    }
    shape, rest_shape = _shapes(projected)
    note = projection.reason_in(lang)
    parts = [Part(str(templates[shape]).format(**said), note=note)]
    if projected.rest is not None:
        change = projected.rest_change
        rest_change = (
            ""
            if change is None
            else str(templates["rest_change"]).format(rise=words["up" if change >= 0 else "down"],
                                                      change=number(abs(change), lang))
        )  # fmt: skip
        rest = said | {"amount": number(abs(projected.rest), lang), "change": rest_change,
                       "rise": words["up" if projected.rest >= 0 else "down"]}  # fmt: skip
        parts += [Part(" "), Part(str(templates[rest_shape]).format(**rest), note=note)]
    return parts


_LEVELS = (ProjectionBasis.LEVEL_TREND, ProjectionBasis.LEVEL_HELD)


def _shapes(projected: Projected) -> tuple[str, str]:
    """The templates of the estimate and of the rest: a growth indicator's rate, a flow's change on last year, a
    rate or level, or an amount against its plan."""
    if projected.measure == Measure.YOY.value:
        return ("growth", "rest_growth") if projected.indicator.kind == "growth" else ("change", "rest_change_growth")
    if projected.other_basis:
        return "flow_alone", "rest_amount"
    if projected.percent is None or projected.projection.basis in (
        ProjectionBasis.LEVEL_TREND,
        ProjectionBasis.LEVEL_HELD,
    ):
        return "level", "rest_amount"
    return "flow", "rest_amount"
