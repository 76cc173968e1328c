"""Days as people type them ("20/01/2024", "20-01-2024", "2024-01-20"), within the years a plan cycle speaks of."""

from __future__ import annotations

import re
from datetime import date

EARLIEST_YEAR, LATEST_YEAR = 1990, 2100  # the dates a plan cycle speaks of


class DateError(ValueError):
    """A day that cannot be read; the message says why, in Vietnamese."""


def parse_date(text: str) -> date:
    """ "20/01/2024", "20-01-2024" or "2024-01-20"."""
    text = text.strip()
    for pattern, order in (
        (r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", (3, 2, 1)),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", (1, 2, 3)),
    ):
        if m := re.fullmatch(pattern, text):
            try:
                day = date(*(int(m.group(i)) for i in order))
            except ValueError:
                break
            if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                raise DateError(
                    f"ngày {day.day:02d}/{day.month:02d}/{day.year:04d} ngoài khoảng {EARLIEST_YEAR}-{LATEST_YEAR}"
                )
            return day
    raise DateError(f"ngày không hợp lệ: “{text}” (viết dd/mm/yyyy, ví dụ 20/01/2024)")
