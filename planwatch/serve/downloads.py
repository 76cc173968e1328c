"""Files from the web app: every table of its pages as CSV or XLSX with the filters the page has (the same query
parameters), and the papers of a report period (the draft .docx, the indicator and task annexes .xlsx)."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.monitor.projection import shown
from planwatch.monitor.stored import stored_findings
from planwatch.monitor.tasks import STATUSES, task_views
from planwatch.query.facts import current_documents, find_facts
from planwatch.query.search import search
from planwatch.report.annex import scorecard_table, task_table
from planwatch.report.kinds import PeriodError, ReportPeriod
from planwatch.report.papers import draft_report, indicator_workbook, report_period, task_workbook
from planwatch.report.sheets import Column, ColumnKind, Table, to_csv, to_xlsx
from planwatch.serve.cache import status_of_year
from planwatch.serve.common import ERRORS, Db
from planwatch.serve.labels import LABELS, VALUES_EN
from planwatch.serve.view import PageView
from planwatch.store import models
from planwatch.vocab.measures import measure_label

router = APIRouter(prefix="/api", responses=ERRORS)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER, DATE, STATUS, TEXT = ColumnKind.NUMBER, ColumnKind.DATE, ColumnKind.STATUS, ColumnKind.TEXT


class TableName(StrEnum):
    STATUS = "tong-quan"
    FACTS = "so-lieu"
    DOCUMENTS = "van-ban"
    TASKS = "nhiem-vu"
    SCORECARD = "bang-diem"
    FINDINGS = "kiem-tra"
    SEARCH = "tim-kiem"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class Filters:
    """The query parameters a page's table may be filtered by besides its view (province, year, language, day)."""

    def __init__(
        self,
        view: PageView,
        code: Annotated[str | None, Query(max_length=60)] = None,
        agency: Annotated[str | None, Query(max_length=200)] = None,
        status: Annotated[str | None, Query(max_length=30)] = None,
        q: Annotated[str | None, Query(max_length=300)] = None,
    ) -> None:
        if view.notice:  # a day that cannot be read: a page shows today, a file is refused
            raise HTTPException(400, view.notice)
        self.code, self.agency, self.q = code, agency or None, q
        self.status = status if status in STATUSES else None
        self.scope, self.year, self.lang, self.day = view.scope, view.year, view.lang, view.as_of


@router.get("/tables/{name}", responses={**ERRORS, 200: {"content": {"text/csv": {}, XLSX: {}}}})
def table_file(
    request: Request,
    db: Db,
    name: TableName,
    filters: Annotated[Filters, Depends()],
    fmt: Annotated[FileFormat, Query(alias="format")] = FileFormat.CSV,
) -> Response:
    """A page's table as a file, of the province, year and day the page shows (the same query parameters and
    cookies), filtered as the page is."""
    table = _BUILDERS[name](request, db, filters)
    if fmt is FileFormat.CSV:
        return _file(to_csv(table).encode("utf-8"), "text/csv; charset=utf-8", f"{name.value}.csv")
    return _file(to_xlsx([table]), XLSX, f"{name.value}.xlsx")


@router.get("/report/draft", responses={**ERRORS, 200: {"content": {DOCX: {}}}})
def report_draft(db: Db, view: PageView, kind: str, period: str) -> Response:
    """The draft report of a period (.docx) of the page's province, every figure with its source as a Word
    comment."""
    _, data = draft_report(db, _period(kind, period), view.scope, view.lang)
    return _file(data, DOCX, f"du-thao-bao-cao-{kind}-{period}.docx")


@router.get("/report/indicators", responses={**ERRORS, 200: {"content": {XLSX: {}}}})
def report_indicators(db: Db, view: PageView, kind: str, period: str) -> Response:
    """The indicator annex of a period (.xlsx) of the page's province."""
    draft, _ = draft_report(db, _period(kind, period), view.scope, view.lang)
    return _file(indicator_workbook(db, draft, view.lang), XLSX, f"phu-luc-chi-tieu-{kind}-{period}.xlsx")


@router.get("/report/tasks", responses={**ERRORS, 200: {"content": {XLSX: {}}}})
def report_tasks(
    request: Request, db: Db, view: PageView, kind: str = "monthly", period: str | None = None
) -> Response:
    """The task annex (.xlsx) of the page's province on `as_of`, or on the last day of `period`, or today."""
    if view.notice:
        raise HTTPException(400, view.notice)
    day = view.as_of
    if period and not request.query_params.get("as_of"):
        end = _period(kind, period).end
        day = date(end.year, end.month, monthrange(end.year, end.month)[1])
    return _file(task_workbook(db, day, view.lang, view.scope), XLSX, f"phu-luc-nhiem-vu-{day:%Y-%m-%d}.xlsx")


def _period(kind: str, period: str) -> ReportPeriod:
    try:
        return report_period(kind, period)
    except PeriodError as error:
        raise HTTPException(400, str(error)) from error


def _file(data: bytes, media: str, name: str) -> Response:
    return Response(
        data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    )


def download_links(name: str, query: str) -> Markup:
    """The page's "CSV · Excel" links, carrying its filters."""
    tail = f"&{escape(query)}" if query else ""
    return Markup(
        f'<span class="downloads"><a href="/api/tables/{name}?format=csv{tail}" download>CSV</a> · '
        f'<a href="/api/tables/{name}?format=xlsx{tail}" download>Excel</a></span>'
    )


def _status_table(request: Request, db: Session, filters: Filters) -> Table:
    year = filters.year
    rows = status_of_year(request.app.state.cache, db, year, filters.scope)
    vi = filters.lang == "vi"
    heads = (("Lĩnh vực", "Chỉ tiêu", "Kế hoạch", "ĐVT", "Thực hiện", "Kỳ", "% KH", "% KH theo báo cáo",
              "Tiến độ dự kiến (%)", "Dự kiến cả năm", "Dự kiến (% KH)", "Cơ sở dự kiến", "Trạng thái", "Lý do",
              "Nguồn") if vi else
             ("Category", "Indicator", "Target", "Unit", "Actual", "Period", "% of target", "% of plan (report)",
              "Expected pace (%)", "Projected year", "Projected (% of target)", "Projected by", "Status", "Reason",
              "Source"))  # fmt: skip
    kinds = (TEXT, TEXT, NUMBER, TEXT, NUMBER, TEXT, NUMBER, NUMBER, NUMBER, NUMBER, NUMBER, TEXT, STATUS, TEXT, TEXT)
    widths = (14, 36, 11, 10, 11, 9, 9, 10, 10, 12, 10, 24, 16, 50, 22)
    words = LABELS[filters.lang]
    table = Table(f"{'Chỉ tiêu' if vi else 'Targets'} {year}", _columns(heads, kinds, widths))
    for r in rows:
        actual = r.actual
        table.rows.append([
            r.category, r.name, r.target.value, r.target.unit, actual.value if actual else None,
            actual.period_end if actual else None, r.percent_of_target, r.reported_plan_pct, r.expected_pct,
            shown(r.projection.value) if r.projection else None,
            r.projection.percent_of_target if r.projection else None,
            words[f"basis_{r.projection.basis.value}"] if r.projection else None,
            r.status if vi else VALUES_EN.get(r.status, r.status), r.reason_in(filters.lang),
            actual.doc_key if actual else r.doc_key,
        ])  # fmt: skip
    return table


def _facts_table(request: Request, db: Session, filters: Filters) -> Table:
    vi = filters.lang == "vi"
    heads = (("Văn bản", "Chỉ tiêu", "Mã", "Loại", "Giá trị", "Đơn vị", "Từ", "Đến", "Ước tính", "Trang", "Trích dẫn")
             if vi else ("Document", "Label", "Code", "Measure", "Value", "Unit", "From", "To", "Estimate", "Page",
                         "Quote"))  # fmt: skip
    kinds = (TEXT, TEXT, TEXT, TEXT, NUMBER, TEXT, TEXT, TEXT, TEXT, NUMBER, TEXT)
    widths = (22, 30, 16, 14, 12, 10, 9, 9, 8, 6, 70)
    table = Table("Số liệu" if vi else "Facts", _columns(heads, kinds, widths))
    yes = "có" if vi else "yes"
    for f, key in find_facts(db, code=filters.code, period=None, scope=filters.scope):
        table.rows.append([key, f.indicator, f.indicator_code, measure_label(f.measure, filters.lang), f.value, f.unit,
                           f.period_start, f.period_end, yes if f.estimate else "", f.page, f.quote])  # fmt: skip
    return table


def _documents_table(request: Request, db: Session, filters: Filters) -> Table:
    vi = filters.lang == "vi"
    heads = (("Văn bản", "Tiêu đề", "Số hiệu", "Loại", "Cơ quan ban hành", "Ngày", "Tỉnh", "Từ", "Đến", "Số liệu",
              "Chỉ tiêu", "Nhiệm vụ") if vi else
             ("Document", "Title", "Number", "Kind", "Issuer", "Date", "Province", "From", "To", "Facts", "Targets",
              "Tasks"))  # fmt: skip
    kinds = (TEXT, TEXT, TEXT, TEXT, TEXT, DATE, TEXT, TEXT, TEXT, NUMBER, NUMBER, NUMBER)
    widths = (24, 50, 16, 12, 30, 11, 14, 9, 9, 8, 8, 8)
    table = Table("Văn bản" if vi else "Documents", _columns(heads, kinds, widths))
    counted = (models.Fact, models.Target, models.Task)
    counts = [dict(db.execute(select(m.document_id, func.count()).group_by(m.document_id)).all()) for m in counted]
    for d in current_documents(db, filters.scope):
        table.rows.append([d.doc_key, d.title, d.symbol, d.kind, d.issuer, d.issued, d.province, d.period_start,
                           d.period_end, *(c.get(d.id, 0) for c in counts)])  # fmt: skip
    return table


def _tasks_table(request: Request, db: Session, filters: Filters) -> Table:
    views = task_views(db, filters.day, agency=filters.agency, status=filters.status, scope=filters.scope)
    return task_table(views, filters.day, "Nhiệm vụ" if filters.lang == "vi" else "Tasks", filters.lang)


def _scorecard_table(request: Request, db: Session, filters: Filters) -> Table:
    views = task_views(db, filters.day, agency=filters.agency, scope=filters.scope)
    return scorecard_table(views, filters.lang, filters.agency)


def _findings_table(request: Request, db: Session, filters: Filters) -> Table:
    vi = filters.lang == "vi"
    heads = (("Mức độ", "Loại", "Chỉ tiêu", "Kỳ", "Nội dung", "Nguồn") if vi else
             ("Severity", "Kind", "Indicator", "Period", "Finding", "Sources"))  # fmt: skip
    table = Table("Kiểm tra" if vi else "Findings", _columns(heads, (TEXT,) * 6, (10, 18, 30, 14, 60, 60)))
    for finding in stored_findings(db, filters.scope):
        sources = " | ".join(f"{s.doc_key}: “{s.quote}”" for s in finding.sources)
        table.rows.append([finding.severity, finding.kind, finding.indicator, finding.period, finding.message, sources])
    return table


def _search_table(request: Request, db: Session, filters: Filters) -> Table:
    vi = filters.lang == "vi"
    heads = ("Văn bản", "Tiêu đề", "Trang", "Đoạn văn") if vi else ("Document", "Title", "Page", "Passage")
    table = Table("Tìm kiếm" if vi else "Search", _columns(heads, (TEXT, TEXT, NUMBER, TEXT), (24, 40, 6, 90)))
    if filters.q and filters.q.strip():
        for hit in search(db, filters.q, 100):
            table.rows.append([hit.doc_key, hit.title, hit.page, hit.text])
    return table


def _columns(heads: tuple[str, ...], kinds: tuple[ColumnKind, ...], widths: tuple[int, ...]) -> list[Column]:
    return [Column(h, k, w) for h, k, w in zip(heads, kinds, widths, strict=True)]


_BUILDERS: dict[TableName, Callable[[Request, Session, Filters], Table]] = {
    TableName.STATUS: _status_table,
    TableName.FACTS: _facts_table,
    TableName.DOCUMENTS: _documents_table,
    TableName.TASKS: _tasks_table,
    TableName.SCORECARD: _scorecard_table,
    TableName.FINDINGS: _findings_table,
    TableName.SEARCH: _search_table,
}
