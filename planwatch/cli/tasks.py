"""`planwatch tasks`, `task-update`, `agency-add`: who was assigned what, and who is late."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from planwatch.access.locks import LockedPeriod
from planwatch.cli.app import (
    CLI_AUTHOR,
    AsOfOption,
    ProvinceOption,
    app,
    console,
    date_option,
    fail,
    required_date,
    say,
    sessions,
    state,
    view_of,
)
from planwatch.edits.agencies import add_agency_alias
from planwatch.edits.plans import PlanEditError
from planwatch.edits.tasks import TaskError, confirm_link, record_update
from planwatch.extract.agencies import default_registry
from planwatch.monitor.task_links import LinkSuggestion, suggest_links
from planwatch.monitor.tasks import (
    STATUS_VI,
    STATUSES,
    scorecard,
    task_groups,
    task_views,
    unknown_agencies,
)
from planwatch.store.current import predecessor_documents


@app.command()
def tasks(
    agency: Annotated[str | None, typer.Option(help="Cơ quan (có dấu hoặc không dấu, hoặc mã: SKHDT)")] = None,
    status: Annotated[str | None, typer.Option(help=" | ".join(STATUSES))] = None,
    due_after: Annotated[str | None, typer.Option(help="Hạn từ ngày dd/mm/yyyy")] = None,
    due_before: Annotated[str | None, typer.Option(help="Hạn đến ngày dd/mm/yyyy")] = None,
    doc: Annotated[str | None, typer.Option(help="Mã văn bản")] = None,
    as_of: AsOfOption = None,
    province: ProvinceOption = None,
    scorecard_: Annotated[bool, typer.Option("--scorecard", help="Bảng tổng hợp theo cơ quan (QĐ 42/2014)")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="In JSON")] = False,
) -> None:
    """Nhiệm vụ được giao: lọc theo cơ quan, trạng thái, hạn; hoặc bảng tổng hợp theo cơ quan."""
    if status and status not in STATUSES:
        raise fail(f"trạng thái “{status}” không có; dùng một trong: {', '.join(STATUSES)}")
    with sessions()() as session:
        view = view_of(session, province, as_of=as_of)
        day = view.as_of
        views = task_views(
            session,
            day,
            scope=view.scope,
            agency=agency,
            status=status,
            due_before=date_option(due_before),
            due_after=date_option(due_after),
            doc=doc,
        )
        places = predecessor_documents(session, view.scope, (v.doc_key for v in views))  # marked with the old name
    if scorecard_:
        _print_scorecard(views, as_json)
        return
    if as_json:
        console.print_json(
            json.dumps(
                [
                    {
                        "doc": v.doc_key,
                        "ref": v.task.ref,
                        "agencies": v.task.agencies,
                        "agencies_today": [now.today_name for now in v.now],
                        "due": v.due.isoformat() if v.due else None,
                        "status": v.status,
                        "summary": v.task.summary,
                    }
                    for v in views
                ],
                ensure_ascii=False,
            )
        )
        return
    table = Table(*say("task_columns"), title=say("tasks_as_of").format(day=f"{day:%d/%m/%Y}"))
    for v in views:
        due = f"{v.due:%d/%m/%Y}" + ("" if v.task.deadline else "*") if v.due else ""
        label = STATUS_VI[v.status] if state.lang == "vi" else v.status
        agencies = "; ".join(f"{a.name} → {a.today_name}" if a.changed else a.name for a in v.now)
        key = f"{v.doc_key} ({places[v.doc_key]})" if v.doc_key in places else v.doc_key
        table.add_row(key, v.task.ref, agencies, due, label, v.task.summary[:70])
    console.print(table)
    console.print(say("implied_note"))


def _print_scorecard(views: list, as_json: bool) -> None:  # type: ignore[type-arg]
    lines = scorecard(views)
    if as_json:
        console.print_json(json.dumps([asdict(line) for line in lines], ensure_ascii=False))
        return
    table = Table(*say("score_columns"))
    for line in lines:
        name = line.name
        if line.formerly:
            name += " " + say("formerly").format(names=", ".join(line.formerly))
        rate = f"{line.on_time_rate * 100:.0f}%".replace(".", ",") if line.on_time_rate is not None else "–"
        table.add_row(
            name,
            str(line.assigned),
            str(line.done_on_time),
            str(line.done_late),
            str(line.in_progress),
            str(line.overdue),
            rate,
        )
    console.print(table)


@app.command("task-groups")
def task_groups_command(doc: Annotated[str | None, typer.Option(help="Mã văn bản")] = None) -> None:
    """Các nhóm nhiệm vụ, giải pháp của kế hoạch và báo cáo, với kỳ áp dụng."""
    with sessions()() as session:
        groups = task_groups(session, doc)
    table = Table(*say("group_columns"))
    for group, key in groups:
        table.add_row(key, group.number, f"{group.period_start or '?'} – {group.period_end or '?'}", group.title)
    console.print(table)


@app.command("task-update")
def task_update(
    doc: Annotated[str, typer.Argument(help="Mã văn bản giao nhiệm vụ")],
    ref: Annotated[str, typer.Argument(help="Số mục như in: 1.2, III.1")],
    reported: Annotated[str, typer.Option(help="Ngày báo cáo dd/mm/yyyy")],
    author: Annotated[str, typer.Option(help="Người cập nhật")],
    done: Annotated[str | None, typer.Option(help="Ngày hoàn thành dd/mm/yyyy, nếu đã xong")] = None,
    note: Annotated[str, typer.Option(help="Ghi chú tiến độ")] = "",
    evidence: Annotated[str, typer.Option(help="Văn bản hoặc đường dẫn minh chứng")] = "",
) -> None:
    """Cập nhật tiến độ một nhiệm vụ; trạng thái được tính từ hạn và ngày hoàn thành."""
    reported_on = required_date(reported)
    try:
        with sessions().begin() as session:
            done_on = date_option(done)
            record_update(session, doc, ref, reported_on, done_on, note, evidence, author)
    except (TaskError, LockedPeriod) as error:
        raise fail(str(error)) from error
    console.print(say("saved"))


@app.command("agency-add")
def agency_add(
    alias: Annotated[str, typer.Argument(help="Tên hoặc cách viết như trong văn bản")],
    code: Annotated[str, typer.Option(help="Mã cơ quan trong danh mục (ví dụ SKHDT) hoặc mã mới")],
    name: Annotated[str | None, typer.Option(help="Tên chuẩn, cho cơ quan mới")] = None,
    kind: Annotated[
        str, typer.Option(help="department | provincial | central | group | council | front | district")
    ] = "department",
) -> None:
    """Thêm cơ quan hoặc cách viết khác vào danh mục; áp dụng cho nhiệm vụ đã có và các lần nhập sau."""
    try:
        with sessions().begin() as session:
            changed = add_agency_alias(session, alias, code, name or "", kind, CLI_AUTHOR)
    except PlanEditError as error:
        raise fail(str(error)) from error
    console.print(say("agency_saved").format(changed=changed))


@app.command("agencies")
def agencies(
    unknown: Annotated[bool, typer.Option("--unknown", help="Chỉ các tên chưa có trong danh mục, để xem xét")] = False,
) -> None:
    """Danh mục cơ quan; với --unknown: các tên cơ quan trong nhiệm vụ chưa có trong danh mục (thêm bằng
    agency-add), nhiều lần nhất trước."""
    with sessions()() as session:
        counts = unknown_agencies(session) if unknown else None
    if counts is not None:
        table = Table(*say("unknown_agency_columns"))
        for name, count in counts:
            table.add_row(name, str(count))
        console.print(table)
        return
    table = Table(*say("agency_columns"))
    for agency in sorted(default_registry().agencies.values(), key=lambda a: (a.kind, a.name)):
        table.add_row(agency.code, agency.name, agency.kind)
    console.print(table)


@app.command("task-links")
def task_links(
    doc: Annotated[str | None, typer.Option(help="Chỉ nhiệm vụ của văn bản này")] = None,
    confirm: Annotated[str | None, typer.Option(help="Xác nhận gợi ý: REF@VĂN_BẢN:VỊ_TRÍ, như in ở cột Mã")] = None,
    author: Annotated[str, typer.Option(help="Người xác nhận")] = "",
) -> None:
    """Gợi ý đoạn văn bản sau báo cáo về một nhiệm vụ; --confirm để liên kết."""
    with sessions().begin() as session:
        suggestions = suggest_links(session, doc)
        if confirm:
            chosen = next((s for s in suggestions if _link_id(s) == confirm), None)
            if chosen is None:
                raise fail(f"không có gợi ý “{confirm}”")
            if not author:
                raise fail("cần --author để xác nhận liên kết")
            confirm_link(session, chosen, author)
            console.print(say("saved"))
            return
    table = Table(*say("link_columns"))
    for s in suggestions:
        table.add_row(_link_id(s), s.ref, s.source_doc, f"{s.score:.2f}".replace(".", ","), s.quote.strip()[:90])
    console.print(table)


def _link_id(suggestion: LinkSuggestion) -> str:
    return f"{suggestion.ref}@{suggestion.source_doc}:{suggestion.char_start}"
