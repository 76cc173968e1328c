"""The papers in one call each, for the command line and the web app: the draft (.docx), the indicator annex and
the task annex (.xlsx)."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session

from planwatch.report.annex import indicator_annex, task_annex
from planwatch.report.content import Draft, build_draft
from planwatch.report.docx_draft import draft_docx
from planwatch.report.kinds import PeriodError, ReportKind, ReportPeriod
from planwatch.report.sheets import to_xlsx
from planwatch.store.scope import WHOLE, Scope
from planwatch.vocab.periods import Month


def report_period(kind: str, month: str) -> ReportPeriod:
    """`kind` and "YYYY-MM" as a report period, or a PeriodError saying what is wrong."""
    try:
        report_kind = ReportKind(kind)
    except ValueError as error:
        kinds = ", ".join(k.value for k in ReportKind)
        raise PeriodError(f"loại báo cáo «{kind}» không có; chọn một trong: {kinds}") from error
    found = re.fullmatch(r"((?:19|20)\d{2})-(0?[1-9]|1[0-2])", month.strip())
    if not found:
        raise PeriodError(f"kỳ báo cáo «{month}» không đúng dạng YYYY-MM (ví dụ 2024-06)")
    return ReportPeriod.of(report_kind, Month(int(found[1]), int(found[2])))


def draft_report(session: Session, period: ReportPeriod, scope: Scope = WHOLE, lang: str = "vi") -> tuple[Draft, bytes]:
    draft = build_draft(session, period, scope, lang=lang)
    return draft, draft_docx(draft, lang)


def indicator_workbook(session: Session, draft: Draft, lang: str = "vi") -> bytes:
    return to_xlsx(indicator_annex(session, draft, lang))


def task_workbook(session: Session, as_of: date, lang: str = "vi", scope: Scope = WHOLE) -> bytes:
    return to_xlsx(task_annex(session, as_of, lang=lang, scope=scope))
