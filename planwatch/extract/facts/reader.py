"""Facts: every number a paragraph states about an indicator, with measure, unit, period and span.

Reading goes paragraph → sentence → clause (";") → segment (","), carrying what the genre leaves
unsaid: the subject of a chain ("05 tháng ước đạt ..., tăng 26%, bằng 40,09% kế hoạch"), the period
last named in the paragraph, and the parent of a "Trong đó:" breakdown."""

from __future__ import annotations

import re
from collections.abc import Sequence

from planwatch.extract import grammar as g
from planwatch.extract.facts.chain import Chain, Fact, Habit, Token
from planwatch.extract.facts.label import (
    add_to_label,
    clean_label,
    figure_subject,
    framed,
    listed_name,
    named_before_paren,
    plan_label,
    remember_counted,
    respective,
    spelled_noun,
    without_place,
)
from planwatch.extract.facts.measure import base_named, figure_measure, set_comparison
from planwatch.extract.facts.period import at_window_end, period_for, plan_year, without_periods
from planwatch.extract.measures import cue, not_after_abbreviation
from planwatch.limits import check_time
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import NUMBER_RE, parse_figure, word_number
from planwatch.vocab.periods import Period, PeriodMention, ReportContext, find_periods
from planwatch.vocab.units import match_unit, unit_kind

# The year of a first level before "lên": "tăng từ 40% năm 2025 lên 42%"
_LEVEL_YEAR = re.compile(r"^\s*%?\s*năm\s+\d{4}", re.IGNORECASE)
# A sentence ends at a stop and a space before a capital; web copies also lose the space: "năm trước.Tính chung"
_SENTENCE_END = re.compile(
    rf"(?<=[.!?…]){not_after_abbreviation()}\s+(?=[A-ZĐÀ-Ỹ(“\"\d])|(?<=\.\))\s+"
    rf"|(?<=[a-zđà-ỹ%]\.){not_after_abbreviation()}(?=[A-ZĐ][a-zđà-ỹ])"
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
    re.compile(r"(?:khóa|khoá|(?i:kỳ\s+họp\s+thứ)|lần thứ|giai đoạn|đợt|Đợt)\s+\d+"),
    # "năm 2", not the name of a crop or a whole year before its figure: "cây lâu năm 12.500 ha", "cả năm 12.400 tỷ"
    re.compile(r"(?<!lâu\s)(?<!hằng\s)(?<!hàng\s)(?<!cả\s)(?<!Cả\s)(?<!mỗi\s)(?:năm|Năm)\s+\d+"),
    re.compile(r"(?:ngày|Ngày)\s+\d{1,2}(?:\s*/\s*\d{1,2})?"),
    re.compile(r"\(\d{1,2}/\d{1,2}\)"),  # (30/4)
    re.compile(r"\b\d{1,2}/\d{1,2}(?!\d)(?=\s*[-–)]|\s+(?:trở|đến))"),  # 20/5-15/6
    re.compile(r"^\s*(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*)\.(?=\s)"),  # "1.2." list numbers
    re.compile(r"(?<=:)\s*(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*)\.(?=\s+[A-ZĐÀ-Ỹ]|\s*$)"),  # "như sau: 1. Tăng trưởng ..."
    re.compile(r"^\s*\(\d{1,2}\)"),  # "(1)" list numbers
    re.compile(r"(?<!tổng\s)(?<!Tổng\s)(?<!TỔNG\s)\b(?:số|Số)\s+\d+\b"),  # "số 12": a number; "tổng số 599": a total
    re.compile(r"\btrên\s+tổng\s+số\s+\d+"),  # "78% trên tổng số 96 xã": the whole the share is of
    re.compile(r"\b(?:19|20)\d{2}\b(?![.,]\d)"),  # a bare year
    re.compile(r"(?:lớp|Lớp|khối|tuyến số|Điều|khoản|điểm|mức độ|Phụ lục|phụ lục|nhóm)\s+\d+"),
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),  # a time of day: "08:15", "20:35:26"
    re.compile(r"(?:mùng|mồng)\s+\d+|\bloại\s+\d+\s+con\b|\b\d+\s*(?:[-–]|đến)?\s*\d*\s+sao\b"),  # dates, grades
    re.compile(r"\b[Tt]rong\s+(?:tổng\s+số\s+)?\d+(?=\s+[^\d\s%])"),  # "Trong 22 chỉ tiêu, có 19 ...": the whole
    re.compile(r"(?:trên|/)\s*(?:1\s+vạn|1\.000|10\.000|100\.000)\s+dân\b"),  # "giường bệnh trên 10.000 dân": per head
    re.compile(r"trên\s+(?:0?1|một)\s+(?:ha|héc\s*ta)\s+(?=đất)"),  # "giá trị sản xuất trên 1 ha đất": per hectare
    re.compile(r"(?i:covid|sars-cov)\s*-\s*\d+"),  # the name of a disease: "Covid -19"
    re.compile(r"\b1\s+số\b|\b\d\s+con\s+số\b"),  # "1 số hàng hóa" is "some goods"; "tăng 2 con số": double digits
    re.compile(r"(?i:mũi)\s+\d\b|(?i:ít\s+nhất)\s+\d+(?=\s+mũi)"),  # "tiêm mũi 2", "ít nhất 01 mũi": which dose
    # "Top 3 tỉnh", "tốp 11 tỉnh", "ở cả 2 gốc so sánh": no counts
    re.compile(r"(?i:\btop|(?<![\wÀ-ỹ])tốp)\s+\d+|(?<![\wÀ-ỹ])cả\s+\d(?=\s+[^\d\s])"),
    # ages, whole: not a life expectancy ("tuổi thọ trung bình đạt 74,5 tuổi", "... tăng lên 75 tuổi")
    re.compile(
        r"(?:tuổi\s+)?(?:từ\s+)?\d{1,3}\s*(?:[-–]|đến)\s*\d{1,3}(?=\s+(?:tuổi|được|đã))"
        r"|(?<![\d.,])(?<!đạt\s)(?<!lên\s)(?<!mức\s)\d{1,3}\s+tuổi"
    ),
]


def extract_facts(text: str, context: ReportContext, offset: int = 0, before: Sequence[Fact] = ()) -> list[Fact]:
    """All facts of one paragraph (or footnote) `text` that starts at `offset` in the plain text; `before`: the facts
    of the paragraph before, whose last figure a paragraph opening "Trong đó, ..." breaks down (its subject, its
    period, the plan its shares are of)."""
    facts: list[Fact] = []
    period, stated = context.default_period, False
    last_subject, last_compare, last_structure = "", None, False
    habit = Habit()
    whole = next((f for f in reversed(before) if not {"prior", "planned", "scenario"} & set(f.tags)), None)
    if whole and g.BREAKDOWN.match(text) and whole.period.end:
        period, stated, last_subject = whole.period, whole.period_stated, whole.parent or whole.indicator
        if any(f.measure == Measure.PLAN and f.indicator == whole.indicator for f in before):
            habit.ratio = Measure.PLAN  # "..., bằng 8,5% kế hoạch năm. / Trong đó, cấp tỉnh ..., bằng 7,9%"
    for s_start, sentence in _pieces(text, _SENTENCE_END):
        check_time()  # one paragraph may be a whole report
        chain = Chain(carried=last_subject, period=period, period_stated=stated, habit=habit)
        sentence_starts = len(facts)
        habit.notice(sentence)
        if g.BREAKDOWN.match(sentence) and last_subject:
            chain.parent = last_subject
        if g.BREAKDOWN.match(sentence):  # "So với tháng 12/2015, 10 nhóm tăng giá. Trong đó, nhóm A tăng ..."
            chain.structure = last_structure  # "Cơ cấu: ... xây dựng 36,2%. Trong đó công nghiệp 30%"
            chain.compare = last_compare
        for c_start, clause in _pieces(sentence, _CLAUSE_END, keep_parens=True):
            if chain.aside and not g.BREAKDOWN.match(clause) and not g.OPENS_WITH_DATE.match(sentence):
                # "đàn lợn tại thời điểm 1/4 ...; sản lượng thịt ...": back to the window, unless the date opened
                # the sentence ("Tại thời điểm 01/10, đàn lợn ...; đàn bò ...": all of it is at that date)
                chain.period, chain.period_stated, chain.aside = period, stated, False
            if g.BREAKDOWN.match(clause) and (chain.subject or last_subject) and not chain.parent:
                chain.parent, chain.part_units = chain.subject or last_subject, set()
                chain.subject = ""
            set_comparison(chain, clause)
            chain.structure = chain.structure or bool(cue("label", "structure").search(clause))
            habit.start_clause()
            chain.clause_figures, chain.clause_values, chain.respective, chain.listed = 0, [], [], []
            found = _read_clause(clause, context, chain, offset + s_start + c_start)
            habit.end_clause()
            facts.extend(found)
        ranks_only = facts[sentence_starts:] and all(f.measure == Measure.RANK for f in facts[sentence_starts:])
        if len(facts) == sentence_starts and (named := _opening_period(sentence, context)):
            period, stated = named, True
        elif (
            chain.period is not None
            and not chain.aside
            and not ranks_only  # "Chỉ số PCI năm 2023 đứng thứ 4/63.": the ranking's edition, not the window
            and not at_window_end(chain.period, context.default_period)
        ):
            period, stated = chain.period, chain.period_stated
        if chain.subject and not chain.parent:
            last_subject = chain.subject
        elif chain.subject and chain.parent:  # "...; trong đó quý I tăng 7,9%. Tỉnh đứng thứ 7/34": about the whole
            last_subject = chain.parent
        # a base named for what follows: the sentence compares nothing itself ("so với tháng 12/2015, có 10 nhóm ...",
        # "có 6 nhóm có chỉ số giá giảm so với tháng trước. Trong đó ...")
        compares = any(f.measure.is_change for f in facts[sentence_starts:])
        last_compare = None if compares else chain.compare or base_named(sentence)
        last_structure = chain.structure
    return facts


_OPENS = re.compile(r"\s*,")  # the period opens the sentence's clause: "Năm 2025, ..."
_CITATION = re.compile(r"\b[Ss]ố\s+\d|\d+/(?:\d{4}/)?[A-ZĐ]{2,}")  # "số 12/NQ-HĐND", "45/2025/NĐ-CP"


def _opening_period(sentence: str, context: ReportContext) -> Period | None:
    """The period that opens a sentence without figures, which the sentences after it in its paragraph speak of:
    "Năm 2025, dù còn nhiều khó khăn, tỉnh vẫn đạt nhiều kết quả tích cực. GRDP tăng 7,2%; ...". Not a span of
    years (a plan's horizon), a period named in passing ("Kỳ thi tốt nghiệp THPT năm 2024 ...") nor the period of a
    document it cites ("Thực hiện Nghị quyết số 12/NQ-HĐND ...")."""
    if _CITATION.search(sentence):
        return None
    named = [m for m in find_periods(sentence, context.year, context.month, context.this_year) if not m.comparison]
    opening = named[0] if len({m.period for m in named}) == 1 else None
    if (
        not opening
        or not _OPENS.match(sentence, opening.end)
        or not cue("label", "period_lead").search(sentence[: opening.start])
    ):
        return None
    period = opening.period
    if period.start is None or period.end is None or period.end.year != period.start.year:
        return None
    return None if at_window_end(period, context.default_period) else period


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


def _names_a_standard(clause: str, period: PeriodMention) -> bool:
    """ "theo chuẩn nghèo đa chiều giai đoạn 2022-2025": the period names a standard, not the figure's months."""
    return bool(g.STANDARD_NAMED.search(clause[max(0, period.start - 100) : period.start]))


def _masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for rule in _MASKS for m in rule.finditer(text)]


def _read_clause(clause: str, context: ReportContext, chain: Chain, offset: int) -> list[Fact]:
    periods = [
        p
        for p in find_periods(clause, context.year, context.month, context.this_year)
        if not _names_a_standard(clause, p)
    ]
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
        set_comparison(chain, segment)
        if seen_number and g.BREAKDOWN.match(segment) and chain.subject and not chain.parent:
            chain.parent, chain.part_units = chain.subject, set()  # "..., trong đó xuất khẩu 16 tỷ USD"
        numbers = [t for t in _tokens(segment, clause[:seg_start]) if _is_candidate(clause, seg_start + t.start, masks)]
        if not numbers:
            stripped = without_periods(segment, seg_start, periods).strip()
            if not seen_number:
                pending = add_to_label(pending, stripped)
                chain.framing = chain.framing or framed(stripped)
            elif in_paren:  # "(tuyến tỉnh: 58.976; ...)": the label of the part that follows
                part_label = stripped
            elif g.ELSEWHERE.match(elsewhere := clean_label(stripped)):  # "cao hơn mức bình quân cả nước (14,3%)"
                part_label = elsewhere
            elif (joined := g.LEFTOVER.match(stripped)) and joined.group("joiner").lower() == "với":
                part_label = f"{clean_label(stripped[joined.end() :])} {chain.subject}"  # "..., với số tiền là: X"
            elif listed_name(stripped, rest := clause[seg_start + len(segment) :], _after_colon(clause, seg_start)):
                part_label = f"{part_label}, {stripped}" if part_label else stripped
            elif (opened := g.BREAKDOWN.match(stripped)) and listed_name(stripped[opened.end() :], rest):
                part_label = stripped[opened.end() :]  # "..., trong đó bán buôn, bán lẻ tăng 9,8%"
            elif (joined := g.AND_NAME.match(stripped)) and listed_name(joined["name"], rest):
                part_label = joined["name"]  # "tiền sử dụng đất (2.874 tỷ đồng) và xổ số kiến thiết (512 tỷ đồng)"
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


def _after_colon(clause: str, seg_start: int) -> bool:
    """The segment opens after a colon: "có 2 nhóm tăng giá là: Thuốc và dịch vụ y tế, tăng 50,03%"."""
    return clause[:seg_start].rstrip().endswith(":")


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
    count ("12 đơn vị giải ngân trên 60%"; "994 dự án, vốn đăng ký trên 6,1 tỷ USD" is a sum, no threshold)."""
    before = clause[:pos]
    threshold = g.THRESHOLD_OF_COUNT.search(before) and not g.SUM_AT.match(clause, pos)
    masked = any(a <= pos < b for a, b in masks)
    return not masked and not before.rstrip().endswith("/") and not before[-1:].isalpha() and not threshold


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


def _read_number(
    clause: str,
    segment: str,
    seg_start: int,
    m: Token,
    left_from: int,
    pending: str,
    periods: list[PeriodMention],
    context: ReportContext,
    chain: Chain,
    in_paren: bool,
) -> tuple[list[Fact], int | None]:
    """The facts stated by the number `m` of `segment`, and how far past it their wording goes
    (None when the number states nothing)."""
    left = segment[left_from : m.start]
    right = segment[m.end :]
    number_pos = seg_start + m.start
    sign = None if g.LIST_DASH.match(left) and left_from == 0 and seg_start == 0 else g.LEFT_SIGN.search(left)
    if sign:
        left = left[: sign.start()]
    before = clause[:number_pos]  # "mức tăng cùng kỳ năm trước (6,4%)", "... công nghiệp tăng: 15% - 16%"
    if g.RESTATED_OPENER.search(before) and g.RIGHT_PERCENT.match(right):
        return [], None  # "Trong mức tăng 0,42% của CPI tháng 9, có 10 nhóm tăng": said before, no second fact
    if not left.strip() and (moved := g.SAME_PERIOD_BEFORE_PAREN.search(before) or g.VERB_BEFORE_COLON.search(before)):
        chain.change_sign = -1 if moved.group("move").lower() == "giảm" else 1
    if not left.strip() and chain.unit != "%" and (compared := g.MOVE_COMPARED_BEFORE_PAREN.search(before)):
        # of a level, its change; "... (39,9%) và so với cùng kỳ (7,8%)": the same move again
        move = compared.group("move") or chain.last_change
        chain.change_sign = -1 if move.lower() in ("giảm", "fall") else 1
        chain.paren_base = Measure.YOY if "cùng" in compared.group("base").lower() else Measure.PREV
    most = (
        g.MOVED_MOST_BEFORE.search(before) or g.MOVED_MOST_AFTER_NAME.search(before)
        if g.ONLY_WITH.fullmatch(left)
        else None
    )
    if most:  # "tăng nhiều nhất là nhóm giao thông, với 1,66%": a change of what the clause named
        chain.change_sign = -1 if most.group("move").lower() == "giảm" else 1

    period, prior = period_for(number_pos, periods, chain, in_paren, left, clause[:number_pos], clause[number_pos:])
    stated = chain.period_stated or any(not p.comparison for p in periods)
    estimate = bool(g.LEFT_ESTIMATE.search(clause[:number_pos]))  # "Dự kiến ... đạt X, tăng Y%": both estimates
    label_left = clean_label(without_place(without_periods(left, seg_start + left_from, periods), context.province))
    own_words = bool(label_left)
    label_left = label_left or (clean_label(most.group("named")) if most else "")
    # "Vĩnh Phúc (-2,47%)": the figure alone in its parenthesis is the name's before it, not a part of the subject
    named_before = in_paren and bool(chain.named_before) and pending == chain.named_before and not label_left
    # "Ông A, ..., đặt ra mục tiêu X": X alone; "nhóm A giảm mạnh nhất, với 3,48%": named by the clause before alone
    listed = bool(pending) and left_from == 0 and not g.SET_BY.search(left) and not most
    if listed:
        label_left = clean_label(without_place(add_to_label(pending, label_left), context.province))
    if in_paren and g.PLAN_WORDS.fullmatch(label_left) and (named := named_before_paren(clause[:number_pos])):
        label_left = f"{named} {label_left}"  # "gồm: tốc độ tăng trưởng GRDP (kế hoạch 8%)": the plan of what
    # "thị xã A và huyện B cùng giảm 12,4%": one figure for each of them
    sharing = [clean_label(p) for p in g.LIST_SEPARATOR.split(label_left)] if g.SHARED.search(left) else []
    sharing = sharing if len(sharing) >= 2 else []
    # (a name the segment before gave whole keeps its "và": "là: Thuốc và dịch vụ y tế, tăng 50,03%"; so does a name
    # listed with commas before it: "khu vực nông, lâm nghiệp và thủy sản tăng 3,5%")
    leftover = (own_words or g.AND_NAME.match(label_left)) and (left_from > 0 or chain.clause_figures)
    joined = None if listed and "," in label_left else g.LEFTOVER.match(label_left)
    if not sharing and leftover and joined:
        label_left = clean_label(label_left[joined.end() :])
        if joined.group("joiner").lower() == "với" and label_left and chain.subject:
            label_left = f"{label_left} {chain.subject}"  # "11 dự án FDI với tổng vốn 208 triệu USD": its capital
    if left_from > 0 and g.PLAN_LEFTOVER.match(label_left):
        label_left = ""  # "đạt 85% kế hoạch năm tăng 11,8%": the plan the figure before was of, no name

    ranged = g.RIGHT_RANGE.match(right)
    measured = right[ranged.end() :] if ranged else right
    plan_word = g.PLAN_FIGURE_BEFORE.search(clause[:number_pos])  # "(kế hoạch 8%)": the plan's, not the actual
    if plan_word and plan_word.group("compared") and g.RIGHT_PERCENT.match(measured):
        plan_word = None  # "so với kế hoạch 5%": how far from the plan, not its figure
    planned = plan_word is not None
    measure, value_out, unit, rank_of, end = figure_measure(m, left, measured, sign, chain, period, label_left, planned)
    if measure == Measure.VALUE and unit == "%" and g.ELSEWHERE.match(label_left) and not left.strip():
        measure = chain.last_measure or measure  # "tăng 3,1%, thấp hơn bình quân cả nước (3,3%)": the same measure
    if ranged:
        end += ranged.end()
    if measure is None:
        remember_counted(left, right, chain)
        return [], (ranged.end() if ranged else None)  # "thấp hơn khoảng 15-20 nghìn đồng/kg": both ends
    after = right[end:] if measure in (Measure.VALUE, Measure.SHARE) else ""
    # the noun after the figure, with the one its unit's spelling carries: "1,2 triệu lượt khách du lịch"
    spelled = spelled_noun(measured) if measure == Measure.VALUE or not after else ""
    noun_text = f"{spelled}{after}" if spelled and measure == Measure.VALUE else after or spelled
    subject = figure_subject(label_left, noun_text, unit, chain, measure, clause[:number_pos])
    if not subject and measure.is_change and (about := g.ABOUT_AFTER.match(measured[end:])):
        subject = about.group("named").strip()  # "Tăng 4,8% về số dự án": the figure names itself after
    if measure == Measure.RANK and (ranked := g.RANKED_IN.match(measured[end:])):
        subject = clean_label(ranked.group("named")) or subject  # "dẫn đầu cả nước về xuất khẩu": what is ranked
    if not subject:
        return [], end
    subject = respective(chain, left, label_left, measured) or subject
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
        label = plan_label(own_label, chain.subject, _plan_word(plan_word))
    elif plan_word:  # "(kế hoạch 8%)": the plan's figure for the year, named as such, never an actual
        period, tags = plan_year(period), [*tags, "planned"]
        # no parent: the plan's own; a plan compared with is the subject's ("... so với chỉ tiêu 1,8 tỷ USD của ...")
        named = "" if plan_word.group("compared") else own_label
        label = plan_label(named, chain.subject, _plan_word(plan_word))
    if g.ELSEWHERE.search(label_left):
        tags.append("elsewhere")
    chain.last_measure = measure
    if chain.moved:  # "Tỷ lệ hộ nghèo giảm 1,4%": the size of the drop, "Mức giảm tỷ lệ hộ nghèo"
        label, chain.moved = f"{chain.moved} {label[:1].lower()}{label[1:]}", ""
        tags.append("move")
    after_figure = _LEVEL_YEAR.sub("", clause[number_pos:].lstrip("0123456789.,"))  # "40% năm 2025 lên 42%"
    moved_from = prior and not in_paren and g.FROM_LEFT.search(left) and g.TO_AFTER.match(after_figure)
    # "tăng từ 18% năm 2016 lên 24% ...": the subject, also after another's clause ("...; tỷ lệ B tăng từ 40% lên 42%")
    own_parts = cue("right", "own_parts").match(measured)  # "22 chỉ tiêu, trong đó: ...": the items, no parts of it
    if ((not prior and not planned) or not chain.subject or moved_from) and not own_parts:
        chain.subject = subject
        chain.unit = unit if measure == Measure.VALUE else chain.unit
    if not in_paren and not prior and not planned:
        within = chain.period is not None and chain.period.end is not None and chain.period != period
        chain.period, chain.period_stated = period, stated
        named_here = any(p.end <= number_pos and not p.comparison for p in periods)
        # "riêng quý III ...", "trong đó quý I ..., quý II ...": a sub-period, not the window of what follows (in an
        # undated text, "Trong đó, 6 tháng đầu năm, ..." names the window itself: there is none it is a part of)
        breakdown = bool(g.BREAKDOWN.match(clause) and named_here and within)
        chain.aside = bool(g.ASIDE.search(clause[:number_pos]) or breakdown)
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


def _part_of_breakdown(chain: Chain, unit: str) -> bool:
    """A clause after a breakdown's parts that opens with a level in a unit none of them had starts something else
    ("trong đó khách quốc tế 512 nghìn lượt; tổng doanh thu 9.820 tỷ đồng"); parts in two units go on ("161 đơn
    vị, với số tiền 8.958 triệu đồng; ... 16 đơn vị, ...")."""
    return not (chain.part_units and chain.clause_figures == 0 and unit_kind(unit) not in chain.part_units)


def _other_end(text: str, first: float, first_read: float) -> float:
    """The second end of a range ("7-7,5%", "95-100% kế hoạch"), read as the first was (a fall negated)."""
    second = parse_figure(text)
    return -second if first and first_read == -first else second


def _plan_word(found: re.Match[str]) -> str:
    named = ("word", "own", "near", "compared", "cited")
    return next(found.group(name) for name in named if found.group(name))
