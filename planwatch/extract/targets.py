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
from planwatch.extract.modality import after_plan_word, clause_cue, cue, sentence_before
from planwatch.extract.target_labels import listed_label, opens_item, share_label
from planwatch.extract.target_sections import (
    TARGETS_LEAD_IN,
    in_target_section,
    results_until,
)
from planwatch.structure.sections import OutlineBlock
from planwatch.text.fold import fold
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import NUMBER_RE, parse_figure

_STRIVE = re.compile(r"phấn\s+đấu", re.IGNORECASE)
_FIGURE_AFTER = re.compile(r"\s*\([^()\d]{0,20}\d")
_FULL_STOP = re.compile(r"(?:^|(?<=[.!?])\s)")
# "đạt và vượt 10.000 tấn": at least
_FLOOR = re.compile(
    r"(?:trên|hơn|ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+thấp\s+hơn|đạt\s+và\s+vượt|≥|>=?)\s*$", re.IGNORECASE
)
_CEILING = re.compile(
    r"(?:dưới|không\s+quá|tối\s+đa|không\s+vượt\s+quá|(?:giảm|xuống)\s+còn|còn|≤|<=?)\s*$", re.IGNORECASE
)
# a KPI's change left in its label by the colon before the figure: "Số vụ tai nạn giao thông: giảm ≥ 5%"
# ... or the change a clause opens with, the counted thing after its figure: "giảm ít nhất 5% số vụ tai nạn giao thông"
_CHANGE_HEAD = re.compile(
    r"^(?P<move>tăng|giảm)(?:\s+(?:ít\s+nhất|tối\s+thiểu|tối\s+đa|không\s+quá|khoảng|trên|dưới))*\s+(?=\S)", re.I
)
_CHANGE_TAIL = re.compile(r"[\s,:]*\b(?P<move>tăng|giảm)(?P<mean>\s+bình\s+quân)?[\s,:≥≤<>=]*$", re.IGNORECASE)
_OF_GRDP = re.compile(r"(?:\s*(?:đến|-|–)\s*[\d.,]+\s*%)?\s*(?:so\s+với\s+|của\s+)?(?:tổng\s+)?GRDP\b", re.I)
_RESTATED = re.compile(r"^\W*(?:mục\s+tiêu|chỉ\s+tiêu|mức)\s*$", re.IGNORECASE)
_MOVED_TO = re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:lên|xuống)(?:\s+(?:còn|mức))?\s+\d", re.IGNORECASE)
_INDEX_BEFORE = re.compile(r"\bbằng\s*$", re.IGNORECASE)
_INDEX_AFTER = re.compile(
    r"^\s*(?:so\s+với\s+)?(?:ước\s+(?:thực\s+hiện|đạt)\s+|thực\s+hiện\s+)?(?:năm\s+(?:\d{4}|trước)|cùng\s+kỳ)", re.I
)
# nothing but the strive and its verb before a figure: no indicator of its own ("phấn đấu đạt 10% nếu ...")
_STRIVE_ONLY = re.compile(r"phấn\s+đấu(?:\s+(?:đạt|ở\s+mức|mức|lên|tăng|cao\s+hơn|trên|từ|khoảng))*\s*$", re.I)
_PLAN_TAIL = re.compile(r"\s+(?:nghị\s+quyết|thông\s+qua|kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu)\s*$", re.IGNORECASE)
_COMPARED_AFTER = re.compile(r"^\s*so\s+với\s+(?:ước\s+(?:thực\s+hiện|đạt)\s+)?(?:năm|cùng\s+kỳ)", re.IGNORECASE)
_PER_PEOPLE = re.compile(r"^[^;.]{0,40}?(?P<per>(?:trên|/)\s*(?:10\.000|1\s+vạn|một\s+vạn|vạn)\s+dân)", re.IGNORECASE)
_FROM = re.compile(r"\btừ\s*$", re.IGNORECASE)
_RANGE_TO = re.compile(r"^\s*%?\s*(?:đến|tới|[-–])\s*$", re.IGNORECASE)
_MOVE_HEAD = re.compile(r"^mức\s+(?:giảm|tăng)\s+", re.IGNORECASE)
_COMPARATOR_TAIL = re.compile(
    r"(?:\s+(?:không(?:\s+(?:quá|vượt\s+quá|thấp\s+hơn|dưới))?|tối\s+thiểu|tối\s+đa|ít\s+nhất|đạt(?:\s+và(?:\s+vượt)?)?"
    r"|trên|dưới|khoảng))+$",
    re.IGNORECASE,
)
# a group a rate's move is stated for after the whole: "Tỷ lệ hộ nghèo giảm 1,5%, riêng các huyện nghèo giảm 4%"
_GROUP = re.compile(r"^(?:riêng\s+)?(?:các|những|khu\s+vực|vùng|đồng\s+bào)\b", re.IGNORECASE)
_SYMBOL_TAIL = re.compile(r"[\s,:]*[≥≤<>=]+[\s,]*$")
# after the figure: "đạt 10,5% trở lên", "giảm xuống 1,5% trở xuống"
_FLOOR_AFTER = re.compile(r"(?:/\s*năm)?\s*trở\s+lên", re.IGNORECASE)
_CEILING_AFTER = re.compile(r"(?:/\s*năm)?\s*trở\s+xuống", re.IGNORECASE)
# "... chỉ số PCI của tỉnh nằm trong nhóm 10 tỉnh, thành phố dẫn đầu": the group is found first, its label is
# the words before it in the same clause
_RANK_GROUP = re.compile(r"(?:nằm\s+)?(?:trong|thuộc)\s+(?:nhóm|top)\s+(?P<n>\d{1,2})\s+tỉnh", re.IGNORECASE)
_RANK_LABEL = re.compile(r"(?P<label>[^.;,:]{2,80}?)\s*(?:của\s+tỉnh\s*)?$", re.IGNORECASE)
_ABOUT = re.compile(r"[^.;]{0,40}?\bvề\s+([^.;,]{3,60})")
_MOVED_END = re.compile(r"(?<![\wÀ-ỹ])(?:lên|xuống)(?:\s+(?:còn|mức))?\s*$", re.IGNORECASE)
# "Tổng thu ... được điều chỉnh từ 21.300 tỷ đồng (tổng dự toán ...) lên": the name of what the figure after replaces
_REPLACED = re.compile(
    r"(?:^|[.;:]\s)(?P<label>[^.;:]{3,120}?)\s+(?:được\s+)?(?:điều\s+chỉnh\s+)?(?:(?:tăng|giảm)\s+)?từ\s+\d(?:[^.;:]|\.(?=\d))*$",
    re.IGNORECASE,
)
_VOTE = re.compile(r"\s*(?:tổng\s+số\s+)?đại\s+biểu\b", re.IGNORECASE)
_NAMED = re.compile(r"[^\W\d_]")
# what a share that opens its item is of: "100% số xã ...", "98% dân số nông thôn ..." (not "9% so với ...")
_SHARE_OF = re.compile(
    r"\s*(?:số\s+)?(?!(?:so|với|trở|tăng|giảm|bằng|đạt|trong)(?![\wÀ-ỹ]))(?P<what>[^,.;()]{3,80}?)(?=\s*(?:[,.;(]|$|trong\s+đó\b))",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;:!?](?:\s|$)")
_LIST_NUMBER = re.compile(r"^\s*\((\d{1,2})\)")
_LABEL_LEAD = re.compile(
    r"^(?:\d{1,2},\s*)?(?:(?:các\s+)?(?:mục\s+tiêu|chỉ\s+tiêu)(?:,\s*nhiệm\s+vụ)?(?:\s+[^\s,:;]+){0,4}?\s+"
    r"(?:gồm|là|như\s+sau)(?![\wÀ-ỹ])\s*,?\s*)?(?:phấn\s+đấu\s+(?:đến\s+hết\s+năm\s+\d{4}\s*,?\s*)?)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:năm\s+)(20\d{2})\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_BASE_YEAR = re.compile(r"\b(?:so\s+với|so|bằng|gấp)\s+(?:[^\s\d.;,]+\s+){0,4}?năm\s+20\d{2}", re.IGNORECASE)
KEPT_MEASURES = ("value", "yoy_change_pct", "share_pct", "rank")


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
    written: tuple[int, int] | None = None  # where the figure and its comparator are written: "từ 11% trở lên"
    stretch: bool = False  # a stretch target beside the base one: "phấn đấu đạt 10% nếu ..."


def target_year(block: OutlineBlock, fallback: int) -> int:
    """The latest year the headings name ("KẾ HOẠCH ... NĂM 2024"), else the block (not a base it compares with: "tăng
    9,5% so với năm 2025"), else the document's."""
    for text in (" ".join(h.title for h in block.trail), _BASE_YEAR.sub("", block.text)):
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            return max(years)
    return fallback


def extract_targets(block: OutlineBlock, planned: list[Fact], fallback_year: int) -> list[TargetDraft]:
    """Targets stated in one block, given its planned facts (extract/modality.py)."""
    whole = in_target_section(block.trail)
    told = results_until(block)
    if not whole and told >= len(block.text):
        return []
    planned = [fact for fact in planned if whole or fact.start - block.start >= told]
    year = target_year(block, fallback_year)
    number = m.group(1) if (m := _LIST_NUMBER.match(block.text)) else None
    drafts: list[TargetDraft] = []
    rates: set[str] = set()  # subjects whose level is a %: their changes are in points
    shares = _Structure()
    for fact in planned:
        draft = _draft(block, fact, year if whole else _year_of(fact, year), number, rates, shares)
        if draft is None:
            continue
        if _MOVED_END.search(draft.indicator) and (was := _REPLACED.search(block.text[: fact.start - block.start])):
            draft = replace(draft, indicator=_LABEL_LEAD.sub("", was.group("label")).strip(" ,:"))
        share_first = (
            draft.measure == Measure.VALUE and fact.unit == "%" and opens_item(block.text[: number_at(block, fact)])
        )
        if not _NAMED.search(draft.indicator) or share_first:
            draft = _unnamed(block, draft, fact, drafts)
        if drafts and _MOVE_HEAD.match(drafts[-1].indicator) and draft.measure == Measure.YOY:
            draft = _group_move(drafts[-1], draft) or draft
        if drafts and (_second_end_of_range(drafts[-1], draft) or _to(block, drafts[-1], draft, fact)):
            drafts[-1] = _range(drafts[-1], draft)
            continue
        drafts.append(draft)
    drafts.extend(_rank_targets(block, year, number, whole))
    drafts.extend(_double_digits(block, year, number))
    return drafts


def _double_digits(block: OutlineBlock, year: int, number: str | None) -> list[TargetDraft]:
    """Growth targets written in words ("tạo đà cho mục tiêu tăng trưởng hai con số cả năm"): at least 10%, when a
    plan word sets them (not "đã hoàn thành mục tiêu ...", which points at a plan)."""
    drafts = []
    for m in cue("double_digits").finditer(block.text):
        if clause_cue(sentence_before(block.text, m.end())) != "planned" or _FIGURE_AFTER.match(block.text, m.end()):
            continue  # not set, or set in figures right after: "tăng trưởng 2 con số (từ 10% trở lên)"
        at = (block.start + m.start(), block.start + m.end())
        label = "Tốc độ tăng trưởng kinh tế (GRDP)"
        drafts.append(TargetDraft(label, Measure.YOY, ">=", 10.0, None, None, "%", year, number, None, *at, at))
    return drafts


def _unnamed(block: OutlineBlock, draft: TargetDraft, fact: Fact, drafts: list[TargetDraft]) -> TargetDraft:
    """A figure with no words before it (a list number at most) is named by what follows it ("(9) Đến năm 2030, 100%
    số xã đạt chuẩn nông thôn mới": the rate of those communes) or, a growth, by the figure before it in its
    sentence ("đạt 27.500 tỷ đồng, tăng tối thiểu 10% so với năm 2025": the same indicator's)."""
    following = block.text[fact.end - block.start :]
    if fact.unit == "%" and draft.measure == Measure.VALUE and (of := _SHARE_OF.match(following)):
        return replace(draft, indicator=f"Tỷ lệ {of.group('what')}")
    between = block.text[drafts[-1].end - block.start : fact.start - block.start] if drafts else "."
    if draft.measure == Measure.YOY and not _SENTENCE_END.search(between):
        return replace(draft, indicator=drafts[-1].indicator)
    return draft


def mark_stretch(drafts: list[TargetDraft], text: str) -> list[TargetDraft]:
    """A figure only "phấn đấu" introduces ("phấn đấu đạt 10% nếu ...", "có thể phấn đấu đạt 8,5%") after a base
    target in the same unit is that target's stretch: a second target, marked and labelled as such. Its base is the
    one in its own clause, else the first growth the text sets (the GRDP's, as a rule)."""
    marked: list[TargetDraft] = []
    for draft in drafts:
        at = draft.written[0] if draft.written else draft.start
        bases = [d for d in marked if d.unit == draft.unit and not d.stretch and d.start < draft.start]
        growth = [d for d in bases if d.measure == Measure.YOY] or bases
        near = [d for d in growth if _beside(d, draft) and not _SENTENCE_END.search(text, d.end, at)]
        base = near[-1] if near else growth[0] if growth else None
        if base and _STRIVE_ONLY.search(text[max(0, at - 60) : at]) and _beside(base, draft):
            label = f"{base.indicator} (mức phấn đấu)"
            draft = replace(draft, indicator=label, measure=base.measure, stretch=True, parent=base.parent)
        marked.append(draft)
    return marked


def _beside(base: TargetDraft, draft: TargetDraft) -> bool:
    """A stretch is another figure of the same size as its base ("8% trở lên", then "8,5%"), not a rate of 100%."""
    level = base.value if base.value is not None else base.value_max
    return (
        draft.value is not None
        and level is not None
        and draft.value != level
        and 0.5 * level <= draft.value <= 1.5 * level
    )


def same_target(one: TargetDraft, other: TargetDraft) -> bool:
    """The same target stated twice (in a lead and in the body): the same measure, figures, comparator and year,
    and labels that share a word."""
    figures = (one.measure, one.value, one.value_min, one.value_max, one.comparator, one.unit, one.year)
    theirs = (other.measure, other.value, other.value_min, other.value_max, other.comparator, other.unit, other.year)
    return figures == theirs and bool(
        set(_WORD.findall(fold(one.indicator))) & set(_WORD.findall(fold(other.indicator)))
    )


def restates(one: TargetDraft, other: TargetDraft) -> bool:
    """`one` points back at `other` ("Mức tăng trưởng 10,2% là thách thức lớn" after "mục tiêu tăng trưởng kinh tế năm
    2026 là 10,2%"): the same figures, and a label of a word that points at a target ("mức", "chỉ tiêu") and no word
    but the other's besides."""
    figures = (one.measure, one.value, one.value_min, one.value_max, one.comparator, one.unit, one.year)
    theirs = (other.measure, other.value, other.value_min, other.value_max, other.comparator, other.unit, other.year)
    pointer = cue("restating").search(one.indicator)
    words = set(_WORD.findall(fold(cue("restating").sub(" ", one.indicator))))
    return figures == theirs and bool(pointer) and bool(words) and words <= set(_WORD.findall(fold(other.indicator)))


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
    return bool(_STRIVE.search(before) or TARGETS_LEAD_IN.search(before))


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
    block: OutlineBlock, fact: Fact, year: int, item: str | None, rates: set[str], shares: _Structure
) -> TargetDraft | None:
    label = _LABEL_LEAD.sub("", fact.indicator).strip(" ,:")
    key = fold(label)
    measure, sign, value_shift = fact.measure, 1, 0.0
    if measure == Measure.PLAN and fact.value > 100:
        return None  # "tăng 15% so với dự toán năm 2025", "vượt 7% dự toán Trung ương giao": two plans compared
    if measure == Measure.PLAN:  # "giải ngân vốn đầu tư công đạt 95%", "Tỷ lệ giải ngân ...: 100%": the rate's level
        measure = Measure.VALUE
        label = label if key.startswith("ty le") else f"Tỷ lệ {label[:1].lower()}{label[1:]}"
    if measure not in KEPT_MEASURES or "prior" in fact.tags or ("move" in fact.tags and _moved_rate(label) in rates):
        return None  # an earlier figure, or a rate's move in points after the rate itself ("đạt 78%, tăng 2%")
    label = _COMPARATOR_TAIL.sub("", _SYMBOL_TAIL.sub("", label))
    moved = _CHANGE_TAIL.search(label) if measure == Measure.VALUE and fact.unit == "%" else None
    if moved and not key.startswith("ty le"):  # "Số vụ tai nạn giao thông: giảm ≥ 5%": a change, not a level
        measure, sign = Measure.YOY, -1 if fold(moved.group("move")) == "giam" else 1
        label = label[: moved.start()] + (" bình quân" if moved.group("mean") else "")
    ahead = _CHANGE_HEAD.match(label) if measure == Measure.VALUE and fact.unit == "%" else None
    if ahead and not key.startswith("ty le"):  # "giảm ít nhất 5% số vụ tai nạn giao thông": the change of what follows
        measure, sign = Measure.YOY, -1 if fold(ahead.group("move")) == "giam" else 1
        label = label[ahead.end() :]
    label = listed_label(_named_after_cue(block, fact, _after_plan_word(label)), block.text, number_at(block, fact))
    if measure == Measure.VALUE and fact.unit == "%" and "move" not in fact.tags:
        label = share_label(label, block.text, number_at(block, fact), fact.end - block.start)
    key = fold(label)
    # "tỷ lệ hộ nghèo giảm 1,17% trở lên", "Giảm tỷ lệ hộ nghèo 0,8%": the size of the fall, not the fall
    if measure == Measure.YOY and key.startswith("ty le") and (fact.value < 0 or sign < 0):
        measure, sign, value_shift = Measure.VALUE, 1, abs(fact.value) - fact.value
        label = f"Mức giảm {label[:1].lower()}{label[1:]}"
    if measure in (Measure.VALUE, Measure.YOY) and fact.unit == "%" and key.startswith("ty trong"):
        measure = Measure.SHARE  # "Tỷ trọng kinh tế số trong GRDP 16%"
    head = block.text[max(0, fact.start - block.start) : number_at(block, fact)]
    if _RESTATED.match(head) or (_FROM.search(head) and _MOVED_TO.match(block.text[fact.end - block.start :])):
        return None  # "Mục tiêu 8% là mức sàn": said again; "điều chỉnh tăng từ 9.800 tỷ đồng lên ...": superseded
    following = block.text[fact.end - block.start :]
    if fact.unit == "%" and _VOTE.match(following):
        return None  # "được thông qua với 100% đại biểu có mặt tán thành": the vote, no target
    if measure == Measure.VALUE and fact.unit == "%" and _COMPARED_AFTER.match(following) and "move" not in fact.tags:
        measure = Measure.YOY  # "phải tăng thu tối thiểu 8% so với năm 2025": a growth
        sign = -1 if re.search(r"\bgiảm\b", head, re.IGNORECASE) else 1
    if (per := _PER_PEOPLE.match(following)) and fact.unit and fact.unit != "%" and "dân" not in key:
        label = f"Số {fact.unit} {per.group('per')}"  # "12 bác sĩ và 38 giường bệnh trên 10.000 dân"
    index = _INDEX_BEFORE.search(head) and _INDEX_AFTER.match(block.text[fact.end - block.start :])
    if measure == Measure.VALUE and fact.unit == "%" and index:  # "bằng 108% ước thực hiện năm 2025"
        measure, value_shift = Measure.YOY, -100.0
    if "move" in fact.tags:  # how far a rate moves is a level in points, whatever list it stands in
        measure = Measure.VALUE
    if measure == Measure.VALUE and not fact.unit:
        return None  # a bare number ("Lượt xem 1.284"): no target states a level without its unit
    if measure == Measure.VALUE and fact.unit == "%" and _OF_GRDP.match(block.text[fact.end - block.start :]):
        measure = Measure.SHARE  # "vốn đầu tư toàn xã hội từ 26% đến 27% GRDP": a share of the GRDP
    if measure == Measure.SHARE and key.startswith("ty le") and "co cau" not in fold(fact.parent or ""):
        measure = Measure.VALUE  # a rate in a list that began with a structure ("... Tỷ lệ đô thị hóa 27,5%")
    if measure == Measure.VALUE and fact.unit == "%" and "move" not in fact.tags:
        if "co cau" in key or "co cau" in fold(fact.parent or "") or shares.holds(fact, key):
            measure = Measure.SHARE
        else:
            rates.add(key)
    if measure == "share_pct":
        rates.add(key)
        shares.note(block, fact)
    if measure == "yoy_change_pct" and key in rates:
        return None
    number = number_at(block, fact)
    before = block.text[max(0, fact.start - block.start) : number]
    after = block.text[fact.end - block.start :]
    floor, ceiling = _FLOOR.search(before), _CEILING.search(before)
    floor_after, ceiling_after = _FLOOR_AFTER.match(after), _CEILING_AFTER.match(after)
    if floor or floor_after:
        comparator = ">="
    elif ceiling or ceiling_after:
        comparator = "<="
    else:
        comparator = "="
    said = floor or ceiling or _FROM.search(before)
    said_after = floor_after or ceiling_after
    written = (
        block.start + (number - len(before) + said.start() if said else number),
        fact.end + (said_after.end() if said_after else 0),
    )
    if sign < 0 or (measure == Measure.YOY and fact.value < 0):  # "giảm ít nhất 5%", "giảm 5% trở lên": at most -5%
        comparator = {">=": "<=", "<=": ">="}.get(comparator, comparator)
    return TargetDraft(
        label.strip(" ,:;"),
        measure,
        comparator,
        sign * fact.value + value_shift,
        None,
        None,
        fact.unit,
        year,
        item and f"({item})",
        fact.parent,
        fact.start,
        fact.end,
        written,
    )


def _after_plan_word(label: str) -> str:
    """The words after the last plan word of a label that still names something (modality.after_plan_word), less
    plan words left at its end ("... GRDP nghị quyết thông qua")."""
    label = after_plan_word(label)
    while (tail := _PLAN_TAIL.search(label)) and len(label[: tail.start()].split()) >= 2:
        label = label[: tail.start()]
    return label


def _named_after_cue(block: OutlineBlock, fact: Fact, label: str) -> str:
    """The last part of a label when only it follows the sentence's last plan word or speaker's verb before it: "Kết
    luận phiên họp, Chủ tịch ... yêu cầu ..., phấn đấu quý I GRDP tăng 9%" names the GRDP, as "Chủ tịch UBND tỉnh yêu
    cầu ..., 6 tháng cuối năm GRDP phải tăng 11,2%" does; the clause before names nothing."""
    head, _, last = label.rpartition(",")
    local = number_at(block, fact)
    starts = _sentence_starts(block.text)
    sentence = block.text[starts[bisect_right(starts, local) - 1] : local]
    named_at = sentence.rfind(last.strip()) if last.strip() else -1
    marks = [m.end() for name in ("planned", "speaks") for m in cue(name).finditer(sentence) if m.end() <= named_at]
    if not head or not marks:
        return label
    after = sentence[max(marks) :]
    return last.strip() if last.strip() in after and head.strip() not in after else label


def _group_move(whole: TargetDraft, draft: TargetDraft) -> TargetDraft | None:
    """ "riêng các huyện nghèo giảm 4%" after a rate's move: the same rate's move for that group, in points."""
    if not _GROUP.match(draft.indicator) or draft.value is None:
        return None
    group = re.sub(r"^riêng\s+", "", draft.indicator, flags=re.IGNORECASE)
    return replace(draft, indicator=f"{whole.indicator} {group}", measure=Measure.VALUE, value=abs(draft.value))


def _moved_rate(label: str) -> str:
    """The rate a move is of: "Mức giảm tỷ lệ hộ nghèo" → "ty le ho ngheo"."""
    return fold(_MOVE_HEAD.sub("", label))


def number_at(block: OutlineBlock, fact: Fact) -> int:
    """Where the fact's own number is written in the block (not a year or list number before it)."""
    quote = block.text[fact.start - block.start : fact.end - block.start]
    found = [m.start() for m in NUMBER_RE.finditer(quote) if _reads_as(m.group(0), abs(fact.value))]
    # ... or written as its distance from 100: "cao hơn 7,3% so với dự toán" is 107,3% of it
    found = found or [m.start() for m in NUMBER_RE.finditer(quote) if _reads_as(m.group(0), abs(abs(fact.value) - 100))]
    return fact.start - block.start + (found[0] if found else 0)


def _reads_as(text: str, value: float) -> bool:
    try:
        return abs(parse_figure(text) - value) < 1e-9
    except ValueError:
        return False


def _range(first: TargetDraft, second: TargetDraft) -> TargetDraft:
    """The two ends as one range; the second's dash read as a minus ("9,0% - 9,5%") is no sign."""
    written = (first.written[0], second.written[1]) if first.written and second.written else first.written
    high = second.value
    if high is not None and first.value is not None and first.value >= 0:
        high = abs(high)
    return replace(first, comparator="range", value=None, value_min=first.value, value_max=high, written=written)


def _to(block: OutlineBlock, previous: TargetDraft, draft: TargetDraft, fact: Fact) -> bool:
    """ "từ 10% đến 10,5%", "tăng từ 0,45% đến 0,54%": the figure after "đến" closes the range the one before opens."""
    between = block.text[previous.end - block.start : number_at(block, fact)]
    return (
        (previous.indicator, previous.comparator, draft.comparator) == (draft.indicator, "=", "=")
        and (previous.measure == draft.measure or (draft.value or 0) < 0)  # "9,0% - 9,5%": the dash read as a sign
        and bool(_RANGE_TO.match(between))
    )


def _second_end_of_range(previous: TargetDraft, draft: TargetDraft) -> bool:
    return (previous.start, previous.end, previous.measure) == (
        draft.start,
        draft.end,
        draft.measure,
    ) and previous.comparator != "range"


def _rank_targets(block: OutlineBlock, year: int, number: str | None, whole: bool) -> list[TargetDraft]:
    """The ranks a block sets: in a target section, after "phấn đấu", or as a KPI's value after its name's colon
    ("Chỉ số PCI: thuộc nhóm 20 tỉnh dẫn đầu")."""
    drafts = []
    for m in _RANK_GROUP.finditer(block.text):
        lead = block.text[max(0, m.start() - 80) : m.start()]
        kpi = lead.rstrip().endswith(":")
        if not whole and not kpi and not _strives(block, block.start + m.start("n")):
            continue
        before = _RANK_LABEL.search(lead.rstrip(" :"))
        if before is None:
            continue
        start = m.start() - len(lead) + before.start() + len(before.group(0)) - len(before.group(0).lstrip())
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
