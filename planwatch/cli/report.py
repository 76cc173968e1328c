"""`planwatch report`: the draft report of a period (.docx) and its annexes (.xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.app import AsOfOption, ProvinceOption, app, console, fail, say, sessions, state, view_of
from planwatch.report.kinds import PeriodError
from planwatch.report.papers import draft_report, indicator_workbook, report_period, task_workbook
from planwatch.report.verify import round_trip


@app.command()
def report(
    kind: Annotated[str, typer.Option(help="monthly | quarterly | six-month | annual")],
    period: Annotated[str, typer.Option(help="Tháng cuối của kỳ, YYYY-MM (ví dụ 2024-06)")],
    out: Annotated[Path, typer.Option(help="Tệp .docx của dự thảo báo cáo")],
    xlsx: Annotated[Path | None, typer.Option(help="Tệp .xlsx của phụ lục chỉ tiêu")] = None,
    tasks_xlsx: Annotated[Path | None, typer.Option(help="Tệp .xlsx của phụ lục nhiệm vụ")] = None,
    as_of: AsOfOption = None,
    province: ProvinceOption = None,
    check: Annotated[bool, typer.Option(help="Đọc lại dự thảo và so với số liệu đã lưu")] = False,
) -> None:
    """Lập dự thảo báo cáo kỳ (.docx) và phụ lục (.xlsx) từ số liệu đã lưu, mỗi số liệu kèm nguồn."""
    try:
        chosen = report_period(kind, period)
    except PeriodError as error:
        raise fail(str(error)) from error
    with sessions()() as session:
        view = view_of(session, province, as_of=as_of)
        draft, docx = draft_report(session, chosen, view.scope, view.lang)
        _write(out, docx)
        console.print(
            say("report_written").format(
                path=out, figures=len(draft.figures), documents=len(draft.documents), missing=len(draft.missing)
            ),
            highlight=False,
        )
        if xlsx:
            _write(xlsx, indicator_workbook(session, draft, state.lang))
            console.print(say("annex_written").format(path=xlsx), highlight=False)
        if tasks_xlsx:
            _write(tasks_xlsx, task_workbook(session, view.as_of, view.lang, view.scope))
            console.print(say("annex_written").format(path=tasks_xlsx), highlight=False)
    if check and state.lang != "vi":
        raise fail(say("check_vi_only"))
    if check:
        result = round_trip(draft, docx)
        console.print(say("report_check").format(p=result.precision, r=result.recall, read=result.read))
        for line in (*result.wrong, *result.lost):
            console.print(f"  {line}", highlight=False)


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise fail(f"{path}: {error.strerror}") from error
