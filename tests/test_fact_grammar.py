"""One real sentence of the genre per rule; each expected fact is (measure, value, period, label words)."""

import pytest

from planwatch.extract.facts import extract_facts
from planwatch.vocab.periods import Month, Period, ReportContext

MAY_2024 = ReportContext(2024, 5, Period(Month(2024, 5), Month(2024, 5)))
H1_2024 = ReportContext(2024, 6, Period(Month(2024, 1), Month(2024, 6)))

CASES = [
    (  # a chain: one subject, three measures
        MAY_2024,
        "Giá trị sản xuất công nghiệp tháng 5 ước đạt 60.769 tỷ đồng; 05 tháng ước đạt 266.878 tỷ đồng, tăng 26% so "
        "với cùng kỳ, bằng 40,09% kế hoạch (cùng kỳ đạt 40% kế hoạch).",
        [
            ("value", 60769, "2024-05", "2024-05", "giá trị sản xuất công nghiệp"),
            ("value", 266878, "2024-01", "2024-05", ""),
            ("yoy_change_pct", 26, "2024-01", "2024-05", ""),
            ("plan_pct", 40.09, "2024-01", "2024-05", ""),
            ("plan_pct", 40, "2023-01", "2023-05", ""),
        ],
    ),
    (  # month vs the same month a year earlier and vs the month before
        MAY_2024,
        "Chỉ số sản xuất công nghiệp (IIP) tháng 5/2024 tăng 17,32% so với tháng 5/2023, tăng 10,38% so với tháng 4/2024.",
        [
            ("yoy_change_pct", 17.32, "2024-05", "2024-05", "chỉ số sản xuất công nghiệp"),
            ("prev_change_pct", 10.38, "2024-05", "2024-05", "chỉ số sản xuất công nghiệp"),
        ],
    ),
    (  # "gấp ... lần" is a change in %
        MAY_2024,
        "Tổng thu nội địa tháng 5 ước đạt 1.007,5 tỷ đồng, gấp gần 1,7 lần so với cùng kỳ.",
        [
            ("value", 1007.5, "2024-05", "2024-05", "tổng thu nội địa"),
            ("yoy_change_pct", 70, "2024-05", "2024-05", "tổng thu nội địa"),
        ],
    ),
    (  # "vượt X% dự toán" is 100 + X of the plan
        MAY_2024,
        "Thu từ doanh nghiệp nhà nước của địa phương là 1,7 tỷ đồng, vượt 2% dự toán.",
        [("value", 1.7, None, "2024-05", "doanh nghiệp nhà nước"), ("plan_pct", 102, None, "2024-05", "")],
    ),
    (  # breakdown: each part is its own indicator, under the parent
        MAY_2024,
        "Giá trị sản xuất công nghiệp 05 tháng ước đạt 266.878 tỷ đồng. Trong đó: Khu vực kinh tế nhà nước "
        "4.900 tỷ đồng, tăng 9,5%; kinh tế ngoài nhà nước 26.969 tỷ đồng, tăng 14,3%.",
        [
            ("value", 266878, "2024-01", "2024-05", "giá trị sản xuất công nghiệp"),
            ("value", 4900, "2024-01", "2024-05", "khu vực kinh tế nhà nước"),
            ("yoy_change_pct", 9.5, "2024-01", "2024-05", "khu vực kinh tế nhà nước"),
            ("value", 26969, "2024-01", "2024-05", "kinh tế ngoài nhà nước"),
            ("yoy_change_pct", 14.3, "2024-01", "2024-05", "kinh tế ngoài nhà nước"),
        ],
    ),
    (  # sector list inheriting the lead indicator; growth given as "đạt X%"
        H1_2024,
        "Tăng trưởng kinh tế (GRDP) 6 tháng đạt 14,14% đứng đầu cả nước; trong đó: Ngành công nghiệp - xây dựng "
        "tăng 18,11%; dịch vụ tăng 6,42%.",
        [
            ("yoy_change_pct", 14.14, "2024-01", "2024-06", "tăng trưởng kinh tế"),
            ("yoy_change_pct", 18.11, "2024-01", "2024-06", "công nghiệp - xây dựng"),
            ("yoy_change_pct", 6.42, "2024-01", "2024-06", "dịch vụ"),
        ],
    ),
    (  # rank with its total
        H1_2024,
        "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2023 đứng thứ 04/63 tỉnh, thành phố.",
        [("rank", 4, "2023-01", "2023-12", "năng lực cạnh tranh")],
    ),
    (  # counted things, and a comparison clause giving the base of bare "(-x%)" changes
        MAY_2024,
        "Trong tháng 5, toàn tỉnh xảy ra 25 vụ tai nạn giao thông, làm chết 15 người. So sánh với cùng kỳ năm 2023: "
        "giảm 07 vụ (-21,9%); giảm 01 người chết (-6,3%).",
        [
            ("value", 25, "2024-05", "2024-05", "vụ tai nạn giao thông"),
            ("value", 15, "2024-05", "2024-05", "người"),
            ("yoy_change_pct", -21.9, "2024-05", "2024-05", "vụ"),
            ("yoy_change_pct", -6.3, "2024-05", "2024-05", "người chết"),
        ],
    ),
    (  # a range gives both ends
        MAY_2024,
        "Diện tích dứa đạt khoảng 800ha, sản lượng ước đạt 12.000 tấn; giá bán dao động từ 9-10 nghìn đồng/kg.",
        [
            ("value", 800, None, "2024-05", "diện tích dứa"),
            ("value", 12000, None, "2024-05", "sản lượng"),
            ("value", 9, None, "2024-05", "giá bán"),
            ("value", 10, None, "2024-05", "giá bán"),
        ],
    ),
    (  # "bằng X% cùng kỳ" is a change of X - 100
        H1_2024,
        "Thu hút đầu tư được trên 1.426,29 triệu USD vốn đầu tư quy đổi, bằng 88,4% cùng kỳ.",
        [
            ("value", 1426.29, "2024-01", "2024-06", "vốn đầu tư quy đổi"),
            ("yoy_change_pct", -11.6, "2024-01", "2024-06", "vốn đầu tư quy đổi"),
        ],
    ),
]


@pytest.mark.parametrize(("context", "sentence", "expected"), CASES)
def test_sentence(context: ReportContext, sentence: str, expected: list[tuple]) -> None:
    facts = extract_facts(sentence, context)
    got = [(f.measure, round(f.value, 4), *f.period.as_strings()) for f in facts]
    for measure, value, start, end, label in expected:
        assert any(
            g[0] == measure and abs(g[1] - value) < 1e-6 and g[3] == end and (start is None or g[2] == start)
            for g in got
        ), (measure, value, start, end, got)
        if label:
            match = next(f for f in facts if f.measure == measure and abs(f.value - value) < 1e-6)
            assert label in match.indicator.lower(), (label, match.indicator)
    assert len(facts) == len(expected), got


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
