"""Tables as files: CSV (UTF-8 with a byte-order mark, so that Excel opens Vietnamese text right; numbers with a
decimal point, for machines) and XLSX (openpyxl: numbers and dates as real cells with a Vietnamese display format,
units in their own column, a frozen header, filters, A4 landscape, statuses coloured as on the dashboard)."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from io import BytesIO, StringIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.monitor.progress import ACHIEVED, AT_RISK, BEHIND, ON_TRACK
from planwatch.monitor.tasks import DONE_LATE, DONE_ON_TIME, IN_PROGRESS, OVERDUE, STATUS_VI

# The dashboard's colours (serve/static/app.css: --ok, --on, --slow, --risk), as cell fills with white text.
STATUS_FILLS = {
    ACHIEVED: "1B7F3B",
    STATUS_VI[DONE_ON_TIME]: "1B7F3B",
    ON_TRACK: "1F6FB2",
    STATUS_VI[IN_PROGRESS]: "1F6FB2",
    BEHIND: "B7791F",
    STATUS_VI[DONE_LATE]: "B7791F",
    AT_RISK: "C0392B",
    STATUS_VI[OVERDUE]: "C0392B",
}
_LINE_HEIGHT = 15  # points
VIETNAMESE = "[$-42A]"  # the format's language: LibreOffice prints 10.111,7 (Excel follows the reader's own locale)
Cell = str | int | float | date | None


class ColumnKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    STATUS = "status"


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 14


@dataclass
class Table:
    title: str  # the sheet's name (at most 31 characters)
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    computed: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of values PlanWatch computed


def to_csv(table: Table) -> str:
    out = StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([c.title for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row])
    return out.getvalue()


def to_xlsx(tables: list[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        _sheet(workbook.create_sheet(_sheet_name(table.title)), table)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"


def _sheet(sheet: Worksheet, table: Table) -> None:
    sheet.append([c.title for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.row_dimensions[1].height = _LINE_HEIGHT * _lines([f"{c.title}  " for c in table.columns], table.columns)
    for r, row in enumerate(table.rows, start=2):
        sheet.append(row)
        for c, column in enumerate(table.columns, start=1):
            _style(sheet.cell(row=r, column=c), column, (r - 2, c - 1) in table.computed)
        sheet.row_dimensions[r].height = _LINE_HEIGHT * _lines(row, table.columns)
    for c, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = column.width
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(table.columns))}{max(len(table.rows) + 1, 1)}"
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_title_rows = "1:1"


def _lines(row: list[Cell] | list[str], columns: list[Column]) -> int:
    """The lines the row's longest wrapped text takes (a spreadsheet does not size rows it did not lay out)."""
    texts = [(str(v), c.width) for v, c in zip(row, columns, strict=False) if isinstance(v, str)]
    return max([1, *(math.ceil(len(text) * 1.1 / width) for text, width in texts)])


def _style(cell, column: Column, computed: bool) -> None:  # type: ignore[no-untyped-def]
    value = cell.value
    if column.kind is ColumnKind.NUMBER and isinstance(value, int | float):
        cell.number_format = VIETNAMESE + _number_format(float(value))
    elif column.kind is ColumnKind.DATE and isinstance(value, date):
        cell.number_format = "dd/mm/yyyy"
    if column.kind is ColumnKind.STATUS and value in STATUS_FILLS:
        cell.fill = PatternFill("solid", fgColor=STATUS_FILLS[value])
        cell.font = Font(color="FFFFFF", bold=True)
    if column.kind in (ColumnKind.TEXT, ColumnKind.STATUS):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.alignment = Alignment(vertical="top")
    if computed:
        cell.font = Font(italic=True, color="5B6576")


def _number_format(value: float) -> str:
    decimals = 0 if value.is_integer() else min(3, len(f"{value:.3f}".rstrip("0").split(".")[1]))
    return "#,##0" + ("." + "0" * decimals if decimals else "")
