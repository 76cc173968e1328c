"""One cell of an indicator table read as figures: a number ("4736,0"), a range ("7,5-8,0", "07 - 09"), a
bound ("> 2.300", "Dưới 3", "từ 10% trở lên"), a change ("tăng 7,4 - 8,4%", "giảm 28,3%"), and what a remark in
parentheses adds about the same row: its change ("575 (tăng 15%)"), the level it leaves ("0,86% (còn 4,17%)"),
its amount ("tăng từ 8-10% (dự ước 24.500 tỷ)"). A remark of another kind ("(theo chuẩn nghèo giai đoạn
2016-2020)", "(do năm 2020 là năm gốc, tăng 2,06%)") adds nothing. Cells in other words ("Xuất siêu") hold no
figure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.text.fold import fold
from planwatch.vocab.numbers import parse_figure
from planwatch.vocab.units import match_unit

_NUMBER = r"\d(?:[\d.,]*\d)?"
_MAIN = re.compile(
    rf"^(?P<words>[^\d()<>≤≥]*?)\s*(?P<cmp>[<>≤≥]=?)?\s*(?P<sign>[-+])?\s*(?P<first>{_NUMBER})\s*(?P<pct1>%)?"
    rf"(?:\s*[-–]\s*(?P<second>{_NUMBER}))?\s*(?P<pct>%|‰)?(?P<rest>.*)$",
    re.DOTALL,
)
_AT_LEAST = re.compile(r"^(?:tren|hon|toi thieu|khong duoi|khong thap hon|it nhat)$")
_AT_MOST = re.compile(r"^(?:duoi|khong qua|toi da|khong vuot qua|khong vuot)$")
_ABOUT = re.compile(r"^(?:khoang|xap xi|gan|dat|phan dau|phan dau dat|uoc|uoc dat|du kien)$")
_CHANGE = re.compile(r"^(?P<way>tang|giam)(?:\s+(?:tu|khoang|tren|hon|duoi))?$")
_FROM = re.compile(r"^tu$")
_REMARK = re.compile(r"\(([^()]*)\)")
_REMARK_CHANGE = re.compile(rf"^\s*(?P<way>tăng|giảm)\s+(?:khoảng\s+)?(?P<n>{_NUMBER})\s*%", re.IGNORECASE)
_REMARK_LEFT = re.compile(rf"^\s*còn\s+(?:khoảng\s+)?(?P<n>{_NUMBER})\s*(?P<pct>%)?", re.IGNORECASE)
_REMARK_AMOUNT = re.compile(
    rf"^\s*(?:dự\s+ước|ước(?:\s+đạt)?|khoảng|tương\s+đương|đạt)\s+(?P<n>{_NUMBER})\s*(?P<unit>[^\d(),;]{{0,20}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CellFigure:
    value: float
    start: int  # where its number stands in the cell
    end: int
    kind: str  # "main" | "change" (a change of the row's indicator) | "left" (the level left) | "amount"
    comparator: str = "="  # ">=", "<=" or "="
    suffix: str = ""  # " (mức thấp)" / " (mức cao)" for the two ends of a range
    percent: bool = False  # written with "%"
    unit: str = ""  # an amount's own unit ("dự ước 24.500 tỷ")


def cell_figures(text: str) -> list[CellFigure]:
    """The figures one cell states; [] for a cell of words, a dash or an empty cell."""
    m = _MAIN.match(text)
    if not m:
        return []
    words = fold(m.group("words")).strip(" :")
    change = _CHANGE.match(words)
    if words and not (
        change or _AT_LEAST.match(words) or _AT_MOST.match(words) or _ABOUT.match(words) or _FROM.match(words)
    ):
        return []
    rest = m.group("rest")
    comparator = _comparator(m.group("cmp") or "", words, rest)
    kind = "change" if change else "main"
    negative = m.group("sign") == "-" or bool(change and change.group("way") == "giam")
    percent = bool(m.group("pct") or m.group("pct1"))
    figures = _main(m, kind, comparator, negative, percent)
    figures += _remarks(rest, m.start("rest"))
    return figures


def _comparator(sign: str, words: str, rest: str) -> str:
    folded = fold(rest)
    if sign.startswith((">", "≥")) or _AT_LEAST.match(words) or re.match(r"^\s*tro len\b", folded):
        return ">="
    if sign.startswith(("<", "≤")) or _AT_MOST.match(words) or re.match(r"^\s*tro xuong\b", folded):
        return "<="
    return "="


def _main(m: re.Match[str], kind: str, comparator: str, negative: bool, percent: bool) -> list[CellFigure]:
    try:
        first = parse_figure(m.group("first"))
        second = parse_figure(m.group("second")) if m.group("second") else None
    except ValueError:
        return []
    sign = -1.0 if negative else 1.0
    if second is None or second <= first:
        return [CellFigure(sign * first, m.start("first"), m.end("first"), kind, comparator, "", percent)]
    return [
        CellFigure(sign * first, m.start("first"), m.end("first"), kind, comparator, " (mức thấp)", percent),
        CellFigure(sign * second, m.start("second"), m.end("second"), kind, comparator, " (mức cao)", percent),
    ]


def _remarks(rest: str, offset: int) -> list[CellFigure]:
    found: list[CellFigure] = []
    for remark in _REMARK.finditer(rest):
        inner, at = remark.group(1), offset + remark.start(1)
        if change := _REMARK_CHANGE.match(inner):
            value = parse_figure(change.group("n")) * (-1 if fold(change.group("way")) == "giam" else 1)
            found.append(CellFigure(value, at + change.start("n"), at + change.end("n"), "change", percent=True))
        elif left := _REMARK_LEFT.match(inner):
            percent = bool(left.group("pct"))
            found.append(
                CellFigure(
                    parse_figure(left.group("n")), at + left.start("n"), at + left.end("n"), "left", percent=percent
                )
            )
        elif (amount := _REMARK_AMOUNT.match(inner)) and (unit := _unit(amount.group("unit"))):
            value = parse_figure(amount.group("n"))
            found.append(CellFigure(value, at + amount.start("n"), at + amount.end("n"), "amount", unit=unit))
    return found


def _unit(text: str) -> str:
    """The unit of an amount; a bare "tỷ" or "triệu" of a table in đồng is "tỷ đồng"."""
    words = text.strip()
    if re.fullmatch(r"(?i)(?:nghìn\s+)?(?:tỷ|tỉ|triệu)", words):
        words += " đồng"
    known = match_unit(words)
    return known[0].name if known else ""
