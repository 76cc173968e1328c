"""The period of a figure: the last named before it in its clause, the chain's, or an earlier one quoted."""

from __future__ import annotations

import re

from planwatch.extract import grammar as g
from planwatch.extract.facts.chain import Chain
from planwatch.extract.measures import cue
from planwatch.vocab.periods import Month, Period, PeriodMention


def at_window_end(period: Period, window: Period) -> bool:
    """A stock at the last month of the document's window ("Tính đến ngày 30/6, ... giải ngân ..."): its sentence's
    date, not the next sentence's period, which is back to the window."""
    return period.start is None and window.start is not None and period.end == window.end


def _a_change(left: str) -> bool:
    return bool(cue("left", "rise").search(left) or cue("left", "fall").search(left))


def plan_year(period: Period) -> Period:
    """A plan figure is for the whole year of the figure it is quoted beside."""
    return Period(Month(period.end.year, 1), Month(period.end.year, 12)) if period.end else period


def period_for(
    pos: int,
    periods: list[PeriodMention],
    chain: Chain,
    in_paren: bool,
    left: str,
    before_number: str,
    after_number: str,
) -> tuple[Period, bool]:
    """The period of the figure at `pos`: the last one named before it in its clause, else the chain's.
    The second item says the figure is about an earlier period quoted for comparison."""
    base = chain.period or Period(None, None)
    after_figure = _FIGURE_AT_START.sub("", after_number)
    same = g.SAME_PERIOD_OF_YEAR.match(after_figure) or g.SAME_PERIOD_BEFORE_PAREN.search(before_number)
    if base.end and same:  # "mức tăng 7,2% của cùng kỳ năm 2016", "mức tăng cùng kỳ năm trước (6,4%)"
        return base.in_year(int(same.group("year")) if same.group("year") else base.end.year - 1), True
    level = not after_figure.lstrip().startswith("%")  # "tăng 41 trường hợp so với cùng kỳ (14,8%)": the change
    if base.end and in_paren and level and _SAME_WINDOW_PAREN.search(before_number):  # "... cùng kỳ (4.630 tỷ đồng)"
        return base.year_earlier(), True
    later = [p for p in periods if p.start > pos and not p.comparison]
    between = after_figure[: later[0].start - pos - (len(after_number) - len(after_figure))] if later else ""
    if later and (
        g.PERIOD_AFTER.match(between)
        or (g.LEVEL_YEAR_AFTER.match(between) and (not _a_change(left) or later[0].this_year))
    ):
        named_after = later[0].period  # "thấp hơn mức tăng 6,8% của quý IV/2022"
        return named_after, bool(base.end and named_after.end and named_after.end < base.end)
    if base.end and g.FROM_LEFT.search(left) and g.TO_AFTER.match(after_figure):
        year = base.end.year - 1  # "giảm từ 11,25% xuống còn 9,22%": where the year began, the year before's level
        return Period(Month(year, 1), Month(year, 12)), True
    mentioned = [p for p in periods if p.end <= pos]
    if (
        in_paren
        and not chain.paren_base  # "giảm so với tháng trước (8,1%)": the change of the figure's own period
        and mentioned
        and mentioned[-1].comparison
        and _OPENS_PAREN.fullmatch(before_number[mentioned[-1].end :])
    ):
        quoted = mentioned[-1]
        if base.end and quoted.period.end and _SAME_WINDOW.search(before_number[: quoted.start]):
            return base.in_year(quoted.period.end.year), True  # "so với cùng kỳ năm 2020 (5,9%)": the window then
        return quoted.period, True  # "tăng 38,2% so với tháng 8/2024 (700,8 nghìn lượt)"
    before = [p for p in mentioned if not p.comparison and not _closed_before(before_number, p)]
    # "thấp hơn mức tăng 6,8% của quý IV/2022 và xếp thứ 4/14": that period is the quoted figure's, not the next's
    before = [p for p in before if not _OF_FIGURE_BEFORE.search(before_number[: p.start])]
    if _TO_LEFT.search(left):  # "tăng từ 91,2% năm 2023 lên 93,4%": the year after the first level is its own
        before = [p for p in before if not _FIGURE_BEFORE.search(before_number[: p.start])]
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
    named_in_paren = bool(before) and before[-1].start > before_number.rfind("(")
    if prior := g.LEFT_PRIOR.search(left) or (not named_in_paren and _prior_parenthesis(before_number, in_paren)):
        if prior.group("year"):  # "(cùng kỳ năm 2022 tăng 9,12%)": the same window in 2022
            return base.in_year(int(prior.group("year"))), True
        return (named or base).year_earlier(), True
    period = named or base
    earlier = bool(named and base.end and named.end and named.end.year < base.end.year and in_paren)
    if (
        earlier
        and named
        and named.end
        and _whole_year(named)
        and not _whole_year(base)
        and _after_same_window(before_number)
    ):
        return base.in_year(named.end.year), True  # "tăng 4,52% so với cùng kỳ (năm 2020 tăng 1,24%)": that window
    return period, earlier


def _whole_year(period: Period) -> bool:
    return bool(period.start and period.end and (period.start.month, period.end.month) == (1, 12))


def _after_same_window(before_number: str) -> bool:
    """The parenthesis the figure stands in opens right after a change against the same window a year before."""
    opened = before_number.rfind("(")
    return opened > 0 and bool(_SAME_WINDOW_BASE.search(before_number[:opened]))


_FIGURE_AT_START = re.compile(r"^[\d.,]+")
_OF_FIGURE_BEFORE = re.compile(r"\d\s*%\s*(?:của|trong)\s+$")
_OPENS_PAREN = re.compile(r"\s*\(\s*")
_TO_LEFT = re.compile(r"(?:^|\s)(?:lên|xuống)(?:\s+(?:còn|mức))?\s*$", re.IGNORECASE)
_FIGURE_BEFORE = re.compile(r"\d\s*%?\s*$")
_SAME_WINDOW = re.compile(r"cùng\s+kỳ\s*$", re.IGNORECASE)
_SAME_WINDOW_PAREN = re.compile(r"so\s+(?:với\s+)?cùng\s+kỳ(?:\s+năm\s+trước)?\s*\(\s*$", re.IGNORECASE)
_SAME_WINDOW_BASE = re.compile(r"so\s+(?:với\s+)?cùng\s+kỳ(?:\s+năm\s+(?:trước|\d{4}))?\s*$", re.IGNORECASE)


def _prior_parenthesis(before_number: str, in_paren: bool) -> re.Match[str] | None:
    """A parenthesis that opens on the same window a year earlier is about it to its end: in "(cùng kỳ năm trước bằng
    64,1% và tăng 2,8%)" both figures are of last year's window."""
    opened = before_number.rfind("(")
    return g.LEFT_PRIOR.match(before_number[opened + 1 :].lstrip()) if in_paren and opened >= 0 else None


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


def without_periods(text: str, text_start: int, periods: list[PeriodMention]) -> str:
    chars = list(text)
    for p in periods:
        for i in range(max(p.start - text_start, 0), min(p.end - text_start, len(chars))):
            chars[i] = " "
    return "".join(chars)
