"""What a figure measures: a level, a share, a rank, or a change against which base."""

from __future__ import annotations

import re

from planwatch.extract import grammar as g
from planwatch.extract.facts.chain import Chain, Token
from planwatch.extract.measures import Around, cue, level_move, read_percent
from planwatch.vocab.measures import Measure
from planwatch.vocab.numbers import parse_figure
from planwatch.vocab.periods import WORD_MONTHS, Month, Period
from planwatch.vocab.units import match_unit


def figure_measure(
    token: Token,
    left: str,
    right: str,
    sign: re.Match[str] | None,
    chain: Chain,
    period: Period,
    label: str,
    planned: bool,
) -> tuple[Measure | None, float, str, int | None, int]:
    """(measure, value, unit, rank_of, end of the phrase within `right`); `planned`: a plan's own figure."""
    value = token.value
    if token.kind in ("double", "same"):  # "gấp đôi cùng kỳ": +100%; "tương đương tháng trước": no change
        return _change_kind(left, right, chain, period, label or chain.subject), value, "%", None, 0
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
    # "gấp 2,5 lần và 3 lần": the second is a multiple too
    if times and (g.LEFT_TIMES.search(left) or (chain.last_change == "times" and g.ONLY_A_JOINER.match(left))):
        measure = _change_kind(left, right[times.end() :], chain, period, label or chain.subject)
        chain.last_change = "times"
        return measure, round((value - 1) * 100, 6), "%", None, times.end()
    fraction = g.RIGHT_OF_TOTAL.match(right)
    after = right[fraction.end() :] if fraction else right
    unit = match_unit(after)
    if unit and unit[0].name == "điểm phần trăm" and (impact := g.IMPACT_ON.search(left)):
        index = impact.group("on") or impact.group("index")
        chain.moved = f"Mức tác động đến {index} của" if index else "Mức tác động của"  # "làm CPI chung giảm 1,02 ..."
        direction = -1 if impact.group("move").lower() == "giảm" else 1
        return Measure.VALUE, direction * value, unit[0].name, None, (fraction.end() if fraction else 0) + unit[1]
    if unit and unit[0].name == "điểm phần trăm" and (move := g.POINTS_MOVE.search(left)) and not chain.clause_figures:
        chain.moved = "Mức giảm" if move.group("move").lower() == "giảm" else "Mức tăng"  # "giảm 1,2 điểm phần trăm"
        return Measure.VALUE, value, unit[0].name, None, (fraction.end() if fraction else 0) + unit[1]
    if unit and unit[0].name == "điểm phần trăm" and cue("left", "contribute_down").search(left):
        return Measure.VALUE, -value, unit[0].name, None, (fraction.end() if fraction else 0) + unit[1]  # làm giảm
    if unit:
        if g.LEFT_ABSOLUTE_CHANGE.search(left) or (chain.last_change and g.EQUALS_ONLY.match(left)) or sign:
            return None, value, "", None, 0  # "tăng 1,8%, bằng 730 con", "(+32,4 tấn)": the change in units, no fact
        if g.RESTATED_CHANGE.search(left) or (g.ADDED_BEFORE.search(left) and g.COMPARED_AFTER.match(after[unit[1] :])):
            return None, value, "", None, 0  # "(tương đương tăng thêm 2,75 tỷ USD)", "tăng thêm 500 tỷ đồng so với ..."
        return Measure.VALUE, value, unit[0].name, None, (fraction.end() if fraction else 0) + unit[1]
    if g.LEFT_ABSOLUTE_CHANGE.search(left) or sign:
        return None, value, "", None, 0
    if billion := g.BARE_BILLION.match(after):  # "Tổng doanh thu ước đạt 1.496 tỷ, đạt 87% kế hoạch": tỷ đồng
        return Measure.VALUE, value, "tỷ đồng", None, (fraction.end() if fraction else 0) + billion.end()
    if (million := g.BARE_MILLION.match(after)) and cue("label", "income").search(left):  # "thu nhập ... 72 triệu"
        money = "triệu đồng/người/năm" if cue("label", "per_head").search(left) else "triệu đồng"
        return Measure.VALUE, value, money, None, (fraction.end() if fraction else 0) + million.end()
    if g.NOT_A_COUNT.match(after) or g.MEETINGS_HELD.search(left):
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
    chain: Chain,
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
        value=value,
    )
    measure, signed = read_percent(value, around, lambda: _change_kind(left, after, chain, period, around.label))
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


def _change_kind(left: str, after: str, chain: Chain, period: Period, label: str) -> Measure | None:
    """The base a change is measured against: the previous period, a year earlier, the start of the year
    (a measure outside the contract, kept as ytd_change_pct), or none the schema holds (None); `label` names what
    changed (inflation is measured against a year earlier unless the text says otherwise)."""
    if chain.paren_base:
        bracketed, chain.paren_base = chain.paren_base, None
        return bracketed
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
            chain.stated_bases.append(base)
            chain.part_base = base if chain.parent else None
        return base
    if g.BASES_LISTED.search(left):  # "so với tháng trước và cùng kỳ tăng lần lượt 5,4% và 17,2%"
        habit.pair = [Measure.PREV, Measure.YOY]
    if chain.compare:
        return {"prev": Measure.PREV, "yoy": Measure.YOY, "ytd": Measure.YTD}.get(chain.compare)
    if len(habit.pair) == 2 and g.PAIR_FOLLOWS.match(after):  # "tăng tương ứng 2,71% và 8,64%": the first
        return habit.pair[0]
    if len(habit.pair) == 2 and chain.last_change and g.ONLY_A_JOINER.match(left):  # ... and the second
        return habit.pair[1]
    if chain.parent and chain.part_base:  # "Trong đó, ngành A tăng 11,4% so với cùng kỳ; ngành B tăng 3,1%": also yoy
        return chain.part_base
    single_month = period.start is not None and period.start == period.end
    if habit.first is None and habit.named_month and single_month and period.end:  # "... so với tháng 9/2025"
        month, year = habit.named_month
        year = year or period.end.year - (month > period.end.month)
        if 1 <= month <= 12 and base_kind(Month(year, month), period.end) == "prev":
            return Measure.PREV
    if cue("label", "yearly").search(label):
        return Measure.YOY  # "Lạm phát cơ bản tháng 7 tăng 3,26%", in a paragraph whose CPI leads with the month before
    if chain.stated_bases and set(chain.stated_bases) == {Measure.YOY}:
        return Measure.YOY  # "nhóm A tăng 9,9% so với cùng kỳ, nhóm B tăng 7,9%": a list goes on with its base
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
    """ "so với năm 2022" compares with the year before the figure's ("năm trước" always does); a figure compared with
    its own window's year is of a year to come ("tăng 12% so với năm 2025" in a plan dated 2025 for 2026)."""
    year = re.search(r"\d{4}", phrase)
    return not year or period.end is None or int(year.group(0)) in (period.end.year - 1, period.end.year)


def _compared_month(after: str, period: Period) -> str | None:
    """ "so với tháng 4/2024", "so với tháng 7", "so với quý 3-2022": the period before the figure's (prev), the
    same one a year earlier (yoy), December of the year before (ytd), or another (other)."""
    if period.end is None:
        return None
    if m := g.RIGHT_COMPARED_MONTH.match(after):  # "so với tháng 7/2023", "... tháng 7 năm 2023 / năm trước"
        year = m.group(2) or m.group(3)
        month = int(m.group(1))  # a later month than the figure's, its year unsaid, is of the year before
        base_year = int(year) if year else period.end.year - (bool(m.group("before")) or month > period.end.month)
        return base_kind(Month(base_year, int(m.group(1))), period.end)
    if m := g.RIGHT_COMPARED_WORD_MONTH.match(after):  # "so với tháng Mười"
        month = WORD_MONTHS[re.sub(r"\s+", " ", m.group("w"))]
        return base_kind(Month(period.end.year - (month > period.end.month), month), period.end)
    if m := g.RIGHT_COMPARED_QUARTER.match(after):
        quarter_end = Month(int(m.group("y")) if m.group("y") else period.end.year, 3 * _QUARTER[m.group("q").lower()])
        if quarter_end == period.end.shift(-3):
            return "prev"
        return "yoy" if quarter_end == period.end.shift(-12) else "other"
    return None


_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def base_kind(base: Month, end: Month) -> str | None:
    """The base month against the figure's last month: the month before, a year before, or last December."""
    if base == end.shift(-1):
        return "prev"
    if base == end.shift(-12):
        return "yoy"
    return "ytd" if base == Month(end.year - 1, 12) else "other"


def base_named(sentence: str) -> str | None:
    """The base a sentence names in passing ("... giảm so với tháng trước"): "prev" or "yoy", else None."""
    named = g.BASE_NAMED.search(sentence)
    return ("prev" if named.group("previous") else "yoy") if named else None


def set_comparison(chain: Chain, clause: str) -> None:
    """The base a clause or segment that opens "So với ..." names for the figures after it."""
    month = g.CLAUSE_VS_MONTH.match(clause)
    if g.CLAUSE_VS_PREVIOUS.match(clause):
        chain.compare = "prev"
    elif g.CLAUSE_VS_SAME_PERIOD.match(clause):
        chain.compare = "yoy"
    elif month and chain.period and chain.period.end:
        base = Month(int(month.group(2)), int(month.group(1)))
        chain.compare = base_kind(base, chain.period.end) or "other"
    elif (year_end := g.CLAUSE_VS_YEAR_END.match(clause)) and chain.period and chain.period.end:
        year = year_end.group("date_year") or year_end.group("year")
        chain.compare = base_kind(Month(int(year) if year else chain.period.end.year - 1, 12), chain.period.end)
