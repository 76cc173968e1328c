"""Targets: what a plan or resolution sets for the year, read off the facts of its target sections.

A target section is a heading "Mục tiêu ...", "Các chỉ tiêu ...", or "Cân đối ..." (the major balances) outside
any results section; elsewhere, only sentences that open "Phấn đấu ..." set targets. The facts of those
blocks become targets after the rules that differ from reporting: a structure ("Cơ cấu kinh tế: ... 67,1%")
is a share; two ends of "135-140" are one range; a change of a rate ("chiếm 46,1%, tăng 1,9%") is in points
and no target; "trên 103 nghìn tỷ" is a floor ("dưới", "không quá" a ceiling); "nằm trong nhóm 10 tỉnh dẫn
đầu" is a rank of at most 10."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from planwatch.extract.facts import Fact
from planwatch.structure.sections import Heading, OutlineBlock
from planwatch.text.fold import fold
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import NUMBER_RE, parse_figure

# "Các chỉ tiêu chủ yếu", "Mục tiêu", "Cân đối ...", and an article that assigns them ("Giao chỉ tiêu kế hoạch ...")
_TARGET_HEADING = re.compile(r"^(?:giao\s+)?(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)|cân\s+đối", re.IGNORECASE)
_RESULTS_HEADING = re.compile(r"kết\s+quả|tình\s+hình\s+thực\s+hiện|đánh\s+giá", re.IGNORECASE)
_STRIVE = re.compile(r"phấn\s+đấu", re.IGNORECASE)
# A lead-in that lists targets to the end of its sentence: "Các mục tiêu, nhiệm vụ cụ thể gồm: ...; ..."
_TARGETS_LEAD_IN = re.compile(
    r"(?:mục\s+tiêu|chỉ\s+tiêu)(?:,\s*nhiệm\s+vụ)?(?:\s+[^\s:;.]+){0,6}?\s+(?:gồm|là|như(?:\s+sau)?)\s*:", re.IGNORECASE
)
_FULL_STOP = re.compile(r"(?:^|(?<=[.!?])\s)")
_FLOOR = re.compile(r"(?:trên|hơn|ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+thấp\s+hơn|≥|>=?)\s*$", re.IGNORECASE)
_CEILING = re.compile(
    r"(?:dưới|không\s+quá|tối\s+đa|không\s+vượt\s+quá|(?:giảm|xuống)\s+còn|còn|≤|<=?)\s*$", re.IGNORECASE
)
# a KPI's change left in its label by the colon before the figure: "Số vụ tai nạn giao thông: giảm ≥ 5%"
_CHANGE_TAIL = re.compile(r"[\s,:]*\b(?P<move>tăng|giảm)[\s,:≥≤<>=]*$", re.IGNORECASE)
_SYMBOL_TAIL = re.compile(r"[\s,:]*[≥≤<>=]+[\s,]*$")
# after the figure: "đạt 10,5% trở lên", "giảm xuống 1,5% trở xuống"
_FLOOR_AFTER = re.compile(r"\s*trở\s+lên", re.IGNORECASE)
_CEILING_AFTER = re.compile(r"\s*trở\s+xuống", re.IGNORECASE)
# "... chỉ số PCI của tỉnh nằm trong nhóm 10 tỉnh, thành phố dẫn đầu": the group is found first, its label is
# the words before it in the same clause
_RANK_GROUP = re.compile(r"(?:nằm\s+)?(?:trong|thuộc)\s+(?:nhóm|top)\s+(?P<n>\d{1,2})\s+tỉnh", re.IGNORECASE)
_RANK_LABEL = re.compile(r"(?P<label>[^.;,:]{2,80}?)\s*(?:của\s+tỉnh\s*)?$", re.IGNORECASE)
_ABOUT = re.compile(r"[^.;]{0,40}?\bvề\s+([^.;,]{3,60})")
_LIST_NUMBER = re.compile(r"^\s*\((\d{1,2})\)")
_LABEL_LEAD = re.compile(
    r"^(?:\d{1,2},\s*)?(?:(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)(?:,\s*nhiệm\s+vụ)?(?:\s+[^\s,:;]+){0,4}?\s+"
    r"(?:gồm|là|như\s+sau)\s*,?\s*)?(?:phấn\s+đấu\s+(?:đến\s+hết\s+năm\s+\d{4}\s*,?\s*)?)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:năm\s+)(20\d{2})\b", re.IGNORECASE)
_KEPT_MEASURES = ("value", "yoy_change_pct", "share_pct", "rank")


@dataclass(frozen=True)
class TargetDraft:
    indicator: str
    measure: str
    comparator: str  # "=", ">=", "<=", "range"
    value: float | None
    value_min: float | None
    value_max: float | None
    unit: str
    year: int
    number: str | None
    parent: str | None
    start: int
    end: int


def in_target_section(trail: tuple[Heading, ...]) -> bool:
    titles = [h.title for h in trail]
    return any(_TARGET_HEADING.search(t) for t in titles) and not any(_RESULTS_HEADING.search(t) for t in titles)


def target_year(block: OutlineBlock, fallback: int) -> int:
    """The latest year the headings name ("KẾ HOẠCH ... NĂM 2024"), else the block, else the document's."""
    for text in (" ".join(h.title for h in block.trail), block.text):
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            return max(years)
    return fallback


def in_results(trail: tuple[Heading, ...]) -> bool:
    """Under a heading of results ("Kết quả ...", "Tình hình thực hiện ...", "Đánh giá ...")."""
    return any(_RESULTS_HEADING.search(h.title) for h in trail)


def extract_targets(block: OutlineBlock, planned: list[Fact], fallback_year: int) -> list[TargetDraft]:
    """Targets stated in one block, given its planned facts (extract/modality.py)."""
    whole = in_target_section(block.trail)
    if not whole and in_results(block.trail):
        return []
    year = target_year(block, fallback_year)
    number = m.group(1) if (m := _LIST_NUMBER.match(block.text)) else None
    drafts: list[TargetDraft] = []
    rates: set[str] = set()  # subjects whose level is a %: their changes are in points
    shares = _Structure()
    for fact in planned:
        draft = _draft(block, fact, year if whole else _year_of(fact, year), number, rates, shares)
        if draft is None:
            continue
        if drafts and _second_end_of_range(drafts[-1], draft):
            drafts[-1] = replace(
                drafts[-1], comparator="range", value=None, value_min=drafts[-1].value, value_max=draft.value
            )
            continue
        drafts.append(draft)
    drafts.extend(_rank_targets(block, year, number, whole))
    return drafts


def same_target(one: TargetDraft, other: TargetDraft) -> bool:
    """The same target stated twice (in a lead and in the body): the same measure, figures, comparator and year,
    and labels that share a word."""
    figures = (one.measure, one.value, one.value_min, one.value_max, one.comparator, one.unit, one.year)
    theirs = (other.measure, other.value, other.value_min, other.value_max, other.comparator, other.unit, other.year)
    return figures == theirs and bool(set(fold(one.indicator).split()) & set(fold(other.indicator).split()))


def _year_of(fact: Fact, fallback: int) -> int:
    """The year a "phấn đấu" figure is for: its own ("năm 2024 phấn đấu đạt 30,2%" in a block about 2021-2030)."""
    period = fact.period
    return period.end.year if period and period.end and period.start and period.end.month == 12 else fallback


def _strives(block: OutlineBlock, pos: int) -> bool:
    """The sentence holding `pos` says "phấn đấu" before it ("Toàn tỉnh phấn đấu thêm 2 xã ...; trồng mới 2.000 ha
    rừng": both), or opens with a lead-in that lists targets."""
    local = pos - block.start
    starts = _sentence_starts(block.text)
    before = block.text[starts[bisect_right(starts, local) - 1] : local]
    return bool(_STRIVE.search(before) or _TARGETS_LEAD_IN.search(before))


@lru_cache(maxsize=4)
def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of a block opens (0 first), found once a block: a figure's sentence is a bisection."""
    return [m.start() for m in _FULL_STOP.finditer(text)]


class _Structure:
    """Where a structure runs: its parts ("Dịch vụ 21,5%; Nông, lâm nghiệp 11,5%") are shares too, until the
    sentence ends (or, for a "Trong đó" breakdown, while the parent is the same)."""

    def __init__(self) -> None:
        self.until = -1
        self.parents: set[str] = set()

    def holds(self, fact: Fact, key: str) -> bool:
        if fact.parent and fact.parent in self.parents:
            return True
        return fact.start < self.until and not key.startswith("ty le")

    def note(self, block: OutlineBlock, fact: Fact) -> None:
        end = re.search(r"\.(?:\s|$)", block.text[fact.end - block.start :])
        self.until = fact.end + (end.start() if end else len(block.text))
        if fact.parent:
            self.parents.add(fact.parent)


def _draft(
    block: OutlineBlock, fact: Fact, year: int, number: str | None, rates: set[str], shares: _Structure
) -> TargetDraft | None:
    label = _LABEL_LEAD.sub("", fact.indicator).strip(" ,:")
    key = fold(label)
    measure, sign = fact.measure, 1
    if measure == Measure.PLAN and key.startswith("ty le"):  # "Tỷ lệ giải ngân ... được giao: 100%": the rate's level
        measure = Measure.VALUE
    if measure not in _KEPT_MEASURES or "prior" in fact.tags or ("move" in fact.tags and rates):
        return None  # an earlier figure, or a rate's move in points after the rate itself ("đạt 78%, tăng 2%")
    moved = _CHANGE_TAIL.search(label) if measure == Measure.VALUE and fact.unit == "%" else None
    if moved and not key.startswith("ty le"):  # "Số vụ tai nạn giao thông: giảm ≥ 5%": a change, not a level
        measure, sign, label = Measure.YOY, -1 if fold(moved.group("move")) == "giam" else 1, label[: moved.start()]
    label = _SYMBOL_TAIL.sub("", label)
    key = fold(label)
    if measure == Measure.VALUE and fact.unit == "%":
        if "co cau" in key or "co cau" in fold(fact.parent or "") or shares.holds(fact, key):
            measure = Measure.SHARE
        else:
            rates.add(key)
    if measure == "share_pct":
        rates.add(key)
        shares.note(block, fact)
    if measure == "yoy_change_pct" and key in rates:
        return None
    before = block.text[max(0, fact.start - block.start) : number_at(block, fact)]
    after = block.text[fact.end - block.start :]
    if _FLOOR.search(before) or _FLOOR_AFTER.match(after):
        comparator = ">="
    elif _CEILING.search(before) or _CEILING_AFTER.match(after):
        comparator = "<="
    else:
        comparator = "="
    if sign < 0:  # "giảm ít nhất 5%": a change of at most -5%
        comparator = {">=": "<=", "<=": ">="}.get(comparator, comparator)
    return TargetDraft(
        label,
        measure,
        comparator,
        sign * fact.value,
        None,
        None,
        fact.unit,
        year,
        number and f"({number})",
        fact.parent,
        fact.start,
        fact.end,
    )


def number_at(block: OutlineBlock, fact: Fact) -> int:
    """Where the fact's own number is written in the block (not a year or list number before it)."""
    quote = block.text[fact.start - block.start : fact.end - block.start]
    found = [m.start() for m in NUMBER_RE.finditer(quote) if _reads_as(m.group(0), abs(fact.value))]
    return fact.start - block.start + (found[0] if found else 0)


def _reads_as(text: str, value: float) -> bool:
    try:
        return abs(parse_figure(text) - value) < 1e-9
    except ValueError:
        return False


def _second_end_of_range(previous: TargetDraft, draft: TargetDraft) -> bool:
    return (previous.start, previous.end, previous.measure) == (
        draft.start,
        draft.end,
        draft.measure,
    ) and previous.comparator != "range"


def _rank_targets(block: OutlineBlock, year: int, number: str | None, whole: bool) -> list[TargetDraft]:
    drafts = []
    for m in _RANK_GROUP.finditer(block.text):
        if not whole and not _strives(block, block.start + m.start("n")):
            continue
        before = _RANK_LABEL.search(block.text[max(0, m.start() - 80) : m.start()])
        if before is None:
            continue
        start = m.start() - len(before.group(0))
        label = re.sub(r"^.*?\b(?:duy\s+trì|giữ\s+vững|nâng)\s+", "", before.group("label"), flags=re.IGNORECASE)
        label = re.sub(r"^\s*\(\d{1,2}\)\s*", "", label).strip()
        if about := _ABOUT.match(block.text, m.end()):
            label = f"thứ hạng {about.group(1).strip()}"
        drafts.append(
            TargetDraft(
                label,
                "rank",
                "<=",
                float(m.group("n")),
                None,
                None,
                "",
                year,
                number and f"({number})",
                None,
                block.start + start,
                block.start + m.end(),
            )
        )
    return drafts


_PLAN_PREFIX = re.compile(r"^(?:Kế\s+hoạch|Dự\s+toán|Mục\s+tiêu)\s+", re.IGNORECASE)
_LOW, _HIGH = " (mức thấp)", " (mức cao)"
_BOUNDS = {"at_least": ">=", "at_most": "<="}


def table_targets(facts: list[Fact], fallback_year: int) -> list[TargetDraft]:
    """Targets a table states in its plan column ("Kế hoạch năm 2022", "KH 2025") or in a column of a year still
    to come: each planned cell a target of its row's indicator, the two ends of "2,5-3" one range, "Dưới 3" a
    ceiling and "> 2.300" a floor. `facts` are the planned facts of the document's tables."""
    drafts: list[TargetDraft] = []
    for fact in (f for f in facts if f.measure in _KEPT_MEASURES and "prior" not in f.tags):
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
