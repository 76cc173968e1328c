"""Why a figure read by OCR may be wrong. A digit tesseract was unsure of; a number the Vietnamese way cannot
be written ("1.23,4", "1;81"); or arithmetic the same paragraph lets us do that does not hold: parts summing above
their total, a % of plan that is not value ÷ plan, a change that is not value ÷ prior figure."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from planwatch.read.ocr_pages import PlacedWord, WordIndex
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import NUMBER_RE, parse_figure

NEAR = 60  # characters between a ratio and the figure it was computed against, stated after it
CONFIDENCE_THRESHOLD = 90.0  # the lowest digit confidence (0-100) a figure may have without a person's check
# A number as the genre writes it, alone or in a range or fraction: "96.058", "14,14", "9-10", "537/1.619"
_WRITTEN = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_PARTS = re.compile(r"[-–/]")
_NUMERIC = re.compile(r"[\d.,;:\-–/]*\d[\d.,;:\-–/]*")
_CONFUSED = re.compile(r"(?<=\d)[OolIiSsBZzg|]|[OolIiSsBZzg|](?=\d)")  # letters OCR mistakes digits for


class Doubt(StrEnum):
    LOW_CONFIDENCE = "low_confidence"  # a digit below CONFIDENCE_THRESHOLD, or digits not found among OCR's words
    FORMAT = "format"  # not a number the Vietnamese way: "1.23,4", "1;81%", "l5"
    PARTS = "parts"  # "Trong đó" parts summing above their total
    PLAN = "plan"  # % of plan ≠ value ÷ plan
    CHANGE = "change"  # change ≠ value ÷ prior figure


@dataclass
class Reading:
    """What OCR says of one fact's number: the words it was read from."""

    words: list[PlacedWord]
    doubts: set[Doubt] = field(default_factory=set)

    @property
    def confidence(self) -> float | None:
        digits = [p.word.digits for p in self.words if p.word.digits is not None]
        return min(digits) if digits else None

    @property
    def box(self) -> list[float]:
        boxes = [p.word.box for p in self.words]
        return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]

    @property
    def page(self) -> int:
        return self.words[0].page


def number_span(quote: str, start: int, value: float) -> tuple[int, int] | None:
    """Where the fact's number stands in the text: the number of its quote that gives its value (directly, or as a
    change: "giảm 12,2%" → -12,2, "bằng 85,5% cùng kỳ" → -14,5, "vượt 45,2%" → 145,2), else the last one."""
    tokens = [m for m in NUMBER_RE.finditer(quote) if not (m.start() and quote[m.start() - 1].isalpha())]
    if not tokens:
        return None
    for m in reversed(tokens):
        read = _value(m.group(0))
        if read is not None and any(abs(read - v) < 1e-6 for v in (value, -value, 100 + value, value - 100)):
            return start + m.start(), start + m.end()
    return start + tokens[-1].start(), start + tokens[-1].end()


def _value(text: str) -> float | None:
    try:
        return parse_figure(text)
    except ValueError:
        return None


def reading_of(text: str, words: WordIndex, quote_start: int, quote_end: int, value: float) -> Reading | None:
    """The OCR words of a fact's number, and the doubts they raise by themselves (confidence, writing)."""
    span = number_span(text[quote_start:quote_end], quote_start, value)
    placed = words.within(*span) if span else []
    if not placed:  # a number in words ("đứng đầu"), or digits no OCR word was found for: the quote's box
        quoted = words.within(quote_start, quote_end)
        return Reading(quoted, {Doubt.LOW_CONFIDENCE} if span else set()) if quoted else None
    reading = Reading(placed)
    confidence = reading.confidence
    if confidence is None or confidence < CONFIDENCE_THRESHOLD:
        reading.doubts.add(Doubt.LOW_CONFIDENCE)
    if not all(well_written(p.word.text) for p in placed if any(ch.isdigit() for ch in p.word.text)):
        reading.doubts.add(Doubt.FORMAT)
    return reading


def well_written(word: str) -> bool:
    """Each run of digits and number punctuation in the word is a number the Vietnamese way (or a range, fraction
    or date of such numbers), and no letter OCR takes for a digit touches a digit: "1.23,4", "1;81%", "l5", "2O"
    are not; "10.976,3", "04/63", "30/6/2024", "Covid-19", "110KV", "14,163ha" are."""
    for run in _NUMERIC.findall(word):
        if not all(_WRITTEN.fullmatch(part) for part in _PARTS.split(run.rstrip(".,;:")) if part):
            return False
    return not _CONFUSED.search(word)


@dataclass(frozen=True)
class Figure:
    """A fact as the arithmetic checks see it (a row about to be stored)."""

    index: int
    paragraph: int  # the start of its paragraph
    indicator: str
    parent: str | None
    measure: str
    value: float
    base: float  # value in its unit's base (for sums)
    unit: str
    period: tuple[str | None, str | None]
    planned: bool
    prior: bool
    start: int


def arithmetic_doubts(figures: Iterable[Figure]) -> dict[int, set[Doubt]]:
    """The doubts arithmetic within a paragraph raises, by figure index."""
    doubts: dict[int, set[Doubt]] = defaultdict(set)
    by_paragraph: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_paragraph[figure.paragraph].append(figure)
    for group in by_paragraph.values():
        for wrong, doubt in (*_parts_above_total(group), *_plan_pct(group), *_change(group)):
            for figure in wrong:
                doubts[figure.index].add(doubt)
    return doubts


def _parts_above_total(group: list[Figure]) -> Iterable[tuple[list[Figure], Doubt]]:
    values = [f for f in group if f.measure == Measure.VALUE and not f.planned and not f.prior]
    for total in values:
        parts = [f for f in values if f.parent == total.indicator and f.period == total.period and f is not total]
        if len(parts) >= 1 and sum(p.base for p in parts) > total.base * 1.005 + 1e-9:
            yield [total, *parts], Doubt.PARTS


def _plan_pct(group: list[Figure]) -> Iterable[tuple[list[Figure], Doubt]]:
    """A value, its % of plan and the plan stated beside them ("đạt 96.058 tỷ đồng, bằng 45,3% kế hoạch (212.000
    tỷ đồng)")."""
    return _ratios(group, Measure.PLAN, lambda f: f.planned, lambda value, plan: 100 * value / plan, Doubt.PLAN)


def _change(group: list[Figure]) -> Iterable[tuple[list[Figure], Doubt]]:
    """A value, its change against the same period a year before and that figure stated beside them ("đạt 9.120 tỷ
    đồng, tăng 12% so với cùng kỳ (8.143 tỷ đồng)")."""
    return _ratios(group, Measure.YOY, lambda f: f.prior, lambda value, prior: 100 * (value / prior - 1), Doubt.CHANGE)


def _ratios(
    group: list[Figure],
    measure: Measure,
    is_base: Callable[[Figure], bool],
    computed: Callable[[float, float], float],
    doubt: Doubt,
) -> Iterable[tuple[list[Figure], Doubt]]:
    """Each ratio of `measure` against what its value and its base (marked so, or stated right after it) give."""
    for ratio in (f for f in group if f.measure == measure):
        values = [f for f in group if f.measure == Measure.VALUE and f.indicator == ratio.indicator]
        bases = [f for f in values if is_base(f) or _right_after(ratio, f)]
        actual = [f for f in values if f.period == ratio.period and not is_base(f) and f not in bases]
        for value in actual[:1]:
            for base in bases[:1]:
                if (
                    base.unit == value.unit
                    and base.value
                    and not _agrees(computed(value.value, base.value), ratio.value)
                ):
                    yield [value, ratio, base], doubt


def _right_after(ratio: Figure, value: Figure) -> bool:
    """The value the ratio was computed against, stated right after it: "tăng 12% so với cùng kỳ (8.143 tỷ đồng)"."""
    return 0 < value.start - ratio.start <= NEAR


def _agrees(computed: float, stated: float) -> bool:
    """Within what rounding the stated figure and its parts allows: half a point, or 2% of the figure."""
    return abs(computed - stated) <= max(0.5, 0.02 * abs(stated))
