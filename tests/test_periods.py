from datetime import date

from planwatch.vocab.periods import date_words, find_periods


def periods(text: str) -> list[tuple[str | None, str | None, bool]]:
    return [(*m.period.as_strings(), m.comparison) for m in find_periods(text, 2024, 5)]


def test_month_and_comparison_base() -> None:
    text = "Chỉ số sản xuất công nghiệp (IIP) tháng 5/2024 tăng 17,32% so với tháng 5/2023"
    assert periods(text) == [("2024-05", "2024-05", False), ("2023-05", "2023-05", True)]


def test_months_to_date_and_half_year() -> None:
    assert periods("05 tháng ước đạt 266.878 tỷ đồng") == [("2024-01", "2024-05", False)]
    assert periods("6 tháng đầu năm 2024") == [("2024-01", "2024-06", False)]
    assert periods("6 tháng cuối năm") == [("2024-07", "2024-12", False)]
    assert periods("(05 tháng năm 2023 tăng 15,3%)") == [("2023-01", "2023-05", False)]
    assert periods("Năm tháng đầu năm, có 250 doanh nghiệp") == [("2024-01", "2024-05", False)]
    assert periods("năm tháng qua") == []  # "year, month", not five months


def test_as_of_dates_and_quarters() -> None:
    assert periods("Tính đến hết ngày 15/5/2024: Tổng giá trị giải ngân") == [(None, "2024-05", False)]
    assert periods("quý II/2024") == [("2024-04", "2024-06", False)]
    assert periods("năm 2023") == [("2023-01", "2023-12", False)]


def test_durations_are_not_periods_of_figures() -> None:
    assert all(comparison for *_, comparison in periods("nợ từ 3 đến dưới 6 tháng là: 161 đơn vị"))
    assert periods("nợ từ 9 tháng trở lên") == []


def test_a_day_in_each_language() -> None:
    assert date_words(date(2025, 7, 5)) == "05/07/2025" and date_words(date(2025, 7, 5), "en") == "5 July 2025"
