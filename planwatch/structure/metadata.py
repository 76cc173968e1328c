"""What a document is: kind, number/symbol, issuer, title, province, and its time (structure/doc_time.py: the
date it speaks from and the months it reports on, which give the context year and month for phrases like
"05 tháng", "trong tháng", "cùng kỳ")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml

from planwatch.structure.doc_time import (
    HEADER_DATE,
    DocumentTime,
    Reference,
    decide_time,
    head_lines,
    header_date,
    is_dateline,
)
from planwatch.vocab.periods import Month, Period, ReportContext

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
_ISSUER = re.compile(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\s+(TỈNH\s+[A-ZÀ-ỸĐ ]+)", re.M)
_SYMBOL_KIND = {"BC": "báo cáo", "KH": "kế hoạch", "NQ": "nghị quyết", "QĐ": "quyết định", "CT": "chỉ thị"}
# The province a document is about: "UBND TỈNH X", "CỤC THỐNG KÊ TỈNH X", "Cổng thông tin điện tử tỉnh X", a
# headline "X: ...", else the place most often written "tỉnh X" in the text.
_PROVINCE_HEAD = re.compile(r"\bTỈNH\s+([^\W\d_]+(?:\s+[^\W\d_]+){0,2})(?:\s+\d{4})?$")
_PROVINCE_IN_TEXT = re.compile(r"\btỉnh\s+([^\W\d_]+(?:\s+[^\W\d_]+){0,2})")
_HEADLINE_PLACE = re.compile(r"^([^\W\d_]+(?:\s+[^\W\d_]+){0,2}):\s+(?!\d)")
_NOT_PLACES = {"Số", "Ngày", "Nguồn", "Cập", "Tin", "Đăng", "Thứ"}
_NOT_A_TITLE = re.compile(
    r"^[\W_]+$|^(?:ỦY\s+BAN|UỶ\s+BAN|UBND|HỘI\s+ĐỒNG|HĐND|CỤC|SỞ|CỔNG|NGÂN\s+HÀNG|CÔNG\s+AN|TỈNH\s+ỦY|BỘ|"
    r"CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|Số\s*:|Tin\s+hoạt\s+động|Phần\s+thứ|PHẦN\s+THỨ|\(\w+\)\s*[-–])"
    r"|^.{0,40}\d{1,2}[/.-]\d{1,2}[/.-]\d{4}.{0,30}$"
)
_TITLE_WORD = re.compile(r"^(?:[A-ZÀ-ỸĐ ]{4,30}|Phụ\s+lục(?:\s+(?:số\s+)?\w+)?)$")
_LIST_MARK = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}|[A-Z])\.\s+")


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
    period_found_by: str | None = None  # "title", "lead", "body", "indicator", "reference" (doc_time.py)
    doubt: str | None = None  # why the document's year is uncertain; None when its text settles it

    def context(self) -> ReportContext:
        end = self.period.end or (
            Month(self.reference.day.year, self.reference.day.month) if self.reference.day else None
        )
        end = end or Month(date.today().year, 12)
        published = self.reference.published
        return ReportContext(end.year, end.month, self.period, self.province, published.year if published else None)


def read_metadata(
    text: str, given: date | None = None, province: str | None = None, period: Period | None = None
) -> DocumentMeta:
    """`given` is the reference date a user states for a document that states none, `period` the months a person
    set for it; `province` the province a user says it is about (else it is read from the text)."""
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
    title = _title(head, kind)
    time: DocumentTime = decide_time(head, text, kind, title, given, period)
    return DocumentMeta(
        kind,
        symbol,
        " ".join(issuer.groups()) if issuer else None,
        header_date(head),
        time.period,
        title,
        time.reference,
        province or find_province(text),
        time.period_found_by,
        time.doubt,
    )


def find_province(text: str) -> str | None:
    """The province a document speaks for, as it is written in running text ("Sông Mây")."""
    head = text[:3000]
    for line in head_lines(head):
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


def _title(head: str, kind: str | None) -> str | None:
    """ "BÁO CÁO" and its subject (_subject); else the headline or first heading, past the issuer, the national motto,
    the number, the place and date, the dateline and rules of dashes."""
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if kind and line.upper() == line and kind.upper() in line and i + 1 < len(lines):
            return _bounded(f"{line} {_subject(lines[i + 1 :])}")
    named = [line for line in lines[:15] if not (_NOT_A_TITLE.search(line) or HEADER_DATE.search(line))]
    named = [line for line in named if not is_dateline(line)]
    if len(named) > 1 and _TITLE_WORD.match(named[0]):  # "THUYẾT MINH", "Phụ lục 01": the next line says what
        return _bounded(f"{named[0]} {named[1]}")
    if not named or _BODY_HEADING.match(named[0]) or named[0][:1].islower():
        return None  # "I. BỐI CẢNH THỰC HIỆN" is the body's first heading; "nhiệm vụ trọng tâm ..." a title's tail
    return _bounded(_first_sentence(_LIST_MARK.sub("", named[0])))  # a news item's lead: its first sentence


_BODY_HEADING = re.compile(r"^(?:[IVX]{1,4}|[A-Z])\.\s")
_SENTENCE_END = re.compile(r"(\S+)[.!?]\s+(?=[A-ZÀ-ỸĐ0-9])")
_ABBREVIATION = re.compile(r"^[A-ZĐ]{1,3}$")  # "TP. Huế", "Q. 1": no sentence ends there


def _first_sentence(line: str) -> str:
    """A lead paragraph's first sentence ("Chiều 9/12, Kỳ họp ... bế mạc. Đây là ..." → its first), the line
    when it is one."""
    for end in _SENTENCE_END.finditer(line):
        if not _ABBREVIATION.match(end.group(1).rsplit(".", 1)[-1]):
            return line[: end.start(1) + len(end.group(1)) + 1]
    return line


TITLES = "structure/data/titles.yaml"


@dataclass(frozen=True)
class _TitleWords:
    body_opener: re.Pattern[str]  # a preamble's first words inside a line: the body has begun
    continued_lines: int
    longest: int


@cache
def _title_words() -> _TitleWords:
    data = yaml.safe_load(resources.files("planwatch").joinpath(TITLES).read_text(encoding="utf-8"))
    openers = "|".join(re.escape(words) for words in data["body_openers"])
    return _TitleWords(re.compile(rf"\s(?:{openers})\s"), data["continued_lines"], data["longest"])


def _subject(lines: list[str]) -> str:
    """The lines after the kind line that say what the document is about: the first, those that go on from it in
    lower case, and no further than where the body begins (a PDF may run the first paragraph into the subject)."""
    words = _title_words()
    taken = [lines[0]]
    for line in lines[1 : 1 + words.continued_lines]:
        if not line[:1].islower():
            break
        taken.append(line)
    subject = " ".join(taken)
    ends = [m.start() for m in words.body_opener.finditer(subject)]
    opening = " ".join(subject.split()[:4])
    if len(opening) > 15 and (again := subject.find(opening, 1)) > 0:  # the preamble says the subject again
        ends.append(again)
    return subject[: min(ends)].rstrip(" ,;") if ends else subject


def _bounded(title: str) -> str:
    longest = _title_words().longest
    return title if len(title) <= longest else title[: title.rfind(" ", 0, longest)] + "…"
