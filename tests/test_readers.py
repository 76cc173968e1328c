"""Readers: text exports from Word and PDF, .docx built here, and the shared renderings when present."""

from __future__ import annotations

import io

import docx
import pytest

from planwatch.read.docx import read_docx
from planwatch.read.files import read_bytes
from planwatch.read.footnotes import strip_glued_markers
from planwatch.read.model import assemble

from .conftest import SHARED_CORPUS

PDF_EXPORT = (
    "1.1. Sản xuất công nghiệp \n\n"
    + "Chỉ số sản xuất công nghiệp (IIP) tháng 5/2024 tăng 17,32% so với tháng \n\n"
    + "5/20231, tăng 10,38% so với tháng 4/2024; chỉ số 05 tháng tăng 24,64% so với \n\n"
    + "cùng kỳ. Đồng thời, ngành sản xuất sản phẩm điện tử tăng 36,44%2; ngành dệt \n\n"
    + "                                           \n"
    + "1 Trong đó, ngành khai khoáng ước tăng 14,7%. \n"
    + "2 Các sản phẩm chủ lực có mức tăng mạnh. \n"
    + " may tăng 24,42%... so cùng kỳ. \n\n"
) * 3


def test_glued_markers_follow_the_footnote_sequence() -> None:
    text, markers = strip_glued_markers("so với tháng 5/20231, tăng 36,44%2; chú trọng3. Có 12/15 khoản", [1, 2, 3])
    assert text == "so với tháng 5/2023, tăng 36,44%; chú trọng. Có 12/15 khoản"
    assert [n for _, n in markers] == [1, 2, 3]


def test_pdf_export_text_is_rejoined_and_notes_split() -> None:
    raw = read_bytes("004.txt", PDF_EXPORT.encode())
    assert raw.fmt == "txt-pdf"
    notes = [b for b in raw.blocks if b.kind == "footnote"]
    assert [b.note for b in notes][:2] == [1, 2] and notes[0].text.startswith("Trong đó")
    body = [b.text for b in raw.blocks if b.kind == "paragraph"]
    assert "so với tháng 5/2023, tăng 10,38%" in body[1]
    assert body[0] == "1.1. Sản xuất công nghiệp"


def test_word_export_footnotes_and_bookmarks() -> None:
    text = (
        "[bookmark: _Hlk1]1. Thiệt hại tăng rất lớn so với cùng kỳ[footnoteRef:1]. Công tác phòng cháy. "
        "[1:   6 tháng đầu năm xảy ra 6 vụ chặt, phá rừng. ]\n"
    ) * 3
    plain = assemble(read_bytes("000.txt", text.encode()))
    assert "[bookmark" not in plain.text and "footnoteRef" not in plain.text
    assert any(s.kind == "footnote" and s.note == 1 for s in plain.spans)
    assert plain.markers and plain.text[plain.markers[0][0] - 7 : plain.markers[0][0]] == "cùng kỳ"


def test_notes_under_a_rule_of_underscores_with_bracketed_markers() -> None:
    text = (
        "2. Thu ngân sách trên địa bàn đạt 8.200 tỷ đồng(1); chi đầu tư phát triển 3.100 tỷ đồng(2).\n"
        "3. Tỷ lệ che phủ rừng 47%.\n"
        "______________\n"
        "(1) Không kể thu tiền sử dụng đất.\n"
        "(2) Kể cả vốn vay lại của địa phương.\n"
    )
    plain = assemble(read_bytes("nq.txt", text.encode()))
    notes = [s for s in plain.spans if s.kind == "footnote"]
    assert [s.note for s in notes] == [1, 2]
    assert plain.text[notes[0].start : notes[0].end] == "Không kể thu tiền sử dụng đất."
    assert "(1)" not in plain.text and "8.200 tỷ đồng;" in plain.text
    assert plain.text[plain.markers[1][0] - 9 : plain.markers[1][0]] == "3.100 tỷ đồng"[-9:]


def test_docx_numbering_and_tables() -> None:
    document = docx.Document()
    document.add_paragraph("Tổng thu ngân sách đạt 10.111,7 tỷ đồng.", style="List Number")
    document.add_paragraph("Chi ngân sách đạt 8.000 tỷ đồng.", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Thu nội địa"
    table.rows[0].cells[1].text = "9.031,2 tỷ đồng"
    buffer = io.BytesIO()
    document.save(buffer)
    raw = read_docx("t.docx", buffer.getvalue())
    texts = [b.text for b in raw.blocks]
    assert texts[0].startswith("1. Tổng thu") and texts[1].startswith("2. Chi ngân sách")
    assert texts[2] == "Thu nội địa | 9.031,2 tỷ đồng"


@pytest.mark.skipif(not (SHARED_CORPUS / "docx").is_dir(), reason="shared corpus not present")
def test_shared_docx_and_pdf_keep_footnotes_and_pages() -> None:
    docx_file = next((SHARED_CORPUS / "docx").glob("000_*.docx"))
    pdf_file = next((SHARED_CORPUS / "pdf").glob("000_*.pdf"))
    from_docx = read_bytes(docx_file.name, docx_file.read_bytes())
    from_pdf = read_bytes(pdf_file.name, pdf_file.read_bytes())
    for raw in (from_docx, from_pdf):
        assert [b.note for b in raw.blocks if b.kind == "footnote"] == [1, 2, 3]
        assert sum(len(b.markers) for b in raw.blocks) == 3
    assert from_pdf.pages == 9 and all(b.page for b in from_pdf.blocks)
    assert any(b.text.startswith("1. Tăng trưởng kinh tế (GRDP)") for b in from_docx.blocks)
