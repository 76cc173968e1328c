"""Hostile and odd files made on the spot (no committed binaries), for the tests and bench/hostile.py."""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
import zlib

from docx import Document

from planwatch.read.legacy import TCVN3

SENTENCE = "Tổng thu ngân sách nhà nước tháng 5 năm 2024 ước đạt 1.007,5 tỷ đồng, tăng 70% so với cùng kỳ."


def good_docx(paragraphs: int = 3) -> bytes:
    document = Document()
    for _ in range(paragraphs):
        document.add_paragraph(SENTENCE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def damaged_docx() -> bytes:
    """A real .docx with one byte flipped inside the compressed word/document.xml (a bad CRC-32)."""
    data = bytearray(good_docx(40))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        entry = archive.getinfo("word/document.xml")
    name_length, extra_length = struct.unpack("<HH", data[entry.header_offset + 26 : entry.header_offset + 30])
    start = entry.header_offset + 30 + name_length + extra_length
    data[start + entry.compress_size // 2] ^= 0xFF
    return bytes(data)


def lying_zip_bomb(inflated: int = 64 * 1024 * 1024, declared: int = 100 * 1024) -> bytes:
    """A .docx whose word/document.xml inflates to `inflated` bytes while its headers declare `declared`."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"<w:t>" + b"A" * (1024 * 1024 - 5)
    body = b"".join(compressor.compress(chunk) for _ in range(inflated // len(chunk))) + compressor.flush()
    crc = 0
    for _ in range(inflated // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    name = b"word/document.xml"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), declared, len(name), 0)
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(body), declared, len(name), 0, 0, 0, 0, 0, 0
    )
    directory = central + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(local) + len(name) + len(body), 0)
    return local + name + body + directory + end


def roman_numbering_docx(start: int = 10**9) -> bytes:
    """A list numbered in Roman numerals from `start` (10^9 would print a million "M"s)."""
    document = Document()
    for _ in range(5):
        document.add_paragraph(SENTENCE, style="List Number")
    numbering = document.part.numbering_part.element
    for element in numbering.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lvl"):
        for child in element:
            tag = child.tag.rsplit("}", 1)[1]
            if tag in ("start", "numFmt"):
                child.set(child.tag.rsplit("}", 1)[0] + "}val", str(start) if tag == "start" else "upperRoman")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_like_text_with_long_notes(lines: int = 20_000) -> bytes:
    """A text laid out like a PDF export (short lines, blank lines) whose footnote area runs on and on."""
    body = "\n\n".join(f"Dòng {i} của báo cáo, giá trị sản xuất đạt {i},5 tỷ đồng" for i in range(60))
    notes = "\n".join(f"ghi chú tiếp theo số {i} của chú thích thứ nhất, còn dài" for i in range(lines))
    return (body + "\n" + " " * 20 + "\n1 Chú thích đầu tiên\n" + notes + "\n").encode()


def long_text(megabytes: float) -> bytes:
    line = (SENTENCE + "\n").encode()
    return line * int(megabytes * 1024 * 1024 / len(line))


def pdf_stream_bomb(inflated: int = 1024**3) -> bytes:
    """A one-page PDF whose content stream is a few MB deflated and `inflated` bytes once decoded."""
    compressor = zlib.compressobj(9)
    chunk = b"q Q " * (1024 * 256)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated // len(chunk))) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def one_paragraph(chars: int) -> bytes:
    """A report whose body is one paragraph of `chars` characters, a figure in every sentence and no line break."""
    sentences = [SENTENCE.replace("1.007,5", f"{n % 900 + 100},5") for n in range(chars // (len(SENTENCE) + 1))]
    return ("BÁO CÁO\nTình hình kinh tế - xã hội tháng 5 năm 2024\n" + " ".join(sentences) + "\n").encode()


def in_tcvn3(text: str) -> bytes:
    """The text as an old ".VnTime" file would hold it: one byte a letter (capitals with tones lower-cased)."""
    back = {v: k for k, v in TCVN3.items()}
    lowered = "".join(ch if ord(ch) in back or ch.isascii() else ch.lower() for ch in text)
    return lowered.translate(back).encode("latin-1")


def in_vni(text: str) -> bytes:
    """Two-character VNI codes for a few vowels: enough for the detector (the mark follows its vowel)."""
    marks = {"á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï", "ó": "où", "ò": "oø", "é": "eù", "í": "iù"}
    return "".join(marks.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252", "replace")


def in_windows_1258(text: str) -> bytes:
    """Windows-1258: base letters (â, ê, ơ, ư, ă, đ precomposed) followed by combining tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            base, *tones = unicodedata.normalize("NFD", ch)
            hat = [t for t in tones if t in "\u0302\u0306\u031b"]
            out.append(unicodedata.normalize("NFC", base + "".join(hat)).encode("cp1258"))
            out.extend(t.encode("cp1258") for t in tones if t not in hat)
    return b"".join(out)
