"""Reading a file by what it is (not only what its name says), after the checks that keep a broken,
huge or hostile file from hurting anything."""

from __future__ import annotations

import logging
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from planwatch.limits import MAX_TEXT_CHARS
from planwatch.read.docx import read_docx
from planwatch.read.errors import RejectedFile
from planwatch.read.legacy import TCVN3, VNI_REFUSAL, looks_tcvn3, looks_vni
from planwatch.read.model import RawDocument
from planwatch.read.ocr_pages import OcrNeeded, OcrOptions
from planwatch.read.pdf import read_pdf
from planwatch.read.text import read_text
from planwatch.vocab.numbers import format_number

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_PART_BYTES = 32 * 1024 * 1024  # one inflated XML part (document.xml of a 300-page report is ~5 MB)
_CHUNK = 1024 * 1024
SUFFIXES = {".txt", ".md", ".docx", ".pdf"}

log = logging.getLogger(__name__)


def read_file(path: Path, name: str | None = None, ocr: OcrOptions | None = None) -> tuple[RawDocument, bytes]:
    """The document and its bytes; RejectedFile names the file (`name`, else the path's) and says why; `ocr` says
    how a PDF's scanned pages are read."""
    name = name or path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise RejectedFile(name, too_large(size))
    data = path.read_bytes()
    return read_bytes(name, data, ocr), data


def _in_unicode_letters(name: str, raw: RawDocument) -> RawDocument:
    """TCVN3 letters converted (same length, markers stay put); VNI refused with its name."""
    sample = "\n".join(b.text for b in raw.blocks[:400])
    if looks_tcvn3(sample):
        for block in raw.blocks:
            block.text = block.text.translate(TCVN3)
    elif looks_vni(sample):
        raise RejectedFile(name, VNI_REFUSAL)
    return raw


def too_large(size: int | None) -> str:
    """The refusal of a file over the size limit, with its size when known."""
    limit = MAX_FILE_BYTES // (1024 * 1024)
    if size is None:
        return f"tệp lớn hơn {limit} MB (tối đa {limit} MB)"
    return f"tệp quá lớn ({format_number(round(size / (1024 * 1024), 1))} MB, tối đa {limit} MB)"


def read_bytes(name: str, data: bytes, ocr: OcrOptions | None = None) -> RawDocument:
    """The document in NFC, whatever composition its file used, within the text size limit."""
    raw = _in_unicode_letters(name, _read_by_kind(name, data, ocr)).in_nfc()
    length = sum(len(b.text) for b in raw.blocks)
    if length > MAX_TEXT_CHARS:
        raise RejectedFile(
            name, f"văn bản quá dài ({format_number(length)} ký tự, tối đa {format_number(MAX_TEXT_CHARS)})"
        )
    return raw


def _read_by_kind(name: str, data: bytes, ocr: OcrOptions | None) -> RawDocument:
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise RejectedFile(name, f"định dạng không hỗ trợ '{suffix}' (chỉ nhận .txt, .md, .docx, .pdf)")
    if not data.strip():
        raise RejectedFile(name, "tệp rỗng (empty file)")
    if len(data) > MAX_FILE_BYTES:
        raise RejectedFile(name, too_large(len(data)))
    try:
        if suffix == ".pdf":
            if not data.startswith(b"%PDF"):
                raise RejectedFile(name, "không phải tệp PDF (nội dung không bắt đầu bằng %PDF)")
            return read_pdf(name, data, ocr)
        if suffix == ".docx":
            check_zip(name, data)
            return read_docx(name, data)
        if data[:4] in (b"%PDF", b"PK\x03\x04"):
            raise RejectedFile(name, "nội dung là tệp nhị phân (PDF/ZIP), không phải văn bản thuần")
        if len(data) > 4 * MAX_TEXT_CHARS:  # more bytes than the longest text allowed can take, decoded or not
            raise RejectedFile(
                name, f"văn bản quá dài ({len(data) // (1024 * 1024)} MB, tối đa {format_number(MAX_TEXT_CHARS)} ký tự)"
            )
        return read_text(name, data)
    except (RejectedFile, OcrNeeded):
        raise
    except ValueError as error:
        raise RejectedFile(name, str(error)) from error
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise RejectedFile(name, f"tệp hỏng, không giải nén được ({error})") from error
    except RecursionError as error:
        raise RejectedFile(name, "cấu trúc tệp lồng nhau quá sâu (nested too deeply)") from error
    except Exception as error:  # noqa: BLE001  any other reader failure: this file is refused, the run goes on
        log.warning("reading %s failed", name, exc_info=True)  # the class and traceback for whoever maintains it
        raise RejectedFile(
            name, f"tệp hỏng hoặc không đúng định dạng, không đọc được ({error or 'không rõ lý do'})"
        ) from error


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
    _inflate_within_limits(name, archive)
    names = {e.filename for e in entries}
    if "EncryptedPackage" in names:
        raise RejectedFile(name, "tệp .docx được mã hoá (có mật khẩu)")
    if "word/document.xml" not in names:
        raise RejectedFile(name, "tệp .docx không có word/document.xml")


def _inflate_within_limits(name: str, archive: zipfile.ZipFile) -> None:
    """Inflate every part once, counting bytes as they come: sizes are enforced on what the data holds, not on
    what its headers declare (a header may lie), and a damaged part (bad CRC) is found before any parsing."""
    total = 0
    for entry in archive.infolist():
        size = 0
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if (size > MAX_PART_BYTES and entry.filename.endswith(".xml")) or total > MAX_UNZIPPED_BYTES:
                    raise RejectedFile(
                        name, f"{entry.filename} giải nén vượt {MAX_PART_BYTES // (1024 * 1024)} MB: nghi zip bomb"
                    )
