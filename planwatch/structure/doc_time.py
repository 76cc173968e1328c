"""The time of a document, decided once and explained: the date it speaks from, the months it reports on,
how each was found, and why its year is in doubt when the text does not settle it.

The reference date: the header ("…, ngày 15 tháng 6 năm 2024"), else a dateline ("Cập nhật: 24/06/2021 08:15",
"Cập nhật: tháng 6/2022"; a dateline years after every year the text names for itself is the day a page was
copied, not written), else the year the headline names, else the years the text names for its own figures and
the year after its comparison bases ("so với năm 2017" → 2018), else a date the user gave.
The window: a plan's year from its title; else the period of the title or headline, of the lead sentence, the
window the text names most for itself, the window an indicator of the lead implies (GRDP is quarterly); else the
reference's year.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

from planwatch.vocab.periods import WORD_NUMBERS, Month, Period, find_periods, months_to_date, year_period
from planwatch.vocab.wording import Phrase

# "Bắc Giang, ngày 10 tháng 6 năm 2024": the place comes first, which "Căn cứ Luật ... ngày ..." lacks; a weekday is
# no place ("Thứ Ba, ngày 09 tháng 01 năm 2024" is a page's dateline, see LONG_DATELINE)
HEADER_DATE = re.compile(
    r"(?<![\wÀ-ỹ])(?<!Thứ\s)(?!Thứ\s|Chủ\s+[Nn]hật)[A-ZÀ-ỸĐ][\wÀ-ỹ ]{1,30},"
    r"\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
)
# A news dateline: "Cập nhật: 24/06/2021 08:15", "Thứ Hai, 11/01/2021 - 07:45", "15:42 | 18/09/2022",
# "Đăng ngày 30-10-2023", "Sở Kế hoạch và Đầu tư tỉnh X - 02/10/2024", "30.06.2021"
DATELINE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")
# ... or a month only: "Cập nhật: tháng 6/2022", "Ngày đăng: Tháng 11/2021"
MONTH_DATELINE = re.compile(
    r"^\W*(?:cập\s+nhật|ngày\s+(?:đăng|cập\s+nhật)|đăng(?:\s+ngày)?|xuất\s+bản)\s*(?:lúc\s*)?:?\s*"
    r"tháng\s+0?(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})\W*$",
    re.IGNORECASE,
)
# ... or written out: "Thứ Ba, ngày 09 tháng 01 năm 2024 | 10:31", "Cập nhật ngày 12 tháng 3 năm 2021"
# (a line that opens with it, its weekday or a publishing word: never "Căn cứ Nghị quyết ... ngày ...")
LONG_DATELINE = re.compile(
    r"^\W*(?:(?:thứ\s+[\wÀ-ỹ]+|chủ\s+nhật)\s*,?\s*|(?:cập\s+nhật|ngày\s+đăng|đăng|xuất\s+bản)\s*(?:lúc\s*)?:?\s*)?"
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_DATELINE_LENGTH = 90
# Years the text states for its own figures ("năm 2023", "tháng 5/2024", "quý II/2024"), and comparison bases that
# imply the year after them ("so với cùng kỳ năm 2022" → 2023).
_STATED_YEAR = re.compile(
    r"(?<![\wÀ-ỹ])(?:năm|tháng\s+0?\d{1,2}\s*[/.-]|qu[ýí]\s+(?:IV|I{1,3}|[1-4])\s*[/.-])\s*((?:19|20)\d{2})(?![\d-])",
    re.IGNORECASE,
)
# ... and the window a base may name before its year: "so với 6 tháng đầu năm 2022", "so với quý I năm 2024"
_COUNT = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
# ... after the rate it compares with: "cao hơn mức tăng 6,1% của quý I/2025"
_BASE_RATE = r"(?:(?:mức|tốc\s+độ)\s+(?:tăng\s+trưởng|tăng|giảm)(?:\s+[\d.,]+\s*%)?\s+(?:của\s+)?)?"
_BASE_WINDOW = (
    rf"{_BASE_RATE}(?:cùng\s+kỳ\s+)?(?:(?:\d{{1,2}}|{_COUNT})\s+tháng(?:\s+đầu)?\s+|(?:tháng|quý)\s+\w{{1,4}}\s+)?"
)
_COMPARED_WITH = r"(?:cùng\s+kỳ|so\s+với|so|bằng|(?:cao|thấp|nhiều|ít)\s+hơn)"
_BASE_YEAR = re.compile(
    rf"{_COMPARED_WITH}\s+{_BASE_WINDOW}(?:năm\s+|(?P<unit>tháng|quý)\s+(?P<n>\w{{1,3}})\s*[/.-]\s*)?"
    rf"(?P<year>(?:19|20)\d{{2}})(?![\d-])",
    re.IGNORECASE,
)
_BASE_BEFORE = re.compile(rf"{_COMPARED_WITH}\s+{_BASE_WINDOW}$", re.IGNORECASE)
# A figure of an earlier year quoted in the parenthesis after one: "Tỷ lệ hộ nghèo còn 2,1% (năm 2024 là 2,8%)" speaks
# of the year after it, as a comparison base does
_PRIOR_IN_PARENS = re.compile(
    r"\(\s*năm\s+((?:19|20)\d{2})\s*(?::|là|đạt|tăng|giảm|chỉ|có|ở\s+mức)(?![\wÀ-ỹ])", re.IGNORECASE
)
_NOT_OWN_YEAR = re.compile(
    r"(?:so\s+với|so|cùng\s+kỳ|so\s+sánh|kỳ\s+gốc|gốc|giai\s+đoạn|từ|đến|tới|sang|với|hơn|của|trước)\s*$",
    re.IGNORECASE,
)
_LOOKS_BACK = re.compile(
    r"\b(?:năm\s+qua|cả\s+năm|kết\s+thúc\s+năm|năm\s+vừa\s+qua)\b"
    # ... or the months that close a year, their year unsaid and no base: "Riêng quý IV, ...", "Tháng 12, IIP ..."
    r"|(?<!với\s)(?<!so\s)\b(?:quý\s+IV|tháng\s+(?:12|Mười\s+Hai))(?![\wÀ-ỹ]|\s*[/.-]\s*\d|\s+năm)",
    re.IGNORECASE,
)
_HEAD_LINES = 10
_LONG_LINE = 200  # the first line this long is the body: titles and datelines come before it
_STALE_DATELINE = 2  # a dateline this many years after the latest year the text names for itself is a copy date

_PLAN_KINDS = ("kế hoạch", "nghị quyết", "quyết định", "chương trình")
_YEAR_REPORT = re.compile(r"(?:năm|NĂM)\s+(\d{4})")
# The orientation or vision a plan's title adds after its own year: "... năm 2026 và định hướng năm 2027"
_ORIENTATION_BEFORE = re.compile(r"(?:định\s+hướng|tầm\s+nhìn)(?:\s+(?:đến|tới))?\s*$", re.IGNORECASE)
_HALF_YEAR = re.compile(r"(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})", re.IGNORECASE)
_MONTHS_TO_DATE = re.compile(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})", re.IGNORECASE)
_NEXT_MONTH_TASKS = re.compile(r"nhiệm\s+vụ\s+(?:trọng\s+tâm\s+)?tháng\s+0?(\d{1,2})\s+năm\s+(\d{4})", re.I)
_MONTH_TITLE = re.compile(
    r"(?:tình\s+hình|kết\s+quả)(?:(?!nhiệm\s+vụ)[^\n]){0,60}?tháng\s+0?(\d{1,2})(?:\s+năm\s+|/)(\d{4})", re.I
)
# Indicators that are never one month's: GRDP is estimated a quarter at a time, from the start of the year
# A period that names a meeting, not the months its figures cover: "phiên họp thường kỳ tháng 6"
_EVENT_BEFORE = re.compile(r"(?:phiên\s+họp|kỳ\s+họp|hội\s+nghị|cuộc\s+họp|họp\s+báo)(?:\s+[\wÀ-ỹ]+){0,2}\s*$", re.I)
# A period a headline aims at, not the one it reports: "... đặt mục tiêu tăng trưởng 2 con số trong quý II/2025"
_AIMED_BEFORE = re.compile(
    r"(?:mục\s+tiêu|phấn\s+đấu|hướng\s+tới|dự\s+báo|kịch\s+bản|hoàn\s+thành(?:\s+thắng\s+lợi)?(?:\s+các)?\s+chỉ\s+tiêu)"
    r"[^,.;:]*$",
    re.IGNORECASE,
)
# ... and in the body, the plan a clause builds or the forecast it makes ("xây dựng kế hoạch phát triển kinh tế - xã
# hội năm 2026"), not the plan it completes ("phấn đấu hoàn thành kế hoạch năm 2025": the text's own year)
_AIMED_IN_CLAUSE = re.compile(
    r"(?:hướng\s+tới|dự\s+báo|kịch\s+bản|định\s+hướng|xây\s+dựng\s+(?:kế\s+hoạch|dự\s+toán))[^,.;:\n]*$",
    re.IGNORECASE,
)
_DATED = ("header", "dateline")  # reference dates a document states, not years read from its text
_QUARTERLY = re.compile(r"\bGRDP\b|tổng\s+sản\s+phẩm\s+(?:trên\s+địa\s+bàn|trong\s+tỉnh)", re.IGNORECASE)


TIME_WORDING = "vocab/data/time.yaml"
NO_YEAR = "no_year"  # the text names no year for its figures, and no date
TIED = "tied"  # the text names two years for its figures as often as each other


@dataclass(frozen=True)
class Reference:
    """The date a document speaks from, and how it was found ("header", "dateline", "title", "text", "given")."""

    day: date | None
    found_by: str | None
    published: date | None = None  # the dateline's own day, when the reference moved from it (an early-January item)


@dataclass(frozen=True)
class DocumentTime:
    """When a document speaks and of which months, how each was found, and why its year is in doubt (None: the
    text settles it)."""

    reference: Reference
    period: Period
    period_found_by: str | None  # "title", "lead", "body", "indicator", "reference", "given"
    doubt: str | None = None  # NO_YEAR, or TIED and the years ("tied 2019 2020"): monitor/data/review.yaml says it


def doubt_phrase(doubt: str) -> Phrase:
    """What a stored doubt says: "no_year", "tied 2019 2020"."""
    kind, *years = doubt.split()
    return Phrase(TIME_WORDING, kind, dict(zip(("first", "second"), years, strict=False)))


def doubt_words(doubt: str, lang: str = "vi") -> str:
    return doubt_phrase(doubt).text(lang)


def head_lines(head: str) -> list[str]:
    """The lines before the body: issuer, number, dates, title or headline, dateline."""
    lines: list[str] = []
    for line in head.split("\n"):
        if len(line) >= _LONG_LINE:
            break
        if line.strip():
            lines.append(line.strip())
    return lines[:_HEAD_LINES]


def is_dateline(line: str) -> bool:
    return bool(
        (DATELINE.search(line) or LONG_DATELINE.search(line) or MONTH_DATELINE.match(line))
        and len(line) <= _DATELINE_LENGTH
    )


def decide_time(
    head: str, text: str, kind: str | None, title: str | None, given: date | None, period: Period | None = None
) -> DocumentTime:
    """The reference date and the window of a document; `title` is its title as read, `given` a date and `period`
    the months a person stated for it."""
    if period is not None and period.end is not None:
        return DocumentTime(_reference_of_period(head, period.end), period, "given")
    reference, doubt = _reference(head, text, given)
    period, found_by = _period(head, text, kind, title, reference)
    return DocumentTime(reference, period, found_by, doubt)


def _reference_of_period(head: str, end: Month) -> Reference:
    """The header's date when the document has one, else the last day of the months a person gave it."""
    if issued := header_date(head):
        return Reference(issued, "header")
    return Reference(date(end.year, end.month, monthrange(end.year, end.month)[1]), "given")


def header_date(head: str) -> date | None:
    m = HEADER_DATE.search(head)
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _dateline(head: str) -> date | None:
    for line in head_lines(head):
        if len(line) > _DATELINE_LENGTH:
            continue
        if m := DATELINE.search(line) or LONG_DATELINE.search(line):
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
        if (m := MONTH_DATELINE.match(line)) and 1 <= int(m.group(1)) <= 12:
            year, month = int(m.group(2)), int(m.group(1))
            return date(year, month, monthrange(year, month)[1])
    return None


def _reference(head: str, text: str, given: date | None) -> tuple[Reference, str | None]:
    """Header date, else dateline, else the year of the headline, else the year the text states for its own
    figures, else what the user gave; and why the year is in doubt."""
    if issued := header_date(head):
        return Reference(issued, "header"), None
    votes = year_votes(without_datelines(text))  # "ngày 09 tháng 01 năm 2024" dates the page, not its figures
    if day := _dateline(head):
        own = [year for year, _ in votes.most_common()]
        if own and max(own) <= day.year - _STALE_DATELINE:
            # a page copied years later: its date is not the text's
            return _reference_from_text(head, votes, given, text)
        body_year = own[0] if own else None
        looks_back = body_year == day.year - 1 or (body_year is None and _LOOKS_BACK.search(text[:3000]))
        if day.month == 1 and looks_back:  # an early-January item looking back on "năm qua"
            return Reference(date(day.year - 1, 12, 31), "dateline", day), None
        return Reference(day, "dateline"), None
    return _reference_from_text(head, votes, given, text)


def _own_years(title: str) -> list[int]:
    """The years a plan's title plans, not those of the orientation it adds ("định hướng năm 2027", "tầm nhìn đến năm
    2045"), unless it names no other."""
    found = [(int(m.group(1)), _ORIENTATION_BEFORE.search(title[: m.start()])) for m in _YEAR_REPORT.finditer(title)]
    own = [year for year, oriented in found if not oriented]
    return own or [year for year, _ in found]


def _reference_from_text(
    head: str, votes: Counter[int], given: date | None, text: str = ""
) -> tuple[Reference, str | None]:
    """The year the headline and the text name most for their own figures (the headline's count thrice); of two
    named as often, the one more named outside the plans and targets the text builds for a year to come."""
    titled = year_votes("\n".join(head_lines(head)))
    ranked = (votes + titled + titled).most_common(2)
    if not ranked:
        if given:
            return Reference(given, "given"), None
        return Reference(None, None), NO_YEAR
    (year, count), doubt = ranked[0], None
    if len(ranked) > 1 and ranked[1][1] == count:
        other = ranked[1][0]
        unaimed = year_votes(text, aimed=False)  # "xây dựng kế hoạch năm 2026" in a 2025 report: the year to come
        if text and unaimed[year] != unaimed[other]:
            return _reference_from_text(head, unaimed, given)
        year, doubt = max(year, other), f"{TIED} {min(year, other)} {max(year, other)}"
    return Reference(date(year, 12, 31), "title" if year in titled else "text"), doubt


def year_votes(text: str, aimed: bool = True) -> Counter[int]:
    """The years the text states for its own figures ("năm 2023", "tháng 5/2024", never "so với năm 2022"), and
    the year after each base it compares with ("so với cùng kỳ năm 2022" → 2023) or each earlier year's figure it
    quotes in a parenthesis ("(năm 2022 là 2,8%)" → 2023); without `aimed`, not the years
    a plan or target its clause builds aims at ("xây dựng kế hoạch ... năm 2026 với mục tiêu ...")."""
    priors = list(_PRIOR_IN_PARENS.finditer(text))
    quoted = {m.start(1) for m in priors}
    votes = Counter(
        int(m.group(1))
        for m in _STATED_YEAR.finditer(text)
        if m.start(1) not in quoted
        and not _NOT_OWN_YEAR.search(text[max(0, m.start() - 20) : m.start()])
        and not _BASE_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        and (aimed or not _AIMED_IN_CLAUSE.search(text[max(0, m.start() - 80) : m.start()]))
    )
    votes.update(_after_base(m, text) for m in _BASE_YEAR.finditer(text))
    votes.update(int(m.group(1)) + 1 for m in priors)
    votes.update(lunar_years(text))
    return votes


_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_NAMES = r"(?:{})".format("|".join(_QUARTER_NUMBERS))


def _after_base(base: re.Match[str], text: str) -> int:
    """The year a comparison base implies: the year after it ("so với cùng kỳ năm 2022" → 2023, "so với tháng 12/2022"
    → 2023), unless it is the month or quarter right before one the sentence names ("tháng 11 tăng 0,2% so với tháng
    10/2025", "quý III ... so với quý II/2024"): the same year."""
    year, unit, number = int(base["year"]), (base["unit"] or "").lower(), (base["n"] or "").lower()
    before = text[max(0, base.start() - 120) : base.start()]
    if unit == "tháng" and number.isdigit() and int(number) < 12:
        named = [int(m.group(1)) for m in re.finditer(r"tháng\s+0?(\d{1,2})(?!\d)", before, re.IGNORECASE)]
        return year if int(number) + 1 in named else year + 1
    if unit == "quý" and _QUARTER_NUMBERS.get(number, 4) < 4:
        named = [
            _QUARTER_NUMBERS[m.group(1).lower()] for m in re.finditer(rf"quý\s+({_QUARTER_NAMES})(?!\w)", before, re.I)
        ]
        return year if _QUARTER_NUMBERS[number] + 1 in named else year + 1
    return year + 1


LUNAR_YEARS = "structure/data/lunar_years.yaml"
_OCCASION_AFTER = re.compile(r"(?:dịp|kỳ|trong)\s*$", re.IGNORECASE)  # "so với dịp Tết Quý Mão": still a base


@dataclass(frozen=True)
class _LunarNames:
    pattern: re.Pattern[str]  # a lunar year's name after its cue word: groups "stem" and "branch"
    stems: dict[str, int]  # each spelling → its place in the cycle of ten
    branches: dict[str, int]  # ... in the cycle of twelve
    cycle_start: int
    first_year: int


@cache
def _lunar_names() -> _LunarNames:
    data = yaml.safe_load(resources.files("planwatch").joinpath(LUNAR_YEARS).read_text(encoding="utf-8"))

    def places(names: list[str]) -> dict[str, int]:
        return {spelling: place for place, name in enumerate(names) for spelling in name.split("|")}

    stems, branches = places(data["stems"]), places(data["branches"])

    def either(words: Iterable[str]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    pattern = re.compile(
        rf"(?<![\wÀ-ỹ])(?:{either(data['before'])})\s+(?P<stem>{either(stems)})\s+(?P<branch>{either(branches)})(?![\wÀ-ỹ])"
    )
    return _LunarNames(pattern, stems, branches, data["cycle_start"], data["first_year"])


def lunar_years(text: str) -> list[int]:
    """The years the text names by their lunar names for its own figures ("dịp Tết Nguyên đán Giáp Thìn" → 2024),
    never a base it compares with ("so với Tết Quý Mão")."""
    names = _lunar_names()
    found = []
    for m in names.pattern.finditer(text):
        if _NOT_OWN_YEAR.search(_OCCASION_AFTER.sub("", text[max(0, m.start() - 30) : m.start()])):
            continue
        stem, branch = names.stems[m.group("stem")], names.branches[m.group("branch")]
        found += [
            year
            for year in range(names.first_year, names.first_year + 60)
            if (year - names.cycle_start) % 10 == stem and (year - names.cycle_start) % 12 == branch
        ]
    return found


def _period(
    head: str, text: str, kind: str | None, title: str | None, reference: Reference
) -> tuple[Period, str | None]:
    """The months the document reports on and how they were found (for a plan or resolution: the year it plans,
    unless its title names a half-year)."""
    plan_title = (title or "") if kind in _PLAN_KINDS else ""
    if plan_title and not _HALF_YEAR.search(plan_title) and (title_years := _own_years(plan_title)):
        return year_period(max(title_years)), "title"
    lines = [line for line in head_lines(head) if not is_dateline(line) and not HEADER_DATE.search(line)]
    if reference.found_by == "dateline" and (titled := _first_period(lines, reference)):
        return titled, "title"
    if titled := _title_window("\n".join(lines)):
        return titled, "title"
    if reference.day is None:
        return Period(None, None), None
    if titled := _first_period(lines, reference):
        return titled, "title"
    if kind not in _PLAN_KINDS:
        if lead := _lead_period(text, reference):
            return lead, "lead"
        if named := _named_window(text, reference):
            return named, "body"
        if _QUARTERLY.search(_lead(text)):
            return quarter_to_date(reference.day.year, reference.day.month), "indicator"
    return year_period(reference.day.year), "reference"


def quarter_to_date(year: int, month: int) -> Period:
    """The months from January to the end of the last quarter a month closes or follows: a GRDP of June is the
    first six months', of May the first quarter's."""
    end = month - month % 3 if month % 3 else month
    return months_to_date(year, end) if end else year_period(year - 1)


def _title_window(title: str) -> Period | None:
    """The window a report's title names: "Tình hình kinh tế - xã hội tháng 5 ... nhiệm vụ trọng tâm tháng 6 năm
    2024" is May; "6 tháng đầu năm 2024", "9 tháng năm 2021"."""
    if m := _MONTH_TITLE.search(title):
        month, year = int(m.group(1)), int(m.group(2))
        return Period(Month(year, month), Month(year, month))
    if m := _NEXT_MONTH_TASKS.search(title):
        current = Month(int(m.group(2)), int(m.group(1))).shift(-1)
        return Period(current, current)
    if m := _first_own(_HALF_YEAR, title):
        year = int(m.group(2))
        return months_to_date(year, 6) if m.group(1).lower() == "đầu" else Period(Month(year, 7), Month(year, 12))
    if m := _first_own(_MONTHS_TO_DATE, title):
        return months_to_date(int(m.group(2)), int(m.group(1)))
    return None


def _first_own(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first window `pattern` finds that is no base of a comparison ("tăng 14% so với 6 tháng đầu năm 2022")."""
    return next(
        (m for m in pattern.finditer(text) if not _BASE_BEFORE.search(text[max(0, m.start() - 40) : m.start()])), None
    )


def _lead(text: str) -> str:
    return next((line for line in text.split("\n") if len(line) >= _LONG_LINE), "")


def _lead_period(text: str, reference: Reference) -> Period | None:
    """A news item whose headline names no period speaks of the first period its lead paragraph names."""
    assert reference.day is not None
    lead = _lead(text)
    own = [
        p
        for p in find_periods(lead, reference.day.year, reference.day.month)
        if not p.comparison and not _EVENT_BEFORE.search(lead[max(0, p.start - 30) : p.start])
    ]
    return own[0].period if own else None


def without_datelines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_dateline(line))


def _named_window(text: str, reference: Reference) -> Period | None:
    """The window the text names most often for its own figures ("tháng 5/2024", "6 tháng đầu năm"), in the
    reference's year; the first named wins a tie."""
    assert reference.day is not None
    body = without_datelines(text)
    latest = Month(reference.day.year, reference.day.month if reference.found_by in _DATED else 12)
    named = [
        p.period
        for p in find_periods(body, reference.day.year, reference.day.month)
        if not p.comparison
        and p.period.start
        and p.period.end
        and latest.year == p.period.end.year
        and p.period.end <= latest
    ]
    if not named:
        return None
    counts = Counter(named)
    return max(named, key=lambda period: counts[period])


def _first_period(lines: list[str], reference: Reference) -> Period | None:
    """The first period a headline or title line names, its year taken from the reference date when unsaid."""
    assert reference.day is not None
    for line in lines:
        own = [
            p
            for p in find_periods(line, reference.day.year, reference.day.month)
            if not p.comparison and not _AIMED_BEFORE.search(line[: p.start])
        ]
        if own:
            return own[0].period
    return None
