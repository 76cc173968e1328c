"""The kinds of periodic report a planning office writes, and the periods each one speaks of."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from planwatch.vocab.periods import Month, Period, period_words


class ReportKind(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SIX_MONTH = "six-month"
    ANNUAL = "annual"

    def title(self, lang: str = "vi") -> str:
        return (_TITLES_VI if lang == "vi" else _TITLES_EN)[self]

    @property
    def label(self) -> str:
        return _LABELS_VI[self]


_TITLES_VI = {
    ReportKind.MONTHLY: "Tình hình kinh tế - xã hội",
    ReportKind.QUARTERLY: "Tình hình kinh tế - xã hội",
    ReportKind.SIX_MONTH: "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội",
    ReportKind.ANNUAL: "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội",
}
_TITLES_EN = {
    ReportKind.MONTHLY: "The socio-economic situation",
    ReportKind.QUARTERLY: "The socio-economic situation",
    ReportKind.SIX_MONTH: "Implementation of the socio-economic development plan",
    ReportKind.ANNUAL: "Implementation of the socio-economic development plan",
}
_LABELS_VI = {
    ReportKind.MONTHLY: "báo cáo tháng",
    ReportKind.QUARTERLY: "báo cáo quý",
    ReportKind.SIX_MONTH: "báo cáo 6 tháng",
    ReportKind.ANNUAL: "báo cáo năm",
}
_LAST_MONTHS = {
    ReportKind.MONTHLY: range(1, 13),
    ReportKind.QUARTERLY: (3, 6, 9, 12),
    ReportKind.SIX_MONTH: (6,),
    ReportKind.ANNUAL: (12,),
}


class PeriodError(ValueError):
    """A report period that does not fit the kind of report; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class ReportPeriod:
    """What a report covers: the months from January to `end` (the year to date), and the month or quarter
    that ends there (the period proper of a monthly or quarterly report)."""

    kind: ReportKind
    end: Month

    @classmethod
    def of(cls, kind: ReportKind, end: Month) -> ReportPeriod:
        if end.month not in _LAST_MONTHS[kind]:
            allowed = ", ".join(str(m) for m in _LAST_MONTHS[kind])
            raise PeriodError(f"{kind.label} phải kết thúc vào tháng {allowed}, không phải tháng {end.month}")
        return cls(kind, end)

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def to_date(self) -> Period:
        return Period(Month(self.end.year, 1), self.end)

    @property
    def own(self) -> Period:
        """The month (or quarter, for a quarterly report) that ends the report's period."""
        months = 3 if self.kind is ReportKind.QUARTERLY else 1
        return Period(self.end.shift(1 - months), self.end)

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods whose figures the report states: the year to date, its last month or quarter, and levels at
        its end (no start); a monthly report speaks of its month first."""
        first = (self.own, self.to_date) if self.kind is ReportKind.MONTHLY else (self.to_date, self.own)
        return tuple(dict.fromkeys((*first, Period(None, self.end))))

    def words(self, lang: str = "vi") -> str:
        return period_words(self.to_date if self.kind is not ReportKind.MONTHLY else self.own, lang)
