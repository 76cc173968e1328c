"""What each figure the fact reader finds is (vocab/modality.py), decided per clause from cue words
(data/modality.yaml), from the document's kind (a resolution, plan or decision that sets targets, or a news item
about one) and from time (a period after the document's date is planned).

Targets are the planned figures of the same reading (targets.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from planwatch.extract.facts import Fact
from planwatch.extract.measures import cue as measures_cue
from planwatch.structure.metadata import DocumentMeta
from planwatch.vocab.measures import Measure
from planwatch.vocab.modality import Modality
from planwatch.vocab.periods import Month, Period, year_period

PLANNING_KINDS = ("kế hoạch", "nghị quyết", "quyết định", "chương trình")
_DATA = Path(__file__).with_name("data") / "modality.yaml"
_HEAD_CHARS = 1200  # the title and lead of a news item
_OPENING_CHARS = 150  # the opening of a paragraph
# a sentence ends at a stop before a capital or a line break; a clause at ";"
_SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-ZĐÀ-Ỹ\"“(])|\n")
_CLAUSE_END = re.compile(r";")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return {
        name: re.compile("|".join(_word(alt) for alt in alternatives), re.IGNORECASE)
        for name, alternatives in data.items()
    }


def _word(alternative: str) -> str:
    spaced = alternative.replace(" ", r"\s+")
    return rf"(?<![\wÀ-ỹ])(?:{spaced})(?![\wÀ-ỹ])"


def cue(name: str) -> re.Pattern[str]:
    return _cues()[name]


def counts_itself(fact: Fact, after: str = "") -> bool:
    """A count a session or an act gives of itself ("thông qua 31 nghị quyết", "12 nhóm giải pháp"): never a target;
    `after` is the text after the fact ("9 nhóm" + " giải pháp"). The session named before the plan word ("Tại kỳ
    họp, HĐND tỉnh thông qua kế hoạch đầu tư công với tổng vốn ...") is no such count."""
    unit = cue("not_a_target").match(fact.unit) or measures_cue("right", "own_parts").match(f"{fact.unit}{after}")
    label = cue("not_a_target").match(fact.indicator) or measures_cue("right", "own_parts").match(fact.indicator)
    named = not fact.unit or fact.indicator.lower().startswith(fact.unit.lower())  # "12 nhóm giải pháp": one name
    return bool(unit or (named and label) or cue("not_a_target_label").search(after_plan_word(fact.indicator)))


_ACRONYM = re.compile(r"[A-ZĐ]{3,6}")


def after_plan_word(label: str) -> str:
    """The words after the last plan word of a label that still names something: "Cũng tại kỳ họp, HĐND tỉnh thông
    qua nghị quyết về kế hoạch đầu tư công với tổng vốn" → "đầu tư công với tổng vốn"; "Nghị quyết ... với mục tiêu
    tăng trưởng GRDP" → "tăng trưởng GRDP"."""
    for word in reversed(list(cue("planned").finditer(label))):
        rest = label[word.end() :].strip(" ,:")
        if len(rest.split()) >= 2 or _ACRONYM.fullmatch(rest):  # "... phấn đấu GRDP": an indicator in one word
            return rest
    return label


def reviews(paragraph: str) -> bool:
    """The paragraph opens by reviewing what happened ("Điều 1. ... tán thành với nhận định: ...")."""
    return bool(cue("results_opening").search(paragraph[:_OPENING_CHARS]))


def sets_targets(meta: DocumentMeta, text: str) -> bool:
    """The document sets targets: a plan, resolution or decision, or a text whose head says it sets them."""
    return meta.kind in PLANNING_KINDS or bool(cue("sets_targets").search(text[:_HEAD_CHARS]))


def clause_cue(before: str) -> str | None:
    """The cue the words before a figure give it: "planned" for the last word of its sentence that sets a figure
    ("phấn đấu ..., ...; ..."), "reference" when a plan word after it points at a plan ("vượt kế hoạch"), "past"
    for a word of what was done after it ("đã", "năm qua"), unless an "estimate" or "scenario" word comes later in
    the figure's own clause; "former" for any figure of a clause about a province before its merger."""
    sentence = before[_last(_SENTENCE_END, before) :]
    clause_from = _last(_CLAUSE_END, sentence)
    references = [(m.start(), m.end()) for m in cue("plan_reference").finditer(sentence)]
    found = [(a, "reference") for a, _ in references[-1:] if a >= clause_from]
    found += [(m.start(), "planned") for m in cue("planned").finditer(sentence) if not _inside(m.start(), references)]
    found += [(m.start(), "past") for m in cue("past").finditer(sentence)]
    for name in ("estimate", "scenario"):
        found += [(clause_from + m.start(), name) for m in cue(name).finditer(sentence[clause_from:])]
    if _about_former(sentence[clause_from:]):
        return "former"
    return max(found)[1] if found else None


def _about_former(clause: str) -> bool:
    """The clause is about a province as it was before a merger ("tỉnh A (cũ) đặt mục tiêu 7%"), and does not go
    on to the merged one ("...; nay tỉnh mới phấn đấu 8%" is another clause)."""
    former = [m.start() for m in cue("former").finditer(clause)]
    merged = [m.start() for m in cue("merged").finditer(clause)]
    return bool(former) and max(former) > max(merged, default=-1)


def sentence_before(text: str, end: int) -> str:
    """`text[:end]` from its last sentence end: all of it `clause_cue` reads. Found looking back in growing windows
    (the pattern looks only ahead, so a window's last match is the text's), so that a figure costs its sentence,
    not its paragraph: a report of one paragraph is no quadratic work."""
    window = 1024
    while True:
        start = max(0, end - window)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
        if ends or start == 0:
            return text[ends[-1] if ends else 0 : end]
        window *= 4


def clause_after(text: str, start: int) -> str:
    """`text[start:]` up to the end of its clause (";") or sentence."""
    ends = [m.start() for m in (_SENTENCE_END.search(text, start), _CLAUSE_END.search(text, start)) if m]
    return text[start : min(ends, default=len(text))]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _last(pattern: re.Pattern[str], text: str) -> int:
    ends = [m.end() for m in pattern.finditer(text)]
    return ends[-1] if ends else 0


def aimed(text: str, dated: Month | None, window: Period, published: date | None = None) -> Period | None:
    """The year the head of a document that sets targets aims at, when later than its window: "đặt mục tiêu ... năm
    2026", "năm tới" in an item dated in the year before, or "năm nay" in an early-January item whose window is the
    year it looks back on (`published`: the day it is dated); else the years of a multi-year plan it aims at ("mục
    tiêu ... giai đoạn 2026 - 2030") when it names no single year."""
    head = text[:_HEAD_CHARS]
    years = [int(m.group("year")) for m in cue("aimed_year").finditer(head)]
    if dated is not None and cue("next_year").search(head):
        years.append(dated.year + 1)
    if published is not None and cue("this_year").search(head):
        years.append(published.year)
    later = [y for y in years if window.end is None or y > window.end.year]
    if later:
        return year_period(max(later))
    spans = [(int(m.group("first")), int(m.group("last"))) for m in cue("aimed_span").finditer(head)]
    longer = [(a, b) for a, b in spans if a < b and (window.end is None or b > window.end.year)]
    return Period(Month(longer[0][0], 1), Month(longer[0][1], 12)) if longer and not years else None


def _next_year(aim: Period | None, window: Period) -> bool:
    """`aim` is the one year right after the document's window."""
    if aim is None or aim.start is None or aim.end is None or window.end is None:
        return False
    return aim.start.year == aim.end.year == window.end.year + 1


def spanned(meta: DocumentMeta) -> Period | None:
    """The years a multi-year plan's title spans ("Kế hoạch ... 5 năm 2026 - 2030"), when longer than its window."""
    found = cue("plan_span").search(meta.title or "") if meta.kind in PLANNING_KINDS else None
    if found is None or meta.period.end is None or int(found.group("last")) <= meta.period.end.year:
        return None
    return Period(Month(int(found.group("first")), 1), Month(int(found.group("last")), 12))


@dataclass(frozen=True)
class Reading:
    """What a document's figures are read against: whether it sets targets, the months it plans and its date."""

    sets_targets: bool
    act: bool  # a plan, resolution or decision itself, not a news item about one
    plan_start: Month | None
    plan_end: Month | None
    dated: Month | None  # the month of the document's own date, when the document states it
    window: Period = Period(None, None)  # the months the document's undated figures are taken for
    named_only: bool = False  # it sets only the figures that name the year it plans (a review's next year)

    @staticmethod
    def of(meta: DocumentMeta, text: str) -> Reading:
        day = meta.reference.day if meta.reference.found_by in ("header", "dateline", "given") else None
        dated = Month(day.year, day.month) if day else None
        aim = aimed(text, dated, meta.period, meta.reference.published)
        # a head that names the tasks or plan of a year after its window ("Hội nghị tổng kết năm 2025, triển khai
        # nhiệm vụ năm 2026") sets that year's figures as well
        said = sets_targets(meta, text)
        sets = said or _next_year(aim, meta.period)
        plan = (aim if sets else None) or spanned(meta) or meta.period
        return Reading(sets, meta.kind in PLANNING_KINDS, plan.start, plan.end, dated, meta.period, sets and not said)

    def after_results(self, estimates: list[Fact]) -> Reading:
        """An undated item that sets targets beside the estimates of its window's year ("Năm 2023, GRDP ước ...";
        "HĐND đặt ra mục tiêu thu ngân sách 4.600 tỉ đồng") sets them for the year after."""
        window = self.window
        if self.dated is not None or self.act or not self.sets_targets or window.start is None or window.end is None:
            return self
        if (self.plan_start, self.plan_end) != (window.start, window.end):
            return self  # the head names the year aimed at
        if not any(f.period_stated and f.period == window for f in estimates):
            return self
        return replace(self, plan_start=window.start.shift(12), plan_end=window.end.shift(12))

    def period_of(self, fact: Fact) -> Period:
        """The figure's period: a figure dated only by the document's window is of the year the document plans,
        unless the document reviews that window and only names the next year's tasks."""
        if fact.period_stated or fact.period != self.window or self.plan_end is None or self.named_only:
            return fact.period
        return Period(self.plan_start, self.plan_end)

    def after_date(self, fact: Fact) -> bool:
        """The figure's period starts after the month the document is dated: it cannot have happened yet."""
        period = self.period_of(fact)
        start = period.start or period.end  # "đến ngày 30/9/2026": a cut-off
        return self.dated is not None and start is not None and start > self.dated

    def beyond_plan(self, fact: Fact) -> bool:
        """The figure's period ends after the months the document plans ("giai đoạn 2021-2025" in a plan for
        2024): a horizon, not yet measured."""
        end = self.period_of(fact).end
        return end is not None and self.plan_end is not None and end > self.plan_end and self.not_before_date(end)

    def horizon(self, fact: Fact, after: str) -> bool:
        """A figure a plan quotes from a longer one: its period ends after the months the document plans and the
        quarter after them ("Nghị quyết Đại hội đặt mục tiêu đến năm 2030 ..." in a plan for 2026; a cut-off "đến hết
        ngày 31/01/2025" still serves the plan for 2024), or a yearly average ("bình quân 7%/năm") in a plan for one
        year. The year of months a document covers is no horizon: an item on two months quotes its year's target; nor
        is the year it is dated in: an item of February 2026 on the year before sets 2026's."""
        end, start = self.period_of(fact).end, self.plan_start
        if end is None or self.plan_end is None:
            return False
        one_year = start is not None and start.shift(11) == self.plan_end
        last = max(self.plan_end.shift(3), Month(self.plan_end.year, 12))
        if self.dated is not None:  # the year the document is dated in is its present ("Năm 2026, tỉnh phấn đấu ...")
            last = max(last, Month(self.dated.year, 12))
        return end > last or (one_year and bool(cue("yearly_average").match(after)))

    def in_progress(self, fact: Fact) -> bool:
        """In a report that sets no targets, the figure's period runs on past the report's window within its year:
        "Dự kiến 6 tháng đầu năm đạt ..." in a May report estimates the half-year under way; it sets nothing."""
        start, end, window_end = fact.period.start, fact.period.end, self.plan_end
        if self.sets_targets or start is None or end is None or window_end is None:
            return False
        return start <= window_end < end and end.year == window_end.year

    def ahead(self, fact: Fact) -> bool:
        """The figure is of the months the document plans, and they are not over at its date."""
        end = self.period_of(fact).end
        return self.after_date(fact) or (self.in_plan(fact) and end is not None and self.not_before_date(end))

    def not_before_date(self, month: Month) -> bool:
        return self.dated is None or month > self.dated

    def sets_all(self, fact: Fact) -> bool:
        """Every figure of the planned months is set, not measured: in an act that sets targets; in a news item
        about one, the figures its text dates by the document's window or of months that run on past its date ("năm
        nay ... thu nhập bình quân đạt 9,8 triệu đồng" in January), not those it names a past year for ("Năm 2023, tỷ
        lệ tốt nghiệp đạt 98,78%": a result beside the targets); in a review whose head names the next year's tasks,
        only the figures that name a year still to come."""
        end = self.period_of(fact).end
        running = self.dated is not None and end is not None and end > self.dated
        if self.named_only:  # the figures of the year reviewed, dated by the window, are its results
            return self.sets_targets and fact.period_stated and self.in_plan(fact)
        return self.sets_targets and (self.act or not fact.period_stated or running)

    def sets_here(self, fact: Fact, before: str, in_task: bool) -> bool:
        """A planned figure this document sets: in a news item, any; in an act, one its sentence sets ("phấn đấu",
        "chỉ tiêu") or one of a later period; in a task, only one its sentence sets: the other figures of a task are
        what is to be done ("nâng tổng số sản phẩm OCOP lên 350"), no targets."""
        if in_task:
            return clause_cue(before) == "planned"
        return not self.act or self.after_date(fact) or clause_cue(before) == "planned"

    def current(self, fact: Fact) -> bool:
        """A figure of the months the document plans, or later, or of a period still running at its date ("phấn đấu
        quý I/2026 GRDP tăng 8,5%" at a February session): not a past plan's ("kế hoạch năm trước 7,5%")."""
        end = self.period_of(fact).end
        running = self.dated is not None and end is not None and end > self.dated
        return self.in_plan(fact) or self.after_date(fact) or running

    def in_plan(self, fact: Fact) -> bool:
        """The figure is of the months the document plans (to their end), not of an earlier window."""
        start, end = self.period_of(fact).start, self.period_of(fact).end
        if self.plan_end is None or end is None or end < self.plan_end:
            return False
        return start is None or self.plan_start is None or start >= self.plan_start


def figure_modality(
    fact: Fact, before: str, reading: Reading, *, results: bool, targets: bool, after: str = ""
) -> Modality:
    """A figure's modality; `before` is its sentence up to the figure and `after` the rest of its clause, `results` and
    `targets` whether it sits under a heading of results ("Kết quả ...") or of targets ("Các chỉ tiêu chủ yếu")."""
    if "scenario" in fact.tags:
        return Modality.SCENARIO
    said = clause_cue(before)
    measured = Modality.ESTIMATE if said == "estimate" or fact.estimate else Modality.ACTUAL
    if said == "former":  # a former province's plan, even "đặt mục tiêu 7%": the new province's context
        return measured
    if "planned" in fact.tags or targets:
        return Modality.PLANNED
    # "hoàn thành mục tiêu ... 7,5%", "vượt kế hoạch": a plan pointed at, not set; an earlier or other place's figure
    if said in ("reference", "past") or "prior" in fact.tags or "elsewhere" in fact.tags or results:
        return measured
    if said is None and cue("result_after").search(after):
        return measured  # "Thu ngân sách đạt 28.400 tỉ đồng, vượt 37,8% dự toán": a result, even in a plan's news
    if said == "scenario":  # a scenario of a window still ahead is the plan for it ("kịch bản tăng trưởng năm 2026")
        return Modality.PLANNED if reading.ahead(fact) else Modality.SCENARIO
    if said == "estimate" or (fact.estimate and reading.in_progress(fact)):
        return Modality.ESTIMATE
    if fact.measure == Measure.PLAN and said != "planned" and not _act_sets_share(reading, before):
        return measured  # how much of a plan was reached ("giải ngân mới đạt 65% kế hoạch"), unless a plan word sets it
    if (
        reading.after_date(fact)
        or reading.beyond_plan(fact)
        or (reading.in_plan(fact) and (said == "planned" or reading.sets_all(fact)))
    ):
        return Modality.PLANNED
    return measured


def _act_sets_share(reading: Reading, before: str) -> bool:
    """An act that sets targets sets the share of a plan it names ("hoàn thành giải ngân 100% kế hoạch vốn" in a
    plan is to be done), unless it compares two plans ("cao hơn 7,3% so với dự toán Trung ương giao")."""
    return reading.act and reading.sets_targets and not cue("plan_comparison").search(before)
