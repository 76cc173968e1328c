"""Properties of the fact reader beyond single cases (those are data: tests/grammar/**/*.yaml)."""

from planwatch.extract.facts import extract_facts
from planwatch.vocab.measures import Measure
from planwatch.vocab.periods import Month, Period, ReportContext

MAY_2024 = ReportContext(2024, 5, Period(Month(2024, 5), Month(2024, 5)))


def test_quotes_point_into_the_text() -> None:
    text = "Giá trị xuất khẩu tháng 5 ước đạt 2,16 tỷ USD, tăng 7,1% so với tháng trước."
    for fact in extract_facts(text, MAY_2024):
        quote = text[fact.start : fact.end]
        assert quote.strip() and any(ch.isdigit() for ch in quote)


def test_dates_codes_and_years_are_not_facts() -> None:
    text = (
        "Thực hiện Chỉ thị số 17-CT/TU ngày 27/02/2020 và Kế hoạch số 278/KH-UBND ngày 18/6/2021 giai đoạn 2021-2025."
    )
    assert extract_facts(text, MAY_2024) == []


def test_estimates_are_flagged() -> None:
    facts = extract_facts("Tổng mức bán lẻ hàng hóa, dịch vụ tháng 5 ước đạt 5.656 tỷ đồng.", MAY_2024)
    assert facts[0].estimate and facts[0].indicator == "Tổng mức bán lẻ hàng hóa, dịch vụ"


def test_a_classifier_counts_on_its_own() -> None:
    [fact] = extract_facts("Trong tháng, Thanh tra tỉnh đã triển khai 05 cuộc thanh tra hành chính.", MAY_2024)
    assert (fact.value, fact.unit) == (5, "cuộc") and "thanh tra" in fact.indicator


def test_parts_in_parentheses_then_the_whole_again() -> None:
    text = (
        "Số lượt khám, chữa bệnh trong tháng 5 là: 164.283 (tuyến tỉnh: 58.976; tuyến huyện: 105.307), "
        "bằng 103 % so với cùng kỳ 2023; Bệnh nhân nội trú: 24.485 (tuyến tỉnh 12.397; tuyến huyện 12.088)."
    )
    facts = {(f.measure, f.value): f for f in extract_facts(text, MAY_2024)}
    assert facts[("value", 58976)].indicator.endswith("tuyến tỉnh")
    assert facts[("value", 58976)].parent == facts[("value", 105307)].parent
    assert facts[("value", 105307)].indicator.endswith("tuyến huyện")
    assert facts[("yoy_change_pct", 3)].indicator.startswith("Số lượt khám, chữa bệnh")
    assert facts[("value", 12397)].indicator == "Bệnh nhân nội trú tuyến tỉnh"


def test_an_action_measured_in_hectares_is_an_area() -> None:
    [planted, *_] = extract_facts("Trong tháng toàn tỉnh trồng được 367,8 ha rừng tập trung.", MAY_2024)
    assert (planted.value, planted.unit) == (367.8, "ha") and planted.indicator.startswith("diện tích trồng")


def test_who_sets_a_target_is_no_part_of_its_name() -> None:
    text = (
        "Ông Nguyễn Văn Lâm, Chủ tịch UBND tỉnh, xác định đây là năm có ý nghĩa quan trọng, trong đó tỉnh đặt ra mục "
        "tiêu tăng trưởng GRDP đạt 8,5%. Sở Tài chính chốt chỉ tiêu thu ngân sách nhà nước 3.900 tỷ đồng."
    )
    names = [fact.indicator for fact in extract_facts(text, MAY_2024)]
    assert names == ["tăng trưởng GRDP", "thu ngân sách nhà nước"]


def test_a_herd_counted_in_head_is_named_by_the_herd_alone() -> None:
    text = "Tại thời điểm cuối tháng 5, đàn dê 18.300 con, tăng 2,6% so với cùng thời điểm năm trước; đàn ngựa 940 con."
    names = {f.value: f.indicator for f in extract_facts(text, MAY_2024)}
    assert names[18300] == names[2.6] == "đàn dê"
    assert names[940] == "đàn ngựa"


def test_a_name_that_says_how_much_of_something_it_counts_is_kept_whole() -> None:
    [fact] = extract_facts("Lượng khách tháng 5 ước đạt 86.400 lượt.", MAY_2024)
    assert (fact.indicator, fact.unit) == ("Lượng khách", "lượt")


def test_final_consumption_is_one_figure_named_in_full() -> None:
    text = "Xét về góc độ sử dụng GRDP, tiêu dùng cuối cùng tăng 6,4% so với cùng kỳ; tích lũy tài sản tăng 9,1%."
    facts = extract_facts(text, MAY_2024)
    assert [(f.indicator, f.value) for f in facts] == [("tiêu dùng cuối cùng", 6.4), ("tích lũy tài sản", 9.1)]


def test_a_topic_with_a_verdict_before_the_figure_that_names_it_again_is_no_part_of_its_name() -> None:
    text = (
        "Chẳng hạn như xuất khẩu duy trì nhịp tăng trưởng tích cực, kim ngạch xuất khẩu tháng 5 ước đạt 212 triệu USD."
    )
    [fact] = extract_facts(text, MAY_2024)
    assert fact.indicator == "kim ngạch xuất khẩu"


def test_the_end_of_a_month_closes_what_the_year_has_given_by_then() -> None:
    text = "Kết thúc tháng 4, giải ngân vốn đầu tư công đạt 21,5% kế hoạch. Hết tháng 3/2024, dư nợ đạt 41.250 tỷ đồng."
    periods = {f.value: f.period for f in extract_facts(text, MAY_2024)}
    assert periods[21.5] == Period(None, Month(2024, 4))
    assert periods[41250] == Period(None, Month(2024, 3))


def test_a_list_number_after_a_colon_is_no_figure() -> None:
    text = "Kết quả các lĩnh vực như sau: 1. Sản xuất công nghiệp Giá trị sản xuất tháng 5 đạt 9.120 tỷ đồng."
    assert [f.value for f in extract_facts(text, MAY_2024)] == [9120]


def test_a_part_named_right_after_trong_do_keeps_the_first_words_of_its_name() -> None:
    text = "Khu vực dịch vụ tăng 6,2%, trong đó vận tải, kho bãi tăng 8,4%."
    [_, part] = extract_facts(text, MAY_2024)
    assert part.indicator.endswith("vận tải, kho bãi")


def test_a_sector_called_a_pillar_is_named_without_the_verdict() -> None:
    text = "Khu vực nông, lâm nghiệp và thủy sản vẫn là trụ cột của kinh tế vùng khi đạt mức tăng 4,15%."
    [fact] = extract_facts(text, MAY_2024)
    assert (fact.indicator, fact.value) == ("Khu vực nông, lâm nghiệp và thủy sản", 4.15)


def test_where_a_figure_was_read_is_no_part_of_its_name() -> None:
    text = (
        "Thu ngân sách nhà nước khởi sắc, số liệu cập nhật trên hệ thống kho bạc đến ngày 25/5 đạt 3.410 tỷ đồng, "
        "bằng 52% dự toán."
    )
    names = {fact.indicator for fact in extract_facts(text, MAY_2024)}
    assert names == {"Thu ngân sách nhà nước"}


def test_an_area_in_square_kilometres_keeps_its_unit() -> None:
    facts = extract_facts("Tỉnh có diện tích tự nhiên 9.120,5 km2; thành phố rộng 640 km².", MAY_2024)
    assert [(f.value, f.unit) for f in facts] == [(9120.5, "km2"), (640, "km2")]


def test_the_reorganisation_and_the_new_province_frame_a_figure() -> None:
    text = (
        "Sau sắp xếp, tỉnh có 96 đơn vị hành chính cấp xã. Sau sáp nhập, dân số của tỉnh đạt 2,4 triệu người. "
        "Tỉnh mới có tổng diện tích rừng 410.000 ha."
    )
    names = [fact.indicator for fact in extract_facts(text, MAY_2024)]
    assert names == ["đơn vị hành chính cấp xã", "dân số", "tổng diện tích rừng"]


def test_the_steps_of_an_explanation_and_what_comes_before_them_name_nothing() -> None:
    text = "Cơ quan thống kê lý giải, thứ nhất, giá nhóm dịch vụ y tế tăng 9,4%. Trước hết, nhóm học phí tăng 3,2%."
    names = [fact.indicator for fact in extract_facts(text, MAY_2024)]
    assert names == ["giá nhóm dịch vụ y tế", "nhóm học phí"]


def test_who_recorded_a_figure_and_the_verb_of_recording_name_nothing() -> None:
    text = (
        "Thống kê thành phố ghi nhận tổng khách lưu trú tháng 5 ước đạt 1,2 triệu lượt. Doanh thu lữ hành ghi nhận mức "
        "tăng 14%. Trong tháng, toàn tỉnh ghi nhận 31 ca mắc sốt xuất huyết."
    )
    names = [fact.indicator for fact in extract_facts(text, MAY_2024)]
    assert names == ["tổng khách lưu trú", "Doanh thu lữ hành", "ca mắc sốt xuất huyết"]


def test_a_cut_off_date_in_words_is_a_stock_at_its_month() -> None:
    [fact] = extract_facts(
        "Tính đến ngày 20 tháng 4 năm 2024, toàn tỉnh có 4.870 doanh nghiệp đang hoạt động.", MAY_2024
    )
    assert (fact.value, fact.period) == (4870, Period(None, Month(2024, 4)))


def test_the_most_moved_named_before_its_verb_changed_by_the_figure_after_it() -> None:
    text = "Nhóm giao thông giảm mạnh nhất, với 2,91%; tiếp đến là nhóm may mặc, giảm 0,84%."
    facts = [(f.indicator, f.measure, f.value) for f in extract_facts(text, MAY_2024)]
    assert facts == [("Nhóm giao thông", Measure.YOY, -2.91), ("nhóm may mặc", Measure.YOY, -0.84)]


def test_a_list_after_a_colon_names_its_first_item_whole() -> None:
    text = "Có 2 nhóm có chỉ số giá tăng là: Đồ uống và thuốc lá, tăng 1,2%; nhóm giáo dục tăng 0,4%."
    names = {f.value: f.indicator for f in extract_facts(text, MAY_2024)}
    assert (names[1.2], names[0.4]) == ("Đồ uống và thuốc lá", "nhóm giáo dục")


def test_a_density_keeps_its_unit() -> None:
    [fact] = extract_facts("Mật độ dân số của tỉnh là 312 người/km2.", MAY_2024)
    assert (fact.value, fact.unit, fact.indicator) == (312, "người/km2", "Mật độ dân số")


def test_and_after_a_counts_noun_joins_the_next_count() -> None:
    text = "Sau sắp xếp, toàn tỉnh có 64 đơn vị hành chính cấp xã, gồm 11 phường và 53 xã."
    units = {f.value: f.unit for f in extract_facts(text, MAY_2024)}
    assert units == {64: "đơn vị", 11: "phường", 53: "xã"}


def test_only_the_month_named_names_nothing() -> None:
    [fact] = extract_facts("Chỉ riêng tháng 5 vừa qua, xuất khẩu hàng hóa của tỉnh đạt 1,7 tỷ USD.", MAY_2024)
    assert (fact.indicator, fact.period) == ("xuất khẩu hàng hóa", Period(Month(2024, 5), Month(2024, 5)))


def test_a_lead_in_ending_with_la_names_nothing_of_the_items_after_it() -> None:
    text = "Một số khoản thu có mức tăng khá là: thu từ khu vực ngoài quốc doanh tăng 21,4%; thuế đất tăng 8,2%."
    names = [fact.indicator for fact in extract_facts(text, MAY_2024)]
    assert names == ["thu từ khu vực ngoài quốc doanh", "thuế đất"]


def test_a_place_among_years_is_no_rank() -> None:
    text = "Chỉ số sản xuất công nghiệp tăng 8,4%. Đây là mức tăng cao thứ hai kể từ năm 2021 đến nay."
    assert [f.measure for f in extract_facts(text, MAY_2024)] == [Measure.YOY]


def test_the_verb_of_reaching_a_mark_is_no_part_of_the_name() -> None:
    text = (
        "Tổng mức bán lẻ hàng hóa tháng 5 cán mốc 9.800 tỷ đồng; kim ngạch nhập khẩu tháng 5 lên mức 640 triệu USD; "
        "lượng khách lưu trú tháng 5 vượt ngưỡng 210 nghìn lượt; vốn huy động tháng 5 đạt mức 1.250 tỷ đồng."
    )
    names = [f.indicator for f in extract_facts(text, MAY_2024)]
    assert names == ["Tổng mức bán lẻ hàng hóa", "kim ngạch nhập khẩu", "lượng khách lưu trú", "vốn huy động"]


def test_a_closing_date_that_opens_the_sentence_is_no_part_of_the_name() -> None:
    text = (
        "Tính đến hết quý I/2024, dư nợ cho vay hộ nghèo đạt 3.150 tỷ đồng. "
        "Tính đến cuối tháng 4/2024, tổng vốn huy động đạt 52.600 tỷ đồng."
    )
    names = [f.indicator for f in extract_facts(text, MAY_2024)]
    assert names == ["dư nợ cho vay hộ nghèo", "tổng vốn huy động"]


def test_the_commune_as_a_whole_is_no_part_of_the_name() -> None:
    text = (
        "Toàn xã có 9/11 thôn đạt chuẩn khu dân cư kiểu mẫu. Tỷ lệ che phủ rừng toàn xã đạt 61,2%. "
        "Vốn đầu tư toàn xã hội tháng 5 đạt 410 tỷ đồng."
    )
    names = [f.indicator for f in extract_facts(text, MAY_2024)]
    assert names == ["thôn đạt chuẩn khu dân cư kiểu mẫu", "Tỷ lệ che phủ rừng", "Vốn đầu tư toàn xã hội"]


def test_a_rate_named_only_as_such_is_the_rate_of_the_subject() -> None:
    text = "Số hộ dùng nước sạch tháng 5 là 8.420 hộ, đạt tỷ lệ 91,3%."
    names = [f.indicator for f in extract_facts(text, MAY_2024)]
    assert names == ["Số hộ dùng nước sạch", "Tỷ lệ hộ dùng nước sạch"]
