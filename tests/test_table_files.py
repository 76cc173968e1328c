"""Tables in the files the readers take apart: a .docx table with merged header cells, a PDF drawn in the test
whose header wraps over two lines, text exported from a PDF; and the properties of a table's cells and header.
Every table below is our own: an imaginary province's figures."""

from __future__ import annotations

import ctypes
import io
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from planwatch.extract.table_cells import cell_figures
from planwatch.read.files import read_bytes
from planwatch.read.text import read_text
from planwatch.structure.table_header import fit_columns
from planwatch.vocab.numbers import format_number
from tests.test_tables import _extract, _facts


def test_a_docx_table_with_header_cells_merged_across_columns_and_rows() -> None:
    document = Document()
    document.add_paragraph("Tình hình kinh tế - xã hội tháng 10 năm 2025")
    document.add_paragraph("Đơn vị tính: Tỷ đồng")
    table = document.add_table(rows=3, cols=4)
    for column, text in enumerate(["Chỉ tiêu", "Ước tính tháng 10", "So với cùng kỳ (%)", ""]):
        table.cell(0, column).text = text
    for column, text in enumerate(["", "", "Tháng 10", "10 tháng"]):
        table.cell(1, column).text = text
    table.cell(0, 2).merge(table.cell(0, 3)).text = "So với cùng kỳ (%)"
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    for column, text in enumerate(["Chi ngân sách địa phương", "1.204,6", "108,1", "105,7"]):
        table.cell(2, column).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    facts = _facts(_extract(read_bytes("bang.docx", buffer.getvalue())))
    assert ("Chi ngân sách địa phương", "value", 1204.6, "2025-10", "2025-10") in facts
    assert ("Chi ngân sách địa phương", "yoy_change_pct", 8.1, "2025-10", "2025-10") in facts
    assert ("Chi ngân sách địa phương", "yoy_change_pct", 5.7, "2025-01", "2025-10") in facts


def test_a_years_plan_beside_that_years_estimate_in_a_docx_annex_is_no_target() -> None:
    # a commune's 2026 plan: "Năm 2025" spans its plan and its estimate; that plan grades the estimate (T30)
    document = Document()
    document.add_paragraph("CHỈ TIÊU KẾ HOẠCH NĂM 2026 CỦA XÃ SUỐI SIM")
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2025", "", "Kế hoạch năm 2026"],
        ["", "", "", "Kế hoạch", "Ước thực hiện", ""],
        ["1", "Sản lượng lúa", "Tấn", "9.800", "9.950", "10.200"],
        ["2", "Tỷ lệ hộ dùng nước sạch", "%", "88", "89,5", "92"],
    ]
    table = document.add_table(rows=4, cols=6)
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    table.cell(0, 3).merge(table.cell(0, 4)).text = "Năm 2025"
    for column in (0, 1, 2, 5):
        table.cell(0, column).merge(table.cell(1, column))
    buffer = io.BytesIO()
    document.save(buffer)
    found = _extract(read_bytes("phu-luc.docx", buffer.getvalue()))
    targets = {(t.draft.indicator, t.draft.year, t.draft.value) for t in found.targets}
    assert targets == {("Sản lượng lúa", 2026, 10200), ("Tỷ lệ hộ dùng nước sạch", 2026, 92)}


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf(pieces: list[tuple[float, float, str]]) -> bytes:
    """A one-page PDF with each text at (x, y) points from the bottom left, drawn with pdfium itself."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    data = FONT.read_bytes()
    font_data = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_c.FPDFText_LoadFont(pdf.raw, font_data, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
    for x, y, text in pieces:
        obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, 10.0)
        wide = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.skipif(not FONT.is_file(), reason="DejaVu Sans not installed")
def test_a_pdf_table_whose_header_wraps_over_two_lines() -> None:
    columns = (250, 330, 410)
    pieces = [(60, 780, "Báo cáo thu ngân sách 9 tháng năm 2025"), (60, 765, "Đơn vị tính: Tỷ đồng")]
    pieces += [(60, 740, "Chỉ tiêu")] + list(zip(columns, (740,) * 3, ("Dự toán", "Ước thực", "So với"), strict=True))
    pieces += list(zip(columns, (728,) * 3, ("năm 2025", "hiện 9 tháng", "dự toán (%)"), strict=True))
    for y, row in (
        (708, ("Thu nội địa", "7.200", "5.544,0", "77,0")),
        (694, ("Thu tiền sử dụng đất", "1.500", "930,0", "62,0")),
    ):
        pieces += [(60, y, row[0])] + list(zip(columns, (y,) * 3, row[1:], strict=True))
    raw = read_bytes("bang.pdf", _pdf(pieces))
    assert "Chỉ tiêu | Dự toán | Ước thực | So với" in [b.text for b in raw.blocks]
    found = _extract(raw)
    facts = _facts(found)
    assert ("Thu nội địa", "value", 5544.0, "2025-01", "2025-09") in facts
    assert ("Thu tiền sử dụng đất", "plan_pct", 62.0, "2025-01", "2025-09") in facts
    assert ("Dự toán thu nội địa", "value", 7200, "2025-01", "2025-12") in facts
    assert all(f.page == 1 for f in found.facts)


def test_rows_of_a_table_in_text_exported_from_a_pdf_stay_rows() -> None:
    prose = [
        "Trong 9 tháng năm 2025, thu ngân sách nhà nước trên địa bàn tỉnh ước đạt ",
        "kết quả khá, các khoản thu lớn đều tăng so với cùng kỳ năm trước; chi ",
        "ngân sách bảo đảm các nhiệm vụ chi thường xuyên và chi đầu tư phát triển. ",
    ] * 6
    table = [
        "Biểu 1. Thu, chi ngân sách 9 tháng năm 2025",
        "Đơn vị tính: Tỷ đồng",
        "Chỉ tiêu Dự toán năm 2025 Ước thực hiện 9 tháng So với dự toán (%)",
        "Thu nội địa 6.800 5.304,0 78,0",
        "Chi thường xuyên 9.100 6.370,0 70,0",
    ]
    text = "\n\n".join(prose + table) + "\n"
    raw = read_text("xuat-tu-pdf.txt", text.encode())
    assert raw.fmt == "txt-pdf" and "Thu nội địa 6.800 5.304,0 78,0" in [b.text for b in raw.blocks]
    facts = _facts(_extract(raw))
    assert ("Thu nội địa", "plan_pct", 78.0, "2025-01", "2025-09") in facts
    assert ("Chi thường xuyên", "value", 6370.0, "2025-01", "2025-09") in facts


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2)))
def test_a_cell_reads_the_number_it_prints(value: float) -> None:
    written = format_number(value)
    [figure] = cell_figures(written)
    assert figure.value == pytest.approx(value) and written[figure.start : figure.end] == written


@given(st.integers(1, 999), st.integers(1, 999))
def test_a_range_cell_is_both_its_ends(low: int, gap: int) -> None:
    figures = cell_figures(f"{low} - {low + gap}")
    assert [(f.value, f.suffix) for f in figures] == [(low, " (mức thấp)"), (low + gap, " (mức cao)")]


@given(st.lists(st.sampled_from(["Thực hiện", "tháng 9", "Ước tính", "tháng 10", "So với", "cùng kỳ (%)"]), max_size=8))
def test_a_header_is_fitted_or_refused_never_made_up(texts: list[str]) -> None:
    cells = [(k * 20, text) for k, text in enumerate(texts)]
    for width in range(1, 6):
        fitted = fit_columns(cells, width)
        assert fitted is None or len(fitted) == width
        if fitted is not None:
            assert set(" ".join(t for _, t in fitted).split()) == set(" ".join(texts).split())
