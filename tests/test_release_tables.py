"""Shapes of a statistics office's release tables and report annexes as the readers give them: headers broken
before their year or flattened from two rows, a unit column heading the header, group rows under the header,
footnote marks glued to figures, row labels with a semicolon or a dashed index, a value column naming its own
unit. Every table below is our own: an imaginary province's figures."""

from __future__ import annotations

from tests.test_tables import _facts, _read


def test_header_cells_broken_before_their_year_and_a_column_opening_with_its_months() -> None:
    # a PDF breaks each header cell after "năm" (its year on the next line, "2026 so với" too), and the last
    # column opens with its months ("7 tháng năm ..."): the cell before it ended with its "(%)"
    text = (
        "CỤC THỐNG KÊ TỈNH GÒ SIM\nBÁO CÁO tháng 7 năm 2026\nVốn đầu tư thực hiện từ nguồn ngân sách nhà nước\n"
        "Đơn vị tính: Tỷ đồng\nThực hiện\ntháng 6 năm\n2026\nƯớc tính\ntháng 7 năm\n2026\nCộng dồn 7\ntháng năm\n"
        "2026\nTháng 7 năm\n2026 so với\ncùng kỳ năm\ntrước (%)\n7 tháng năm\n2026 so với\ncùng kỳ năm\ntrước (%)\n"
        "Vốn ngân sách cấp tỉnh 402,5 436,1 2.870,3 109,4 104,8\nVốn ngân sách cấp xã 95,2 99,7 640,9 97,3 101,6\n"
    )
    facts = _facts(_read(text))
    assert ("Vốn ngân sách cấp tỉnh", "value", 402.5, "2026-06", "2026-06") in facts
    assert ("Vốn ngân sách cấp tỉnh", "value", 2870.3, "2026-01", "2026-07") in facts
    assert ("Vốn ngân sách cấp xã", "yoy_change_pct", -2.7, "2026-07", "2026-07") in facts
    assert ("Vốn ngân sách cấp xã", "yoy_change_pct", 1.6, "2026-01", "2026-07") in facts


def test_footnote_marks_glued_to_figures_and_labels_of_pdf_row_lines() -> None:
    text = (
        "CỤC THỐNG KÊ TỈNH GÒ SIM\nBÁO CÁO tháng 7 năm 2026\nThu ngân sách nhà nước\nĐơn vị tính: Tỷ đồng\n"
        "Chỉ tiêu\nDự toán năm 2026\nƯớc thực hiện 7 tháng năm 2026\nSo với dự toán (%)\nSo với cùng kỳ năm trước (%)\n"
        "Thu thuế bảo vệ môi trường(3) 820 515,4(*) 62,9 104,1*\nThu phí, lệ phí 310 176,2 56,8¹ 98,7\n"
        "Thu tiền thuê đất 450 290,8 64,6 121,0(2)\n"
    )
    facts = _facts(_read(text))
    assert ("Thu thuế bảo vệ môi trường", "value", 515.4, "2026-01", "2026-07") in facts
    assert ("Thu thuế bảo vệ môi trường", "yoy_change_pct", 4.1, "2026-01", "2026-07") in facts
    assert ("Thu phí, lệ phí", "plan_pct", 56.8, "2026-01", "2026-07") in facts
    assert ("Thu tiền thuê đất", "yoy_change_pct", 21.0, "2026-01", "2026-07") in facts
    assert not any(f[0].endswith(")") for f in facts)


def test_a_value_column_that_names_its_unit_beside_a_quantity_in_the_rows_unit() -> None:
    # the unit column holds the quantity's unit ("Tấn"); the value column's header names its own ("Triệu USD")
    text = (
        "BÁO CÁO tháng 7 năm 2026\nHàng hóa nhập khẩu chủ yếu\n"
        "Mặt hàng | ĐVT | Ước tính 7 tháng năm 2026 | | So với cùng kỳ năm trước (%) | \n"
        " | | Lượng | Trị giá (Triệu USD) | Lượng | Trị giá\n"
        "Phân bón | Tấn | 41.300 | 17,6 | 93,5 | 88,2\nTỷ lệ nội địa hóa | % | | 36,5 | | \n"
    )
    found = _units(text)
    assert found[("Phân bón", 41300)] == "tấn"
    assert found[("Phân bón", 17.6)] == "triệu USD"
    assert found[("Tỷ lệ nội địa hóa", 36.5)] == "%"


def test_a_flattened_table_whose_header_opens_with_its_unit_column() -> None:
    # no "Chỉ tiêu" over the labels: the unit column's header comes first, then each row's label, unit, figures
    text = (
        "BÁO CÁO tháng 7 năm 2026\nSản phẩm công nghiệp chủ yếu\nĐVT\nƯớc tính tháng 7 năm 2026\n"
        "Cộng dồn 7 tháng năm 2026\n7 tháng năm 2026 so với cùng kỳ năm trước (%)\n"
        "Gạch xây dựng\nTriệu viên\n61,4\n402,8\n96,1\nNước máy thương phẩm\nNghìn m3\n2.310,5\n15.870,2\n106,4\n"
    )
    found = {(f.fact.indicator, str(f.fact.measure), f.fact.value): f.fact.unit for f in _read(text).facts}
    assert found[("Gạch xây dựng", "value", 402.8)] == "triệu viên"
    assert found[("Nước máy thương phẩm", "value", 2310.5)] == "nghìn m3"
    assert ("Nước máy thương phẩm", "yoy_change_pct", 6.4) in found


def test_a_row_of_empty_cells_parted_by_single_spaced_bars_stays_a_row() -> None:
    # "Nhóm ... | |": each bar has a space or the line's end on both sides, though no " | " twice
    text = (
        "BÁO CÁO tháng 7 năm 2026\nChi đầu tư phát triển\nĐơn vị tính: Tỷ đồng\n"
        "Chỉ tiêu | Ước tính tháng 7 năm 2026 | Cộng dồn 7 tháng năm 2026\nSửa chữa cầu | 3,9 | 27,4\n"
        "Nhóm công trình thủy lợi | |\nKênh tưới | 6,1 | 40,2\n"
    )
    facts = _facts(_read(text))
    assert ("Sửa chữa cầu", "value", 27.4, "2026-01", "2026-07") in facts
    assert ("Kênh tưới", "value", 40.2, "2026-01", "2026-07") in facts


def test_a_group_row_right_under_the_header_is_a_row_not_a_header_line() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nVốn đầu tư thực hiện\nĐơn vị tính: Tỷ đồng\n"
        "Chỉ tiêu | Ước tính tháng 7 năm 2026 | Cộng dồn 7 tháng năm 2026\nA. Vốn trung ương quản lý | |\n"
        "Xây dựng đê điều | 14,2 | 88,5\nB. Vốn địa phương quản lý | |\nTrường học | 21,7 | 140,3\n"
    )
    parents = {(f.fact.indicator, f.fact.value): f.fact.parent for f in _read(text).facts}
    assert parents[("Xây dựng đê điều", 88.5)] == "Vốn trung ương quản lý"
    assert parents[("Trường học", 140.3)] == "Vốn địa phương quản lý"


def test_the_last_header_cell_before_pdf_row_lines_that_write_their_unit_after_the_label() -> None:
    # the unit column's cells stand in the row lines ("Tổng số Tỷ đồng ..."): the header's last cell, followed by
    # such a line and a figure, is no row label with its unit on the next line; the table keeps its title
    text = (
        "BÁO CÁO tháng 7 năm 2026\nDoanh thu dịch vụ lưu trú và ăn uống\nĐơn vị tính\nƯớc tính tháng 7 năm 2026\n"
        "Cộng dồn 7 tháng năm 2026\n7 tháng so với cùng kỳ (%)\nTổng số Tỷ đồng 84,3 560,9 102,7\n"
        "Dịch vụ ăn uống Tỷ đồng 62,6 410,4 97,8\n"
    )
    found = {(f.fact.indicator, str(f.fact.measure), f.fact.value): f.fact.unit for f in _read(text).facts}
    assert found[("Doanh thu dịch vụ lưu trú và ăn uống", "value", 560.9)] == "tỷ đồng"
    assert ("Dịch vụ ăn uống", "yoy_change_pct", -2.2) in found


def test_a_pdf_row_line_whose_label_names_a_branch_with_a_semicolon() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nCác ngành công nghiệp đều tăng khá so với cùng kỳ năm trước, nhờ các doanh nghiệp "
        "có thêm đơn hàng mới từ nhiều thị trường.\nĐơn vị tính: %\nTháng 7 năm 2026 so với tháng trước\n7 tháng năm 2026 so với cùng kỳ năm trước\n"
        "Khai khoáng 98,7 95,4\nCung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải 100,9 106,3\n"
    )
    facts = _facts(_read(text))
    water = "Cung cấp nước; hoạt động quản lý và xử lý rác thải, nước thải"
    assert (water, "prev_change_pct", 0.9, "2026-07", "2026-07") in facts
    assert (water, "yoy_change_pct", 6.3, "2026-01", "2026-07") in facts


def test_a_unit_line_between_a_title_that_names_a_period_and_the_header() -> None:
    # "Báo cáo tháng 7 năm 2026" reads like a column's header: the unit line after it is no end of the header
    text = (
        "BÁO CÁO tháng 7 năm 2026\nChỉ số sản xuất công nghiệp\nĐơn vị tính: %\n"
        "Tháng 7 năm 2026 so với tháng trước\n7 tháng năm 2026 so với cùng kỳ năm trước\n"
        "Khai khoáng 98,7 95,4\nSản xuất đồ uống 103,2 108,8\n"
    )
    facts = _facts(_read(text))
    assert ("Khai khoáng", "prev_change_pct", -1.3, "2026-07", "2026-07") in facts
    assert ("Sản xuất đồ uống", "yoy_change_pct", 8.8, "2026-01", "2026-07") in facts


def test_a_flattened_two_row_header_whose_groups_share_their_columns() -> None:
    # the period cells of the first header row, then the same two columns under each of them
    text = (
        "BÁO CÁO tháng 7 năm 2026\nKim ngạch xuất khẩu\nChỉ tiêu\nƯớc tính tháng 7 năm 2026\n"
        "Cộng dồn 7 tháng năm 2026\nTrị giá (Triệu USD)\nSo với cùng kỳ (%)\nTrị giá (Triệu USD)\n"
        "So với cùng kỳ (%)\nHàng thủy sản\n18,4\n93,1\n130,7\n104,6\nHàng gỗ\n25,2\n111,8\n171,5\n109,9\n"
    )
    facts = _facts(_read(text))
    assert ("Hàng thủy sản", "value", 18.4, "2026-07", "2026-07") in facts
    assert ("Hàng thủy sản", "yoy_change_pct", -6.9, "2026-07", "2026-07") in facts
    assert ("Hàng gỗ", "value", 171.5, "2026-01", "2026-07") in facts
    assert ("Hàng gỗ", "yoy_change_pct", 9.9, "2026-01", "2026-07") in facts


def test_a_plan_column_names_a_label_in_capitals_or_opening_with_an_abbreviation_as_written() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nThu ngân sách\nĐơn vị tính: Tỷ đồng\n"
        "Nội dung | Dự toán năm 2026 | Ước thực hiện 7 tháng năm 2026\nTỔNG THU CÂN ĐỐI | 7.400 | 4.015,8\n"
        "NSNN cấp xã thu | 260 | 151,3\nThu phí | 95 | 50,2\n"
    )
    planned = {f.fact.indicator for f in _read(text).facts if f.planned}
    assert planned == {"Dự toán TỔNG THU CÂN ĐỐI", "Dự toán NSNN cấp xã thu", "Dự toán thu phí"}


def test_a_row_index_written_with_a_dash_is_no_part_of_the_label() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nCác nhóm hàng đều tăng giá nhẹ so với tháng trước, riêng nhóm giao thông giảm do "
        "giá xăng dầu điều chỉnh.\nĐơn vị tính: %\nTháng 7 năm 2026 so với tháng trước\n"
        "7 tháng năm 2026 so với cùng kỳ năm trước\nII- May mặc, mũ nón, giày dép 100,4 102,6\n"
        "3- Giao thông 98,9 101,2\nB - Nhà ở và vật liệu xây dựng 100,6 103,0\n"
    )
    facts = _facts(_read(text))
    assert ("May mặc, mũ nón, giày dép", "prev_change_pct", 0.4, "2026-07", "2026-07") in facts
    assert ("Giao thông", "yoy_change_pct", 1.2, "2026-01", "2026-07") in facts
    assert ("Nhà ở và vật liệu xây dựng", "prev_change_pct", 0.6, "2026-07", "2026-07") in facts


def test_a_total_row_named_tong_muc_takes_its_tables_title() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nBiểu 3. Doanh thu bán lẻ hàng hóa tháng 7 năm 2026\nĐơn vị tính: Tỷ đồng\n"
        "Chỉ tiêu | Ước tính tháng 7 năm 2026 | Cộng dồn 7 tháng năm 2026\nTổng mức | 2.310,4 | 15.960,2\n"
        "Lương thực, thực phẩm | 905,1 | 6.240,8\n"
    )
    facts = _facts(_read(text))
    assert ("Doanh thu bán lẻ hàng hóa", "value", 2310.4, "2026-07", "2026-07") in facts
    assert ("Lương thực, thực phẩm", "value", 6240.8, "2026-01", "2026-07") in facts


def test_a_flattened_tables_unit_that_closes_its_title_line() -> None:
    # a PDF's text runs the title and the unit line together: "Biểu 4. ... Đơn vị tính: Tỷ đồng"
    text = (
        "BÁO CÁO tháng 7 năm 2026\nCác khoản chi thường xuyên đều được bảo đảm, chi đầu tư phát triển tăng khá so "
        "với cùng kỳ năm trước.\nBiểu 4. Chi ngân sách địa phương Đơn vị tính: Tỷ đồng\nDự toán năm 2026\n"
        "Ước thực hiện 7 tháng năm 2026\nSo với dự toán (%)\nChi đầu tư phát triển\n3.900\n1.870,2\n48,0\n"
    )
    units = _units(text)
    assert units[("Chi đầu tư phát triển", 1870.2)] == "tỷ đồng"


def test_the_unit_written_in_the_headers_corner_over_the_labels() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nChi ngân sách địa phương\n"
        "ĐVT: Triệu đồng | Ước tính tháng 7 năm 2026 | Cộng dồn 7 tháng năm 2026 | So với cùng kỳ (%)\n"
        "Chi sự nghiệp y tế | 52.140 | 351.800 | 104,9\n"
    )
    units = _units(text)
    assert units[("Chi sự nghiệp y tế", 351800)] == "triệu đồng"


def test_the_unit_in_parentheses_after_the_label_columns_header() -> None:
    text = (
        "BÁO CÁO tháng 7 năm 2026\nVốn đầu tư công\n"
        "Chỉ tiêu (Tỷ đồng) | Kế hoạch năm 2026 | Giải ngân 7 tháng năm 2026 | So với kế hoạch (%)\n"
        "Vốn ngân sách tỉnh | 2.800 | 1.204,5 | 43,0\n"
    )
    units = _units(text)
    assert units[("Vốn ngân sách tỉnh", 1204.5)] == "tỷ đồng"


def test_a_row_named_by_its_growth_index_holds_indices_not_rates() -> None:
    # "Chỉ số sản xuất ... | % | 107,3": 7,3% more; a row named by its rate keeps its figure
    text = (
        "BÁO CÁO tháng 7 năm 2026\nMột số chỉ tiêu chủ yếu\n"
        "Chỉ tiêu | ĐVT | Ước tính 7 tháng năm 2026 | So với cùng kỳ (%)\n"
        "Chỉ số sản xuất ngành chế biến | % | 107,3 | -\nTốc độ tăng trưởng khu vực dịch vụ | % | 6,2 | -\n"
    )
    facts = _facts(_read(text))
    assert ("Chỉ số sản xuất ngành chế biến", "yoy_change_pct", 7.3, "2026-01", "2026-07") in facts
    assert ("Tốc độ tăng trưởng khu vực dịch vụ", "yoy_change_pct", 6.2, "2026-01", "2026-07") in facts


def test_a_long_header_on_one_line_of_a_pdfs_text() -> None:
    # five column headers on the line of "Chỉ tiêu ĐVT", the last opening with its months after a "(%)"
    text = (
        "BÁO CÁO tháng 7 năm 2026\nCác ngành dịch vụ đều tăng khá so với cùng kỳ năm trước, nhờ lượng khách du lịch "
        "đến tỉnh tăng mạnh trong mùa hè.\nChỉ tiêu ĐVT Thực hiện tháng 6/2026 Ước tính tháng 7/2026 Cộng dồn 7 tháng "
        "2026 Tháng 7 so với cùng kỳ (%) 7 tháng so với cùng kỳ (%)\n"
        "Doanh thu du lịch lữ hành Tỷ đồng 31,5 35,2 190,4 118,3 112,6\n"
    )
    facts = _facts(_read(text))
    assert ("Doanh thu du lịch lữ hành", "value", 190.4, "2026-01", "2026-07") in facts
    assert ("Doanh thu du lịch lữ hành", "yoy_change_pct", 12.6, "2026-01", "2026-07") in facts


def test_a_plan_annexs_pdf_rows_under_group_headings_numbered_without_a_stop() -> None:
    # the group rows keep their numeral on the label's line ("I CHỈ TIÊU ..."), no stop after it, as do the rows
    # ("1 Tổng thu ..."); a row's last figure that is no next number is its plan, not the next row's index
    text = (
        "Phụ lục\nCHỈ TIÊU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026 CỦA TỈNH GÒ SIM\n"
        "STT Chỉ tiêu Đơn vị tính Ước thực hiện năm 2025 Kế hoạch năm 2026 So sánh (%)\n"
        "I CHỈ TIÊU VỀ KINH TẾ\n1 Tốc độ tăng tổng sản phẩm trên địa bàn % 7,4 9\n"
        "2 Tổng thu ngân sách trên địa bàn Tỷ đồng 8.640 9.300 107,6\n"
        "II CHỈ TIÊU VỀ XÃ HỘI\n3 Tỷ lệ trường học đạt chuẩn quốc gia % 71 75\n"
    )
    targets = {(t.draft.indicator, t.draft.year, t.draft.value) for t in _read(text).targets}
    assert ("Tốc độ tăng tổng sản phẩm trên địa bàn", 2026, 9) in targets
    assert ("Tổng thu ngân sách trên địa bàn", 2026, 9300) in targets
    assert ("Tỷ lệ trường học đạt chuẩn quốc gia", 2026, 75) in targets


def test_a_pdf_row_lines_plan_cell_that_opens_with_its_word() -> None:
    # "% 3,4 Giảm 0,6", "% 92,5 Trên 94": the last cell opens with its word; the row was read as a label
    text = (
        "Phụ lục\nCHỈ TIÊU KẾ HOẠCH NĂM 2026 CỦA TỈNH GÒ SIM\n"
        "STT Chỉ tiêu Đơn vị tính Ước thực hiện năm 2025 Kế hoạch năm 2026\n"
        "1 Tỷ lệ hộ cận nghèo % 3,4 Giảm 0,6\n2 Tỷ lệ trẻ em được tiêm chủng đầy đủ % 92,5 Trên 94\n"
        "3 Số xã đạt chuẩn văn minh đô thị Xã 4 6\n"
    )
    targets = {(t.draft.indicator, t.draft.comparator, t.draft.value) for t in _read(text).targets}
    assert ("Mức giảm tỷ lệ hộ cận nghèo", "=", 0.6) in targets
    assert ("Tỷ lệ trẻ em được tiêm chủng đầy đủ", ">=", 94) in targets
    assert ("Số xã đạt chuẩn văn minh đô thị", "=", 6) in targets


def _units(text: str) -> dict[tuple[str, float], str | None]:
    """The unit of each figure the text's tables give, by its indicator and value."""
    return {(f.fact.indicator, f.fact.value): f.fact.unit for f in _read(text).facts}
