"""What a document is: kind, number/symbol, issuer, date, and the period it reports on.

The period gives the context year and month for phrases like "05 tháng", "trong tháng", "cùng kỳ".
Titles say it ("BÁO CÁO Tình hình KT-XH tháng 5 ... nhiệm vụ trọng tâm tháng 6 năm 2024"); where the
title is lost, the most frequent explicit month or year of the text decides.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from planwatch.vocab.periods import Month, Period, ReportContext, find_periods, months_to_date, year_period

KINDS = {
    "BÁO CÁO": "báo cáo",
    "KẾ HOẠCH": "kế hoạch",
    "NGHỊ QUYẾT": "nghị quyết",
    "QUYẾT ĐỊNH": "quyết định",
    "CHỈ THỊ": "chỉ thị",
    "THÔNG BÁO": "thông báo",
    "CÔNG VĂN": "công văn",
}
_SYMBOL = re.compile(r"Số\s*:\s*(\d*\s*/\s*(?:\d{4}/)?[A-ZĐ]+(?:-[A-ZĐ]+)+)")
# "Bắc Giang, ngày 10 tháng 6 năm 2024": the place comes first, which "Căn cứ Luật ... ngày ..." lacks
_DATE = re.compile(r"[A-ZÀ-ỸĐ][\wÀ-ỹ ]{1,30},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_ISSUER = re.compile(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s+(TỈNH\s+[A-ZÀ-ỸĐ ]+)", re.M)
_SYMBOL_KIND = {"BC": "báo cáo", "KH": "kế hoạch", "NQ": "nghị quyết", "QĐ": "quyết định", "CT": "chỉ thị"}
_NEXT_MONTH_TASKS = re.compile(r"nhiệm\s+vụ\s+(?:trọng\s+tâm\s+)?tháng\s+0?(\d{1,2})\s+năm\s+(\d{4})", re.I)
_MONTH_TITLE = re.compile(
    r"(?:tình\s+hình|kết\s+quả)(?:(?!nhiệm\s+vụ)[^\n]){0,60}?tháng\s+0?(\d{1,2})(?:\s+năm\s+|/)(\d{4})", re.I
)
_HALF_YEAR = re.compile(r"(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})", re.IGNORECASE)
_MONTHS_TO_DATE = re.compile(r"(\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})", re.IGNORECASE)
_YEAR_REPORT = re.compile(r"(?:năm|NĂM)\s+(\d{4})")
_MONTH_MENTION = re.compile(r"tháng\s+0?(\d{1,2})\s*/\s*(\d{4})")
# A news dateline: "Cập nhật: 24/06/2021 08:15", "Thứ Hai, 11/01/2021 - 07:45", "15:42 | 18/09/2022",
# "Đăng ngày 30-10-2023", "Sở Kế hoạch và Đầu tư tỉnh X - 02/10/2024"
_DATELINE = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?![\d/])")
# Years the body states for its own figures, and comparison bases that imply the year after them.
_STATED_YEAR = re.compile(r"(?<![\wÀ-ỹ])(?:năm|Năm|NĂM)\s+((?:19|20)\d{2})(?![\d-])")
_BASE_YEAR = re.compile(r"(?:cùng\s+kỳ|so\s+với|so|bằng)\s+(?:năm\s+)?((?:19|20)\d{2})(?![\d-])", re.IGNORECASE)
_NOT_OWN_YEAR = re.compile(r"(?:so\s+với|so|cùng\s+kỳ|so\s+sánh|kỳ\s+gốc|gốc|giai\s+đoạn|từ|đến)\s*$", re.IGNORECASE)
_LOOKS_BACK = re.compile(r"\b(?:năm\s+qua|cả\s+năm|kết\s+thúc\s+năm|năm\s+vừa\s+qua)\b", re.IGNORECASE)
# The province a document is about: "UBND TỈNH X", "CỤC THỐNG KÊ TỈNH X", "Cổng thông tin điện tử tỉnh X", a
# headline "X: ...", else the place most often written "tỉnh X" in the text.
_PROVINCE_HEAD = re.compile(r"\bTỈNH\s+([^\W\d_]+(?:\s+[^\W\d_]+){0,2})(?:\s+\d{4})?$")
_PROVINCE_IN_TEXT = re.compile(r"\btỉnh\s+([^\W\d_]+(?:\s+[^\W\d_]+){0,2})")
_HEADLINE_PLACE = re.compile(r"^([^\W\d_]+(?:\s+[^\W\d_]+){0,2}):\s+(?!\d)")
_NOT_PLACES = {"Số", "Ngày", "Nguồn", "Cập", "Tin", "Đăng", "Thứ"}
_HEAD_LINES = 10
_NOT_A_TITLE = re.compile(
    r"^[\W_]+$|^(?:ỦY\s+BAN|UỶ\s+BAN|UBND|HỘI\s+ĐỒNG|HĐND|CỤC|SỞ|CỔNG|NGÂN\s+HÀNG|CÔNG\s+AN|TỈNH\s+ỦY|BỘ|"
    r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|Số\s*:|Tin\s+hoạt\s+động|Phần\s+thứ|PHẦN\s+THỨ|\(\w+\)\s*[-–])"
    r"|^.{0,40}\d{1,2}[/.-]\d{1,2}[/.-]\d{4}.{0,30}$"
)
_TITLE_WORD = re.compile(r"^(?:[A-ZÀ-ỸĐ ]{4,30}|Phụ\s+lục(?:\s+(?:số\s+)?\w+)?)$")
_LIST_MARK = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[A-Z])\.\s+")
_LONG_LINE = 200  # the first line this long is the body: titles and datelines come before it


@dataclass(frozen=True)
class Reference:
    """The date a document speaks from, and how it was found ("header", "dateline", "title", "text", "given")."""

    day: date | None
    found_by: str | None


@dataclass(frozen=True)
class DocumentMeta:
    kind: str | None
    symbol: str | None
    issuer: str | None
    issued: date | None
    period: Period
    title: str | None
    reference: Reference = Reference(None, None)
    province: str | None = None

    def context(self) -> ReportContext:
        end = self.period.end or (
            Month(self.reference.day.year, self.reference.day.month) if self.reference.day else None
        )
        end = end or Month(date.today().year, 12)
        return ReportContext(end.year, end.month, self.period, self.province)


def read_metadata(text: str, given: date | None = None, province: str | None = None) -> DocumentMeta:
    """`given` is the reference date a user states for a document that states none; `province` the province a
    user says it is about (else it is read from the text)."""
    head = text[:3000]
    kind = next((k for word, k in KINDS.items() if re.search(rf"^\s*{word}\s*$", head, re.M)), None)
    symbol_match = _SYMBOL.search(head)
    symbol = re.sub(r"\s+", "", symbol_match.group(1)) if symbol_match else None
    if kind is None and symbol:
        kind = next((k for code, k in _SYMBOL_KIND.items() if f"/{code}-" in symbol), None)
    if kind is None and re.search(r"\bQUYẾT\s+NGHỊ\b", head):
        kind = "nghị quyết"
    if kind is None and re.search(r"tình\s+hình\s+kinh\s+tế\s*-\s*xã\s+hội|KẾT\s+QUẢ\s+ĐẠT\s+ĐƯỢC", head, re.I):
        kind = "báo cáo"
    issuer = _ISSUER.search(head)
    issued = _issued(head)
    reference = _reference(head, text, issued, given)
    period = reported_period(head, text, kind, reference)
    title = _title(head, kind)
    return DocumentMeta(
        kind,
        symbol,
        " ".join(issuer.groups()) if issuer else None,
        issued,
        period,
        title,
        reference,
        province or find_province(text),
    )


def find_province(text: str) -> str | None:
    """The province a document speaks for, as it is written in running text ("Sông Mây")."""
    head = text[:3000]
    for line in _head_lines(head):
        if (m := _PROVINCE_HEAD.search(line.strip())) and m.group(1).isupper():
            return m.group(1).strip().title()
        if (m := _HEADLINE_PLACE.match(line)) and (place := _proper_name(m.group(1))) == m.group(1):
            return place
    named = Counter(place for m in _PROVINCE_IN_TEXT.finditer(text) if (place := _proper_name(m.group(1))))
    return named.most_common(1)[0][0] if named else None


def _proper_name(words: str) -> str:
    """The capitalised words that open `words` ("Sông Mây đạt" → "Sông Mây"), if they are a place name."""
    kept: list[str] = []
    for word in words.split():
        if not word[0].isupper() or word in _NOT_PLACES:
            break
        kept.append(word)
    return " ".join(kept) if len(kept) >= 2 or (kept and len(kept[0]) > 3) else ""


def _head_lines(head: str) -> list[str]:
    """The lines before the body: issuer, number, dates, title or headline, dateline."""
    lines: list[str] = []
    for line in head.split("\n"):
        if len(line) >= _LONG_LINE:
            break
        if line.strip():
            lines.append(line.strip())
    return lines[:_HEAD_LINES]


def _dateline(head: str) -> date | None:
    for line in _head_lines(head):
        if (m := _DATELINE.search(line)) and len(line) <= 90:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
    return None


def _reference(head: str, text: str, issued: date | None, given: date | None) -> Reference:
    """Header date, else dateline, else the year the text states for its own figures, else what the user gave.
    An early-January news item that looks back on "năm qua" speaks of the year before."""
    if issued:
        return Reference(issued, "header")
    if day := _dateline(head):
        body_year = _body_year(text)
        looks_back = body_year == day.year - 1 or (body_year is None and _LOOKS_BACK.search(text[:3000]))
        if day.month == 1 and looks_back:
            return Reference(date(day.year - 1, 12, 31), "dateline")
        return Reference(day, "dateline")
    if body_year := _body_year(text):
        return Reference(date(body_year, 12, 31), "text")
    if given:
        return Reference(given, "given")
    return Reference(None, None)


def _body_year(text: str) -> int | None:
    """The year the text states for its own figures ("năm 2023", never "so với năm 2022"), else the year after
    the bases it compares with ("so với cùng kỳ năm 2022" → 2023)."""
    own = Counter(
        int(m.group(1))
        for m in _STATED_YEAR.finditer(text)
        if not _NOT_OWN_YEAR.search(text[max(0, m.start() - 20) : m.start()])
    )
    if own:
        return own.most_common(1)[0][0]
    implied = Counter(int(m.group(1)) + 1 for m in _BASE_YEAR.finditer(text))
    return implied.most_common(1)[0][0] if implied else None


def _issued(head: str) -> date | None:
    m = _DATE.search(head)
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _title(head: str, kind: str | None) -> str | None:
    """ "BÁO CÁO" and the line after it; else the headline or first heading, past the issuer, the national motto,
    the number, the place and date, the dateline and rules of dashes."""
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if kind and line.upper() == line and kind.upper() in line and i + 1 < len(lines):
            return f"{line} {lines[i + 1]}"
    named = [line for line in lines[:15] if not _NOT_A_TITLE.search(line) and not _DATE.search(line)]
    if len(named) > 1 and _TITLE_WORD.match(named[0]):  # "THUYẾT MINH", "Phụ lục 01": the next line says what
        return f"{named[0]} {named[1]}"[:200]
    if not named or _BODY_HEADING.match(named[0]) or named[0][:1].islower():
        return None  # "I. BỐI CẢNH THỰC HIỆN" is the body's first heading; "nhiệm vụ trọng tâm ..." a title's tail
    return _LIST_MARK.sub("", named[0])[:200]


_BODY_HEADING = re.compile(r"^(?:[IVX]{1,4}|[A-Z])\.\s")


_PLAN_KINDS = ("kế hoạch", "nghị quyết", "quyết định", "chương trình")


def reported_period(
    head: str, text: str, kind: str | None = None, reference: Reference = Reference(None, None)
) -> Period:
    """The months the document reports on (for a plan or resolution: the year it plans, unless its title names
    a half-year)."""
    title = (_title(head, kind) or "") if kind in _PLAN_KINDS else ""
    if title and not _HALF_YEAR.search(title) and (title_years := _YEAR_REPORT.findall(title)):
        return year_period(max(int(y) for y in title_years))
    if reference.found_by == "dateline" and (titled := _title_period(head, reference)):
        return titled
    if m := _MONTH_TITLE.search(head):
        month, year = int(m.group(1)), int(m.group(2))
        return Period(Month(year, month), Month(year, month))
    if m := _NEXT_MONTH_TASKS.search(head):
        current = Month(int(m.group(2)), int(m.group(1))).shift(-1)
        return Period(current, current)
    if m := _HALF_YEAR.search(head):
        year = int(m.group(2))
        if m.group(1).lower() == "đầu":
            return months_to_date(year, 6)
        return Period(Month(year, 7), Month(year, 12))
    if m := _MONTHS_TO_DATE.search(head):
        return months_to_date(int(m.group(2)), int(m.group(1)))
    if reference.day and (titled := _title_period(head, reference)):
        return titled
    mentions = Counter((int(y), int(mo)) for mo, y in _MONTH_MENTION.findall(text) if 1 <= int(mo) <= 12)
    if mentions:
        (year, month), _ = mentions.most_common(1)[0]
        return Period(Month(year, month), Month(year, month))
    if reference.found_by in ("dateline", "text") and (lead := _lead_period(text, reference)):
        return lead
    if reference.day:
        return year_period(reference.day.year)
    return Period(None, None)


def _lead_period(text: str, reference: Reference) -> Period | None:
    """A news item whose headline names no period speaks of the first period its lead paragraph names."""
    assert reference.day is not None
    lead = next((line for line in text.split("\n") if len(line) >= _LONG_LINE), "")
    own = [p for p in find_periods(lead, reference.day.year, reference.day.month) if not p.comparison]
    return own[0].period if own else None


def _title_period(head: str, reference: Reference) -> Period | None:
    """The first period a headline or title line names, its year taken from the reference date when unsaid."""
    assert reference.day is not None
    for line in _head_lines(head):
        if (_DATELINE.search(line) and len(line) <= 90) or _DATE.search(line):
            continue
        own = [p for p in find_periods(line, reference.day.year, reference.day.month) if not p.comparison]
        if own:
            return own[0].period
    return None
