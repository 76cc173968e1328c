"""One document read whole: its reference date and window, headlines, flattened tables, composed text."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from planwatch.extract.agencies import default_registry
from planwatch.extract.document import Extraction, extract_document
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.structure.doc_time import doubt_words
from planwatch.structure.metadata import read_metadata


def _read(text: str, given: date | None = None) -> Extraction:
    return extract_document(assemble(read_text("van-ban.txt", text.encode())), default_registry(), given)


def _facts(found: Extraction) -> set[tuple[str, float, str | None, str | None]]:
    return {(f.fact.measure, round(f.fact.value, 4), *f.fact.period.as_strings()) for f in found.facts}


NEWS = """Gò Sim: thu ngân sách 6 tháng vượt 2.100 tỷ đồng

Cập nhật: 08/07/2022 09:40

(GS) - Theo Sở Tài chính tỉnh Gò Sim, thu ngân sách nhà nước trên địa bàn 6 tháng đạt 2.146,8 tỷ đồng, tăng 12,4% so với cùng kỳ năm 2021.
"""


def test_a_news_item_takes_its_year_from_the_dateline_never_from_the_comparison() -> None:
    found = _read(NEWS)
    assert found.meta.reference.found_by == "dateline"
    assert ("value", 2146.8, "2022-01", "2022-06") in _facts(found)
    assert ("yoy_change_pct", 12.4, "2022-01", "2022-06") in _facts(found)


def test_a_headline_restating_the_body_is_one_fact() -> None:
    assert not any(f.fact.value == 2100 for f in _read(NEWS).facts)


def test_a_headline_change_without_its_base_is_the_bodys() -> None:
    item = (
        "Giá tiêu dùng tăng 0,21%\n\nCập nhật: 04/05/2019\n\n"
        "Theo Cục Thống kê, chỉ số giá tiêu dùng trên địa bàn tỉnh tháng 4 tăng 0,21% so với tháng trước.\n"
    )
    assert _facts(_read(item)) == {("prev_change_pct", 0.21, "2019-04", "2019-04")}


def test_without_any_date_the_comparison_implies_the_year_and_the_user_can_give_one() -> None:
    text = "Sáu tháng đầu năm, sản lượng cá tra đạt 41,2 nghìn tấn, tăng 3,8% so với cùng kỳ năm 2017.\n"
    assert ("value", 41.2, "2018-01", "2018-06") in _facts(_read(text))
    undated = "Sáu tháng đầu năm, sản lượng cá tra đạt 41,2 nghìn tấn.\n"
    assert _read(undated).warnings and not _read(undated, date(2020, 7, 1)).warnings
    assert ("value", 41.2, "2020-01", "2020-06") in _facts(_read(undated, date(2020, 7, 1)))


def test_a_header_date_and_a_price_base_year() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH HẠ VÂN\nSố: 88/BC-UBND\nHạ Vân, ngày 26 tháng 3 năm 2018\n\nBÁO CÁO\n"
        "Tình hình kinh tế - xã hội quý I năm 2018\n\n"
        "Giá trị sản xuất công nghiệp (giá so sánh 2010) quý I ước đạt 9.480 tỷ đồng, tăng 8,1%.\n"
    )
    found = _read(text)
    assert found.meta.reference.found_by == "header" and found.meta.issued == date(2018, 3, 26)
    assert ("value", 9480, "2018-01", "2018-03") in _facts(found)


FLAT = """PHỤ LỤC
KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023
TT
Chỉ tiêu
Đơn vị tính
Kế hoạch năm 2023
Ước thực hiện năm 2023
So với kế hoạch (%)
1
Tốc độ tăng trưởng GRDP
%
7,5
7,9
-
2
Thu ngân sách nhà nước trên địa bàn
Tỷ đồng
4.100
4.312
105,2
"""


def test_a_table_flattened_one_cell_a_line_is_read_column_by_column() -> None:
    facts = {(f.fact.indicator, f.fact.measure, f.fact.value): f for f in _read(FLAT).facts}
    assert ("Tốc độ tăng trưởng GRDP", "yoy_change_pct", 7.9) in facts
    assert ("Thu ngân sách nhà nước trên địa bàn", "value", 4312) in facts
    assert ("Thu ngân sách nhà nước trên địa bàn", "plan_pct", 105.2) in facts
    plan = facts[("Kế hoạch thu ngân sách nhà nước trên địa bàn", "value", 4100)]
    assert plan.planned and plan.fact.period.as_strings() == ("2023-01", "2023-12")


def test_decomposed_text_reads_as_composed() -> None:
    composed = _read(NEWS)
    decomposed = _read(unicodedata.normalize("NFD", NEWS))
    assert _facts(composed) == _facts(decomposed)


def test_spelling_variants_read_as_one_and_quotes_keep_the_documents_spelling() -> None:
    text = "Tổng thu ngân sách quí I/2023 đạt 1.210 tỉ đồng, tăng 4,2% so với cùng kì.\n"
    found = _read(text)
    assert ("yoy_change_pct", 4.2, "2023-01", "2023-03") in _facts(found)
    [value] = [f for f in found.facts if f.fact.measure == "value"]
    assert value.fact.unit == "tỷ đồng"


def test_footnotes_pasted_from_a_pdf_into_a_text_file() -> None:
    text = (
        "Giá trị xuất khẩu 5 tháng năm 2025 đạt 912 triệu USD, bằng 40,2% kế hoạch1.\n"
        + " " * 40
        + "\n1 Trong đó: hàng dệt may 310 triệu USD.\n"
    )
    found = _read(text)
    assert ("plan_pct", 40.2, "2025-01", "2025-05") in _facts(found)
    [note] = [f for f in found.facts if f.footnote == 1]
    assert note.fact.value == 310


CPI_TABLE = """CỤC THỐNG KÊ TỈNH MỎ ĐỒNG
Chỉ số giá tiêu dùng tháng 8 năm 2021

BIỂU: CHỈ SỐ GIÁ TIÊU DÙNG THÁNG 8/2021
Đơn vị tính: %
|
Tháng 8 năm 2021 so với:
|
Bình quân 8 tháng so với cùng kỳ
|
|
Kỳ gốc 2019
|
Tháng 8 năm trước
|
Tháng 12 năm trước
|
Tháng trước
|
|
Nhà ở và vật liệu xây dựng
|
103,40
|
102,10
|
100,90
|
99,60
|
101,75
|
"""


def test_a_two_level_table_of_price_indices_with_bar_separators() -> None:
    facts = {(f.fact.measure, f.fact.value): f.fact for f in _read(CPI_TABLE).facts}
    assert facts[("value", 103.4)].indicator.endswith("so với Kỳ gốc 2019")
    assert facts[("yoy_change_pct", 2.1)].period.as_strings() == ("2021-08", "2021-08")
    assert ("ytd_change_pct", 0.9) in facts
    assert ("prev_change_pct", -0.4) in facts
    assert facts[("yoy_change_pct", 1.75)].period.as_strings() == ("2021-01", "2021-08")


WRAPPED_CELLS = """Chỉ số giá tiêu dùng tháng 5 năm 2022
|
Tháng 5 năm 2022 so với:
|
Bình quân
5 tháng so với
cùng kỳ
|
|
Kỳ
gốc
2019
|
Tháng 5
năm
trước
|
Tháng 4
năm
2022
|
|
|
%
|
|
CHỈ SỐ GIÁ TIÊU DÙNG
|
104,62
|
103,15
|
100,42
|
102,08
|
|
Nhà ở và vật liệu
xây dựng
|
106,30
|
104,44
|
99,71
|
103,90
|
"""


def test_a_header_cell_wrapped_over_lines_between_two_bars_is_one_cell() -> None:
    facts = {(f.fact.measure, f.fact.value): f.fact for f in _read(WRAPPED_CELLS).facts}
    assert facts[("value", 104.62)].indicator.endswith("so với Kỳ gốc 2019")
    assert facts[("yoy_change_pct", 3.15)].period.as_strings() == ("2022-05", "2022-05")
    assert facts[("prev_change_pct", 0.42)].period.as_strings() == ("2022-05", "2022-05")
    assert facts[("yoy_change_pct", 2.08)].period.as_strings() == ("2022-01", "2022-05")
    assert facts[("prev_change_pct", -0.29)].indicator == "Nhà ở và vật liệu xây dựng"


def test_a_paragraph_opening_with_a_breakdown_is_about_the_last_figure_of_the_paragraph_before() -> None:
    text = (
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng 8 và 8 tháng năm 2024\n\n"
        "Tám tháng năm 2024, doanh thu dịch vụ lưu trú, ăn uống ước đạt 3.410 tỷ đồng, tăng 11,2% so với cùng kỳ.\n\n"
        "Riêng tháng 8, doanh thu dịch vụ lưu trú, ăn uống ước đạt 452 tỷ đồng, tăng 9,6% so với cùng kỳ.\n\n"
        "Trong đó, dịch vụ lưu trú tăng 14,3%; dịch vụ ăn uống tăng 8,7%.\n"
    )
    facts = {(f.fact.measure, f.fact.value): f.fact for f in _read(text).facts}
    assert facts[("yoy_change_pct", 11.2)].period.as_strings() == ("2024-01", "2024-08")
    assert facts[("yoy_change_pct", 14.3)].period.as_strings() == ("2024-08", "2024-08")
    assert facts[("yoy_change_pct", 8.7)].period.as_strings() == ("2024-08", "2024-08")
    assert facts[("yoy_change_pct", 8.7)].parent == "doanh thu dịch vụ lưu trú, ăn uống"


def test_the_parts_in_the_paragraph_after_a_share_of_plan_are_shares_of_their_plans_too() -> None:
    text = (
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng 3 năm 2024\n\n"
        "Tính chung quý I, vốn đầu tư thực hiện từ ngân sách địa phương ước đạt 1.620 tỷ đồng, bằng 14,2% kế hoạch năm "
        "và tăng 6,8% so với cùng kỳ.\n\n"
        "Trong đó, vốn cấp tỉnh đạt 1.105 tỷ đồng, bằng 13,1% và tăng 5,2%; vốn cấp huyện đạt 515 tỷ đồng, bằng 17,4%.\n"
    )
    facts = {(f.fact.measure, f.fact.value) for f in _read(text).facts}
    assert {("plan_pct", 13.1), ("plan_pct", 17.4), ("yoy_change_pct", 5.2)} <= facts


def test_a_figure_a_later_paragraph_states_again_is_one_fact() -> None:
    text = (
        "Cập nhật: 05/04/2023\n\n"
        "Quý I, hoạt động thương mại của tỉnh Gò Sim khởi sắc, kim ngạch xuất khẩu đạt 412 triệu USD, tăng 8,1%.\n\n"
        "Theo Sở Công Thương, trong quý I, xuất khẩu tiếp tục là điểm sáng; trong đó kim ngạch xuất khẩu đạt 412 triệu "
        "USD, kim ngạch nhập khẩu đạt 260 triệu USD.\n"
    )
    values = [(f.fact.measure, f.fact.value) for f in _read(text).facts]
    assert values.count(("value", 412)) == 1 and ("value", 260) in values


def test_a_footnote_takes_the_period_of_the_sentence_carrying_its_marker() -> None:
    text = (
        "BÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2025\n\n"
        "Kim ngạch xuất khẩu tháng 5 ước đạt 95 triệu USD; 5 tháng ước đạt 486 triệu USD[footnoteRef:1], tăng 9%.\n"
        "[1: Các mặt hàng chủ lực: hàng may mặc 160,2 triệu USD; đồ gỗ 70,4 triệu USD.]\n"
    )
    notes = [f.fact for f in _read(text).facts if f.footnote == 1]
    assert {(f.value, f.period.as_strings()) for f in notes} == {
        (160.2, ("2025-01", "2025-05")),
        (70.4, ("2025-01", "2025-05")),
    }


def test_a_title_past_the_rules_of_dashes_and_the_issuer() -> None:
    text = (
        "UBND TỈNH GÒ SIM\n –––––––––––\n\nPhần thứ nhất\nTÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2023\n\nI. KINH TẾ\n"
    )
    meta = _read(text).meta
    assert meta.title == "TÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2023" and meta.province == "Gò Sim"


def test_a_table_of_targets_gives_targets() -> None:
    table = (
        "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2024\n"
        "PHỤ LỤC CÁC CHỈ TIÊU CHỦ YẾU\nTT\nChỉ tiêu\nĐơn vị tính\nKế hoạch năm 2024\n"
        "1\nTốc độ tăng trưởng GRDP\n%\n8,5\n2\nTỷ lệ hộ nghèo giảm\n%\n1-1,5\n3\nThu ngân sách nhà nước\nTỷ đồng\n9.200\n"
    )
    targets = {t.draft.indicator: t.draft for t in _read(table).targets}
    growth, poverty, budget = (
        targets["Tốc độ tăng trưởng GRDP"],
        targets["Tỷ lệ hộ nghèo giảm"],
        targets["Thu ngân sách nhà nước"],
    )
    assert (growth.measure, growth.value, growth.year) == ("yoy_change_pct", 8.5, 2024)
    assert (poverty.comparator, poverty.value_min, poverty.value_max) == ("range", 1, 1.5)
    assert (budget.value, budget.unit) == (9200, "tỷ đồng")


def test_a_month_dateline_dates_the_item_and_the_window_is_the_one_the_text_names() -> None:
    item = (
        "Cập nhật: tháng 6/2023\n\n"
        "Tổng sản phẩm trên địa bàn (GRDP) ước tăng 6,2%, trong đó khu vực dịch vụ tăng 7,1%; thu ngân sách nhà nước "
        "ước đạt 4.120 tỷ đồng, bằng 51,2% dự toán năm. Ngành nông nghiệp tiếp tục ổn định, giá trị tăng thêm tăng "
        "khá so với cùng kỳ năm trước.\n\n"
        "Trong 6 tháng đầu năm, có thêm 3 xã được công nhận đạt chuẩn nông thôn mới.\n"
    )
    found = _read(item)
    assert found.meta.reference.found_by == "dateline" and found.meta.reference.day == date(2023, 6, 30)
    assert (found.meta.period.as_strings(), found.meta.period_found_by) == (("2023-01", "2023-06"), "body")
    assert ("yoy_change_pct", 6.2, "2023-01", "2023-06") in _facts(found)
    assert ("value", 4120, "2023-01", "2023-06") in _facts(found)


def test_a_page_copied_years_later_keeps_the_year_its_text_names() -> None:
    item = (
        "12/04/2026\n\n7 tháng năm 2020, Gò Sim thu hút 41 dự án đầu tư\n\n"
        "Theo Sở Kế hoạch và Đầu tư, 7 tháng năm 2020, tỉnh cấp giấy chứng nhận cho 41 dự án với tổng vốn đăng ký "
        "3.215 tỷ đồng, tăng 12 dự án so với cùng kỳ năm 2019.\n"
    )
    found = _read(item)
    assert found.meta.reference.day == date(2020, 12, 31) and found.meta.period.as_strings() == ("2020-01", "2020-07")
    assert ("value", 3215, "2020-01", "2020-07") in _facts(found)


def test_the_month_of_a_meeting_is_not_the_window_of_its_figures() -> None:
    item = (
        "Cập nhật: 26/06/2024 10:20\n\n"
        "Sáng 25/6, tại phiên họp thường kỳ tháng 6, UBND tỉnh Gò Sim đánh giá tình hình kinh tế - xã hội 6 tháng đầu "
        "năm và bàn nhiệm vụ 6 tháng cuối năm. Theo báo cáo, giá trị sản xuất công nghiệp ước đạt 18.240 tỷ đồng, "
        "tăng 9,3% so với cùng kỳ.\n"
    )
    assert ("value", 18240, "2024-01", "2024-06") in _facts(_read(item))


def test_the_year_is_the_one_the_text_names_for_its_own_months_not_a_base_in_parentheses() -> None:
    text = (
        "Theo Sở Công Thương: tổng mức bán lẻ hàng hóa tháng 12/2021 ước đạt 5.120 tỷ đồng; lũy kế 12 tháng ước đạt "
        "58.400 tỷ đồng, tăng 8,1% so với cùng kỳ năm trước (lũy kế 12 tháng năm 2020 đạt 54.020 tỷ đồng), đạt 99,2% "
        "kế hoạch năm. Kim ngạch xuất khẩu tháng 12/2021 ước đạt 120 triệu USD.\n"
    )
    found = _read(text)
    assert found.meta.reference.day is not None and found.meta.reference.day.year == 2021
    assert {("value", 58400, "2021-01", "2021-12"), ("plan_pct", 99.2, "2021-01", "2021-12")} <= _facts(found)
    assert ("value", 54020, "2020-01", "2020-12") in _facts(found)


def test_of_two_years_named_as_often_the_one_a_plan_is_built_for_is_not_the_texts_own() -> None:
    item = (
        "Chín tháng đầu năm, thu ngân sách trên địa bàn ước đạt 2.780 tỷ đồng, bằng 69,5% dự toán. Những tháng cuối "
        "năm, tỉnh tập trung hoàn thành các chỉ tiêu năm 2024; đồng thời xây dựng dự toán thu ngân sách năm 2025 "
        "bảo đảm sát thực tế.\n"
    )
    found = _read(item)
    assert found.meta.reference.day is not None and found.meta.reference.day.year == 2024
    assert found.meta.doubt is None
    assert ("value", 2780, "2024-01", "2024-09") in _facts(found)


def test_a_grdp_without_its_window_is_the_quarters_to_date() -> None:
    item = (
        "Cập nhật: 28/09/2023\n\nTổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 5,8% so với cùng kỳ năm trước, "
        "cao hơn mức tăng chung của vùng; khu vực công nghiệp - xây dựng tăng 8,4%, khu vực dịch vụ tăng 6,1%, "
        "đóng góp chủ yếu vào mức tăng trưởng chung của toàn tỉnh.\n"
    )
    found = _read(item)
    assert (found.meta.period.as_strings(), found.meta.period_found_by) == (("2023-01", "2023-09"), "indicator")


def test_a_document_without_any_year_says_why_its_year_is_in_doubt() -> None:
    found = _read("Sáu tháng đầu năm, sản lượng cá tra đạt 41,2 nghìn tấn.\n")
    assert found.meta.doubt == "no_year" and "không nêu năm" in doubt_words(found.meta.doubt)
    assert _read("Sáu tháng đầu năm 2021, sản lượng cá tra đạt 41,2 nghìn tấn.\n").meta.doubt is None


def test_in_a_months_report_budget_and_grdp_cover_the_months_to_date() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH HẠ VÂN\nSố: 140/BC-UBND\nHạ Vân, ngày 24 tháng 6 năm 2024\n\nBÁO CÁO\n"
        "Tình hình kinh tế - xã hội tháng 6 năm 2024\n\n"
        "Chỉ số sản xuất công nghiệp tháng 6 tăng 1,2% so với tháng trước.\n"
        "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 5.320 tỷ đồng, bằng 52,1% dự toán.\n"
        "Tăng trưởng GRDP ước đạt 6,9%, trong đó khu vực dịch vụ tăng 7,3%.\n"
        "Doanh thu dịch vụ ăn uống ước đạt 412 tỷ đồng.\n"
        "Chỉ số giá tiêu dùng tháng 6 tăng 0,2% so với tháng trước. Tốc độ tăng trưởng GRDP ước đạt 7,4%.\n"
        "Trong tháng 6, tổng sản phẩm trên địa bàn tỉnh ước tăng 7,1% so với cùng kỳ.\n"
    )
    facts = _facts(_read(text))
    # a GRDP is never a month's, though a sentence before or its own names the month
    assert {("yoy_change_pct", 7.4, "2024-01", "2024-06"), ("yoy_change_pct", 7.1, "2024-01", "2024-06")} <= facts
    assert ("prev_change_pct", 1.2, "2024-06", "2024-06") in facts
    assert {("value", 5320, "2024-01", "2024-06"), ("plan_pct", 52.1, "2024-01", "2024-06")} <= facts
    assert {("yoy_change_pct", 6.9, "2024-01", "2024-06"), ("yoy_change_pct", 7.3, "2024-01", "2024-06")} <= facts
    assert ("value", 412, "2024-06", "2024-06") in facts  # a service's revenue is no part of the GRDP


def test_an_undated_report_is_of_the_year_after_its_comparison_and_its_plan_stays_a_plan() -> None:
    text = (
        "Tổng sản phẩm trên địa bàn (GRDP) ước tăng 9,4% so với năm 2016 (KH năm tăng 8,5% trở lên); thu ngân sách "
        "nhà nước ước đạt 6.120 tỷ đồng, vượt 4,2% dự toán.\n"
    )
    found = _read(text)
    assert found.meta.reference.day is not None and found.meta.reference.day.year == 2017
    figures = {(f.fact.measure, f.fact.value, f.planned) for f in found.facts}
    assert {("yoy_change_pct", 9.4, False), ("yoy_change_pct", 8.5, True), ("value", 6120, False)} <= figures
    # "cao hơn năm 2022 (7,4%)" compares with 2022 too: the text is of 2023
    higher = _read("Năm qua, tốc độ tăng trưởng GRDP ước đạt 8,1%, cao hơn năm 2022 (7,4%).\n")
    assert higher.meta.reference.day is not None and higher.meta.reference.day.year == 2023


def test_an_undated_item_is_of_the_year_after_an_earlier_years_figure_quoted_in_a_parenthesis() -> None:
    text = (
        "Chín tháng đầu năm, kim ngạch xuất khẩu đạt 640 triệu USD. Tỷ lệ lao động qua đào tạo đạt 71,5% "
        "(năm 2022 là 69,8%).\n"
    )
    found = _read(text)
    assert found.meta.reference.day is not None and found.meta.reference.day.year == 2023
    assert {("value", 640, "2023-01", "2023-09"), ("value", 69.8, "2022-01", "2022-12")} <= _facts(found)


def test_a_target_reached_whoever_set_it_leaves_the_figures_after_it_actual() -> None:
    item = "Cập nhật: 07/01/2026\n\nNăm 2025, CPI bình quân tăng 3,1%, đạt mục tiêu Quốc hội đề ra; lạm phát cơ bản tăng 3,05%.\n"
    figures = {(f.fact.measure, f.fact.value, f.planned) for f in _read(item).facts}
    assert {("yoy_change_pct", 3.1, False), ("yoy_change_pct", 3.05, False)} <= figures


def test_a_headline_that_aims_at_the_next_quarter_is_not_the_window_the_item_reports() -> None:
    item = (
        "Gò Sim đặt mục tiêu tăng trưởng trên 9% trong quý II/2025\n\nCập nhật: tháng 4/2025\n\n"
        "Chiều 9/4, UBND tỉnh Gò Sim họp báo công bố kết quả phát triển kinh tế - xã hội quý I/2025. Theo đó, tốc độ "
        "tăng trưởng kinh tế (GRDP) ước đạt 8,6%, vượt 0,1% so với kịch bản đề ra (8,5%), cao hơn 1,1% so với cùng "
        "kỳ năm 2024 (7,5%).\n"
    )
    found = _read(item)
    assert found.meta.period.as_strings() == ("2025-01", "2025-03")
    figures = {(*key, f.planned) for f in found.facts for key in [(f.fact.measure, f.fact.value)]}
    assert figures == {("yoy_change_pct", 8.6, False), ("yoy_change_pct", 8.5, True), ("yoy_change_pct", 7.5, False)}
    assert ("yoy_change_pct", 7.5, "2024-01", "2024-03") in _facts(found)


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (  # a PDF's line runs the subject into a preamble that opens with "Căn cứ"
            "Số: 12/KH-UBND\nKẾ HOẠCH\nPhát triển thương mại điện tử tỉnh Gò Sim năm 2027 Căn cứ Luật Thương mại "
            "ngày 14 tháng 6 năm 2005; theo đề nghị của Sở Công Thương, UBND tỉnh ban hành Kế hoạch như sau:\n",
            "KẾ HOẠCH Phát triển thương mại điện tử tỉnh Gò Sim năm 2027",
        ),
        (  # ... into a preamble that says the subject again
            "NGHỊ QUYẾT\nTriển khai Chương trình hành động số 05 về chuyển đổi số năm 2026 Triển khai Chương trình "
            "hành động số 05 về chuyển đổi số năm 2026, Hội đồng nhân dân tỉnh quyết nghị:\n",
            "NGHỊ QUYẾT Triển khai Chương trình hành động số 05 về chuyển đổi số năm 2026",
        ),
        (  # a subject wrapped over two lines, then the council's name
            "NGHỊ QUYẾT\nVề nhiệm vụ phát triển kinh tế - xã hội 6 tháng\ncuối năm 2027 tỉnh Gò Sim\n"
            "HỘI ĐỒNG NHÂN DÂN TỈNH GÒ SIM\n",
            "NGHỊ QUYẾT Về nhiệm vụ phát triển kinh tế - xã hội 6 tháng cuối năm 2027 tỉnh Gò Sim",
        ),
    ],
)
def test_a_title_is_the_kind_and_its_subject_up_to_the_body(head: str, title: str) -> None:
    assert read_metadata(head + "I. MỤC ĐÍCH\nNội dung.\n").title == title


def test_a_subject_without_an_end_is_cut_at_a_word() -> None:
    places = ("giao thông", "đô thị", "nông thôn", "vùng núi", "ven biển", "khu công nghiệp", "cửa khẩu", "hải đảo")
    subject = "Về " + ", ".join(f"các giải pháp trọng tâm cho hạ tầng {place} của tỉnh" for place in places)
    title = read_metadata(f"KẾ HOẠCH\n{subject}\nI. MỤC ĐÍCH\n").title
    assert title is not None and len(title) <= 251 and title.endswith("…")


def test_a_news_lead_gives_its_first_sentence_as_the_title() -> None:
    lead = (
        "Sáng 14/3, TP. Gò Sim tổ chức hội nghị sơ kết quý I năm 2027. Giá trị sản xuất công nghiệp quý I ước đạt "
        "8.450 tỷ đồng, tăng 9,2% so với cùng kỳ.\n"
    )
    assert read_metadata(lead).title == "Sáng 14/3, TP. Gò Sim tổ chức hội nghị sơ kết quý I năm 2027."


def test_an_early_january_item_on_the_months_that_close_a_year_speaks_of_the_year_before() -> None:
    closing = (
        "Sản xuất công nghiệp cuối năm\n\nCập nhật: 05/01/2026\n\n"
        "Theo Thống kê tỉnh Gò Sim, chỉ số sản xuất công nghiệp tháng 12 tăng 2,8% so với tháng trước; riêng quý IV "
        "tăng 9,6% so với cùng kỳ năm trước, trong đó ngành chế biến, chế tạo tăng 11,3% nhờ nhiều đơn hàng mới.\n"
    )
    assert ("prev_change_pct", 2.8, "2025-12", "2025-12") in _facts(_read(closing))
    assert ("yoy_change_pct", 9.6, "2025-10", "2025-12") in _facts(_read(closing))
    opening = closing.replace(
        "tháng 12 tăng 2,8% so với tháng trước; riêng quý IV", "tháng 1 tăng 2,8% so với tháng 12;"
    )
    assert ("prev_change_pct", 2.8, "2026-01", "2026-01") in _facts(_read(opening))
