"""Reading a file by what it is (not only what its name says), after the checks that keep a broken,
huge or hostile file from hurting anything."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from planwatch.read.docx import read_docx
from planwatch.read.errors import RejectedFile
from planwatch.read.model import RawDocument
from planwatch.read.pdf import read_pdf
from planwatch.read.text import read_text

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
SUFFIXES = {".txt", ".md", ".docx", ".pdf"}


def read_file(path: Path) -> tuple[RawDocument, bytes]:
    """The document and its bytes; RejectedFile names the file and says why it was refused."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise RejectedFile(
            name, f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)"
        )
    data = path.read_bytes()
    return read_bytes(name, data), data


def read_bytes(name: str, data: bytes) -> RawDocument:
    """The document in NFC, whatever composition its file used."""
    return _read_by_kind(name, data).in_nfc()


def _read_by_kind(name: str, data: bytes) -> RawDocument:
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise RejectedFile(name, f"định dạng không hỗ trợ '{suffix}' (chỉ nhận .txt, .md, .docx, .pdf)")
    if not data.strip():
        raise RejectedFile(name, "tệp rỗng (empty file)")
    if len(data) > MAX_FILE_BYTES:
        raise RejectedFile(name, "tệp quá lớn (file too large)")
    try:
        if suffix == ".pdf":
            if not data.startswith(b"%PDF"):
                raise RejectedFile(name, "không phải tệp PDF (nội dung không bắt đầu bằng %PDF)")
            return read_pdf(name, data)
        if suffix == ".docx":
            check_zip(name, data)
            return read_docx(name, data)
        if data[:4] in (b"%PDF", b"PK\x03\x04"):
            raise RejectedFile(name, "nội dung là tệp nhị phân (PDF/ZIP), không phải văn bản thuần")
        return read_text(name, data)
    except RejectedFile:
        raise
    except ValueError as error:
        raise RejectedFile(name, str(error)) from error


def check_zip(name: str, data: bytes) -> None:
    """Entry count, total size and compression ratio, before any XML is parsed (zip bombs)."""
    if not data.startswith(b"PK\x03\x04"):
        raise RejectedFile(name, "không phải tệp Word .docx (không phải gói ZIP)")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as error:
        raise RejectedFile(name, f"tệp .docx hỏng: {error}") from error
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise RejectedFile(name, f"tệp .docx có quá nhiều thành phần ({len(entries)})")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNZIPPED_BYTES:
        raise RejectedFile(name, f"tệp .docx giải nén quá lớn ({total // (1024 * 1024)} MB): nghi zip bomb")
    for entry in entries:
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO:
            raise RejectedFile(name, f"tỷ lệ nén bất thường ở {entry.filename}: nghi zip bomb")
    names = {e.filename for e in entries}
    if "EncryptedPackage" in names:
        raise RejectedFile(name, "tệp .docx được mã hoá (có mật khẩu)")
    if "word/document.xml" not in names:
        raise RejectedFile(name, "tệp .docx không có word/document.xml")
