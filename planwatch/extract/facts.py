"""Facts: every number a paragraph states about an indicator, with measure, unit, period and span.

Reading goes paragraph → sentence → clause (";") → segment (","), carrying what the genre leaves
unsaid: the subject of a chain ("05 tháng ước đạt ..., tăng 26%, bằng 40,09% kế hoạch"), the period
last named in the paragraph, and the parent of a "Trong đó:" breakdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from planwatch.extract import grammar as g
from planwatch.extract.measures import Around, cue, level_move, read_percent
from planwatch.limits import check_time
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import NUMBER_RE, parse_figure, word_number
from planwatch.vocab.periods import Month, Period, PeriodMention, ReportContext, find_periods
from planwatch.vocab.units import match_unit, unit_by_name, unit_kind

COUNT_BASES = {
    "doanh nghiệp",
    "dự án",
    "người",
    "lao động",
    "lượt",
    "hộ",
    "xã",
    "vụ",
    "con",
    "cái",
    "hợp tác xã",
    "trường",
    "sản phẩm",
    "hồ sơ",
    "mã số",
    "đối tượng",
    "giường bệnh",
    "bác sĩ",
    "cây",
}


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
class _Habit:
    """How a paragraph compares: the bases of its last explicit pair ("tăng 2,5% so với tháng trước và 7,8% so
    với cùng kỳ"), which a later bare pair follows in order ("tăng 0,9% và 4,1%"), and the base of its lead
    figure, which its single-month changes without a base share (a CPI paragraph's groups: the month before)."""

    pair: list[Measure] = field(default_factory=list)
    first: Measure | None = None
    ratio: str = ""  # the measure of the paragraph's last "bằng/đạt X% ...": a bare one later is of the same
    clause_bases: list[Measure] = field(default_factory=list)  # explicit bases of the clause being read

    def notice(self, sentence: str) -> None:
        """A base the paragraph names before any figure uses it ("có 3 nhóm giảm giá so với tháng trước")."""
        if self.first is None and (m := g.BASE_NAMED.search(sentence)):
            self.first = Measure.PREV if m.group("previous") else Measure.YOY

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
class _Chain:
    """What a sentence carries from one figure to the next."""

    subject: str = ""
    carried: str = ""  # the subject of the sentence before: "Tính chung 10 tháng ước đạt ..." is about it too
    period: Period | None = None
    period_stated: bool = False  # the period was named in the paragraph, not taken from the document
    parent: str | None = None
    part_units: set[str] = field(default_factory=set)  # the kinds of unit the breakdown's parts were given in
    compare: str | None = None  # "prev" or "yoy", set by a clause that opens "So với ..."
    change_sign: int = 0  # "tăng 01 người (7,1%)": the sign of the change a bare "(7,1%)" gives in %
    paren_parent: str = ""  # the subject before a parenthesis: its parts' parent, and the subject after it
    named_before: str = ""  # a name listed just before the parenthesis being read: "Vĩnh Phúc (-2,47%)"
    structure: bool = False  # the sentence lists a "cơ cấu": its bare percentages are shares
    aside: bool = False  # the period was named as an aside ("riêng quý III ..."): the next sentence is back
    habit: _Habit = field(default_factory=_Habit)
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


# A sentence ends at a stop and a space before a capital; web copies also lose the space: "năm trước.Tính chung"
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ(“\"\d])|(?<=\.\))\s+|(?<=[a-zđà-ỹ%]\.)(?<!Tp\.)(?=[A-ZĐ][a-zđà-ỹ])"
)
_CLAUSE_END = re.compile(r";\s*")
_WORDS_IN_PARENS = re.compile(r"\s*\([^()\d]*\)")
# (not inside the one agency name that holds a comma: "Sở Văn hóa, Thể thao và Du lịch")
_SEGMENT_END = re.compile(r",(?!\d)(?!\s*Thể\s+thao\s+và\s+Du\s+lịch)\s*|;\s*|\s*\(|\)\s*|(?<=\D):\s+")
# Numbers that are never figures: dates, codes, list numbers, year ranges.
_MASKS = [
    re.compile(r"\d{1,2}\s*([/-])\s*\d{1,2}\s*\1\s*\d{4}"),  # 15/5/2024, 20-6-2016
    re.compile(r"\d{1,2}/\d{4}"),  # 5/2024 (handled by periods)
    re.compile(r"\b\d+(?:/\d+)*(?:/\d{4})?/[A-ZĐ][A-ZĐa-z\-]*(?:/[A-ZĐ\-]+)*"),  # 72/2021/QĐ-UBND
    re.compile(r"\b\d+-[A-ZĐ]{1,4}/[A-ZĐ]+"),  # 19-CT/TU
    re.compile(r"\b\d{4}\s*-\s*\d{4}\b"),  # 2021-2025
    re.compile(r"(?:năm|Năm|khóa|khoá|kỳ họp thứ|lần thứ|giai đoạn|đợt|Đợt)\s+\d+"),
    re.compile(r"(?:ngày|Ngày)\s+\d{1,2}(?:\s*/\s*\d{1,2})?"),
    re.compile(r"\(\d{1,2}/\d{1,2}\)"),  # (30/4)
    re.compile(r"\b\d{1,2}/\d{1,2}(?!\d)(?=\s*[-–)]|\s+(?:trở|đến))"),  # 20/5-15/6
    re.compile(r"^\s*(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*)\.(?=\s)"),  # "1.2." list numbers
    re.compile(r"^\s*\(\d{1,2}\)"),  # "(1)" list numbers
    re.compile(r"\b(?:số|Số)\s+\d+\b"),
    re.compile(r"\b(?:19|20)\d{2}\b(?![.,]\d)"),  # a bare year
    re.compile(r"(?:lớp|Lớp|khối|tuyến số|Điều|khoản|điểm|mức độ|Phụ lục|phụ lục|nhóm)\s+\d+"),
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),  # a time of day: "08:15", "20:35:26"
    re.compile(r"(?:mùng|mồng)\s+\d+|\bloại\s+\d+\s+con\b|\b\d+\s*(?:[-–]|đến)?\s*\d*\s+sao\b"),  # dates, grades
    re.compile(r"\b[Tt]rong\s+(?:tổng\s+số\s+)?\d+(?=\s+[^\d\s%])"),  # "Trong 22 chỉ tiêu, có 19 ...": the whole
    re.compile(r"(?:trên|/)\s*(?:1\s+vạn|1\.000|10\.000|100\.000)\s+dân\b"),  # "giường bệnh trên 10.000 dân": per head
    re.compile(r"trên\s+(?:0?1|một)\s+(?:ha|héc\s*ta)\s+(?=đất)"),  # "giá trị sản xuất trên 1 ha đất": per hectare
    re.compile(r"(?i:covid|sars-cov)\s*-\s*\d+"),  # the name of a disease: "Covid -19"
    re.compile(r"\b1\s+số\b|\b\d\s+con\s+số\b"),  # "1 số hàng hóa" is "some goods"; "tăng 2 con số": double digits
    re.compile(r"(?i:mũi)\s+\d\b|(?i:ít\s+nhất)\s+\d+"),  # "tiêm mũi 2", "ít nhất 01 mũi": which dose, a threshold
    re.compile(r"(?:tuổi\s+)?(?:từ\s+)?\d{1,3}\s*(?:[-–]|đến)\s*\d{1,3}(?=\s+(?:tuổi|được|đã))|\d{1,3}\s+tuổi"),  # ages
]


def extract_facts(text: str, context: ReportContext, offset: int = 0) -> list[Fact]:
    """All facts of one paragraph (or footnote) `text` that starts at `offset` in the plain text."""
    facts: list[Fact] = []
    period, stated = context.default_period, False
    last_subject = ""
    habit = _Habit()
    for s_start, sentence in _pieces(text, _SENTENCE_END):
        check_time()  # one paragraph may be a whole report
        chain = _Chain(carried=last_subject, period=period, period_stated=stated, habit=habit)
        habit.notice(sentence)
        if g.BREAKDOWN.match(sentence) and last_subject:
            chain.parent = last_subject
        for c_start, clause in _pieces(sentence, _CLAUSE_END, keep_parens=True):
            if chain.aside and not g.BREAKDOWN.match(clause) and not g.OPENS_WITH_DATE.match(sentence):
                # "đàn lợn tại thời điểm 1/4 ...; sản lượng thịt ...": back to the window, unless the date opened
                # the sentence ("Tại thời điểm 01/10, đàn lợn ...; đàn bò ...": all of it is at that date)
                chain.period, chain.period_stated, chain.aside = period, stated, False
            if g.BREAKDOWN.match(clause) and (chain.subject or last_subject) and not chain.parent:
                chain.parent, chain.part_units = chain.subject or last_subject, set()
                chain.subject = ""
            _set_comparison(chain, clause)
            chain.structure = chain.structure or bool(cue("label", "structure").search(clause))
            habit.start_clause()
            chain.clause_figures, chain.clause_values, chain.respective, chain.listed = 0, [], [], []
            found = _read_clause(clause, context, chain, offset + s_start + c_start)
            habit.end_clause()
            facts.extend(found)
        if chain.period is not None and not chain.aside and not _at_window_end(chain.period, context.default_period):
            period, stated = chain.period, chain.period_stated
        if chain.subject and not chain.parent:
            last_subject = chain.subject
    return facts


def _at_window_end(period: Period, window: Period) -> bool:
    """A stock at the last month of the document's window ("Tính đến ngày 30/6, ... giải ngân ..."): its sentence's
    date, not the next sentence's period, which is back to the window."""
    return period.start is None and window.start is not None and period.end == window.end


def _set_comparison(chain: _Chain, clause: str) -> None:
    month = g.CLAUSE_VS_MONTH.match(clause)
    if g.CLAUSE_VS_PREVIOUS.match(clause):
        chain.compare = "prev"
    elif g.CLAUSE_VS_SAME_PERIOD.match(clause):
        chain.compare = "yoy"
    elif month and chain.period and chain.period.end:
        base = Month(int(month.group(2)), int(month.group(1)))
        chain.compare = _base_kind(base, chain.period.end) or "other"
    elif (year_end := g.CLAUSE_VS_YEAR_END.match(clause)) and chain.period and chain.period.end:
        year = year_end.group("date_year") or year_end.group("year")
        chain.compare = _base_kind(Month(int(year) if year else chain.period.end.year - 1, 12), chain.period.end)


def _pieces(text: str, splitter: re.Pattern[str], keep_parens: bool = False) -> list[tuple[int, str]]:
    """`text` cut where `splitter` matches; with `keep_parens`, not inside a parenthesis that lists parts of the
    figure before it ("164.283 (tuyến tỉnh: 58.976; tuyến huyện: 105.307), bằng 103%"), though still inside one
    that opens a breakdown ("(Trong đó: cấp mới 14 dự án ...; điều chỉnh 8 dự án ...)")."""
    pieces, pos = [], 0
    for m in splitter.finditer(text):
        if keep_parens and _inside_listing_parens(text, m.start()):
            continue
        if m.start() > pos:
            pieces.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        pieces.append((pos, text[pos:]))
    return pieces


def _inside_listing_parens(text: str, pos: int) -> bool:
    opened = text.rfind("(", 0, pos)
    if opened < 0 or text.rfind(")", 0, pos) > opened:
        return False
    return not g.BREAKDOWN.match(text[opened + 1 :])


def _masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for rule in _MASKS for m in rule.finditer(text)]


def _read_clause(clause: str, context: ReportContext, chain: _Chain, offset: int) -> list[Fact]:
    periods = find_periods(clause, context.year, context.month)
    masks = _masked(clause) + [(p.start, p.end) for p in periods]
    facts: list[Fact] = []
    pending = ""  # number-less segments before the clause's first figure: the start of its label
    part_label = ""  # a number-less segment in parentheses or opening "với": the label of the figure that follows
    seen_number = False
    in_paren = False
    for seg_start, segment in _segments(clause):
        was_in_paren = in_paren
        in_paren = clause.count("(", 0, seg_start) > clause.count(")", 0, seg_start)
        if in_paren and not was_in_paren:
            chain.paren_parent, chain.named_before = chain.subject, part_label
        elif was_in_paren and not in_paren:
            chain.named_before = ""
            if chain.paren_parent:
                chain.subject, chain.paren_parent = chain.paren_parent, ""
        _set_comparison(chain, segment)
        if seen_number and g.BREAKDOWN.match(segment) and chain.subject and not chain.parent:
            chain.parent, chain.part_units = chain.subject, set()  # "..., trong đó xuất khẩu 16 tỷ USD"
        numbers = [t for t in _tokens(segment, clause[:seg_start]) if _is_candidate(clause, seg_start + t.start, masks)]
        if not numbers:
            stripped = _without_periods(segment, seg_start, periods).strip()
            if not seen_number:
                pending = _add_to_label(pending, stripped)
                chain.framing = chain.framing or _framed(stripped)
            elif in_paren:  # "(tuyến tỉnh: 58.976; ...)": the label of the part that follows
                part_label = stripped
            elif (joined := g.LEFTOVER.match(stripped)) and joined.group("joiner").lower() == "với":
                part_label = f"{_clean_label(stripped[joined.end() :])} {chain.subject}"  # "..., với số tiền là: X"
            elif _listed_name(stripped, clause[seg_start + len(segment) :]):  # "nông, lâm nghiệp, thủy sản tăng 1,93%"
                part_label = f"{part_label}, {stripped}" if part_label else stripped
            continue
        left_from = 0
        for m in numbers:
            if m.start < left_from:  # already read as part of the figure before ("9-10", "537/1.619")
                continue
            found, consumed = _read_number(
                clause,
                segment,
                seg_start,
                m,
                left_from,
                pending if not seen_number else part_label,
                periods,
                context,
                chain,
                in_paren,
            )
            if consumed is None:  # not a figure: its words belong to the next label
                continue
            for fact in found:
                fact.start += offset
                fact.end += offset
                facts.append(fact)
            chain.clause_figures += len(found)
            left_from = max(m.end + consumed, left_from)
            seen_number = True
            part_label = ""
    return facts


@dataclass(frozen=True)
class Token:
    """A figure of a segment: digits ("1.007,5") or words ("gấp đôi", "vị trí thứ hai mươi tám")."""

    start: int
    end: int
    value: float
    kind: str = "digits"  # or a group of grammar.WORD_FIGURE: double, same, first, ordinal, behind


def _tokens(segment: str, before: str) -> list[Token]:
    """The figures of `segment`; `before` is the clause up to it (where "nhóm ... dẫn đầu" may begin)."""
    digits = [Token(m.start(), m.end(), parse_figure(m.group(0))) for m in NUMBER_RE.finditer(segment)]
    words = [
        Token(m.start(), m.end(), _word_value(m), m.lastgroup or "")
        for m in g.WORD_FIGURE.finditer(segment)
        if not (m.lastgroup == "first" and g.AMONG_LEADERS.search(before + segment[: m.start()]))
    ]
    return sorted(digits + words, key=lambda t: t.start)


def _word_value(m: re.Match[str]) -> float:
    kind = m.lastgroup
    if kind == "double":
        return 100.0
    if kind == "same":
        return 0.0
    if kind == "first":
        return 1.0
    return word_number(m.group(0)) + (1 if kind == "behind" else 0)


def _is_candidate(clause: str, pos: int, masks: list[tuple[int, int]]) -> bool:
    """Not a date, code or year, not the total of a fraction ("12/15", "537/1.619"), and not the threshold of a
    count ("12 đơn vị giải ngân trên 60%")."""
    before = clause[:pos]
    return (
        not _inside(pos, masks)
        and not before.rstrip().endswith("/")
        and not before[-1:].isalpha()
        and not g.THRESHOLD_OF_COUNT.search(before)
    )


def _segments(clause: str) -> list[tuple[int, str]]:
    """Comma, colon and parenthesis pieces; a parenthesis without a number ("(IIP)") stays in its label."""
    keep = [(m.start(), m.end()) for m in _WORDS_IN_PARENS.finditer(clause)]
    pieces, pos = [], 0
    for m in _SEGMENT_END.finditer(clause):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in keep):
            continue
        if m.start() > pos and clause[pos : m.start()].strip():
            pieces.append((pos, clause[pos : m.start()]))
        pos = m.end()
    if clause[pos:].strip():
        pieces.append((pos, clause[pos:]))
    return pieces


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _read_number(
    clause: str,
    segment: str,
    seg_start: int,
    m: Token,
    left_from: int,
    pending: str,
    periods: list[PeriodMention],
    context: ReportContext,
    chain: _Chain,
    in_paren: bool,
) -> tuple[list[Fact], int | None]:
    """The facts stated by the number `m` of `segment`, and how far past it their wording goes
    (None when the number states nothing)."""
    left = segment[left_from : m.start]
    right = segment[m.end :]
    number_pos = seg_start + m.start
    sign = g.LEFT_SIGN.search(left)
    if sign:
        left = left[: sign.start()]
    if not left.strip() and (moved := g.SAME_PERIOD_BEFORE_PAREN.search(clause[:number_pos])):
        chain.change_sign = -1 if moved.group("move").lower() == "giảm" else 1  # "mức tăng cùng kỳ năm trước (6,4%)"

    period, prior = _period_for(number_pos, periods, chain, in_paren, left, clause[:number_pos], clause[number_pos:])
    stated = chain.period_stated or any(not p.comparison for p in periods)
    estimate = bool(g.LEFT_ESTIMATE.search(clause[:number_pos]))  # "Dự kiến ... đạt X, tăng Y%": both estimates
    label_left = _clean_label(_without_place(_without_periods(left, seg_start + left_from, periods), context.province))
    # "Vĩnh Phúc (-2,47%)": the figure alone in its parenthesis is the name's before it, not a part of the subject
    named_before = in_paren and bool(chain.named_before) and pending == chain.named_before and not label_left
    if pending and left_from == 0:
        label_left = _clean_label(_without_place(_add_to_label(pending, label_left), context.province))
    if in_paren and g.PLAN_WORDS.fullmatch(label_left) and (named := _named_before_paren(clause[:number_pos])):
        label_left = f"{named} {label_left}"  # "gồm: tốc độ tăng trưởng GRDP (kế hoạch 8%)": the plan of what
    # "thị xã A và huyện B cùng giảm 12,4%": one figure for each of them
    sharing = [_clean_label(p) for p in g.LIST_SEPARATOR.split(label_left)] if g.SHARED.search(left) else []
    sharing = sharing if len(sharing) >= 2 else []
    if not sharing and (left_from > 0 or chain.clause_figures) and (joined := g.LEFTOVER.match(label_left)):
        label_left = _clean_label(label_left[joined.end() :])
        if joined.group("joiner").lower() == "với" and label_left and chain.subject:
            label_left = f"{label_left} {chain.subject}"  # "11 dự án FDI với tổng vốn 208 triệu USD": its capital

    ranged = g.RIGHT_RANGE.match(right)
    measured = right[ranged.end() :] if ranged else right
    plan_word = g.PLAN_FIGURE_BEFORE.search(clause[:number_pos])  # "(kế hoạch 8%)": the plan's, not the actual
    planned = plan_word is not None
    measure, value_out, unit, rank_of, end = _measure(m, left, measured, sign, chain, period, label_left, planned)
    if ranged:
        end += ranged.end()
    if measure is None:
        _remember_counted(left, right, chain)
        return [], (ranged.end() if ranged else None)  # "thấp hơn khoảng 15-20 nghìn đồng/kg": both ends
    after = right[end:] if measure in (Measure.VALUE, Measure.SHARE) else ""
    # the noun after the figure, with the one its unit's spelling carries: "1,2 triệu lượt khách du lịch"
    spelled = _spelled_noun(measured) if measure == Measure.VALUE or not after else ""
    noun_text = f"{spelled}{after}" if spelled and measure == Measure.VALUE else after or spelled
    subject = _subject(label_left, noun_text, unit, chain, measure, clause[:number_pos])
    if not subject and measure.is_change and (about := g.ABOUT_AFTER.match(measured[end:])):
        subject = about.group("named").strip()  # "Tăng 4,8% về số dự án": the figure names itself after
    if not subject:
        return [], end
    subject = _respective(chain, left, label_left, measured) or subject
    if measure == Measure.VALUE:
        chain.clause_values.append(subject)
    own_label = subject
    if measure.is_change and (about := g.ABOUT_AFTER.match(measured[end:])):
        named = about.group("named").strip()  # "tăng 12,1% về số DN, tăng 61,4% về số vốn đăng ký"
        by_unit = g.MEASURED_IN.get(re.sub(r"\s+", " ", named.lower()))
        own_label = by_unit or (f"{subject} ({named})" if match_unit(named) else named)
        end += about.end()
    parent = chain.parent
    if parent and measure == Measure.VALUE and not _part_of_breakdown(chain, unit):
        parent = chain.parent = None  # "..., trong đó khách quốc tế 512 nghìn lượt; doanh thu 9.820 tỷ đồng"
    elif parent and measure == Measure.VALUE:
        chain.part_units.add(unit_kind(unit))
    if in_paren and chain.paren_parent and not subject.startswith(chain.paren_parent) and not named_before:
        parent = chain.paren_parent  # "164.283 (tuyến tỉnh: 58.976; ...)": a part of the figure before
    label = f"{parent} {own_label}" if parent and not own_label.startswith(parent) else own_label
    tags = ["prior"] if prior else []
    if plan_word and g.SCENARIO.match(_plan_word(plan_word)):  # "ước đạt 7,58%/kịch bản 7,61%": the same window's
        tags = [*tags, "scenario"]
        label = _plan_label(own_label, chain.subject, _plan_word(plan_word))
    elif plan_word:  # "(kế hoạch 8%)": the plan's figure for the year, named as such, never an actual
        period, tags = _plan_year(period), [*tags, "planned"]
        label = _plan_label(own_label, chain.subject, _plan_word(plan_word))  # no parent: the plan's own
    if g.ELSEWHERE.search(label_left):
        tags.append("elsewhere")
    if chain.moved:  # "Tỷ lệ hộ nghèo giảm 1,4%": the size of the drop, "Mức giảm tỷ lệ hộ nghèo"
        label, chain.moved = f"{chain.moved} {label[:1].lower()}{label[1:]}", ""
        tags.append("move")
    if (not prior and not planned) or not chain.subject:  # "tăng từ 18% năm 2016 lên 24% ...": the subject
        chain.subject = subject
        chain.unit = unit if measure == Measure.VALUE else chain.unit
    if not in_paren and not prior and not planned:
        chain.period, chain.period_stated = period, stated
        named_here = any(p.end <= number_pos and not p.comparison for p in periods)
        # "riêng quý III ...", "trong đó quý I ..., quý II ...": a sub-period, not the window of what follows
        chain.aside = bool(g.ASIDE.search(clause[:number_pos]) or (g.BREAKDOWN.match(clause) and named_here))
    quote_start = seg_start + left_from + (len(left) - len(left.lstrip()))
    quote_end = seg_start + m.end + end
    values = [value_out] + ([_other_end(ranged.group(1), m.value, value_out)] if ranged else [])
    labels = [f"{parent} {name}" if parent else name for name in sharing] or [label]
    facts = [
        Fact(name.strip(), measure, v, unit, period, quote_start, quote_end, estimate, rank_of, parent, tags, stated)
        for name in labels
        for v in values
    ]
    return facts, end


def _part_of_breakdown(chain: _Chain, unit: str) -> bool:
    """A clause after a breakdown's parts that opens with a level in a unit none of them had starts something else
    ("trong đó khách quốc tế 512 nghìn lượt; tổng doanh thu 9.820 tỷ đồng"); parts in two units go on ("161 đơn
    vị, với số tiền 8.958 triệu đồng; ... 16 đơn vị, ...")."""
    return not (chain.part_units and chain.clause_figures == 0 and unit_kind(unit) not in chain.part_units)


def _named_before_paren(before: str) -> str:
    """The words a parenthesis holding the figure follows, when they name something and hold no figure."""
    m = _BEFORE_PAREN.search(before)
    return _clean_label(m.group(1)) if m and not re.search(r"\d", m.group(1)) else ""


_BEFORE_PAREN = re.compile(r"([^,:;()]+)\(\s*[^()]*$")


def _a_change(left: str) -> bool:
    return bool(cue("left", "rise").search(left) or cue("left", "fall").search(left))


def _other_end(text: str, first: float, first_read: float) -> float:
    """The second end of a range ("7-7,5%", "95-100% kế hoạch"), read as the first was (a fall negated)."""
    second = parse_figure(text)
    return -second if first and first_read == -first else second


def _plan_word(found: re.Match[str]) -> str:
    return found.group("word") or found.group("own") or found.group("near")


def _plan_year(period: Period) -> Period:
    """A plan figure is for the whole year of the figure it is quoted beside."""
    return Period(Month(period.end.year, 1), Month(period.end.year, 12)) if period.end else period


_PLAN_YEAR = re.compile(r"^\s*(?:cả\s+)?năm(?:\s+\d{4})?\s*$", re.IGNORECASE)  # "kế hoạch năm": of what, unsaid


def _plan_label(label: str, subject: str, word: str) -> str:
    """ "Kế hoạch tăng trưởng GRDP", "Dự toán thu ngân sách": the plan's word first, then what it is for."""
    named = _PLAN_YEAR.sub("", g.PLAN_WORDS.sub("", label)).strip(" ,")
    if named and g.PLAN_WORDS.match(label):
        return label  # "Kế hoạch vốn đầu tư công ..." names itself
    named = named or subject
    word = "Kế hoạch" if word.upper() == "KH" else f"{word[:1].upper()}{word[1:].lower()}"
    return f"{word} {_in_sentence(named)}"


def _in_sentence(name: str) -> str:
    """A name that opens a sentence, lower-cased to go after a word ("Tốc độ ..." → "tốc độ ..."; "GRDP" stays)."""
    return name if name[1:2].isupper() else f"{name[:1].lower()}{name[1:]}"


def _respective(chain: _Chain, left: str, label: str, right: str) -> str:
    """The name a figure of a "lần lượt" / "tương ứng" list takes, in order: from the subjects listed before the
    verb ("Xuất khẩu và nhập khẩu tăng lần lượt 8,1% và 5,4%") or the clause's levels before it ("341 doanh
    nghiệp với vốn đăng ký 2.986 tỷ đồng, tăng lần lượt 9,9% và 23,5%"). Not when the list pairs bases
    ("tăng lần lượt 1,2% và 5,4% so với tháng trước và cùng kỳ")."""
    if g.RESPECTIVELY.search(left):
        listed = g.LIST_REST.match(right)
        size = 1 + len(NUMBER_RE.findall(listed.group(0))) if listed else 0
        parts = [p for p in g.LIST_SEPARATOR.split(label) if p] if g.AND.search(label) else [label]
        if size < 2 or g.BASES_LISTED.search(left) or g.BASES_AFTER.match(right[listed.end() :] if listed else ""):
            chain.respective = []
        elif len(parts) == size:
            chain.respective = parts
        else:
            chain.respective = chain.clause_values[-size:] if len(chain.clause_values) >= size else []
        chain.listed = list(chain.respective)
    elif chain.listed and not label and (listed := g.LIST_REST.match(right)):
        # "đạt lần lượt 685 triệu USD và 402 triệu USD, tăng 14,6% và 9,3%": the same names again
        size = 1 + len(NUMBER_RE.findall(listed.group(0)))
        chain.respective = list(chain.listed) if size == len(chain.listed) else []
    elif not (chain.respective and g.ONLY_A_JOINER.match(left)):
        chain.respective = []
    return chain.respective.pop(0) if chain.respective else ""


def _framed(segment: str) -> str:
    """The indicator a framing segment names: "Theo kết quả công bố Chỉ số PCI năm 2019 của Phòng ..." →
    "Chỉ số PCI"."""
    m = g.FRAMED.match(g.AGENCY_TAG.sub("", segment))
    return _clean_label(m.group("named")) if m else ""


def _add_to_label(pending: str, segment: str) -> str:
    """The number-less segments before a clause's first figure, less those that only say where the figure
    comes from or frame it ("Theo Sở Kế hoạch và Đầu tư", "Xét theo ngành hoạt động", "Về thu hút đầu tư")."""
    segment = g.AGENCY_TAG.sub("", segment).strip()
    if not _clean_label(segment) or g.ATTRIBUTION.match(segment) or g.NO_FIGURE_STATED.search(segment):
        return pending  # "Tính chung 7 tháng của năm nay, ...": nothing but a period and "của"
    if pending and (g.TOPIC.match(pending) or g.LIST_LEAD_IN.search(pending)):
        return segment  # "Về thu hút đầu tư, ...", "... thông qua nhiều chỉ tiêu quan trọng như: ...": no name
    return f"{pending}, {segment}" if pending else segment


def _remember_counted(left: str, right: str, chain: _Chain) -> None:
    """ "giảm 07 vụ (-21,9%)": the change in % that follows is about what was counted."""
    change = g.LEFT_ABSOLUTE_CHANGE.search(left)
    if change:
        chain.change_sign = -1 if change.group(0).lower().startswith("giảm") else 1
        noun = _noun_phrase(right)
        unit = match_unit(right)
        generic = g.GENERIC_COUNTED.match(noun) or g.NOT_A_COUNT.match(right) or (unit and not _is_count(unit[0].name))
        if noun and not (chain.subject and generic):
            chain.subject = noun  # "giảm 01 người chết (-6,3%)"; not "giảm 19 trường hợp (16,5%)", "tăng 1.120 ha"


def _period_for(
    pos: int,
    periods: list[PeriodMention],
    chain: _Chain,
    in_paren: bool,
    left: str,
    before_number: str,
    after_number: str,
) -> tuple[Period, bool]:
    """The period of the figure at `pos`: the last one named before it in its clause, else the chain's.
    The second item says the figure is about an earlier period quoted for comparison."""
    base = chain.period or Period(None, None)
    after_figure = re.sub(r"^[\d.,]+", "", after_number)
    same = g.SAME_PERIOD_OF_YEAR.match(after_figure) or g.SAME_PERIOD_BEFORE_PAREN.search(before_number)
    if base.end and same:  # "mức tăng 7,2% của cùng kỳ năm 2016", "mức tăng cùng kỳ năm trước (6,4%)"
        return base.in_year(int(same.group("year")) if same.group("year") else base.end.year - 1), True
    later = [p for p in periods if p.start > pos and not p.comparison]
    between = after_figure[: later[0].start - pos - (len(after_number) - len(after_figure))] if later else ""
    if later and (g.PERIOD_AFTER.match(between) or (g.LEVEL_YEAR_AFTER.match(between) and not _a_change(left))):
        named_after = later[0].period  # "thấp hơn mức tăng 6,8% của quý IV/2022"
        return named_after, bool(base.end and named_after.end and named_after.end < base.end)
    if base.end and g.FROM_LEFT.search(left) and g.TO_AFTER.match(after_figure):
        year = base.end.year - 1  # "giảm từ 11,25% xuống còn 9,22%": where the year began, the year before's level
        return Period(Month(year, 1), Month(year, 12)), True
    mentioned = [p for p in periods if p.end <= pos]
    if (
        in_paren
        and mentioned
        and mentioned[-1].comparison
        and _OPENS_PAREN.fullmatch(before_number[mentioned[-1].end :])
    ):
        return mentioned[-1].period, True  # "tăng 38,2% so với tháng 8/2024 (700,8 nghìn lượt)"
    before = [p for p in mentioned if not p.comparison and not _closed_before(before_number, p)]
    named = before[-1].period if before else None
    if before and before[-1].this_year:  # "8 tháng năm nay": the window before it, in the report's year
        window = before[-2].period if len(before) > 1 else base
        named = window.in_year(before[-1].period.end.year) if before[-1].period.end else window
    if (
        named
        and named.start is None
        and len(before) > 1
        and (
            before[-2].period.end == named.end
            or not (before_number[before[-2].end : before[-1].start].strip(" (,") or _dated(before_number, before[-1]))
        )
    ):
        named = before[-2].period  # "tháng 5 (tính đến ngày 16/5/2024)" is still May; so is "năm 2024 tính đến nay"
    if prior := g.LEFT_PRIOR.search(left):
        if prior.group("year"):  # "(cùng kỳ năm 2022 tăng 9,12%)": the same window in 2022
            return base.in_year(int(prior.group("year"))), True
        return (named or base).year_earlier(), True
    period = named or base
    earlier = bool(named and base.end and named.end and named.end.year < base.end.year and in_paren)
    return period, earlier


_OPENS_PAREN = re.compile(r"\s*\(\s*")


def _dated(text: str, mention: PeriodMention) -> bool:
    """A mention that names its date ("tính đến ngày 15/10/2023"), not "đến nay": a stock at that date, even after
    a year ("đợt 2 năm 2023 tính đến ngày 15/10/2023")."""
    return any(c.isdigit() for c in text[mention.start : mention.end])


def _closed_before(before_number: str, mention: PeriodMention) -> bool:
    """Whether a mention sits in a parenthesis that states a figure of its own and closes before the figure: in
    "(lũy kế 12 tháng năm 2019 đạt 16.500 tỷ đồng), đạt 98,4% kế hoạch năm" the year of the aside is not the next
    figure's; "(từ ngày 29/01 đến hết ngày 04/02/2022), toàn tỉnh đón ..." dates what follows."""
    opened = before_number.rfind("(", 0, mention.start)
    closed = before_number.find(")", mention.end)
    if opened < 0 or closed < 0 or before_number.rfind(")", 0, mention.start) > opened:
        return False
    aside = before_number[opened + 1 : mention.start] + before_number[mention.end : closed]
    return bool(re.search(r"\d", aside))


def _without_place(text: str, province: str | None) -> str:
    """The label less the document's own province ("tỉnh Đầm Nguyệt đạt 66,74 điểm" is about the subject)."""
    return _place_pattern(province).sub(" ", text) if province else text


@cache
def _place_pattern(province: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(?:của\s+)?(?:tỉnh|thành\s+phố)\s+)?{re.escape(province)}(?![\wÀ-ỹ])", re.IGNORECASE)


def _without_periods(text: str, text_start: int, periods: list[PeriodMention]) -> str:
    chars = list(text)
    for p in periods:
        for i in range(max(p.start - text_start, 0), min(p.end - text_start, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _clean_label(text: str) -> str:
    label = re.sub(r"\s+", " ", text).strip(" ,:;.-–(+•/")
    label = _LIST_NUMBER_LEFT.sub("", label)
    if g.ELSEWHERE.match(label):
        return label
    for _ in range(4):
        before = label
        label = _past_clause(g.LABEL_HEAD.sub("", label)).strip(" ,:;.-–")
        label = g.LABEL_TAIL.sub("", label).strip(" ,:;.-–")
        label = re.sub(r"\s*\($", "", label)
        if label == before:
            break
    return label


def _listed_name(segment: str, rest: str) -> bool:
    """A short name alone between commas after a figure: the first items of a name listed with commas ("nông, lâm
    nghiệp, thủy sản"), or a name whose figure stands alone in the parenthesis after it ("Vĩnh Phúc (-2,47%)"): no
    verb, hedge or connector to strip."""
    words = len(segment.split())
    longest = _NAMED_BEFORE_FIGURE if _FIGURE_IN_PARENS.match(rest) else _LISTED_WORDS
    return 0 < words <= longest and _clean_label(segment) == segment and not _NOT_A_NAME.search(segment)


_NOT_A_NAME = re.compile(
    r"(?<![\wÀ-ỹ])(?:vượt|tăng|giảm|đạt|bằng|chiếm|so|là|có|kế\s+hoạch|dự\s+toán|mục\s+tiêu|kịch\s+bản)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
_LISTED_WORDS = 2
_NAMED_BEFORE_FIGURE = 6
_FIGURE_IN_PARENS = re.compile(r"^\s*\(\s*[-+]?\s*\d[\d.,]*\s*%?\s*\)")


def _past_clause(label: str) -> str:
    """What a label names after a clause of concession, cause or time that opens it ("dù khó khăn do dịch bệnh
    song tốc độ tăng trưởng GRDP" → "tốc độ tăng trưởng GRDP"); nothing when the clause is all of it."""
    if not cue("words", "clause_opens").match(label):
        return label
    closers = list(cue("words", "clause_closes").finditer(label))
    return label[closers[-1].end() :] if closers else ""


_LIST_NUMBER_LEFT = re.compile(r"^\d{1,2}\s*[,)]\s*(?=\D)")  # what "(4) Tổng kim ngạch ..." leaves of "(4)"


def _measure(
    token: Token,
    left: str,
    right: str,
    sign: re.Match[str] | None,
    chain: _Chain,
    period: Period,
    label: str,
    planned: bool,
) -> tuple[Measure | None, float, str, int | None, int]:
    """(measure, value, unit, rank_of, end of the phrase within `right`); `planned`: a plan's own figure."""
    value = token.value
    if token.kind in ("double", "same"):  # "gấp đôi cùng kỳ": +100%; "tương đương tháng trước": no change
        return _change_kind(left, right, chain, period), value, "%", None, 0
    if token.kind in ("first", "behind"):  # "dẫn đầu cả nước": first; "chỉ xếp sau hai tỉnh": third
        return Measure.RANK, value, "", None, 0
    if g.LEFT_RANK.search(left) or (chain.ranked and not left.strip() and g.RANK_SEQUEL.match(right)):
        chain.ranked = True
        total = g.RIGHT_OF_TOTAL.match(right)
        of = int(parse_figure(total.group(1))) if total else None
        return Measure.RANK, value, "", of, total.end() if total else 0
    pct = g.RIGHT_PERCENT.match(right)
    if pct:
        percent = _percent_measure(value, left, right[pct.end() :], sign, chain, period, label, planned)
        return (*percent, None, pct.end())
    times = g.RIGHT_TIMES.match(right)
    if times and g.LEFT_TIMES.search(left):
        measure = _change_kind(left, right[times.end() :], chain, period)
        return measure, round((value - 1) * 100, 6), "%", None, times.end()
    fraction = g.RIGHT_OF_TOTAL.match(right)
    after = right[fraction.end() :] if fraction else right
    unit = match_unit(after)
    if unit and unit[0].name == "điểm phần trăm" and cue("left", "contribute_down").search(left):
        return Measure.VALUE, -value, unit[0].name, None, (fraction.end() if fraction else 0) + unit[1]  # làm giảm
    if unit:
        if g.LEFT_ABSOLUTE_CHANGE.search(left) or (chain.last_change and g.EQUALS_ONLY.match(left)) or sign:
            return None, value, "", None, 0  # "tăng 1,8%, bằng 730 con", "(+32,4 tấn)": the change in units, no fact
        return Measure.VALUE, value, unit[0].name, None, (fraction.end() if fraction else 0) + unit[1]
    if g.LEFT_ABSOLUTE_CHANGE.search(left) or g.NOT_A_COUNT.match(after):
        return None, value, "", None, 0
    noun = g.COUNT_NOUN.match(after)
    if noun and float(value).is_integer() and not cue("words", "not_counted").match(after):
        counted, end = noun.group("noun"), noun.end()
        first = counted.split()[0]
        if first.lower() in g.CLASSIFIERS and first != counted:
            counted, end = first, noun.start("noun") + len(first)
        return Measure.VALUE, value, counted, None, (fraction.end() if fraction else 0) + end
    if chain.change_sign and not left.strip():
        return None, value, "", None, 0
    if not after.strip(" .;"):
        return Measure.VALUE, value, "", None, 0  # a bare number; kept only where the text introduces it
    return None, value, "", None, 0


def _percent_measure(
    value: float,
    left: str,
    after: str,
    sign: re.Match[str] | None,
    chain: _Chain,
    period: Period,
    label: str,
    planned: bool,
) -> tuple[Measure | None, float, str]:
    around = Around(
        left=left,
        after=after,
        label=label if label and not g.PLAN_WORDS.fullmatch(label.strip()) else chain.subject,
        sign=sign.group("sign") if sign else "",
        pending={1: "rise", -1: "fall"}.get(chain.change_sign, ""),
        follows=chain.last_change if g.ONLY_A_JOINER.match(left) else "",
        ratio_before=chain.habit.ratio,
        compared_month=_compared_month(after, period),
        structure=chain.structure,
        plan_figure=planned,
    )
    measure, signed = read_percent(value, around, lambda: _change_kind(left, after, chain, period))
    chain.moved = level_move(around) if measure == Measure.VALUE else ""
    if measure == Measure.SHARE and cue("left", "share").search(left):
        chain.structure = True  # "bán lẻ chiếm 78%, lưu trú ăn uống 13%": the list of shares goes on
    if measure and (cue("left", "equal").search(left) or cue("left", "reach").search(left)):
        chain.habit.ratio = measure  # "bằng 70% kế hoạch ...; cấp huyện 1.296 tỷ đồng, bằng 63,4%": also of plan
    if measure and measure.is_change:
        chain.change_sign = 0
        chain.last_change = "fall" if signed < 0 else "rise"
    else:
        chain.last_change = ""
    return measure, signed, "%"


def _change_kind(left: str, after: str, chain: _Chain, period: Period) -> Measure | None:
    """The base a change is measured against: the previous period, a year earlier, the start of the year
    (a measure outside the contract, kept as ytd_change_pct), or none the schema holds (None)."""
    if chain.next_base and g.ONLY_A_JOINER.match(left):
        return chain.next_base.pop(0)
    chain.next_base = []
    if pair := _bases_after_pair(after, period):  # "tăng 0,4% và 2,9% so với tháng trước và cùng kỳ"
        chain.next_base = [pair[1]]
        return pair[0]
    stated, base = _stated_base(left, after, period)
    habit = chain.habit
    if stated:
        if base is not None:
            habit.stated(base)
        return base
    if g.BASES_LISTED.search(left):  # "so với tháng trước và cùng kỳ tăng lần lượt 5,4% và 17,2%"
        habit.pair = [Measure.PREV, Measure.YOY]
    if chain.compare:
        return {"prev": Measure.PREV, "yoy": Measure.YOY, "ytd": Measure.YTD}.get(chain.compare)
    if len(habit.pair) == 2 and g.PAIR_FOLLOWS.match(after):  # "tăng tương ứng 2,71% và 8,64%": the first
        return habit.pair[0]
    if len(habit.pair) == 2 and chain.last_change and g.ONLY_A_JOINER.match(left):  # ... and the second
        return habit.pair[1]
    single_month = period.start is not None and period.start == period.end
    return Measure.PREV if habit.first == Measure.PREV and single_month else Measure.YOY


def _bases_after_pair(after: str, period: Period) -> tuple[Measure | None, Measure | None] | None:
    """The two bases a pair of changes names after its second figure, in order."""
    m = g.PAIR_THEN_BASES.match(after)
    if not m:
        return None
    (first_stated, first), (second_stated, second) = (
        _stated_base("", f"so với {m.group(name)}", period) for name in ("a", "b")
    )
    return (first, second) if first_stated and second_stated else None


def _stated_base(left: str, after: str, period: Period) -> tuple[bool, Measure | None]:
    """The base the words around a change state (after it, or just before its verb: "so tháng trước tăng
    1,9%"): (whether they state one, the measure; None for a base the schema cannot hold)."""
    if cue("left", "base_previous").search(left):
        return True, Measure.PREV
    if cue("left", "base_same_period").search(left):
        return True, Measure.YOY
    if cue("right", "year_start").match(after):
        return True, Measure.YOY if period.end and period.end.month == 12 else Measure.YTD
    if cue("right", "previous").match(after):
        return True, Measure.PREV
    if cue("right", "same_period").match(after):
        return True, Measure.YOY
    if year := cue("right", "compared_year").match(after):
        return True, Measure.YOY if _year_before(year.group(0), period) else None
    compared = _compared_month(after, period)
    if compared:
        return True, {"prev": Measure.PREV, "yoy": Measure.YOY, "ytd": Measure.YTD}.get(compared)
    return False, None


def _year_before(phrase: str, period: Period) -> bool:
    """ "so với năm 2022" compares with the year before the figure's ("năm trước" always does)."""
    year = re.search(r"\d{4}", phrase)
    return not year or period.end is None or int(year.group(0)) == period.end.year - 1


def _compared_month(after: str, period: Period) -> str | None:
    """ "so với tháng 4/2024", "so với tháng 7", "so với quý 3-2022": the period before the figure's (prev), the
    same one a year earlier (yoy), December of the year before (ytd), or another (other)."""
    if period.end is None:
        return None
    if m := g.RIGHT_COMPARED_MONTH.match(after):  # "so với tháng 7/2023", "... tháng 7 năm 2023 / năm trước"
        year = m.group(2) or m.group(3)
        base_year = int(year) if year else period.end.year - 1 if m.group("before") else period.end.year
        return _base_kind(Month(base_year, int(m.group(1))), period.end)
    if m := g.RIGHT_COMPARED_QUARTER.match(after):
        quarter_end = Month(int(m.group("y")) if m.group("y") else period.end.year, 3 * _QUARTER[m.group("q").lower()])
        if quarter_end == period.end.shift(-3):
            return "prev"
        return "yoy" if quarter_end == period.end.shift(-12) else "other"
    return None


_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _base_kind(base: Month, end: Month) -> str | None:
    """The base month against the figure's last month: the month before, a year before, or last December."""
    if base == end.shift(-1):
        return "prev"
    if base == end.shift(-12):
        return "yoy"
    return "ytd" if base == Month(end.year - 1, 12) else "other"


def _subject(label: str, after_unit: str, unit: str, chain: _Chain, measure: Measure, before: str) -> str:
    """The label of the figure: its own words, else the chain's subject."""
    own = label.strip()
    if g.ANAPHORA.match(own) or (_is_count(unit) and g.WHOLE_OF_COUNT.match(own)):
        own = ""  # "nhóm hàng này": the one named before; "Trong số 11 nhóm ... có 6 nhóm": the whole
    if measure == Measure.SHARE and own and g.MEETS.search(before) and (whole := _noun_phrase(after_unit)):
        return f"{own} đáp ứng {whole}"  # "tổng thu đáp ứng 31,1% nhu cầu chi"
    if g.ELSEWHERE.match(own) and chain.subject:
        return f"{chain.subject} ({own})"  # a comparator, not the province's own figure (tagged "elsewhere")
    if measure == Measure.VALUE and len(own.split()) == 1 and (quantity := g.QUANTITY_OF_UNIT.get(unit_kind(unit))):
        own = f"{quantity} {own}"  # "trồng được 367,8 ha": the area planted
    if measure == Measure.VALUE and not unit:
        # a bare number is a figure only when the text introduces it: "... là: 164.283", "tuyến tỉnh: 58.976",
        # or names it as a part of the figure before: "24.485 (tuyến tỉnh 12.397; tuyến huyện 12.088)"
        introduced = re.search(r"(?:\blà|:)\s*$", before) or (chain.paren_parent and own)
        return (own or chain.subject) if introduced else ""
    if measure == Measure.VALUE and _is_count(unit):
        noun = _noun_phrase(after_unit)
        counted = f"{unit} {noun}".strip() if noun else unit
        if noun and unit.lower() in g.CLASSIFIERS:  # "05 cuộc thanh tra": what is counted is "cuộc thanh tra"
            return counted
        scaled = (known := unit_by_name(unit)) is not None and known.factor != 1  # "triệu lượt": not a noun
        if scaled and noun:
            counted = f"{unit_kind(unit)} {noun}"  # "968,5 nghìn lượt khách": what is counted is "lượt khách"
        elif scaled and not own and (chain.paren_parent or chain.subject):
            return chain.paren_parent or chain.subject  # "(700,8 nghìn lượt)": more of the same
        if own and not scaled and unit_kind(unit) != "lượt" and (action := g.ACTION_AT_END.search(own)):
            return f"{counted} {action.group('verb')}"  # "Công an tiếp nhận 486 tin báo": "tin báo tiếp nhận"
        if own and not _generic(own):
            if len(own.split()) <= 3 and (noun or not scaled):
                return f"{counted} {own}"
            # "mục tiêu năm 2024 đón 8,2 triệu lượt khách": what is counted belongs to a long name too
            named = noun and not g.GENERIC_COUNTED.match(counted) and not _subset(counted, own)
            return f"{own} {counted}" if named else own
        return counted
    if own and not _generic(own) and (chain.parent or not _subset(own, chain.subject)):
        noun = _noun_phrase(after_unit) if measure == Measure.VALUE else ""
        return f"{own} {noun}".strip() if noun and len(own.split()) <= 4 else own
    if not own and unit == "%" and measure == Measure.VALUE and not before.strip(" ;:,-"):
        # a clause that opens with its figure names it after: "40,1% lao động trong độ tuổi tham gia BHXH"
        named_after = _noun_phrase(after_unit)
        if named_after:
            return named_after
    if (
        chain.subject
        and measure == Measure.VALUE
        and not own
        and chain.unit
        and unit_kind(unit) != unit_kind(chain.unit)
    ):
        noun = _noun_phrase(after_unit)  # "4,5 triệu cây ..., đạt 70,3% kế hoạch và 6.500 ha rừng trồng tập trung"
        quantity = g.QUANTITY_OF_UNIT.get(unit_kind(unit))
        if noun:
            return f"{quantity} {noun}" if quantity else noun
    if chain.subject:
        return chain.subject
    # "...; trong đó quý I tăng 7,94%": a breakdown by period is still the parent indicator
    return own or _noun_phrase(after_unit) or chain.parent or chain.carried or chain.framing


# The words after a figure that name what it counts, up to the next verb or punctuation; a number of months
# inside stays ("đơn vị còn nợ bảo hiểm từ 3 tháng trở lên").
_MOVE_AFTER_COUNT = re.compile(
    r"^\s*((?:tăng|giảm|giữ)\s+(?:giá|điểm)(?:\s+ổn\s+định)?|đạt\s+chuẩn(?:\s+[^\d\s,;:()%.]+){0,5})(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
_NOUN_PHRASE = re.compile(
    r"^\s*((?:[^\d,;:()%]|\d+(?=\s+tháng)|(?<=trên\s|dưới\s)\d+(?:,\d+)?\s?%){3,80}?)"
    r"(?=\s*(?:[,;:()]|\.(?:\s|$)|\s(?:tăng|giảm|bằng|đạt|chiếm|với|gấp|so)\s|$))"
)


def _spelled_noun(text: str) -> str:
    """The noun a unit's spelling carries beyond its name: "nghìn lượt khách" (unit "nghìn lượt") → "khách"."""
    found = match_unit(text)
    if not found:
        return ""
    unit = found[0]
    return " ".join(unit.spelling.split()[len(unit.name.split()) :])


def _noun_phrase(text: str) -> str:
    if move := _MOVE_AFTER_COUNT.match(text):
        return move.group(1)  # "6 nhóm tăng giá", "3 xã đạt chuẩn nông thôn mới": what they did names them
    m = _NOUN_PHRASE.match(text)
    if not m:
        return ""
    phrase = m.group(1).strip()
    return "" if re.match(r"^(?:so|tăng|giảm|bằng|đạt|và|trong|với|trở\s+(?:lên|xuống))\b", phrase, re.I) else phrase


def _is_count(unit: str) -> bool:
    """A count of things ("doanh nghiệp", "huy chương"), not a measurement unit ("tỷ đồng", "ha")."""
    if unit in {"", "%"}:
        return False
    known = unit_by_name(unit)
    return known is None or known.base in COUNT_BASES


_GENERIC = {"chỉ số", "giá trị", "quy mô", "tổng", "tổng số", "số", "mức", "tốc độ", "con số", "kết quả"}


def _generic(label: str) -> bool:
    return label.lower() in _GENERIC or len(label) < 2


def _subset(label: str, subject: str) -> bool:
    words = set(label.lower().split())
    return bool(subject) and words <= set(subject.lower().split())
