"""The indicator catalogue (data/indicators.yaml): codes, names, aliases, units, categories, direction,
kind, parent and window. A label gets the code whose alias it contains, the longest alias winning, after the labels
users mapped by hand (`planwatch indicator-alias`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from planwatch.text.fold import fold, phrase_pattern

UNCLASSIFIED = "chưa phân loại"
CATEGORIES = ("kinh tế", "văn hóa - xã hội", "môi trường", "nội chính")
KINDS = ("flow", "stock", "rate", "index", "growth", "rank")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    category: str
    direction: str  # "up": higher is better; "down": lower is better
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = field(default=())
    sum_of_parts: bool = False  # its children add up to it (xuất khẩu + nhập khẩu = tổng kim ngạch)
    window: str | None = None  # "quarter" / "year_to_date": the months a figure covers when the text names none
    weights: str | None = None  # a growth rate: the level whose parts of the year weigh its months (GRDP_SIZE)
    excludes: tuple[str, ...] = field(default=())  # words that make a label naming it name something else
    name_en: str = ""  # its name in English (data/indicators_en.yaml)

    def name_in(self, lang: str) -> str:
        return self.name_en or self.name if lang == "en" else self.name

    @property
    def lower_is_better(self) -> bool:
        return self.direction == "down"

    @property
    def own_measure(self) -> str:
        """What the indicator's own number is: the rate of a growth indicator, the value of any other."""
        return "yoy_change_pct" if self.kind == "growth" else "value"


class Catalogue:
    def __init__(self, indicators: list[Indicator]) -> None:
        self.indicators = {i.code: i for i in indicators}
        phrases: dict[str, str] = {}
        for indicator in indicators:
            for alias in (indicator.name, *indicator.aliases):
                phrases.setdefault(fold(alias), indicator.code)
        self._phrases = phrases
        self._excludes = {i.code: phrase_pattern(fold(e) for e in i.excludes) for i in indicators if i.excludes}
        self._pattern = phrase_pattern(phrases)
        self._word_sets = [
            (indicator.code, words)
            for indicator in indicators
            for name in (indicator.name, *indicator.aliases)
            if (words := frozenset(fold(name).split()) - _COMMON)
        ]  # each name's telling words, folded once for every `closest`

    def code_for(self, label: str, user_aliases: Mapping[str, str] | None = None) -> str | None:
        """The code a label names. In "Tổng thu NSNN thu nội địa" the part named last is the one measured, so the
        match ending last wins, then the longest; words in parentheses count only when nothing else matches."""
        folded = fold(label)
        if user_aliases and folded in user_aliases:
            return user_aliases[folded]
        for text in (fold(re.sub(r"\([^)]*\)", " ", label)), folded):
            found = [m for m in self._pattern.finditer(text) if not self._excluded(self._phrases[m.group(0)], folded)]
            if found:
                best = max(found, key=lambda m: (m.end(), len(m.group(0))))
                return self._phrases[best.group(0)]
        return None

    def _excluded(self, code: str, folded: str) -> bool:
        """The label says the figure is not the indicator ("chuyển nguồn": carried over, never revenue)."""
        pattern = self._excludes.get(code)
        return pattern is not None and pattern.search(folded) is not None

    def closest(self, label: str) -> str | None:
        """The indicator whose name or alias is most alike `label` in words (folded, common words aside; Dice
        coefficient, so a short alias inside a long label does not win by itself), when at least half alike: a
        suggestion for a person to confirm, never a link by itself."""
        words = set(fold(label).split()) - _COMMON
        best, code = 0.0, None
        for candidate, theirs in self._word_sets if words else ():
            score = 2 * len(words & theirs) / (len(words) + len(theirs))
            if score > best:
                best, code = score, candidate
        return code if best >= 0.5 else None

    def suggestion(self, label: str) -> str | None:
        """`closest`, offered to a person only when the label shares two telling words with the indicator's name
        or holds all of them: one word alike ("Tổng chi" and "chỉ số", "thu hoạch" and "thu nội địa") is no
        suggestion."""
        code = self.closest(label)
        words = set(fold(label).split()) - _COMMON
        alike = any(
            len(words & theirs) >= 2 or theirs <= words for candidate, theirs in self._word_sets if candidate == code
        )
        return code if alike else None

    def children(self, code: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.parent == code]


# Words that tell indicators apart little
_COMMON = frozenset({"tong", "so", "cua", "va", "cac", "tren", "dia", "ban", "tinh", "ty", "le", "nam", "thang"})


@cache
def default_catalogue() -> Catalogue:
    data = resources.files("planwatch.vocab").joinpath("data/indicators.yaml").read_text(encoding="utf-8")
    english = yaml.safe_load(
        resources.files("planwatch.vocab").joinpath("data/indicators_en.yaml").read_text(encoding="utf-8")
    )
    return Catalogue(
        [
            Indicator(
                str(e["code"]),
                str(e["name"]),
                str(e.get("unit", "")),
                str(e["category"]),
                str(e["direction"]),
                str(e["kind"]),
                e.get("parent"),
                tuple(str(a) for a in e.get("aliases", [])),
                bool(e.get("sum_of_parts", False)),
                e.get("window"),
                e.get("weights"),
                tuple(str(x) for x in e.get("excludes", [])),
                str(english.get(e["code"], "")),
            )
            for e in yaml.safe_load(data)
        ]
    )
