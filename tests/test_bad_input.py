"""Broken, huge or hostile files get one clear message naming the file and the reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from planwatch.read.errors import RejectedFile
from planwatch.read.files import read_bytes, read_file


def rejected(name: str, data: bytes) -> str:
    with pytest.raises(RejectedFile) as caught:
        read_bytes(name, data)
    assert caught.value.name == name
    return caught.value.reason


def test_empty_and_unsupported() -> None:
    assert "rỗng" in rejected("a.txt", b"   \n")
    assert "không hỗ trợ" in rejected("a.xlsx", b"data")


def test_content_not_what_the_extension_says() -> None:
    assert "PDF" in rejected("a.pdf", b"just text")
    assert "ZIP" in rejected("a.docx", b"just text")
    assert "nhị phân" in rejected("a.txt", b"%PDF-1.4 binary")


def test_binary_posing_as_text() -> None:
    assert "nhị phân" in rejected("a.txt", "Báo cáo".encode("cp1258", errors="replace") + b"\xff\xfe\x00")


def test_zip_bomb_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    assert "zip bomb" in rejected("bomb.docx", buffer.getvalue())


def test_corrupt_docx_and_encrypted_pdf(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"<not-xml")
    assert "hỏng" in rejected("broken.docx", buffer.getvalue())
    assert "PDF" in rejected("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")


def test_huge_file_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("planwatch.read.files.MAX_FILE_BYTES", 1024)
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(RejectedFile, match="quá lớn"):
        read_file(path)
