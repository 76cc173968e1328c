"""The year of a document's figures when no date is printed: unknown rather than guessed, the year a plan of the text
is set for, a year named by its lunar name, the year a comparison base implies, a page's dateline written out."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.vocab.periods import parse_period

from .test_document import _facts, _read


def test_a_document_without_any_year_leaves_the_year_of_its_figures_unknown_never_the_year_it_is_read() -> None:
    text = (
        "Tám tháng, huyện trồng mới 1.250 ha rừng, tăng 6,5% so với cùng kỳ năm trước; riêng tháng "
        "8 trồng 140 ha. Vốn giai đoạn 2021-2025 đã giải ngân 310 tỷ đồng.\n"
    )
    found = _read(text)
    assert found.warnings and {f.fact.period.as_strings() for f in found.facts if f.fact.value != 310} == {(None, None)}
    assert ("value", 310, "2021-01", "2025-12") in _facts(found)  # a span the text writes out keeps its years
    assert ("value", 1250, "2019-01", "2019-08") in _facts(_read(text, date(2019, 9, 5)))


def test_a_planned_figure_dated_only_by_the_report_is_of_the_year_the_report_plans() -> None:
    text = (
        "BÁO CÁO\nTình hình kinh tế - xã hội năm 2022 và kế hoạch năm 2023\n\n"
        "Năm 2022, số khách du lịch đến tỉnh ước đạt 2,4 triệu lượt (kế hoạch 2,2 triệu lượt).\n"
        "Năm tới, tỉnh phấn đấu đón 2,8 triệu lượt khách du lịch.\n"
    )
    found = _facts(_read(text))
    assert ("value", 2.8, "2023-01", "2023-12") in found  # set for the year to come
    assert {("value", 2.4, "2022-01", "2022-12"), ("value", 2.2, "2022-01", "2022-12")} <= found  # its plan quoted


def test_an_undated_item_naming_its_year_by_its_lunar_name_is_of_that_year_not_of_the_one_it_compares_with() -> None:
    text = (
        "Tháng 2, dịp Xuân Giáp Thìn, lượng khách lưu trú tại các cơ sở trên địa bàn đạt 96.400 lượt, cao hơn "
        "dịp Tết Quý Mão 9,1%.\n"
    )
    found = _read(text)
    assert found.meta.reference.day == date(2024, 12, 31) and found.meta.doubt is None
    assert ("value", 96400, "2024-02", "2024-02") in _facts(found)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "Chín tháng, sản lượng điện thương phẩm đạt 1.930 triệu kWh, tăng 9,6% so với 9 tháng năm 2021.\n",
            ("2022-01", "2022-09"),
        ),
        (
            "Quý III, lượng hàng qua cảng đạt 2,4 triệu tấn, thấp hơn quý III năm 2023 khoảng 2%.\n",
            ("2024-07", "2024-09"),
        ),
        (
            "Quý I, giá trị tăng thêm ngành xây dựng đạt 4.120 tỷ đồng, tăng 9,4%, cao hơn mức tăng 7,7% của quý I/2025.\n",
            ("2026-01", "2026-03"),
        ),
        (
            "Sáu tháng, số ca sinh tại các bệnh viện đạt 5.310 ca, bằng 97% so với sáu tháng đầu năm 2018.\n",
            ("2019-01", "2019-06"),
        ),
    ],
)
def test_a_base_that_names_its_window_before_its_year_gives_the_year_after_it(
    text: str, period: tuple[str, str]
) -> None:
    found = _read(text)
    assert found.meta.reference.day is not None and found.meta.reference.day.year == int(period[0][:4])
    assert any(f.fact.measure == "value" and f.fact.period.as_strings() == period for f in found.facts)


def test_a_weekday_dateline_written_out_dates_the_page_and_an_early_january_item_looks_back_on_the_year_before() -> (
    None
):
    text = (
        "Nông nghiệp giữ nhịp tăng trưởng\n\nThứ Năm, ngày 11 tháng 01 năm 2024 | 08:15\n\n"
        "Năm qua, sản lượng lương thực có hạt toàn tỉnh đạt 612 nghìn tấn, tăng 2,3% so với năm trước; giá trị sản "
        "xuất trên một héc-ta đất trồng trọt đạt 118 triệu đồng.\n"
    )
    found = _read(text)
    assert found.meta.reference.found_by == "dateline" and found.meta.issued is None  # a page's date, no issuing
    assert ("value", 612, "2023-01", "2023-12") in _facts(found)
    assert _read("UBND HUYỆN ĐỒI CHÈ\nĐồi Chè, ngày 11 tháng 01 năm 2024\n\n" + text).meta.issued == date(2024, 1, 11)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        (
            "Tháng 8, chỉ số sản xuất công nghiệp tăng 2,6% so với tháng 7/2023 và tăng 9,1% so với cùng kỳ.\n",
            "2023-08",
        ),
        ("Quý II, giá trị xuất khẩu đạt 612 triệu USD, tăng 5,2% so với quý I/2021.\n", "2021-06"),
    ],
)
def test_a_base_that_is_the_month_or_quarter_just_before_the_named_one_is_of_the_same_year(
    text: str, period: str
) -> None:
    found = _read(text)
    assert found.meta.reference.day is not None and found.meta.reference.day.year == int(period[:4])
    assert found.meta.doubt is None and any(f.fact.period.end == parse_period(None, period).end for f in found.facts)
