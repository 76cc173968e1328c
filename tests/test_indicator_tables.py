"""Tables of indicators: each figure cell a fact, measure and period from its column header."""

from __future__ import annotations

from planwatch.extract.agencies import default_registry
from planwatch.extract.document import FactFound, extract_document
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.store import models
from planwatch.store.rows import Coder, document_rows
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.numbers import parse_number

REPORT = """BÁO CÁO
Tình hình kinh tế - xã hội tháng 5 năm 2024
PHỤ LỤC: MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU
STT | Chỉ tiêu | ĐVT | Kế hoạch năm 2024 | Ước TH tháng 5/2024 | Lũy kế 5 tháng 2024 | So cùng kỳ (%) | So KH (%)
1 | Giá trị sản xuất công nghiệp | Tỷ đồng | 665.700 | 60.769 | 266.878 | 126,0 | 40,1
2 | Tổng thu NSNN | Tỷ đồng | 15.000 | 1.200,5 | 7.071,6 | 132,5 | 47,1
3 | Khách du lịch | Lượt | - | 250.000 | 1.100.000 | - | -
Tổng thu nội địa tháng 5 ước đạt 1.007,5 tỷ đồng.
"""


def _facts() -> list[dict[str, object]]:
    plain = assemble(read_text("bao-cao.txt", REPORT.encode()))
    found = extract_document(plain, default_registry())
    rows = document_rows(plain, found, Coder(default_catalogue(), {}), default_registry())
    return rows.by_model[models.Fact]


def test_every_figure_cell_is_a_fact_of_its_column() -> None:
    facts = {(f["indicator"], f["measure"], f["period_start"], f["period_end"]): f["value"] for f in _facts()}
    output = "Giá trị sản xuất công nghiệp"
    assert facts[(output, "value", "2024-05", "2024-05")] == 60769
    assert facts[(output, "value", "2024-01", "2024-05")] == 266878
    assert facts[(output, "yoy_change_pct", "2024-01", "2024-05")] == 26
    assert facts[(output, "plan_pct", "2024-01", "2024-05")] == 40.1
    assert facts[("Tổng thu NSNN", "yoy_change_pct", "2024-01", "2024-05")] == 32.5
    assert facts[("Khách du lịch", "value", "2024-01", "2024-05")] == 1100000
    # the plan column is the plan's figure, never an actual
    assert facts[("Kế hoạch giá trị sản xuất công nghiệp", "value", "2024-01", "2024-12")] == 665700
    assert all(f["planned"] for f in _facts() if f["value"] == 665700)


def test_cells_keep_their_offsets_and_the_text_after_the_table_is_read_again() -> None:
    plain = assemble(read_text("bao-cao.txt", REPORT.encode()))
    facts = _facts()
    table = [f for f in facts if f["indicator"] in ("Giá trị sản xuất công nghiệp", "Tổng thu NSNN", "Khách du lịch")]
    for fact in table:
        stated = parse_number(plain.text[fact["char_start"] : fact["char_end"]])
        assert stated == (fact["value"] + 100 if fact["measure"] == "yoy_change_pct" else fact["value"])
    assert any(f["value"] == 1007.5 and f["unit"] == "tỷ đồng" for f in facts)
    estimates = {f["value"] for f in table if f["estimate"]}
    assert 60769 in estimates and 266878 not in estimates


UNTITLED = """Thực hiện tháng 4 năm 2025
Ước tính tháng 5 năm 2025
Lũy kế 5 tháng năm 2025
Tháng 5/2025 so với cùng kỳ năm trước (%)
Đơn vị tính: Tỷ đồng
Tổng số
2815,4
2902,7
14120,6
111,4
Dịch vụ lưu trú
96,2
101,5
470,8
118,0
Dịch vụ ăn uống
402,1
415,3
2011,9
109,6
"""


def test_an_untitled_tables_total_is_named_by_its_parts() -> None:
    found = extract_document(assemble(read_text("ban-le.txt", UNTITLED.encode())), default_registry())
    named = {(f.fact.indicator, f.fact.measure, f.fact.value) for f in found.facts}
    total = "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"
    assert {(total, "value", 2902.7), (total, "yoy_change_pct", 11.4)} <= named
    assert ("Dịch vụ ăn uống", "value", 415.3) in named


FRAMED = """Tình hình sản xuất công nghiệp tháng 7 năm 2024
Đơn vị tính: %
| Ngành công nghiệp | Tháng 7/2024 so với tháng trước | Tháng 7/2024 so với cùng kỳ | 7 tháng năm 2024 so với cùng kỳ |
|:---|---:|---:|---:|
| Toàn ngành | 101,40 | 107,25 | 106,80 |
| Sản xuất và phân phối điện | 97,50 | 103,10 | 104,05 |
"""


def test_a_table_framed_in_pipes_as_markdown_writes_it_is_read_like_any_other() -> None:
    found = extract_document(assemble(read_text("cong-nghiep.txt", FRAMED.encode())), default_registry())
    named = {(f.fact.indicator, f.fact.measure, f.fact.value, str(f.fact.period.end)) for f in found.facts}
    assert ("Toàn ngành", "prev_change_pct", 1.4, "2024-07") in named
    assert ("Sản xuất và phân phối điện", "prev_change_pct", -2.5, "2024-07") in named
    assert ("Sản xuất và phân phối điện", "yoy_change_pct", 4.05, "2024-07") in named
    assert len(found.facts) == 6


BASED_GRID = """Tình hình kinh tế - xã hội quý II năm 2024
Giá trị tăng thêm theo khu vực kinh tế
Năm trước = 100 (%)
Khu vực kinh tế | Quý I | Quý II | 6 tháng
Tổng số | 105,40 | 106,90 | 106,20
Dịch vụ | 104,25 | 99,10 | 101,60
"""

BASED_FLAT = """Tình hình kinh tế - xã hội quý II năm 2024
Giá trị tăng thêm theo khu vực kinh tế
(Cùng kỳ năm trước = 100)
Khu vực kinh tế
Quý II năm 2023
Quý II năm 2024
Tổng số
104,80
106,90
"""


def _named(text: str) -> set[tuple[str, str, float, str, str]]:
    found = extract_document(assemble(read_text("grdp.txt", text.encode())), default_registry())
    return {
        (f.fact.indicator, f.fact.measure, f.fact.value, str(f.fact.period.start), str(f.fact.period.end))
        for f in found.facts
    }


def test_a_base_line_under_the_title_makes_every_period_column_a_change_against_it() -> None:
    grid = _named(BASED_GRID)
    assert ("Giá trị tăng thêm theo khu vực kinh tế", "yoy_change_pct", 6.9, "2024-04", "2024-06") in grid
    assert ("Dịch vụ", "yoy_change_pct", -0.9, "2024-04", "2024-06") in grid
    assert ("Dịch vụ", "yoy_change_pct", 1.6, "2024-01", "2024-06") in grid
    flat = _named(BASED_FLAT)
    assert ("Giá trị tăng thêm theo khu vực kinh tế", "yoy_change_pct", 6.9, "2024-04", "2024-06") in flat
    assert ("Giá trị tăng thêm theo khu vực kinh tế", "yoy_change_pct", 4.8, "2023-04", "2023-06") in flat


def test_a_label_names_a_count_in_millions_the_catalogue_does_not_know() -> None:
    text = (
        "Tình hình kinh tế - xã hội tháng 4 năm 2024\nSản phẩm | Ước tính tháng 4/2024 | Cộng dồn 4 tháng năm 2024\n"
        "Ngói lợp (triệu viên) | 3,6 | 14,2\n"
    )
    found = extract_document(assemble(read_text("san-pham.txt", text.encode())), default_registry())
    assert {(f.fact.indicator, f.fact.value, f.fact.unit) for f in found.facts} == {
        ("Ngói lợp", 3.6, "triệu viên"),
        ("Ngói lợp", 14.2, "triệu viên"),
    }


PDF_ROWS = """Tình hình kinh tế - xã hội tháng 4 năm 2024
Biểu 3. Doanh thu dịch vụ
Đơn vị tính: Tỷ đồng
Ước tính tháng 4 năm 2024
Cộng dồn 4 tháng năm 2024
4 tháng năm 2024 so với cùng kỳ năm trước (%)
Tổng số 812,6 3.140,2 111,3
Vận tải, kho bãi 240,5 951,8 108,7
"""


def test_the_total_row_of_a_pdf_table_is_a_row() -> None:
    found = extract_document(assemble(read_text("bieu.txt", PDF_ROWS.encode())), default_registry())
    named = {(f.fact.indicator, f.fact.measure, f.fact.value) for f in found.facts}
    assert {("Doanh thu dịch vụ", "value", 812.6), ("Doanh thu dịch vụ", "yoy_change_pct", 11.3)} <= named
    assert ("Vận tải, kho bãi", "yoy_change_pct", 8.7) in named


PDF_INDEXED = """Tình hình kinh tế - xã hội tháng 6 năm 2024
Biểu 6. Thu ngân sách nhà nước
Đơn vị tính: Tỷ đồng
Ước thực hiện 6 tháng năm 2024
So với dự toán (%)
A. Tổng thu trên địa bàn 4.210,5 52,6
1. Thu nội địa 3.905,2 53,1
"""


def test_pdf_rows_that_open_with_their_index_and_a_stop_are_rows() -> None:
    found = extract_document(assemble(read_text("thu-ngan-sach.txt", PDF_INDEXED.encode())), default_registry())
    named = {(f.fact.indicator, f.fact.measure, f.fact.value) for f in found.facts}
    assert {("Tổng thu trên địa bàn", "value", 4210.5), ("Thu nội địa", "plan_pct", 53.1)} <= named


PDF_UNITS = """Tình hình kinh tế - xã hội tháng 6 năm 2024
Biểu 2. Sản phẩm công nghiệp chủ yếu
Đơn vị tính
Ước tính tháng 6 năm 2024
Cộng dồn 6 tháng năm 2024
Gạch nung Triệu viên 21,4 118,9
Nước máy thương phẩm Nghìn m3 1.840,2 10.512,6
"""


def test_a_pdf_rows_unit_cell_run_into_its_label_is_its_unit() -> None:
    found = extract_document(assemble(read_text("san-pham.txt", PDF_UNITS.encode())), default_registry())
    named = {(f.fact.indicator, f.fact.value, f.fact.unit) for f in found.facts}
    assert {("Gạch nung", 118.9, "triệu viên"), ("Nước máy thương phẩm", 1840.2, "nghìn m3")} <= named


GROWTH_AS_INDICES = """Tình hình kinh tế - xã hội quý II năm 2024
Biểu 1. Tốc độ tăng giá trị tăng thêm theo giá so sánh
Đơn vị tính: %
Quý I năm 2024
Quý II năm 2024
Tổng số 106,35 107,10
Dịch vụ 105,80 98,60
"""

SHARES_BY_TITLE = """Tình hình kinh tế - xã hội năm 2024
Biểu 4. Cơ cấu giá trị tăng thêm theo giá hiện hành
Đơn vị tính: %
Năm 2023
Năm 2024
Tổng số 100,00 100,00
Dịch vụ 41,25 42,10
"""


def test_a_growth_table_written_as_indices_gives_the_changes() -> None:
    named = {(f.fact.indicator, f.fact.measure, f.fact.value) for f in _read_table(GROWTH_AS_INDICES)}
    assert {("Dịch vụ", "yoy_change_pct", 5.8), ("Dịch vụ", "yoy_change_pct", -1.4)} <= named


def test_the_rows_of_a_table_titled_as_a_structure_are_shares() -> None:
    named = {(f.fact.indicator, f.fact.measure, f.fact.value) for f in _read_table(SHARES_BY_TITLE)}
    assert named == {("Dịch vụ", "share_pct", 41.25), ("Dịch vụ", "share_pct", 42.1)}


def _read_table(text: str) -> list[FactFound]:
    return extract_document(assemble(read_text("bieu.txt", text.encode())), default_registry()).facts


PRICE_BASES = """Tình hình kinh tế - xã hội tháng 5 năm 2024
Biểu 6. Chỉ số giá tiêu dùng tháng 5 năm 2024
Đơn vị tính: %
Kỳ gốc 2019
Tháng 5 năm 2023
Tháng 12 năm 2023
Tháng 4 năm 2024
Chỉ số chung 111,40 104,20 101,90 100,35
"""


def test_a_price_index_tables_month_columns_are_its_bases_when_its_title_names_its_month() -> None:
    facts = {(f.fact.measure, f.fact.value): f.fact.period.as_strings() for f in _read_table(PRICE_BASES)}
    assert facts[("value", 111.4)] == ("2024-05", "2024-05")
    assert facts[("yoy_change_pct", 4.2)] == ("2024-05", "2024-05")
    assert facts[("ytd_change_pct", 1.9)] == ("2024-05", "2024-05")
    assert facts[("prev_change_pct", 0.35)] == ("2024-05", "2024-05")
