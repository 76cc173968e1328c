"""What PlanWatch says, in each language: a Phrase is a template of a data file (monitor/data/reasons.yaml for
target statuses, monitor/data/findings.yaml for consistency findings, query/data/answers.yaml for answers) and the
values that fill it, said the language's way (numbers, periods, measures, dates, the file's own words). A new
wording is a line of data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import Period, date_words, period_words


@dataclass(frozen=True)
class Word:
    """A word of the data file's `words`, said in the phrase's language."""

    key: str


@dataclass(frozen=True)
class Phrase:
    book: str  # the data file, under the package: "monitor/data/reasons.yaml"
    key: str
    args: dict[str, object]

    def text(self, lang: str) -> str:
        wording = _book(self.book)
        return str(wording[self.key][lang]).format(**{k: self._said(v, lang) for k, v in self.args.items()})

    def _said(self, value: object, lang: str) -> str:
        if isinstance(value, Phrase):
            return value.text(lang)
        if isinstance(value, Word):
            return str(_book(self.book)["words"][lang][value.key])
        if isinstance(value, Period):
            return period_words(value, lang)
        if isinstance(value, Measure):
            return value.label(lang)
        if isinstance(value, date):
            return date_words(value, lang)
        if isinstance(value, float | int) and not isinstance(value, bool):
            return format_number(value, lang=lang)
        return str(value)


@cache
def _book(name: str) -> dict[str, Any]:
    text = resources.files("planwatch").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]
