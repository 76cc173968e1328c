"""The columns of an indicator table read from their headers: what each holds (a value, a ratio to a base, a
change, the % of the plan, a share, a rank), for which period (a period phrase, a year alone, "tháng báo cáo",
the same months a year earlier), whether it is an estimate or a plan, and the unit its header names.

A "So sánh"/"So cùng kỳ (%)" column of the genre holds a ratio (116,2 = 16,2% more than a year earlier) unless its
header says "tăng/giảm", and so does a column "Chỉ số ... (%)" or "2016/2015"; a "So KH (%)" column the % of plan;
a plan column ("Kế hoạch năm", "KH 2025", "Dự toán năm", "Mục tiêu") the plan's figure, as is a column of a period
after the document's date; a column of an earlier period ("TH năm 2018", "Cùng kỳ năm trước") is tagged
"prior"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from planwatch.structure.tables import NOTES_HEADER
from planwatch.text.fold import fold, fold_keep_length
from planwatch.vocab.measures import Measure
from planwatch.vocab.periods import Month, Period, ReportContext, find_periods, year_period
from planwatch.vocab.units import match_unit

_BASE_INDEX = re.compile(r"\bky goc\b.*")
# Columns of ratios to a base (116,2 = 16,2% more), the first that matches: December of the year before, then a
# year earlier ("cùng kỳ", "tháng 4 năm trước", "Năm trước = 100"), then the period before
_RATIO_BASES = (
    (re.compile(r"thang 12 nam truoc|cuoi nam truoc|\bdau nam\b"), Measure.YTD),
    (re.compile(r"cung ky|nam truoc"), Measure.YOY),
    (re.compile(r"(?:thang|ky|quy) truoc"), Measure.PREV),
)
# A column that compares ("So với cùng kỳ (%)", "So sánh", "TH/KH (%)", "% KH", "Chỉ số ... (%)", "Tỷ lệ đạt")
_COMPARED = re.compile(
    r"\bso voi\b|\bso sanh\b|^so (?:cung ky|ck|kh|ke hoach|du toan|thang|nam|quy|ky)\b|\bchi so\b|\bty le dat\b|"
    r"/ ?(?:kh|ke hoach|du toan)\b|% ?(?:so )?(?:kh|ke hoach|du toan)\b"
)
_PLAN_PCT = re.compile(
    r"\b(?:so|dat|voi)\b.*\b(?:ke hoach|kh|du toan|muc tieu|chi tieu)\b|/ ?(?:kh|ke hoach|du toan)\b|"
    r"% ?(?:so )?(?:kh|ke hoach|du toan)\b"
)
_PLAN = re.compile(r"\b(?:ke hoach|kh|chi tieu nam|du toan|muc tieu|nghi quyet|nq)\b")
_RANK = re.compile(r"\b(?:xep hang|thu hang|xep thu)\b")
_CHANGE_WORDS = re.compile(r"\btang\b|\bgiam\b")
_ESTIMATE = re.compile(r"\buoc\b|du kien|\buth\b")
_SAME_PERIOD = re.compile(r"\bcung ky\b")
_CHANGE_COLUMN = re.compile(r"^(?:tang|giam|toc do tang|muc tang)\b")
_SHARE = re.compile(r"\bco cau\b|\bty trong\b")
_TITLE_INDEX = re.compile(r"nam truoc 100|chi so phat trien")
_YEAR = re.compile(r"(?<![\d/.,-])((?:19|20)\d{2})(?![\d/.,])")
_YEAR_RATIO = re.compile(r"\b((?:19|20)\d{2})\s*/\s*((?:19|20)\d{2})\b")  # "2016/2015": 2016 against 2015
_MONTHS_SHORT = re.compile(r"\b(\d{1,2})\s*t(?:hang)?\s*(?:dau nam\s*)?/\s*((?:19|20)\d{2})\b")  # "6T/2024"


@dataclass(frozen=True)
class Column:
    index: int
    measure: Measure
    period: Period
    ratio: bool = False  # a "so cùng kỳ (%)" ratio: the change is the value minus 100
    estimate: bool = False
    plan: str = ""  # "Kế hoạch" / "Dự toán": the column holds what was planned
    suffix: str = ""  # words the label takes from the column ("so với kỳ gốc 2019")
    tags: tuple[str, ...] = ()  # "plan" for a period after the document's date, "prior" for one before its own
    same_months_of: int | None = None  # "Cùng kỳ năm 2023": the months of the table's figure column, that year
    unit: str = ""  # the unit its header names ("Ước tính 9 tháng (tỷ đồng)")


@dataclass(frozen=True)
class Dating:
    """When the document speaks: its reference month and the start of its own period (both may be unknown)."""

    reference: Month | None = None
    own_start: Month | None = None


def read_columns(
    cells: list[str], skipped: set[int], context: ReportContext, title: str = "", dating: Dating | None = None
) -> list[Column]:
    """The figure columns of a header (one text per column; `skipped`: the index, label and unit columns)."""
    spelled = [" ".join(fold_keep_length(c).lower().split()) for c in cells]  # folded, its signs kept
    columns: list[Column] = []
    values: list[Column] = []  # the value columns so far: a comparison column compares the last of them
    for i, (cell, text) in enumerate(zip(cells, spelled, strict=True)):
        if i in skipped or not text:
            continue
        column = _column(i, cell, text, context, values, fold(title))
        if column:
            column = _dated(replace(column, unit=_header_unit(cell)), dating or Dating())
            columns.append(column)
            if column.measure == Measure.VALUE and not column.ratio:
                values.append(column)
            if column.measure == Measure.VALUE and column.same_months_of is None and not column.plan:
                columns, values = _aligned(columns, column.period), _aligned(values, column.period)
    return columns


def unit_name(text: str) -> str:
    """The unit a unit cell or a label's parentheses name ("Tỷ đồng", "%", "USD/người" → "USD"), else ""."""
    written = text.strip()
    if written[:1] in ("%", "‰"):  # "%", "% tăng"
        return written[:1]
    known = match_unit(written) if written else None
    if known and known[1] >= len(written.split("/")[0].rstrip()):
        return known[0].name
    return ""


def _column(
    index: int, cell: str, text: str, context: ReportContext, values: list[Column], title: str
) -> Column | None:
    if NOTES_HEADER.match(text):
        return None
    last = values[-1].period if values else context.default_period
    period, explicit = _period(cell, text, context, last)
    estimate = bool(_ESTIMATE.search(text))
    if years := _YEAR_RATIO.search(text):  # "2016/2015": the year against the year before
        return Column(index, Measure.YOY, year_period(int(years.group(1))), ratio=True)
    if base_index := _BASE_INDEX.search(text):  # "so với kỳ gốc 2019": the index level, named by its base
        suffix = f"so với {cell[base_index.start() :].strip()}"  # the base's year is never the index's own
        month = Month(context.year, context.month)
        own = period if explicit == "phrase" else Period(month, month) if _PRICE_TITLE.search(title) else last
        return Column(index, Measure.VALUE, own, estimate=estimate, suffix=suffix)
    if base := _price_base(title, period, explicit, context):  # "Chỉ số giá ... tháng 10" over "Tháng 9 năm 2024"
        month = Month(context.year, context.month)
        return Column(index, base, Period(month, month), True)
    if _COMPARED.search(text):  # unless it names its own, the period of the last figure that is no plan's
        own = period if explicit else next((v.period for v in reversed(values) if not v.plan), last)
        if not _SAME_PERIOD.search(text) and (base := _base_of(cell, context, own)):  # "... so với tháng 9/2024"
            return Column(index, base, own, not _CHANGE_WORDS.search(text), estimate)
        return _comparison(index, text, own, estimate, values)
    if _PLAN.search(text):
        word = "Dự toán" if "du toan" in text else "Kế hoạch"
        return Column(index, Measure.VALUE, period, plan=word)
    if _RANK.search(text):
        return Column(index, Measure.RANK, period)
    if _SAME_PERIOD.search(text) and explicit != "phrase":  # "Cùng kỳ năm trước": the same months a year earlier
        return _same_months(index, period if explicit else None, last, bool(values))
    if _CHANGE_COLUMN.match(text):  # "Tăng/giảm (%)": the change between the two columns before it
        return None if re.search(r"\bdiem\b", text) else _comparison(index, text, last, estimate, values)
    if explicit == "year" and not re.search(r"[^\W\d]", re.sub(r"so bo|prel|uoc|\d", "", text)):
        measure = Measure.SHARE if _SHARE.search(title) else Measure.VALUE  # a yearbook's year column
        return Column(index, measure, period, bool(_TITLE_INDEX.search(title)), estimate)
    if _SHARE.search(text):
        return Column(index, Measure.SHARE, period, estimate=estimate)
    if explicit and _TITLE_INDEX.search(title):  # "GRDP (Năm trước = 100)" over "Quý I | Quý II": indices of growth
        return Column(index, Measure.YOY, period, True, estimate)
    named = "" if explicit else cell.strip()  # "Điểm PCI": a column of one indicator, named by its header
    return Column(index, Measure.VALUE, period, estimate=estimate, suffix=named)


def _price_base(title: str, period: Period, explicit: str, context: ReportContext) -> Measure | None:
    """The base a price index table's month column names when the table's own month is its title's alone (no
    "Tháng 10 năm 2024 so với:" over the columns): a month before the report's is what the indices compare with."""
    if not _PRICE_TITLE.search(title) or explicit != "phrase" or period.end is None or period.start != period.end:
        return None
    own = Month(context.year, context.month)
    bases = {own.shift(-1): Measure.PREV, own.shift(-12): Measure.YOY, Month(own.year - 1, 12): Measure.YTD}
    return bases.get(period.end) if period.end < own else None


_PRICE_TITLE = re.compile(r"\bchi so gia\b")


def _same_months(index: int, stated: Period | None, last: Period, after_figures: bool) -> Column:
    """ "Cùng kỳ năm 2024", "Cùng kỳ năm trước": the months of the table's figure column, a year (or the stated
    year) earlier; known once that column is (it may stand after this one)."""
    year = stated.start.year if stated and stated.start else last.start.year - 1 if last.start else None
    column = Column(index, Measure.VALUE, last.year_earlier(), tags=("prior",), same_months_of=year)
    return _aligned([column], last)[0] if after_figures else column


def _comparison(index: int, text: str, period: Period, estimate: bool, values: list[Column]) -> Column | None:
    """A column that compares: a ratio to a base ("so với cùng kỳ (%)" → 113,0), a change when its header says
    "tăng/giảm", the % of the plan ("So với KH (%)"); a bare "So sánh (%)" compares the two columns before it."""
    ratio = not _CHANGE_WORDS.search(text)
    for pattern, measure in _RATIO_BASES:
        if pattern.search(text):
            return Column(index, measure, period, ratio, estimate)
    if _PLAN_PCT.search(text):
        return Column(index, Measure.PLAN, period, estimate=estimate)
    if any(c.plan for c in values[-2:]):
        return Column(index, Measure.PLAN, values[-1].period if not values[-1].plan else period, estimate=estimate)
    if len(values) >= 2 and _a_year_apart(values[-2].period, values[-1].period):
        return Column(index, Measure.YOY, values[-1].period, ratio, estimate)
    if re.search(r"\bchi so\b", text):
        return Column(index, Measure.YOY, period, ratio, estimate)
    return None


def _period(cell: str, text: str, context: ReportContext, last: Period) -> tuple[Period, str]:
    """The column's period and how it was found: "phrase" (a period phrase), "year" (a year alone: "2019", "KH
    2025", "Sơ bộ 2020"), or "" (none: the period of the column before)."""
    mentions = [m for m in find_periods(cell, context.year, context.month, context.this_year) if not m.comparison]
    if mentions:
        return mentions[-1].period, "phrase"
    if short := _MONTHS_SHORT.search(text):
        return Period(Month(int(short.group(2)), 1), Month(int(short.group(2)), int(short.group(1)))), "phrase"
    compared = re.split(r"\bso voi\b|\bso sanh\b", text)[0]
    if alone := _YEAR.search(compared):
        return year_period(int(alone.group(1))), "year"
    if named := _reported(compared, context):
        return named, "phrase"
    return last, ""


def _reported(text: str, context: ReportContext) -> Period | None:
    """ "Tháng báo cáo", "Quý báo cáo", "Cộng dồn", "Lũy kế": the document's own month, quarter, or year to date."""
    month = Month(context.year, context.month)
    if re.search(r"\b(?:thang|ky) bao cao\b", text) and not re.search(r"\b(?:cong don|luy ke|tu dau nam)\b", text):
        return Period(month, month)
    if re.search(r"\bquy bao cao\b", text):
        return Period(Month(context.year, (context.month - 1) // 3 * 3 + 1), month)
    if re.search(r"\b(?:cong don|luy ke|tu dau nam)\b", text):
        return Period(Month(context.year, 1), month)
    bare = re.sub(r"\([^()]*\)", "", text).strip()  # its unit in parentheses apart
    if _COMPARED.search(bare):  # "So kế hoạch năm (%)": the % of the year's plan the figure before it reached
        return None
    if _LAST_YEAR.search(bare) and not _SAME_PERIOD.search(bare):  # "Cùng kỳ năm trước": the same months instead
        return year_period(context.year - 1)
    if _WHOLE_YEAR.search(bare):
        return year_period(context.year)
    return None


# A year's column named by its words, no number: "TH năm trước", "Thực hiện năm ngoái" (the year before the report's);
# "KH năm", "Ước TH năm", "Ước thực hiện cả năm" (the report's whole year, not the months it reports)
_LAST_YEAR = re.compile(r"\bnam (?:truoc|ngoai)$")
_WHOLE_YEAR = re.compile(r"\b(?:th|thuc hien|uoc(?: th| tinh| thuc hien)?|kh|ke hoach|du toan|chi tieu)(?: ca)? nam$")


def _base_of(cell: str, context: ReportContext, own: Period) -> Measure | None:
    """What a header that names the period compared with measures: the same months a year earlier, the
    period just before, or December of the year before."""
    bases = [m.period for m in find_periods(cell, context.year, context.month, context.this_year) if m.comparison]
    if not bases or not (own.start and own.end):
        return None
    base = bases[-1]
    if _a_year_apart(base, own):
        return Measure.YOY
    if base.end and (base.end.month, base.end.year) == (12, own.end.year - 1) and base.start == base.end:
        return Measure.YTD
    if base.start and base.end and base.end.shift(1) == own.start and _months(base) == _months(own):
        return Measure.PREV
    return None


def _months(period: Period) -> int:
    return (
        (period.end.year * 12 + period.end.month) - (period.start.year * 12 + period.start.month) + 1
        if period.start and period.end
        else 0
    )


def _aligned(columns: list[Column], months: Period) -> list[Column]:
    """The columns "Cùng kỳ năm 2023" given the months of the table's figure column (6 tháng năm 2024)."""
    return [replace(c, period=months.in_year(y)) if (y := c.same_months_of) is not None else c for c in columns]


def _a_year_apart(one: Period, other: Period) -> bool:
    if not (one.start and one.end and other.start and other.end):
        return False
    return (other.start.year - one.start.year, other.end.year - one.end.year) == (1, 1) and (
        one.start.month,
        one.end.month,
    ) == (other.start.month, other.end.month)


def _dated(column: Column, dating: Dating) -> Column:
    """A column of a period after the document's date holds what is planned; one before the document's own
    period, what was (both only when the document says when it speaks)."""
    start, end = column.period.start, column.period.end
    if column.plan or not start or not end:
        return column
    if dating.reference and start > dating.reference and column.measure in (Measure.VALUE, Measure.SHARE):
        return replace(column, tags=(*column.tags, "plan"))
    if dating.own_start and end < dating.own_start and "prior" not in column.tags:
        return replace(column, tags=(*column.tags, "prior"))
    return column


def _header_unit(header: str) -> str:
    """The unit in a figure column's header ("Ước tính 9 tháng (tỷ đồng)"); "%" is a column's measure, no unit."""
    found = [unit_name(m.group(1)) for m in re.finditer(r"\(([^()]{1,25})\)", header)]
    return next((u for u in found if u and u not in ("%", "‰")), "")
