"""Statistics tables in the forms a text gives them: flattened one cell a line (with or without a "Chỉ tiêu"
header, headers broken over lines, group rows, sub-rows sharing their cells), row lines of a PDF's text, rows
written with "|" or tabs; what their columns hold. Tables of .docx and PDF files: tests/test_table_files.py. Every
table below is our own: an imaginary province's figures."""

from __future__ import annotations

from datetime import date

from planwatch.extract.agencies import default_registry
from planwatch.extract.document import Extraction, extract_document
from planwatch.read.model import RawDocument, assemble
from planwatch.read.text import read_text

Key = tuple[str, str, float, str | None, str | None]


def _read(text: str, given_date: date | None = None) -> Extraction:
    return _extract(read_text("bang.txt", text.encode()), given_date)


def _extract(raw: RawDocument, given_date: date | None = None) -> Extraction:
    return extract_document(assemble(raw), default_registry(), given_date)


def _facts(found: Extraction) -> set[Key]:
    return {
        (f.fact.indicator, str(f.fact.measure), round(f.fact.value, 4), *f.fact.period.as_strings())
        for f in found.facts
    }


RETAIL = """Thực hiện tháng 8 năm 2025
Ước tính tháng 9 năm 2025
Lũy kế thực hiện 9 tháng năm 2025
Tháng 9/2025 so với cùng kỳ năm trước (%)
Lũy kế 9 tháng năm 2025 so với cùng kỳ năm trước (%)
Đơn vị tính : Tỷ đồng
Tổng số
3120,5
3204,8
27410,6
111,4
109,8
Phân theo nhóm ngành hàng
Doanh thu bán lẻ
2480,2
2536,9
21775,0
110,2
108,6
Dịch vụ ăn uống
402,7
418,3
3590,1
95,8
104,2
"""


def test_a_flattened_table_without_a_label_header_is_read_by_its_rows() -> None:
    found = _read(RETAIL)
    facts = _facts(found)
    assert ("Doanh thu bán lẻ", "value", 2480.2, "2025-08", "2025-08") in facts
    assert ("Doanh thu bán lẻ", "value", 2536.9, "2025-09", "2025-09") in facts
    assert ("Doanh thu bán lẻ", "value", 21775.0, "2025-01", "2025-09") in facts
    assert ("Dịch vụ ăn uống", "yoy_change_pct", -4.2, "2025-09", "2025-09") in facts  # an index of 95,8
    assert ("Dịch vụ ăn uống", "yoy_change_pct", 4.2, "2025-01", "2025-09") in facts
    [part] = [f.fact for f in found.facts if f.fact.value == 2480.2]
    # untitled, its total is named by its parts (lodging, food services, travel)
    total = "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"
    assert part.unit == "tỷ đồng" and part.parent == total and part.estimate is False
    [estimate] = [f.fact for f in found.facts if f.fact.value == 2536.9]
    assert estimate.estimate
    assert not any(f.fact.indicator.startswith("Phân theo") for f in found.facts)


def test_the_total_row_takes_the_title_of_its_table() -> None:
    titled = "Biểu 4. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng\n" + RETAIL
    assert any(f.fact.indicator.startswith("Tổng mức bán lẻ") and f.fact.value == 3204.8 for f in _read(titled).facts)


INDUSTRY = """CỤC THỐNG KÊ TỈNH GÒ SIM
Chỉ số sản xuất công nghiệp
Đơn vị tính: %
Ước tính tháng
8 năm 2025 so
với tháng trước
Ước tính tháng
8 năm 2025 so
với cùng kỳ
năm 2024
Cộng dồn
8 tháng năm
2025 so với cùng
kỳ năm 2024
TOÀN NGÀNH CÔNG NGHIỆP
102,40
109,15
106,30
1. Công nghiệp chế biến, chế tạo
103,10
111,05
107,90
2. Sản xuất và phân phối điện, khí đốt,
nước nóng, hơi nước và điều hòa không khí
98,60
103,20
102,75
"""


def test_header_cells_broken_over_lines_are_fitted_to_the_rows() -> None:
    facts = _facts(_read(INDUSTRY))
    assert ("TOÀN NGÀNH CÔNG NGHIỆP", "prev_change_pct", 2.4, "2025-08", "2025-08") in facts
    assert ("Công nghiệp chế biến, chế tạo", "yoy_change_pct", 11.05, "2025-08", "2025-08") in facts
    assert ("Công nghiệp chế biến, chế tạo", "yoy_change_pct", 7.9, "2025-01", "2025-08") in facts
    electricity = "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí"
    assert (electricity, "prev_change_pct", -1.4, "2025-08", "2025-08") in facts


PDF_LINES = """BÁO CÁO
Tình hình kinh tế - xã hội tháng 7 năm 2025
PHỤ LỤC. MỘT SỐ CHỈ TIÊU CHỦ YẾU
Chỉ tiêu ĐVT Thực hiện tháng 6 Ước tính tháng 7 Cộng dồn 7 tháng So cùng kỳ (%)
Kim ngạch xuất khẩu Triệu USD 215,4 228,9 1.540,2 107,6
Doanh nghiệp thành lập mới Doanh nghiệp 48 52 361 96,5
"""


def test_row_lines_of_a_pdf_text_with_a_one_line_header_and_a_unit_column() -> None:
    found = _read(PDF_LINES)
    facts = _facts(found)
    assert ("Kim ngạch xuất khẩu", "value", 228.9, "2025-07", "2025-07") in facts
    assert ("Kim ngạch xuất khẩu", "yoy_change_pct", 7.6, "2025-01", "2025-07") in facts
    assert ("Doanh nghiệp thành lập mới", "value", 361, "2025-01", "2025-07") in facts
    assert ("Doanh nghiệp thành lập mới", "yoy_change_pct", -3.5, "2025-01", "2025-07") in facts
    [exports] = [f.fact for f in found.facts if f.fact.value == 1540.2]
    assert exports.unit == "triệu USD"


PLAN_RESULTS = """ỦY BAN NHÂN DÂN TỈNH GÒ SIM
Gò Sim, ngày 05 tháng 12 năm 2025
KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2025

TT

Chỉ tiêu

Đơn vị

Kế hoạch năm 2025

Ước thực hiện năm 2025

Đánh giá

 1.

Tốc độ tăng trưởng GRDP

%

8-8,5

8,21

Đạt

 2.

Tốc độ tăng chỉ số giá tiêu dùng bình quân

%

Khoảng 3,5

3,1

Đạt

 3.

Tỷ lệ hộ nghèo

%

Dưới 2

1,8

Vượt

- Trong đó: Tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số

%

Dưới 6

5,4

 4.

Thu ngân sách nhà nước

Tỷ đồng

≥ 9.500

9.812

Vượt
"""


def test_a_plan_column_gives_targets_and_never_actuals() -> None:
    found = _read(PLAN_RESULTS)
    actuals = {(f.fact.indicator, f.fact.value) for f in found.facts if not f.planned}
    assert ("Tốc độ tăng trưởng GRDP", 8.21) in actuals and ("Thu ngân sách nhà nước", 9812) in actuals
    assert not any(f.fact.value in (8, 8.5, 3.5, 2, 6, 9500) for f in found.facts if not f.planned)
    targets = {t.draft.indicator: t.draft for t in found.targets}
    growth = targets["Tốc độ tăng trưởng GRDP"]
    assert (growth.measure, growth.comparator, growth.value_min, growth.value_max, growth.year) == (
        "yoy_change_pct",
        "range",
        8,
        8.5,
        2025,
    )
    assert (targets["Tỷ lệ hộ nghèo"].comparator, targets["Tỷ lệ hộ nghèo"].value) == ("<=", 2)
    minority = targets["Tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số"]
    assert (minority.comparator, minority.value, minority.parent) == ("<=", 6, "Tỷ lệ hộ nghèo")
    budget = targets["Thu ngân sách nhà nước"]
    assert (budget.comparator, budget.value, budget.unit) == (">=", 9500, "tỷ đồng")
    assert targets["Tốc độ tăng chỉ số giá tiêu dùng bình quân"].comparator == "="


NEXT_YEAR = """CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU NĂM 2026
(Theo báo cáo số 512/BC-UBND ngày 28/11/2025)
Stt
Chỉ tiêu chủ yếu
Ước TH năm 2026
I
Kinh tế
1
Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)
tăng 8 - 8,5%
2
Kim ngạch nhập khẩu (triệu USD)
640 (tăng 12%)
3
Tổng vốn đầu tư toàn xã hội (Tỷ đồng)
tăng từ 10-12% (dự ước 31.000 tỷ)
II
Xã hội
4
Tỷ lệ hộ nghèo giảm (%)
0,9 (còn 2,1%)
5
Số bác sỹ/vạn dân
12-13
"""


def test_a_column_of_a_year_after_the_documents_date_is_a_plan() -> None:
    found = _read(NEXT_YEAR)
    assert found.facts and all(f.planned for f in found.facts)
    targets = {(t.draft.indicator, str(t.draft.measure)): t.draft for t in found.targets}
    growth = targets[("Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)", "yoy_change_pct")]
    assert (growth.value_min, growth.value_max, growth.year) == (8, 8.5, 2026)
    imports = targets[("Kim ngạch nhập khẩu", "value")]
    assert (imports.value, imports.unit) == (640, "triệu USD")
    assert targets[("Kim ngạch nhập khẩu", "yoy_change_pct")].value == 12
    investment = targets[("Tổng vốn đầu tư toàn xã hội", "yoy_change_pct")]
    assert (investment.value_min, investment.value_max) == (10, 12)
    assert targets[("Tổng vốn đầu tư toàn xã hội", "value")].value == 31000
    assert targets[("Tỷ lệ hộ nghèo", "value")].value == 2.1  # the rate it leaves
    doctors = targets[("Số bác sỹ/vạn dân", "value")]
    assert (doctors.comparator, doctors.value_min, doctors.value_max) == ("range", 12, 13)


SUB_ROWS = """Kết quả thực hiện các chỉ tiêu kinh tế - xã hội năm 2025
Stt
Chỉ tiêu
TH năm 2024
KH năm 2025
Ước TH năm 2025
1
Tốc độ tăng trưởng GRDP (%)
7,1
8,0
8,3
Tr.đó:
- Công nghiệp - xây dựng (%)
10,2
11,5
12,0
2
Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng:
-Thể nhẹ cân (%)
-Thể thấp còi (%)
9,8
18,4
9,5
18,0
9,4
17,9
3
Thu ngân sách nhà nước (Tỷ đồng)
6.310
6.900
7.050
"""


def test_parts_under_a_row_and_sub_rows_sharing_their_cells() -> None:
    found = _read(SUB_ROWS, date(2025, 12, 10))
    facts = _facts(found)
    assert ("Công nghiệp - xây dựng", "yoy_change_pct", 12.0, "2025-01", "2025-12") in facts  # its parent's growth
    assert ("Công nghiệp - xây dựng", "yoy_change_pct", 10.2, "2024-01", "2024-12") in facts
    assert ("Thể nhẹ cân", "value", 9.4, "2025-01", "2025-12") in facts
    assert ("Thể thấp còi", "value", 17.9, "2025-01", "2025-12") in facts
    assert ("Thể thấp còi", "value", 18.4, "2024-01", "2024-12") in facts
    assert ("Thu ngân sách nhà nước", "value", 7050, "2025-01", "2025-12") in facts
    [part] = [f.fact for f in found.facts if f.fact.value == 12.0]
    assert part.parent == "Tốc độ tăng trưởng GRDP"
    prior = [f.fact for f in found.facts if f.fact.value == 6310]
    assert prior and "prior" in prior[0].tags


def test_rows_written_with_bars_or_tabs() -> None:
    bars = (
        "Lò Vôi, ngày 22 tháng 12 năm 2025\n"
        "STT | Chỉ tiêu | ĐVT | KH năm 2025 | TH 2025 | So sánh (%)\n"
        "1 | Thu ngân sách nhà nước | Tỷ đồng | 8.400 | 8.736 | 104,0\n"
    )
    facts = _facts(_read(bars))
    assert ("Thu ngân sách nhà nước", "plan_pct", 104.0, "2025-01", "2025-12") in facts
    assert ("Kế hoạch thu ngân sách nhà nước", "value", 8400, "2025-01", "2025-12") in facts
    tabs = (
        "Chỉ tiêu\tĐơn vị tính\tThực hiện năm 2024\tƯớc thực hiện năm 2025\tTăng/giảm (%)\n"
        "Sản lượng cà phê\tTấn\t84.200\t86.900\t3,2\n"
    )
    facts = _facts(_read(tabs))
    assert ("Sản lượng cà phê", "value", 84200, "2024-01", "2024-12") in facts
    assert ("Sản lượng cà phê", "yoy_change_pct", 3.2, "2025-01", "2025-12") in facts


def test_same_months_a_year_earlier_and_headers_that_name_their_base() -> None:
    same = (
        "Chỉ tiêu | Cùng kỳ năm 2024 | 6 tháng năm 2025 | So sánh (%)\nKhách du lịch (nghìn lượt) | 610 | 684 | 112,1\n"
    )
    facts = _facts(_read(same))
    assert ("Khách du lịch", "value", 610, "2024-01", "2024-06") in facts
    assert ("Khách du lịch", "yoy_change_pct", 12.1, "2025-01", "2025-06") in facts
    named = (
        "Chỉ tiêu | Tháng 5/2025 | Tháng 5/2025 so với tháng 4/2025 (%) | Tháng 5/2025 so với tháng 12/2024 (%)\n"
        "Điện thương phẩm (triệu kWh) | 402,5 | 103,4 | 108,9\n"
    )
    facts = _facts(_read(named))
    assert ("Điện thương phẩm", "prev_change_pct", 3.4, "2025-05", "2025-05") in facts
    assert ("Điện thương phẩm", "ytd_change_pct", 8.9, "2025-05", "2025-05") in facts


def test_a_period_over_its_columns_and_a_first_column_without_a_header() -> None:
    grouped = (
        "Kết quả thực hiện năm 2025\nChỉ tiêu\nĐVT\nNăm 2025\nKế hoạch\nThực hiện\nSo sánh (%)\n"
        "Thu ngân sách\nTỷ đồng\n7.000\n7.210\n103,0\n"
    )
    facts = _facts(_read(grouped))
    assert ("Thu ngân sách", "plan_pct", 103.0, "2025-01", "2025-12") in facts
    assert ("Kế hoạch thu ngân sách", "value", 7000, "2025-01", "2025-12") in facts
    unnamed = " | Năm 2024 | Năm 2025 | So sánh (%)\nTrồng trọt (tỷ đồng) | 6.210 | 6.480 | 104,3\n"
    found = _read(unnamed)
    assert ("Trồng trọt", "yoy_change_pct", 4.3, "2025-01", "2025-12") in _facts(found)
    assert not any(f.planned for f in found.facts)  # an undated text: 2025 is no plan for all we know


def test_columns_of_the_reported_month_and_of_the_year_to_date() -> None:
    text = (
        "Tình hình kinh tế - xã hội tháng 6 năm 2025\n"
        "Chỉ tiêu | ĐVT | Thực hiện tháng trước | Ước tính tháng báo cáo | Cộng dồn từ đầu năm đến cuối tháng báo cáo"
        " | Tháng báo cáo so với cùng kỳ năm trước (%)\n"
        "Vận chuyển hành khách | Nghìn HK | 940 | 1.012 | 5.630 | 107,5\n"
    )
    found = _read(text)
    facts = _facts(found)
    assert ("Vận chuyển hành khách", "value", 940, "2025-05", "2025-05") in facts
    assert ("Vận chuyển hành khách", "value", 5630, "2025-01", "2025-06") in facts
    assert ("Vận chuyển hành khách", "yoy_change_pct", 7.5, "2025-06", "2025-06") in facts
    assert {f.fact.unit for f in found.facts if f.fact.measure == "value"} == {"nghìn hành khách"}


def test_columns_that_name_the_year_by_words_the_one_before_and_the_whole_year() -> None:
    text = (
        "Tình hình kinh tế - xã hội 9 tháng năm 2024\n"
        "Chỉ tiêu | ĐVT | TH năm trước | Kế hoạch năm | Ước thực hiện 9 tháng | So kế hoạch năm (%) | Ước TH năm (tấn)\n"
        "Sản lượng thủy sản | Tấn | 41.200 | 44.000 | 32.750 | 74,4 | 43.900\n"
    )
    facts = _facts(_read(text))
    assert ("Sản lượng thủy sản", "plan_pct", 74.4, "2024-01", "2024-09") in facts  # of the 9 months' figure
    assert ("Sản lượng thủy sản", "value", 41200, "2023-01", "2023-12") in facts
    assert ("Sản lượng thủy sản", "value", 32750, "2024-01", "2024-09") in facts
    assert ("Sản lượng thủy sản", "value", 43900, "2024-01", "2024-12") in facts  # the year's estimate, no suffix
    assert ("Kế hoạch sản lượng thủy sản", "value", 44000, "2024-01", "2024-12") in facts
    after_plan = text.replace("Kế hoạch năm | Ước thực hiện 9 tháng", "Ước thực hiện 9 tháng | Kế hoạch năm")
    after_plan = after_plan.replace("44.000 | 32.750", "32.750 | 44.000")
    assert ("Sản lượng thủy sản", "plan_pct", 74.4, "2024-01", "2024-09") in _facts(_read(after_plan))


def test_a_unit_in_a_column_header_and_a_change_in_points_left_alone() -> None:
    text = (
        "Chỉ tiêu | Ước tính 9 tháng 2025 (tỷ đồng) | Cơ cấu (%) | So với cùng kỳ (%)\n"
        "Thu nội địa | 4.210,5 | 86,2 | 109,4\n"
        "Chỉ tiêu | Năm 2024 | Năm 2025 | Tăng, giảm (điểm %)\n"
        "Tỷ lệ hộ nghèo (%) | 3,1 | 2,4 | -0,7\n"
    )
    found = _read(text)
    facts = _facts(found)
    assert ("Thu nội địa", "share_pct", 86.2, "2025-01", "2025-09") in facts
    assert ("Thu nội địa", "yoy_change_pct", 9.4, "2025-01", "2025-09") in facts
    assert [f.fact.unit for f in found.facts if f.fact.value == 4210.5] == ["tỷ đồng"]
    assert not any(f.fact.value == -0.7 for f in found.facts)


def test_a_price_index_table_whose_group_cell_ends_with_so_voi() -> None:
    text = (
        "CHỈ SỐ GIÁ TIÊU DÙNG THÁNG 8 NĂM 2025\nĐơn vị tính: %\nChỉ số giá tháng 8 năm 2025 so với\n"
        "Bình quân 8 tháng năm 2025 so với cùng kỳ\nKỳ gốc (2019)\nCùng tháng năm trước\nTháng 12 năm trước\n"
        "Tháng trước\nGiáo dục\n108,30\n102,40\n101,10\n100,05\n102,15\n"
    )
    facts = _facts(_read(text))
    assert ("Giáo dục so với Kỳ gốc (2019)", "value", 108.3, "2025-08", "2025-08") in facts
    assert ("Giáo dục", "yoy_change_pct", 2.4, "2025-08", "2025-08") in facts
    assert ("Giáo dục", "ytd_change_pct", 1.1, "2025-08", "2025-08") in facts
    assert ("Giáo dục", "prev_change_pct", 0.05, "2025-08", "2025-08") in facts
    assert ("Giáo dục", "yoy_change_pct", 2.15, "2025-01", "2025-08") in facts
