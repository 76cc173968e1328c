"""Deadlines as plans write them: one-off ("Trước ngày 20/01/2024", "trong tháng 6/2024", "trong quý II/2024")
and recurring ("định kỳ hàng quý ... trước ngày 15 tháng cuối quý", "hằng tháng, trước ngày 20")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class Deadline:
    """One deadline mention. `due` is set for a one-off deadline; `every` ("month" | "quarter") and `day`
    describe a recurring one, whose dates `dates_in(year)` lists."""

    start: int
    end: int
    due: date | None = None
    every: str | None = None
    day: int | None = None

    def dates_in(self, year: int) -> list[date]:
        if self.due:
            return [self.due]
        months = range(3, 13, 3) if self.every == "quarter" else range(1, 13)
        return [date(year, m, min(self.day or 1, calendar.monthrange(year, m)[1])) for m in months]

    def describe(self) -> str:
        if self.due:
            return self.due.strftime("%d/%m/%Y")
        if self.every == "quarter":
            return f"định kỳ hằng quý, trước ngày {self.day} tháng cuối quý" if self.day else "định kỳ hằng quý"
        return f"định kỳ hằng tháng, trước ngày {self.day}" if self.day else "định kỳ hằng tháng"


_BEFORE_DATE = re.compile(r"\b(?:trước|chậm nhất|hạn chót|hoàn thành)\s+(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})", re.I)
_IN_MONTH = re.compile(r"\b(?:trong|trước)\s+tháng\s+(\d{1,2})(?:/|\s+năm\s+)(\d{4})", re.I)
_IN_QUARTER = re.compile(r"\b(?:trong|trước hết)\s+quý\s+(I{1,3}|IV)(?:/|\s+năm\s+)(\d{4})", re.I)
_QUARTERLY = re.compile(
    r"(?:định kỳ\s+)?(?:hàng|hằng|mỗi)\s+quý\b(?:[^.;]*?trước\s+ngày\s+(\d{1,2})\s+tháng\s+cuối\s+quý)?", re.I
)
_MONTHLY = re.compile(r"(?:định kỳ\s+)?(?:hàng|hằng|mỗi)\s+tháng\b(?:[^.;]*?trước\s+ngày\s+(\d{1,2})\b)?", re.I)


def find_deadlines(text: str, offset: int = 0) -> list[Deadline]:
    found: list[Deadline] = []
    for m in _BEFORE_DATE.finditer(text):
        if due := _date(int(m.group(3)), int(m.group(2)), int(m.group(1))):
            found.append(Deadline(offset + m.start(), offset + m.end(), due=due))
    for m in _IN_MONTH.finditer(text):
        year, month = int(m.group(2)), int(m.group(1))
        if 1 <= month <= 12:
            found.append(Deadline(offset + m.start(), offset + m.end(), due=_month_end(year, month)))
    for m in _IN_QUARTER.finditer(text):
        year, quarter = int(m.group(2)), _ROMAN[m.group(1).upper()]
        found.append(Deadline(offset + m.start(), offset + m.end(), due=_month_end(year, quarter * 3)))
    for pattern, every in ((_QUARTERLY, "quarter"), (_MONTHLY, "month")):
        for m in pattern.finditer(text):
            day = int(m.group(1)) if m.group(1) else None
            found.append(Deadline(offset + m.start(), offset + m.end(), every=every, day=day))
    return sorted(found, key=lambda d: d.start)


_CELL_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_CELL_MONTH = re.compile(r"tháng\s+(\d{1,2})(?:/|\s+năm\s+)(\d{4})", re.I)
_CELL_QUARTER = re.compile(r"quý\s+(I{1,3}|IV)(?:/|\s+năm\s+)(\d{4})", re.I)
_CELL_YEAR = re.compile(r"(?:năm|trong năm)\s+(\d{4})", re.I)


def deadline_in_cell(text: str, offset: int = 0) -> Deadline | None:
    """The deadline a task table's "Thời gian hoàn thành" cell gives: "30/6/2024", "Tháng 6/2024", "Quý II/2024",
    "Năm 2024", "Hàng quý"; None for "Thường xuyên" or an empty cell."""
    recurring = [d for d in find_deadlines(text, offset) if d.every]
    if recurring:
        return recurring[0]
    end = offset + len(text)
    if m := _CELL_DATE.search(text):
        due = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return Deadline(offset, end, due=due) if due else None
    if (m := _CELL_MONTH.search(text)) and 1 <= int(m.group(1)) <= 12:
        return Deadline(offset, end, due=_month_end(int(m.group(2)), int(m.group(1))))
    if m := _CELL_QUARTER.search(text):
        return Deadline(offset, end, due=_month_end(int(m.group(2)), _ROMAN[m.group(1).upper()] * 3))
    if m := _CELL_YEAR.search(text):
        return Deadline(offset, end, due=date(int(m.group(1)), 12, 31))
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
