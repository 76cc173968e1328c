"""Vietnamese number notation: "." groups thousands, "," marks decimals ("1.007,5" = 1007.5); a page or report
in English prints them the English way ("1,007.5")."""

from __future__ import annotations

import re

# A grouped number ("96.058", "1.007,5") or a plain one ("14,14", "05", "800").
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]\d)|\d+(?:,\d+)?"
_STRICT_RE = re.compile(NUMBER_PATTERN)
# In running text a dot followed by one or two digits cannot group thousands: "tăng 12.5%" and "1.18 tỷ USD"
# are decimals written the English way. Typed input stays strict (parse_number).
_DOT_DECIMAL = r"\d+\.\d{1,2}(?![\d.])"
_DOT_DECIMAL_RE = re.compile(_DOT_DECIMAL)
NUMBER_RE = re.compile(rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?(?![\d.]\d)|{_DOT_DECIMAL}|\d+(?:,\d+)?")


def parse_number(text: str) -> float:
    """Decode a number written the Vietnamese way.

    >>> parse_number("96.058"), parse_number("14,14"), parse_number("1.007,5")
    (96058.0, 14.14, 1007.5)
    """
    s = text.strip().replace(" ", "")
    if not _STRICT_RE.fullmatch(s):
        raise ValueError(f"không phải số viết theo kiểu Việt Nam: {text!r}")
    return float(s.replace(".", "").replace(",", "."))


def parse_figure(text: str) -> float:
    """A number as running text writes it: the Vietnamese way, or with a decimal dot ("12.5")."""
    s = text.strip()
    return float(s) if _DOT_DECIMAL_RE.fullmatch(s) else parse_number(s)


def format_number(value: float, decimals: int | None = None, lang: str = "vi") -> str:
    """Print a number the language's way: Vietnamese "96.058,5" and "14,14", English "96,058.5" and "14.14"."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(4, _needed_decimals(value))
    text = f"{abs(value):,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("-" if value < 0 else "") + text


def _needed_decimals(value: float) -> int:
    text = f"{value:.4f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


_UNITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7,
          "tám": 8, "chín": 9, "nhất": 1}  # fmt: skip


def word_number(text: str) -> int:
    """A number written in words: "hai mươi tám" → 28, "mười lăm" → 15, "nhất" → 1, "tư" → 4."""
    words = text.lower().split()
    if "mười" in words or "mươi" in words:
        at = words.index("mười") if "mười" in words else words.index("mươi")
        tens = 1 if words[at] == "mười" else _UNITS[words[at - 1]]
        rest = words[at + 1 :]
        return tens * 10 + (_UNITS[rest[0]] if rest else 0)
    return _UNITS[words[0]]
