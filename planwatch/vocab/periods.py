"""Periods the genre writes: "tháng 5/2024", "05 tháng", "6 tháng đầu năm", "năm 2023", "quý II",
"tính đến 15/5/2024", with the document's own period as context for what is left unsaid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple


class Month(NamedTuple):
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


@dataclass(frozen=True)
class Period:
    start: Month | None
    end: Month | None

    def year_earlier(self) -> Period:
        return Period(self.start.shift(-12) if self.start else None, self.end.shift(-12) if self.end else None)

    def in_year(self, year: int) -> Period:
        """The same months in `year` (a window that spans a new year keeps its span)."""
        if self.end is None:
            return self
        shift = (year - self.end.year) * 12
        return Period(self.start.shift(shift) if self.start else None, self.end.shift(shift))

    def as_strings(self) -> tuple[str | None, str | None]:
        return (str(self.start) if self.start else None, str(self.end) if self.end else None)


@dataclass(frozen=True)
class ReportContext:
    """What a document leaves unsaid: its year, its last month, the period its figures cover."""

    year: int
    month: int
    default_period: Period
    province: str | None = None  # the province the document speaks for: its name names no indicator
    this_year: int | None = None  # what "năm nay" names when not `year`: the year an early-January item is dated in


# A year alone at the end of a table header: "2019", "Sơ bộ - Prel. 2020"
COLUMN_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})\s*$")


def year_period(year: int) -> Period:
    return Period(Month(year, 1), Month(year, 12))


def months_to_date(year: int, months: int) -> Period:
    return Period(Month(year, 1), Month(year, months))


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period
    comparison: bool  # "so với tháng 5/2023": the base of a comparison, not the period of the figure
    this_year: bool = False  # "năm nay": the window named before it, in the report's own year


_NUM = r"0?(\d{1,2})"
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Month names and period lengths written as words: "tháng Mười Một", "Chín tháng", "mười một tháng".
WORD_MONTHS = {
    "Giêng": 1, "Một": 1, "Hai": 2, "Ba": 3, "Tư": 4, "Năm": 5, "Sáu": 6, "Bảy": 7, "Tám": 8, "Chín": 9,
    "Mười": 10, "Mười Một": 11, "Mười Hai": 12, "Chạp": 12,
}  # fmt: skip
WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}  # fmt: skip ("năm" is left out: "năm tháng" is far more often "year, month" than "five months")
_WORD_MONTH = "|".join(sorted(WORD_MONTHS, key=len, reverse=True))
_WORD_NUMBER = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
# A year glued to a month or quarter: "tháng 5/2024", "tháng 6-2022", "tháng 5.2015", "quý 3.2016"
_YEAR_SEP = r"(?:\s*[/.\-]\s*|\s+năm\s+)"
# A period right after these words is a comparison base or part of a name, not the period of a figure ("sang" after a
# word: "chuyển sang năm 2026"; never opening a sentence: "Bước sang năm 2026, xã phấn đấu ..." dates what follows).
_COMPARISON_BEFORE = re.compile(
    r"(?:(?:so\s+với|so|với|hơn|từ|(?<=\w\s)(?<!bước\s)sang|dưới|trên|đến|so\s+sánh|kỳ\s+gốc|gốc)\s*(?:cùng\s+(?:kỳ|vụ|thời\s+điểm)\s+)?"
    r"|cùng\s+(?:kỳ|vụ|thời\s+điểm)\s+|so\s+(?:với\s+)?(?:cuối|đầu)\s+"
    r"|(?:hơn(?:\s+nhiều)?\s+)?mức\s+(?:tăng|giảm)\s+(?:của\s+)?"
    # "bằng 52,3% dự toán năm 2021", "so với kế hoạch đề ra đầu năm 2022": the plan's year
    r"|(?:%|so\s+với|so)\s*(?:dự\s+toán|kế\s+hoạch|KH)(?:\s+(?:đề\s+ra|được\s+giao|giao|HĐND|UBND|tỉnh|cả|đầu))*\s+)$",
    re.IGNORECASE,
)


# "ngày 2 Tháng Giêng", "mùng 10 tháng Mười": a day of a month, no window of months
_NOT_A_DAY = r"(?<!\d)(?<!ngày\s)(?<!mùng\s)(?<!mồng\s)"
# "bình quân một tháng", "trung bình 1 tháng", "mỗi một tháng": an average per month, no window of one month
_NOT_PER_MONTH = "".join(rf"(?<!{before}\s{one})" for before in ("quân", "bình", "mỗi") for one in ("một", "1"))


def _single_month(year: int, month: int) -> Period:
    return Period(Month(year, month), Month(year, month))


def _window(m: re.Match[str], end_year: int) -> Period:
    start_year = int(m["y1"]) if m["y1"] else end_year
    start = Month(start_year, int(m["m1"]))
    if start.month == 12 and start_year == end_year - 1 and int(m["d1"]) >= 15:
        start = Month(end_year, 1)  # the statistical year runs from 15-16 December
    return Period(start, Month(end_year, int(m["m2"])))


def _days(m: re.Match[str], year: int) -> Period:
    """The months of a span of days whose year is unsaid: a first month after the last is of the year before."""
    first, last = int(m["m1"] or m["m2"]), int(m["m2"])
    start = Month(year - (first > last), first)
    if start.month == 12 and start.year == year - 1 and int(m["d1"]) >= 15:
        start = Month(year, 1)  # the statistical year runs from 15-16 December
    return Period(start, Month(year, last))


def _count(word: str) -> int:
    return WORD_NUMBERS[re.sub(r"\s+", " ", word.lower())]


@cache
def _rules(year: int, month: int, this_year: int | None = None) -> list[tuple[re.Pattern[str], object]]:
    """(pattern, builder) pairs; a builder turns the match into a Period given the context."""

    def y(m: re.Match[str], group: str = "y") -> int:
        value = m.groupdict().get(group)
        if m.groupdict().get("last"):  # "quý I năm ngoái", "6 tháng đầu năm trước": the year before the report's
            return year - 1
        return int(value) if value else year

    rules: list[tuple[str, object]] = [
        # "6 tháng cuối năm 2024"
        (
            r"(?P<n>\d{1,2})\s+tháng\s+cuối\s+năm(?:\s+(?P<y>\d{4}))?",
            lambda m: Period(Month(y(m), 13 - int(m["n"])), Month(y(m), 12)),
        ),
        # "05 tháng đầu năm 2024", "lũy kế 5 tháng", "6 tháng năm 2023", "9 tháng"
        (
            rf"(?:lũy\s+kế\s+)?{_NOT_A_DAY}(?P<n>\d{{1,2}}){_NOT_PER_MONTH}\s*tháng(?:\s+(?:đầu\s+)?năm\s+(?P<last>ngoái|trước)"
            r"|(?:\s+đầu\s+năm)?(?:\s+(?:năm\s+)?(?P<y>\d{4}))?)(?![\s/]*\d(?!\d{0,2}[.,]\d))(?!\s+trở)",
            lambda m: months_to_date(y(m), int(m["n"])) if 1 <= int(m["n"]) <= 12 else None,
        ),
        # "lũy kế ước 29.520 tỷ đồng": the months of the report's year so far
        (
            r"(?<![\wÀ-ỹ])(?:lũy|luỹ)\s+kế(?!\s+(?:\d|từ|đến|tới|cả|năm|[\wÀ-ỹ]+\s+tháng))",
            lambda m: months_to_date(year, month),
        ),
        # "sáu tháng cuối năm", "Chín tháng qua", "mười một tháng năm 2024", "nửa đầu năm"
        (
            rf"(?P<w>{_WORD_NUMBER})\s+tháng\s+cuối\s+năm(?:\s+(?P<y>\d{{4}}))?",
            lambda m: Period(Month(y(m), 13 - _count(m["w"])), Month(y(m), 12)),
        ),
        (
            rf"(?<![\wÀ-ỹ])(?P<w>{_WORD_NUMBER}){_NOT_PER_MONTH}\s+tháng(?:\s+đầu\s+năm)?(?:\s+(?:năm\s+)?(?P<y>\d{{4}}))?"
            r"(?!\s+trở)",
            lambda m: months_to_date(y(m), _count(m["w"])),
        ),
        # "Năm tháng đầu năm": five months only when "đầu năm" follows (see WORD_NUMBERS)
        (
            r"(?<![\wÀ-ỹ])năm\s+tháng\s+đầu\s+năm(?:\s+(?:năm\s+)?(?P<y>\d{4}))?",
            lambda m: months_to_date(y(m), 5),
        ),
        (r"nửa\s+đầu\s+năm(?:\s+(?P<y>\d{4}))?", lambda m: months_to_date(y(m), 6)),
        # "tháng đầu năm 2026", "tháng đầu tiên của năm": January; "quý đầu tiên của năm 2025": the first quarter
        # (not "những tháng đầu năm": the first months, unsaid how many)
        (
            r"(?<!những\s)(?<!các\s)tháng\s+đầu(?:\s+tiên)?(?:\s+của)?\s+năm(?:\s+(?P<y>\d{4}))?",
            lambda m: _single_month(y(m), 1),
        ),
        (r"qu[ýí]\s+đầu(?:\s+tiên)?(?:\s+của)?\s+năm(?:\s+(?P<y>\d{4}))?", lambda m: months_to_date(y(m), 3)),
        # "quý II/2024", "quý I năm 2024" (also mistyped "Qúy I/2024")
        (
            rf"(?:qu[ýí]|qúy)\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w])(?:{_YEAR_SEP}(?P<y>\d{{4}})|\s+năm\s+(?P<last>ngoái|trước))?",
            lambda m: Period(
                Month(y(m), 3 * _QUARTERS[m["q"].lower()] - 2), Month(y(m), 3 * _QUARTERS[m["q"].lower()])
            ),
        ),
        # "từ đầu năm đến ngày 20/11/2019": the months of the year up to that date
        (
            rf"(?:tính\s+)?từ\s+đầu\s+năm\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d{{1,2}}\s*([/-])\s*{_NUM}\s*\1\s*(?P<y>\d{{4}})",
            lambda m: months_to_date(y(m), int(m[2])),
        ),
        # "từ đầu năm đến hết tháng 10", "từ đầu năm đến cuối tháng 9-2016": the months of the year up to its end
        (
            rf"(?:tính\s+)?từ\s+đầu\s+năm\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+|kết\s+thúc\s+)?tháng\s+{_NUM}"
            rf"(?:{_YEAR_SEP}(?P<y>\d{{4}}))?(?![\d/]|[.,]\d)",
            lambda m: months_to_date(y(m), int(m[1])),
        ),
        # "từ ngày 25/01 đến hết ngày 02/02/2025"; the statistical window "từ 16/12/2015 đến 15/6/2016" is 01..06
        (
            r"(?:tính\s+)?từ\s+(?:ngày\s+)?(?P<d1>\d{1,2})\s*/\s*(?P<m1>\d{1,2})(?:\s*/\s*(?P<y1>\d{4}))?\s*(?:đến|tới|-|–)\s*"
            r"(?:hết\s+)?(?:ngày\s+)?\d{1,2}\s*/\s*(?P<m2>\d{1,2})\s*/\s*(?P<y>\d{4})",
            lambda m: _window(m, y(m)),
        ),
        # ... with no year: "từ ngày 14-18/2", "(từ 14/2 đến 22/2)", "từ 16/12 đến 15/6" (the statistical half-year)
        (
            r"(?:tính\s+)?từ\s+(?:ngày\s+)?(?P<d1>\d{1,2})(?:\s*/\s*(?P<m1>\d{1,2}))?\s*(?:đến|tới|-|–)\s*"
            r"(?:hết\s+)?(?:ngày\s+)?\d{1,2}\s*/\s*(?P<m2>\d{1,2})(?!\d|\s*/\s*\d)",
            lambda m: _days(m, year),
        ),
        # "từ đầu năm (đến nay)"
        (r"từ\s+đầu\s+năm(?:\s+đến\s+nay)?", lambda m: months_to_date(year, month)),
        # a stock at a date: "tại thời điểm 01/10/2021", "đến 15/9", "đến nay", "hiện nay"
        (
            rf"(?:tại\s+)?thời\s+điểm\s+(?:ngày\s+)?\d{{1,2}}\s*/\s*{_NUM}(?!\d)(?:\s*/\s*(?P<y>\d{{4}}))?",
            lambda m: Period(None, Month(y(m), int(m[1]))),
        ),
        (
            rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d{{1,2}}\s*/\s*{_NUM}(?!\d)(?!\s*/\s*\d)",
            lambda m: Period(None, Month(year, int(m[1]))),
        ),
        # ... written with a dot or a dash after "ngày": "Tính đến ngày 15.6, ...", "tính đến ngày 30-11, ..."
        (
            rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?ngày\s+\d{{1,2}}(?:\.|\s*-\s*){_NUM}(?!\d|[.,]\d|\s*-\s*\d)",
            lambda m: Period(None, Month(year, int(m[1]))),
        ),
        # ... written in words: "Tính đến ngày 30 tháng 9 năm 2025, ..."
        (
            rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?ngày\s+\d{{1,2}}\s+tháng\s+{_NUM}(?!\d)(?:\s+năm\s+(?P<y>\d{{4}}))?",
            lambda m: Period(None, Month(y(m), int(m[1]))),
        ),
        (
            r"(?:tính\s+)?(?:đến|tới)\s+nay|hiện\s+nay|(?<!thực\s)(?<=\s)hiện(?=\s+(?:có|toàn\s+tỉnh|tỉnh))",
            lambda m: Period(None, Month(year, month)),
        ),
        # "năm nay": the report's year (of the window named before it, "8 tháng năm nay")
        (r"(?P<this>(?:trong\s+)?năm\s+nay)", lambda m: year_period(this_year or year)),
        # "tính đến (hết) (ngày) 15/5/2024", "đến 30/6/2024"
        (
            rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d{{1,2}}\s*([/.-])\s*{_NUM}\s*\1\s*(?P<y>\d{{4}})",
            lambda m: Period(None, Month(y(m), int(m[2]))),
        ),
        (
            rf"(?:tính\s+)?đến\s+(?:hết\s+)?tháng\s+{_NUM}(?:\s*/\s*|\s+năm\s+)(?P<y>\d{{4}})",
            lambda m: Period(None, Month(y(m), int(m[1]))),
        ),
        # "hết tháng 10/2024", "kết thúc tháng 8 năm 2022": what the year has given by the month's end
        (
            rf"(?:hết|cuối|kết\s+thúc)\s+tháng\s+{_NUM}(?:\s*/\s*|\s+năm\s+)(?P<y>\d{{4}})",
            lambda m: Period(None, Month(y(m), int(m[1]))),
        ),
        # "(Ước) đến hết tháng 12", "đến cuối tháng 6", "hết tháng 9", "kết thúc tháng 8": a stock at the month's
        # end, in the report's year
        (
            rf"(?:(?:tính\s+)?đến\s+)?(?:hết|cuối|kết\s+thúc)\s+tháng\s+{_NUM}(?![\d/])",
            lambda m: Period(None, Month(year, int(m[1]))),
        ),
        # "tháng 5/2024", "tháng 5 năm 2024", "tháng 5", "tháng Mười Một (năm 2023)"
        (
            rf"tháng\s+{_NUM}{_YEAR_SEP}(?P<y>\d{{4}})",
            lambda m: Period(Month(y(m), int(m[1])), Month(y(m), int(m[1]))),
        ),
        (rf"tháng\s+{_NUM}(?![\d/]|[.,]\d)", lambda m: Period(Month(year, int(m[1])), Month(year, int(m[1])))),
        (
            rf"(?<!\d\s)(?-i:tháng\s+(?P<w>{_WORD_MONTH}))(?![\wÀ-ỹ])(?:\s+năm\s+(?P<y>\d{{4}}))?",
            lambda m: _single_month(y(m), WORD_MONTHS[re.sub(r"\s+", " ", m["w"])]),
        ),
        # "trong tháng", "tháng này"
        (r"trong\s+tháng(?!\s+\d)|tháng\s+này", lambda m: Period(Month(year, month), Month(year, month))),
        (r"tháng\s+trước", lambda m: Period(Month(year, month).shift(-1), Month(year, month).shift(-1))),
        # a crop season: "vụ lúa hè thu năm 2021", "vụ Đông Xuân": no calendar months of its own; what the year's
        # seasons have given up to the report's month ("vụ Đông Xuân 2025-2026" is reaped in 2026: its second year)
        (
            r"vụ\s+(?:lúa\s+)?(?:đông\s+xuân|hè\s+thu|thu\s+đông|mùa|chiêm\s+xuân)(?:\s+(?:năm\s+)?(?:\d{4}\s*[-–]\s*)?(?P<y>\d{4}))?",
            lambda m: months_to_date(y(m), month),
        ),
        # "giai đoạn 2016-2020": the years of the span
        (
            r"giai\s+đoạn\s+(?P<y1>\d{4})\s*[-–]\s*(?P<y>\d{4})",
            lambda m: Period(Month(int(m["y1"]), 1), Month(y(m), 12)),
        ),
        # "năm 2023", "cả năm"
        (r"(?:cả\s+)?năm\s+(?P<y>\d{4})(?!\s*-)", lambda m: year_period(y(m))),
        (r"cả\s+năm", lambda m: year_period(year)),
        (r"(?<![\wÀ-ỹ])năm\s+ngoái", lambda m: year_period(year - 1)),
        # "Năm tới, ...": the year after the report's (never "những năm tới", "5 năm tới": years to come)
        (r"(?<![\wÀ-ỹ])(?<!những\s)(?<!các\s)(?<!\d\s)năm\s+tới(?![\wÀ-ỹ])", lambda m: year_period(year + 1)),
        (r"(?<![\wÀ-ỹ])năm\s+(?:vừa\s+)?qua(?![\wÀ-ỹ])", lambda m: year_period(year)),  # "Năm qua, ...": the report's
    ]
    return [(re.compile(p, re.IGNORECASE), b) for p, b in rules]


def find_periods(text: str, year: int, month: int, this_year: int | None = None) -> list[PeriodMention]:
    """Every period phrase of `text`, left to right, none overlapping; "năm nay" is `this_year` when given."""
    taken: list[PeriodMention] = []
    for pattern, build in _rules(year, month, this_year):
        for m in pattern.finditer(text):
            if any(m.start() < t.end and t.start < m.end() for t in taken):
                continue
            try:
                period = build(m)  # type: ignore[operator]
            except (ValueError, KeyError):
                continue
            if period is None or not _sane(period):
                continue
            comparison = bool(_COMPARISON_BEFORE.search(text[max(0, m.start() - 40) : m.start()]))
            taken.append(PeriodMention(m.start(), m.end(), period, comparison, bool(m.groupdict().get("this"))))
    return sorted(taken, key=lambda t: t.start)


def _sane(period: Period) -> bool:
    months = [m for m in (period.start, period.end) if m]
    return all(1 <= m.month <= 12 and 1990 <= m.year <= 2100 for m in months)


_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")  # fmt: skip


def date_words(day: date, lang: str = "vi") -> str:
    """A day as the language writes it: "05/07/2025" in Vietnamese, "5 July 2025" in English."""
    return f"{day:%d/%m/%Y}" if lang == "vi" else f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def parse_period(start: str | None, end: str | None) -> Period:
    """A stored period ("2024-01", "2024-06") back as a Period."""

    def month(text: str | None) -> Month | None:
        return Month(int(text[:4]), int(text[5:7])) if text else None

    return Period(month(start), month(end))


def period_words(period: Period, lang: str = "vi") -> str:
    """A period as the genre writes it: "tháng 5/2024", "5 tháng đầu năm 2024", "quý II/2024", "năm 2024", "8 tháng
    cuối năm 2024" (the rest of a year), and "đến tháng 6/2024" for a level with no start; English where asked
    ("first 5 months of 2024")."""
    start, end = period.start, period.end
    if end is None:
        return ""
    vi = lang == "vi"
    if start == end:
        return f"tháng {end.month}/{end.year}" if vi else f"{_MONTHS_EN[end.month - 1]} {end.year}"
    if start is None or start.year != end.year:
        return f"đến tháng {end.month}/{end.year}" if vi else f"to {_MONTHS_EN[end.month - 1]} {end.year}"
    if start.month == 1 and end.month == 12:
        return f"năm {end.year}" if vi else f"{end.year}"
    if start.month == 1:
        return f"{end.month} tháng đầu năm {end.year}" if vi else f"first {end.month} months of {end.year}"
    if start.month == 7 and end.month == 12:
        return f"6 tháng cuối năm {end.year}" if vi else f"second half of {end.year}"
    if end.month - start.month == 2 and start.month % 3 == 1:
        quarter = end.month // 3
        return f"quý {_ROMAN[quarter - 1]}/{end.year}" if vi else f"Q{quarter} {end.year}"
    if end.month == 12:
        left = 13 - start.month
        return f"{left} tháng cuối năm {end.year}" if vi else f"last {left} months of {end.year}"
    return (
        f"từ tháng {start.month} đến tháng {end.month}/{end.year}"
        if vi
        else f"{_MONTHS_EN[start.month - 1]}-{_MONTHS_EN[end.month - 1]} {end.year}"
    )
