"""The deadline reader: dates, days and months resolved against the document's date, periods and recurrences."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.extract.deadlines import deadline_in_cell, find_deadlines

LETTER = date(2025, 10, 14)  # the date of the letter the phrases are read in


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("gửi hồ sơ về Sở Tài chính trước ngày 28-10.", date(2025, 10, 28)),
        ("tham mưu phê duyệt trước ngày 10-11", date(2025, 11, 10)),
        ("báo cáo kết quả trước ngày 05/11", date(2025, 11, 5)),
        ("hoàn thành trước 30/6", date(2026, 6, 30)),  # 30 June has passed: next year's
        ("trình UBND tỉnh trước ngày 10/01", date(2026, 1, 10)),
        ("chậm nhất ngày 30/11/2025", date(2025, 11, 30)),
        ("trước ngày 15 tháng 01 năm 2026", date(2026, 1, 15)),
    ],
)
def test_days_are_dated_by_the_document(text: str, due: date) -> None:
    [deadline] = find_deadlines(text, 0, LETTER)
    assert deadline.due == due and deadline.dated and text[deadline.start : deadline.end].strip()


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("trình UBND tỉnh xem xét trong tháng 8/2025", date(2025, 8, 31)),
        ("đóng điện chậm nhất trong quý IV/2025", date(2025, 12, 31)),
        ("hoàn thành trong quý I/2026", date(2026, 3, 31)),
        ("hoàn thành trong năm 2026", date(2026, 12, 31)),
    ],
)
def test_periods_are_due_on_their_last_day(text: str, due: date) -> None:
    [deadline] = find_deadlines(text, 0, LETTER)
    assert deadline.due == due and not deadline.dated


@pytest.mark.parametrize(
    ("text", "every", "first", "count"),
    [
        ("Hằng tháng, trước ngày 25, báo cáo tiến độ", "month", date(2025, 10, 25), 3),
        ("báo cáo trước ngày 15 hằng tháng", "month", date(2025, 10, 15), 3),
        ("Định kỳ trước ngày 05 hằng tháng, công khai kết quả", "month", date(2025, 11, 5), 2),
        ("định kỳ hằng quý, báo cáo trước ngày 20 của tháng cuối quý", "quarter", date(2025, 12, 20), 1),
        ("trước ngày 05/6 và 05/12 hàng năm", "half", date(2025, 12, 5), 1),
        ("định kỳ 6 tháng (trước ngày 10/6 và ngày 10/12)", "half", date(2025, 12, 10), 1),
        ("trước ngày 05/12 hằng năm", "year", date(2025, 12, 5), 1),
        ("vào thứ Sáu hằng tuần", "week", date(2025, 10, 17), 11),
    ],
)
def test_recurrences_with_their_occurrences(text: str, every: str, first: date, count: int) -> None:
    [deadline] = find_deadlines(text, 0, LETTER)
    assert (deadline.every, deadline.first, deadline.due) == (every, first, None)
    assert len(deadline.occurrences(LETTER)) == count


@pytest.mark.parametrize("text", ["định kỳ hằng quý", "hằng tuần", "định kỳ 6 tháng, năm", "định kỳ hằng tháng"])
def test_recurrences_without_a_day_have_no_date(text: str) -> None:
    [deadline] = find_deadlines(text, 0, LETTER)
    assert deadline.every and deadline.first is None and deadline.occurrences(LETTER) == []


@pytest.mark.parametrize("text", ["khẩn trương", "thường xuyên", "ngày 19/11/2019 của Thủ tướng", "năm 2025 đạt 91,2%"])
def test_words_that_set_no_deadline(text: str) -> None:
    assert find_deadlines(text, 0, LETTER) == []


def test_cells_of_a_task_table() -> None:
    assert deadline_in_cell("Trước 30/6/2026") and deadline_in_cell("Quý III/2026")
    cell = deadline_in_cell("Trước 15/11", 0, date(2026, 1, 22))
    assert cell is not None and cell.due == date(2026, 11, 15)
    yearly = deadline_in_cell("Hằng năm")
    assert yearly is not None and yearly.every == "year" and yearly.due is None
    assert deadline_in_cell("Thường xuyên") is None


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_a_day_and_month_is_the_next_such_day_from_the_document(reference: date, month: int, day: int) -> None:
    [deadline] = find_deadlines(f"hoàn thành trước ngày {day}/{month}.", 0, reference)
    assert deadline.due is not None and (deadline.due.month, deadline.due.day) == (month, day)
    assert reference <= deadline.due < reference + timedelta(days=366)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(1, 31))
def test_a_monthly_deadline_comes_next_and_every_month_after(reference: date, day: int) -> None:
    [deadline] = find_deadlines(f"báo cáo trước ngày {day} hằng tháng", 0, reference)
    dates = deadline.occurrences(reference)
    assert deadline.first is not None and deadline.first >= reference
    assert dates == sorted(dates) and all(d >= reference and d.year == reference.year for d in dates)
    assert len({d.month for d in dates}) == len(dates)
    if dates:
        assert deadline.first == dates[0]


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)))
def test_a_full_date_does_not_depend_on_the_document(reference: date) -> None:
    [deadline] = find_deadlines("chậm nhất ngày 30/11/2025", 0, reference)
    assert deadline.due == date(2025, 11, 30)
