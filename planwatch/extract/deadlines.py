"""Deadlines as plans, letters and directives write them, resolved against the document's date.

One-off: a date ("Trước ngày 20/01/2024", "chậm nhất ngày 30/11/2025"), a day and month with the year left to the
reader ("trước ngày 10-11", "trước 30/6": the document's year, or the next when that day has passed), a period
("trong tháng 8/2025", "trong quý I/2026", "trong năm 2026": due its last day). Recurring: "hằng tháng, trước ngày
25", "trước ngày 15 hằng tháng", "định kỳ hằng quý ... trước ngày 15 tháng cuối quý", "trước ngày 05/6 và 05/12
hằng năm", "định kỳ 6 tháng", "vào thứ Sáu hằng tuần", with their occurrences from the document's date to the end
of its year. The words are data/tasks.yaml."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import chain
from typing import Any

import yaml

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
EVERY_WORDS = {"week": "hằng tuần", "month": "hằng tháng", "quarter": "hằng quý", "half": "6 tháng", "year": "hằng năm"}


@dataclass(frozen=True)
class Deadline:
    """One deadline mention. `due` is set for a one-off deadline (`dated`: a day is printed; else `due` is the last
    day of the month, quarter or year named). A recurring one has `every` ("week" | "month" | "quarter" | "half" |
    "year") and `day` (of the month, or of the week for "week", Monday 0) or `points` ((month, day) of each
    occurrence of the year); `first` is its first occurrence after the document's date."""

    start: int
    end: int
    due: date | None = None
    every: str | None = None
    day: int | None = None
    points: tuple[tuple[int, int], ...] = ()
    dated: bool = True
    first: date | None = None

    def dates_in(self, year: int) -> list[date]:
        if self.due:
            return [self.due]
        if self.every is None or (self.day is None and not self.points):
            return []
        if self.every == "week":
            day = date(year, 1, 1) + timedelta(days=((self.day or 0) - date(year, 1, 1).weekday()) % 7)
            return [day + timedelta(weeks=n) for n in range(53) if (day + timedelta(weeks=n)).year == year]
        if self.points:
            return sorted(_day(year, month, day) for month, day in self.points)
        months = {"quarter": range(3, 13, 3), "half": (6, 12), "year": (12,)}.get(self.every, range(1, 13))
        return [_day(year, m, self.day or 1) for m in months]

    def occurrences(self, after: date) -> list[date]:
        """The dates from `after` (inclusive) to the end of its year."""
        return [d for d in self.dates_in(after.year) if d >= after]

    def describe(self) -> str:
        if self.due:
            return self.due.strftime("%d/%m/%Y")
        every = EVERY_WORDS.get(self.every or "", "")
        if self.points:
            days = " và ".join(f"{day:02d}/{month:02d}" for month, day in self.points)
            return f"định kỳ {every}, trước ngày {days}"
        if self.day is None:
            return f"định kỳ {every}"
        if self.every == "week":
            return f"định kỳ {every}, {_weekday_names()[self.day]}"
        if self.every == "quarter":
            return f"định kỳ {every}, trước ngày {self.day} tháng cuối quý"
        return f"định kỳ {every}, trước ngày {self.day}"


@cache
def _words() -> dict[str, Any]:
    text = resources.files("planwatch.extract").joinpath("data/tasks.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["deadlines"]  # type: ignore[no-any-return]


def _any(key: str) -> str:
    words = sorted(_words()[key], key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"


def _weekday_names() -> dict[int, str]:
    return {number: name for name, number in _words()["weekdays"].items()}


_DM = r"(\d{1,2})\s*[/-]\s*(\d{1,2})"  # "10/6", "10-11"
_YEAR = r"(?:\s*[/-]\s*|\s+năm\s+)(\d{4})"
# a whole date, its parts also cut by dots when the year is written: "25/12/2025", "25.12.2025"
_DMY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*|\s+năm\s+)(\d{4})"
_R = r"(I{1,3}|IV|[1-4])"
_HOUR = (
    r"(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*)?"  # "trước 17 giờ ngày 25/10", "trước 16h30 ngày 5/11"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    before, within, every = _any("before"), _any("within"), _any("every")
    last_month, weekday = _any("last_month"), "(" + "|".join(_words()["weekdays"]) + ")"
    flags = re.I
    return {
        # "trước ngày 05/6 và 05/12 hằng năm", "(trước ngày 10/6 và ngày 10/12)" after "định kỳ 6 tháng"
        "points": re.compile(
            rf"(?P<every>(?:định\s+kỳ\s+)?(?:{every}\s+năm|6\s+tháng)\s*,?\s*\(?)?{before}?\s*(?:ngày\s+)?(?P<day>\d{{1,2}})\s*/\s*(?P<month>\d{{1,2}})(?![/-]?\d)"
            rf"(?P<rest>(?:\s*(?:,|và)\s*(?:ngày\s+)?\d{{1,2}}\s*/\s*\d{{1,2}}(?![/-]?\d))*)\)?"
            rf"(?:\s+(?P<yearly>{every}\s+năm))?",
            flags,
        ),
        "monthly": re.compile(
            # "chậm nhất vào ngày 20 hằng tháng", "hằng tháng (trước ngày 20)"
            rf"(?:định\s+kỳ\s+)?(?:{before}\s+(?:vào\s+)?ngày\s+(\d{{1,2}})\s+{every}\s+tháng|{every}\s+tháng\b"
            rf"(?:\s*[,(]?\s*{before}\s+(?:vào\s+)?ngày\s+(\d{{1,2}})(?!\d)(?!\s*[/-]\s*\d)\)?)?)",
            flags,
        ),
        "quarterly": re.compile(
            rf"(?:(?:định\s+kỳ\s+)?{every}\s+quý\b(?:[^.;]{{0,160}}?{before}\s+ngày\s+(\d{{1,2}})\s+{last_month})?"
            rf"|{before}\s+ngày\s+(\d{{1,2}})\s+{last_month})",
            flags,
        ),
        # "vào thứ Sáu hằng tuần", "hằng tuần vào thứ Sáu"
        "weekly": re.compile(rf"(?:(?:vào\s+)?{weekday}\s+)?{every}\s+tuần(?:\s*,?\s*vào\s+{weekday}\b)?", flags),
        "half": re.compile(r"định\s+kỳ\s+(?:06|6|sáu)\s+tháng(?!\s+(?:đầu|cuối))", flags),
        "yearly": re.compile(rf"định\s+kỳ\s+{every}\s+năm", flags),
        "date": re.compile(
            rf"{before}\s+{_HOUR}(?:ngày\s+)?(?:{_DMY}|(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+(\d{{4}}))",
            flags,
        ),
        "day_month": re.compile(rf"{before}\s+{_HOUR}(?:ngày\s+)?{_DM}(?!\s*[/-]?\s*\d)(?!\s+năm\s+\d)", flags),
        # "trước ngày 05 tháng 12": a day and a month in words, without a year
        "day_month_words": re.compile(
            rf"{before}\s+{_HOUR}ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?!\s*[/-]?\s*\d)(?!\s+năm\s+\d)", flags
        ),
        "month": re.compile(rf"{within}\s+tháng\s+(\d{{1,2}}){_YEAR}", flags),
        "quarter": re.compile(rf"{within}\s+quý\s+{_R}{_YEAR}", flags),
        "year": re.compile(rf"{within}\s+năm\s+(\d{{4}})(?![\d/-])", flags),
    }


def find_deadlines(text: str, offset: int = 0, reference: date | None = None) -> list[Deadline]:
    """Every deadline of `text` (offsets shifted by `offset`); `reference` is the document's date, which gives a day
    and month their year and a recurrence its first occurrence."""
    p = _patterns()
    found: list[Deadline] = []

    def add(m: re.Match[str], **fields: Any) -> None:
        start, end = offset + m.start(), offset + m.end()
        if any(d.start < end and start < d.end for d in found):
            return  # inside a recurrence already read ("trước ngày 25" of "hằng tháng, trước ngày 25")
        deadline = Deadline(start, end, **fields)
        if deadline.every and reference:
            deadline = _with_first(deadline, reference)
        found.append(deadline)

    for m in p["points"].finditer(text):
        points = _points(m)
        if points and (m.group("yearly") or (m.group("every") and len(points) > 1)):
            every = "half" if len(points) == 2 and abs(points[1][0] - points[0][0]) == 6 else "year"
            add(m, every=every, points=points)
    for m in p["monthly"].finditer(text):
        day = m.group(1) or m.group(2)
        add(m, every="month", day=int(day) if day and 1 <= int(day) <= 31 else None)
    for m in p["quarterly"].finditer(text):
        day = m.group(1) or m.group(2)
        add(m, every="quarter", day=int(day) if day and 1 <= int(day) <= 31 else None)
    for m in p["weekly"].finditer(text):
        named = m.group(1) or m.group(2)
        add(m, every="week", day=_words()["weekdays"].get(re.sub(r"\s+", " ", named.lower())) if named else None)
    for m in p["half"].finditer(text):
        add(m, every="half")
    for m in p["yearly"].finditer(text):
        add(m, every="year")
    for m in p["date"].finditer(text):
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        if due := _date(int(year), int(month), int(day)):
            add(m, due=due)
    for m in chain(p["day_month"].finditer(text), p["day_month_words"].finditer(text)):
        if reference and (due := _next_day(reference, int(m.group(2)), int(m.group(1)))):
            add(m, due=due)
    for m in p["month"].finditer(text):
        if 1 <= int(m.group(1)) <= 12:
            add(m, due=month_end(int(m.group(2)), int(m.group(1))), dated=False)
    for m in p["quarter"].finditer(text):
        add(m, due=month_end(int(m.group(2)), _ROMAN[m.group(1).upper()] * 3), dated=False)
    for m in p["year"].finditer(text):
        add(m, due=date(int(m.group(1)), 12, 31), dated=False)
    return sorted(found, key=lambda d: d.start)


def _points(m: re.Match[str]) -> tuple[tuple[int, int], ...]:
    pairs = [(int(m.group("month")), int(m.group("day")))]
    pairs += [(int(mo), int(d)) for d, mo in re.findall(r"(\d{1,2})\s*/\s*(\d{1,2})", m.group("rest"))]
    if not all(1 <= month <= 12 and 1 <= day <= 31 for month, day in pairs):
        return ()
    return tuple(sorted(pairs))


def _with_first(deadline: Deadline, reference: date) -> Deadline:
    upcoming = deadline.occurrences(reference) or deadline.occurrences(date(reference.year + 1, 1, 1))
    return Deadline(
        deadline.start,
        deadline.end,
        every=deadline.every,
        day=deadline.day,
        points=deadline.points,
        first=upcoming[0] if upcoming else None,
    )


_CELL_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_CELL_DAY_MONTH = re.compile(r"(\d{1,2})\s*[/-]\s*(\d{1,2})(?![/-]?\d)")
_CELL_MONTH = re.compile(r"tháng\s+(\d{1,2})(?:/|\s+năm\s+)(\d{4})", re.I)
_CELL_QUARTER = re.compile(rf"quý\s+{_R}(?:/|\s+năm\s+)(\d{{4}})", re.I)
_CELL_YEAR = re.compile(r"(?:năm|trong năm)\s+(\d{4})", re.I)
_CELL_EVERY = re.compile(r"^\W*(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+(tuần|tháng|quý|năm)\W*$", re.I)


def deadline_in_cell(text: str, offset: int = 0, reference: date | None = None) -> Deadline | None:
    """The deadline a task table's "Thời gian hoàn thành" cell gives: "30/6/2024", "Trước 30/6", "Tháng 6/2024",
    "Quý II/2024", "Năm 2024", "Hàng quý"; None for "Thường xuyên" or an empty cell."""
    recurring = [d for d in find_deadlines(text, offset, reference) if d.every]
    if recurring:
        return recurring[0]
    end = offset + len(text)
    if m := _CELL_EVERY.match(text):
        every = {"tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}[m.group(1).lower()]
        return Deadline(offset, end, every=every)
    if m := _CELL_DATE.search(text):
        due = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return Deadline(offset, end, due=due) if due else None
    if (m := _CELL_MONTH.search(text)) and 1 <= int(m.group(1)) <= 12:
        return Deadline(offset, end, due=month_end(int(m.group(2)), int(m.group(1))), dated=False)
    if m := _CELL_QUARTER.search(text):
        return Deadline(offset, end, due=month_end(int(m.group(2)), _ROMAN[m.group(1).upper()] * 3), dated=False)
    if m := _CELL_YEAR.search(text):
        return Deadline(offset, end, due=date(int(m.group(1)), 12, 31), dated=False)
    if reference and (m := _CELL_DAY_MONTH.search(text)):
        due = _next_day(reference, int(m.group(2)), int(m.group(1)))
        return Deadline(offset, end, due=due) if due else None
    return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _next_day(reference: date, month: int, day: int) -> date | None:
    """The day and month in the reference's year, or the next year when that day has passed ("trước ngày 10/01" in a
    letter of 29 December)."""
    due = _date(reference.year, month, day)
    if due is None and month == 2 and day == 29:
        due = _date(reference.year + 1, month, day)
    if due is not None and due < reference:
        due = _date(reference.year + 1, month, day)
    return due


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
