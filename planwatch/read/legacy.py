"""Vietnamese text in the encodings that older office files still carry.

- Windows-1258 and UTF-16 without a byte-order mark: detected by charset-normalizer (a maintained detector) and
  decoded.
- TCVN3 (ABC, the ".VnTime" fonts): each Vietnamese letter is one byte in 0xA1-0xFF, read as Latin-1 characters
  ("B¸o c¸o" for "Báo cáo"), in an 8-bit .txt or inside a .docx alike. Recognised by those characters and the
  absence of Unicode Vietnamese letters, and converted letter for letter (same length: offsets do not move). The
  table below was checked against glibc's TCVN5712-1 converter. Capitals with a tone mark were drawn with a
  separate capital font (".VnTimeH") from the same codes, so they come out as small letters.
- VNI (VNI-Windows fonts): a letter is an ASCII vowel followed by a mark character ("Baùo caùo"); recognised and
  refused with its name, since its two-character codes are ambiguous with ordinary text."""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

_TCVN3_CODES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
TCVN3 = str.maketrans(_TCVN3_CODES, _TCVN3_LETTERS)
# Codes that stand for nothing in ordinary Vietnamese text (à, á, â, ... are letters in both)
_TCVN3_ONLY = re.compile(
    "[" + re.escape("".join(set(_TCVN3_CODES) - set(_TCVN3_LETTERS) - set("àáâãèéêìíòóôõùúý"))) + "]"
)
_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_VNI_MARKS = re.compile(r"[aeiouyâêôAEIOUYÂÊÔ][ùøûõïÙØÛÕÏ]")  # a vowel, then a tone mark: "aù" = "á"


def looks_tcvn3(text: str) -> bool:
    odd = len(_TCVN3_ONLY.findall(text))
    return odd >= 20 and len(_VIETNAMESE.findall(text)) * 10 < odd


def looks_vni(text: str) -> bool:
    words = max(1, len(text.split()))
    return len(_VNI_MARKS.findall(text)) > 0.05 * words and not _VIETNAMESE.search(text)


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without its byte-order mark: every other byte is zero in Latin-script text."""
    if len(data) % 2:
        return None
    for encoding, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if high and high.count(0) > 0.3 * len(high):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not looks_binary(text):
                return text
    return None


def looks_binary(text: str) -> bool:
    """Control characters (other than line breaks and tabs) in more than 1% of the text: not a text file."""
    controls = sum(1 for ch in text[:100_000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls > 0.01 * min(len(text), 100_000)


def decode_legacy(data: bytes) -> str:
    """Text that is not UTF-8: VNI refused by name (ValueError), else the reading among Windows-1258, TCVN3 and
    what charset-normalizer proposes that reads most like Vietnamese (no syllable with two tone marks)."""
    latin = data.decode("latin-1")
    if not _looks_like_text(data[:100_000]):  # no encoding is guessed for what is no text
        raise ValueError(BINARY_REFUSAL)
    if looks_vni(latin):
        raise ValueError(VNI_REFUSAL)
    candidates = [unicodedata.normalize("NFC", data.decode("cp1258", "replace")), latin.translate(TCVN3)]
    best = from_bytes(data).best()
    if best is not None:
        candidates.append(unicodedata.normalize("NFC", str(best)))
    return min(candidates, key=_unlike_vietnamese)


def _looks_like_text(data: bytes) -> bool:
    """Every legacy Vietnamese encoding keeps spaces, digits and base letters in ASCII: most bytes of a text are
    printable ASCII, and C0 control codes are rare (C1 codes are letters in Windows-1258 and TCVN3)."""
    printable = len(data) - len(data.translate(None, _PRINTABLE_ASCII))
    return printable >= 0.5 * len(data) and not looks_binary(data.decode("latin-1").translate(_HIGH_AS_LETTERS))


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
BINARY_REFUSAL = "không đọc được văn bản: tệp chứa ký tự điều khiển, có lẽ là tệp nhị phân (binary data)"
_HIGH_AS_LETTERS = {code: "a" for code in range(0x80, 0xA0)}  # C1 codes are letters in Windows-1258 and TCVN3
VNI_REFUSAL = "văn bản dùng bảng mã VNI (phông VNI-Times): hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã)"
_TONES = re.compile("[\u0300\u0301\u0303\u0309\u0323]")


def _unlike_vietnamese(text: str) -> tuple[int, int]:
    """Syllables with two tone marks or odd characters (never in Vietnamese), then fewer Vietnamese letters."""
    words = unicodedata.normalize("NFD", text).split()
    impossible = sum(len(_TONES.findall(word)) > 1 for word in words) + len(_TCVN3_ONLY.findall(text))
    impossible += text.count("\ufffd")
    return impossible, -len(_VIETNAMESE.findall(text))
