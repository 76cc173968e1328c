"""What a paragraph's reading carries from one figure to the next, and the facts and tokens it yields."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.extract import grammar as g
from planwatch.vocab.measures import Measure
from planwatch.vocab.periods import Period


@dataclass
class Fact:
    indicator: str
    measure: Measure
    value: float
    unit: str
    period: Period
    start: int
    end: int
    estimate: bool = False
    rank_of: int | None = None
    parent: str | None = None
    tags: list[str] = field(default_factory=list)
    period_stated: bool = False  # its period is named in its paragraph, not the document's window taken for it


@dataclass
class Habit:
    """How a paragraph compares: the bases of its last explicit pair ("tăng 2,5% so với tháng trước và 7,8% so
    với cùng kỳ"), which a later bare pair follows in order ("tăng 0,9% và 4,1%"), and the base of its lead
    figure, which its single-month changes without a base share (a CPI paragraph's groups: the month before)."""

    pair: list[Measure] = field(default_factory=list)
    first: Measure | None = None
    ratio: str = ""  # the measure of the paragraph's last "bằng/đạt X% ...": a bare one later is of the same
    clause_bases: list[Measure] = field(default_factory=list)  # explicit bases of the clause being read
    named_month: tuple[int, int | None] | None = None  # the month (and year) the paragraph names as its base

    def notice(self, sentence: str) -> None:
        """A base the paragraph names before any figure uses it ("có 3 nhóm giảm giá so với tháng trước"), or the
        month it names as the base ("so với tháng 9/2025"), read against a figure's month when one needs it."""
        if self.first is None and (m := g.BASE_NAMED.search(sentence)):
            self.first = Measure.PREV if m.group("previous") else Measure.YOY
        if self.first is None and self.named_month is None and (named := g.BASE_MONTH_NAMED.search(sentence)):
            self.named_month = (int(named.group(1)), int(named.group(2)) if named.group(2) else None)

    def start_clause(self) -> None:
        self.clause_bases = []

    def stated(self, base: Measure) -> None:
        if base in (Measure.PREV, Measure.YOY):
            self.clause_bases.append(base)
            self.first = self.first or base

    def end_clause(self) -> None:
        bases = list(dict.fromkeys(self.clause_bases))
        if len(bases) >= 2:
            self.pair = bases


@dataclass
class Chain:
    """What a sentence carries from one figure to the next."""

    subject: str = ""
    carried: str = ""  # the subject of the sentence before: "Tính chung 10 tháng ước đạt ..." is about it too
    period: Period | None = None
    period_stated: bool = False  # the period was named in the paragraph, not taken from the document
    parent: str | None = None
    part_units: set[str] = field(default_factory=set)  # the kinds of unit the breakdown's parts were given in
    compare: str | None = None  # "prev" or "yoy", set by a clause that opens "So với ..."
    change_sign: int = 0  # "tăng 01 người (7,1%)": the sign of the change a bare "(7,1%)" gives in %
    paren_base: Measure | None = None  # "giảm so với tháng trước (8,1%)": the base of the bracketed change
    paren_parent: str = ""  # the subject before a parenthesis: its parts' parent, and the subject after it
    named_before: str = ""  # a name listed just before the parenthesis being read: "Vĩnh Phúc (-2,47%)"
    structure: bool = False  # the sentence lists a "cơ cấu": its bare percentages are shares
    aside: bool = False  # the period was named as an aside ("riêng quý III ..."): the next sentence is back
    habit: Habit = field(default_factory=Habit)
    last_change: str = ""  # "rise"/"fall": the figure before was a change ("tăng 0,9% và 4,1%": so is the next)
    moved: str = ""  # "Mức giảm"/"Mức tăng": the figure being read is how far a rate moved
    unit: str = ""  # the unit of the subject's last level: a level in another kind of unit names a new subject
    framing: str = ""  # what a framing segment names ("Theo kết quả công bố Chỉ số PCI ..."): a last resort
    clause_figures: int = 0  # figures read so far in the clause: the words after one and "và" are its leftovers
    ranked: bool = False  # the sentence has given a rank: a bare "2/6 tỉnh" after it is one too
    clause_values: list[str] = field(default_factory=list)  # what the clause's levels measure, in order
    respective: list[str] = field(default_factory=list)  # the names a "lần lượt" list still has to hand out
    listed: list[str] = field(default_factory=list)  # the names of the clause's last "lần lượt" list
    next_base: list[Measure | None] = field(default_factory=list)  # "tăng 0,4% và 2,9% so với A và B": B's, for 2,9
    last_measure: Measure | None = None  # what the last figure measured: a bare comparator's measure after it
    part_base: Measure | None = None  # the base a part of the sentence's breakdown stated: the next parts' too
    stated_bases: list[Measure] = field(default_factory=list)  # the bases the sentence has stated so far


@dataclass(frozen=True)
class Token:
    """A figure of a segment: digits ("1.007,5") or words ("gấp đôi", "vị trí thứ hai mươi tám")."""

    start: int
    end: int
    value: float
    kind: str = "digits"  # or a group of grammar.WORD_FIGURE: double, same, first, ordinal, behind
