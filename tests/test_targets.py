"""Targets from plan sections, read off real sentences of the genre, and the indicator catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.extract.agencies import default_registry
from planwatch.extract.document import extract_document
from planwatch.extract.targets import TargetDraft
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.vocab.catalogue import CATEGORIES, KINDS, default_catalogue

PLAN_2024 = """Phần thứ hai
KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI
NĂM 2024
III. MỤC TIÊU CHỦ YẾU
(1) Phấn đấu tốc độ tăng GRDP đạt 14,5%, trong đó Công nghiệp - xây dựng tăng 18% (Công nghiệp tăng 19%, xây dựng tăng 8,5%); Dịch vụ tăng 8,0%.
Cơ cấu kinh tế: Công nghiệp - xây dựng 67,1%; Dịch vụ (bao gồm cả Thuế sản phẩm) 21,5%; Nông, lâm nghiệp, thuỷ sản 11,5%;
(6) Giá trị sản xuất/01ha đất sản xuất nông nghiệp đạt 135-140 triệu đồng;
(11) Số giường bệnh/10.000 dân đạt 33,8 giường; tỷ lệ người dân có thẻ BHYT đạt 99,28%; 40,1% lao động trong độ tuổi tham gia BHXH;
IV. MỘT SỐ CÂN ĐỐI LỚN
1. Cân đối lao động - việc làm
Lao động trong lĩnh vực công nghiệp - xây dựng chiếm 46,1%, tăng 1,9%; lĩnh vực dịch vụ chiếm 31,2%, tăng 0,6%. Tỷ lệ thất nghiệp thành thị khoảng 2,5%, giảm 0,15%.
3. Cân đối vốn đầu tư phát triển
Tổng vốn đầu tư toàn xã hội năm 2024 dự kiến đạt trên 103 nghìn tỷ đồng, tăng 16,7% năm 2023, chiếm 48,9% GRDP.
V. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU NĂM 2024
Thu ngân sách 6 tháng đạt 7.000 tỷ đồng.
"""

RESOLUTION = """Điều 2. Nhiệm vụ, giải pháp 6 tháng cuối năm 2024
2. Tiếp tục cải thiện môi trường đầu tư, kinh doanh. Phấn đấu duy trì thứ hạng chỉ số PCI của tỉnh nằm trong nhóm 10 tỉnh, thành phố dẫn đầu cả nước.
"""


def _targets(text: str, year: int = 2023) -> list[TargetDraft]:
    """The targets of `text` read as a document of December of the year before `year` (the plan's)."""
    plain = assemble(read_text("plan.txt", text.encode()))
    return [found.draft for found in extract_document(plain, default_registry(), date(year - 1, 12, 10)).targets]


@pytest.fixture(scope="module")
def plan() -> dict[tuple[str, float | None], TargetDraft]:
    return {(d.measure, d.value if d.value is not None else d.value_min): d for d in _targets(PLAN_2024)}


def test_numbered_targets_each_sub_target_its_own_row(plan) -> None:  # type: ignore[no-untyped-def]
    for value in (14.5, 18, 19, 8.5, 8.0):
        assert ("yoy_change_pct", value) in plan
    assert plan[("yoy_change_pct", 14.5)].year == 2024 and plan[("yoy_change_pct", 14.5)].number == "(1)"


def test_structure_is_shares(plan) -> None:  # type: ignore[no-untyped-def]
    assert {("share_pct", 67.1), ("share_pct", 21.5), ("share_pct", 11.5)} <= set(plan)


def test_range_is_one_target(plan) -> None:  # type: ignore[no-untyped-def]
    ranged = plan[("value", 135)]
    assert (ranged.comparator, ranged.value_min, ranged.value_max, ranged.unit) == ("range", 135, 140, "triệu đồng")


def test_number_first_label_and_units(plan) -> None:  # type: ignore[no-untyped-def]
    assert "BHXH" in plan[("value", 40.1)].indicator
    assert plan[("value", 33.8)].unit == "giường"


def test_balances_changes_of_rates_are_no_targets(plan) -> None:  # type: ignore[no-untyped-def]
    assert ("share_pct", 46.1) in plan and ("share_pct", 31.2) in plan and ("value", 2.5) in plan
    assert ("yoy_change_pct", 1.9) not in plan and ("yoy_change_pct", -0.15) not in plan


def test_floor_and_ratio_to_last_year(plan) -> None:  # type: ignore[no-untyped-def]
    assert plan[("value", 103)].comparator == ">="
    assert ("yoy_change_pct", 16.7) in plan and ("share_pct", 48.9) in plan


def test_results_outside_target_sections_are_not_targets(plan) -> None:  # type: ignore[no-untyped-def]
    assert ("value", 7000) not in plan


def test_rank_group_target() -> None:
    [rank] = _targets(RESOLUTION, 2024)
    assert (rank.measure, rank.comparator, rank.value, rank.year) == ("rank", "<=", 10, 2024)
    assert default_catalogue().code_for(rank.indicator) == "PCI_RANK"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Tổng thu NSNN", "BUDGET_REVENUE"),
        ("tổng thu ngân sách nhà nước thu nội địa", "DOMESTIC_REVENUE"),
        ("Dịch vụ (bao gồm cả Thuế sản phẩm)", "GRDP_SERVICES"),
        ("Tỷ lệ hộ nghèo (theo chuẩn giai đoạn 2021-2026)", "POOR_HOUSEHOLDS"),
        ("Chỉ số sản xuất công nghiệp (IIP)", "IIP"),
        ("Giá trị sản xuất/01ha đất sản xuất nông nghiệp", "FARM_OUTPUT_PER_HA"),
        ("số hợp tác xã thành lập", None),
    ],
)
def test_catalogue_codes_labels(label: str, code: str | None) -> None:
    assert default_catalogue().code_for(label) == code


def test_catalogue_is_consistent() -> None:
    catalogue = default_catalogue()
    for indicator in catalogue.indicators.values():
        assert indicator.category in CATEGORIES and indicator.kind in KINDS and indicator.direction in ("up", "down")
        assert indicator.parent is None or indicator.parent in catalogue.indicators
    assert catalogue.indicators["POOR_HOUSEHOLDS"].lower_is_better
    assert {i.code for i in catalogue.children("BUDGET_REVENUE")} == {"DOMESTIC_REVENUE", "TRADE_REVENUE"}


def test_unnumbered_lead_in_opens_a_target_list() -> None:
    text = (
        "Điều 1. Thông qua Kế hoạch phát triển kinh tế - xã hội năm 2025\n"
        "Các chỉ tiêu chủ yếu năm 2025:\n"
        "- Tốc độ tăng trưởng kinh tế (GRDP) đạt khoảng 10%;\n"
        "- Thu ngân sách nhà nước trên 8.700 tỷ đồng.\n"
        "Điều 2. Tổ chức thực hiện\n"
        "Thu ngân sách 6 tháng đạt 4.000 tỷ đồng.\n"
    )
    drafts = {(d.measure, d.value): d for d in _targets(text, 2025)}
    assert set(drafts) == {("yoy_change_pct", 10), ("value", 8700)}
    assert drafts[("value", 8700)].comparator == ">=" and drafts[("value", 8700)].year == 2025


def test_resolution_target_lists_with_floors_and_ceilings() -> None:
    text = (
        "Điều 1. Thông qua kế hoạch phát triển kinh tế - xã hội năm 2025 với các nội dung chủ yếu sau:\n"
        "2. Các chỉ tiêu chủ yếu\n"
        "a) Các chỉ tiêu kinh tế\n"
        "- Tốc độ tăng trưởng kinh tế (GRDP) đạt 10,5% trở lên.\n"
        "b) Các chỉ tiêu xã hội\n"
        "- Tỷ lệ hộ nghèo giảm còn 1,2%.\n"
        "- Tỷ lệ che phủ rừng duy trì ở mức 38%.\n"
    )
    drafts = {d.indicator: d for d in _targets(text, 2025)}
    assert (drafts["Tốc độ tăng trưởng kinh tế (GRDP)"].comparator, drafts["Tỷ lệ hộ nghèo"].comparator) == (">=", "<=")
    assert drafts["Tỷ lệ che phủ rừng"].value == 38 and drafts["Tỷ lệ che phủ rừng"].year == 2025


def test_an_article_that_assigns_targets_and_a_lead_in_that_lists_them() -> None:
    resolution = (
        "Điều 1. Giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2022. Cụ thể:\n"
        "1. Tốc độ tăng trưởng kinh tế (GRDP) đạt 7,9%.\n"
        "2. Tỷ lệ che phủ rừng đạt 46% trở lên.\n"
    )
    got = {(d.measure, d.value, d.comparator, d.year) for d in _targets(resolution, 2022)}
    assert got == {("yoy_change_pct", 7.9, "=", 2022), ("value", 46, ">=", 2022)}
    plan = (
        "I. MỤC ĐÍCH\nCác mục tiêu, nhiệm vụ cụ thể gồm: phấn đấu tốc độ tăng trưởng kinh tế đạt 6,8%; "
        "kim ngạch xuất khẩu đạt 950 triệu USD.\n"
    )
    drafts = {d.value: d for d in _targets(plan, 2023)}
    assert drafts[6.8].indicator == "tốc độ tăng trưởng kinh tế" and drafts[950].indicator == "kim ngạch xuất khẩu"


def test_a_news_item_about_the_targets_assigned_for_the_year() -> None:
    item = (
        "Giao kế hoạch phát triển kinh tế - xã hội năm 2025\n\n"
        "Tại Hội nghị, UBND tỉnh đã giao nhiều chỉ tiêu quan trọng như: tăng trưởng GRDP đạt 8,2%; thu ngân sách "
        "nhà nước 5.400 tỷ đồng. Toàn tỉnh phấn đấu thêm 3 xã đạt chuẩn nông thôn mới; trồng mới 1.500 ha rừng; tỷ "
        "lệ che phủ rừng đạt trên 41%. Năm 2024, tỉnh trồng được 1.320 ha rừng.\n"
    )
    got = {(d.indicator, d.value, d.comparator) for d in _targets(item, 2025)}
    assert got == {
        ("tăng trưởng GRDP", 8.2, "="),
        ("thu ngân sách nhà nước", 5400, "="),
        ("xã đạt chuẩn nông thôn mới thêm", 3, "="),
        ("trồng mới rừng", 1500, "="),
        ("tỷ lệ che phủ rừng", 41, ">="),
    }


def test_the_closest_indicator_is_suggested_never_linked() -> None:
    catalogue = default_catalogue()
    assert catalogue.closest("Tỷ lệ dân số được dùng nước sạch thành thị") == "CLEAN_WATER"
    assert catalogue.closest("huyện") is None
