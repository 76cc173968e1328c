"""`planwatch status`, `check`, `series`, `targets`, `target-set`, `indicators`, `indicator-alias`."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from planwatch.cli.app import (
    Jobs,
    ProvinceOption,
    Year,
    YearOption,
    app,
    console,
    fail,
    job_count,
    say,
    sessions,
    state,
    view_of,
)
from planwatch.edits.plans import (
    PlanEditError,
    TargetInput,
    add_indicator_alias,
    set_target,
)
from planwatch.ingest import refresh_on_cores
from planwatch.monitor.progress import year_status, year_targets
from planwatch.monitor.projection import Projection, projection_fields, shown
from planwatch.monitor.series import series as indicator_series
from planwatch.monitor.stored import refresh_store, stored_findings, unclassified_labels
from planwatch.monitor.target_versions import target_history
from planwatch.monitor.thresholds import Thresholds
from planwatch.serve.labels import LABELS, VALUES_EN
from planwatch.store import models
from planwatch.store.freshness import pending
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.numbers import format_number

_STATUS_STYLE = {"đạt/vượt": "green", "đúng tiến độ": "cyan", "chậm": "yellow", "nguy cơ không đạt": "red"}


def _pct(value: float | None) -> str:
    return f"{_num(round(value, 1))}%" if value is not None else ""


def _num(value: float) -> str:
    """A figure in the language asked (`--lang en`: "96,058.5")."""
    return format_number(value, lang=state.lang)


@app.command()
def status(
    year: YearOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In JSON")] = False,
    tolerance: Annotated[float, typer.Option(help="Điểm % dưới tiến độ vẫn tính là đúng tiến độ")] = 5.0,
    risk: Annotated[float, typer.Option(help="Điểm % dưới tiến độ thì có nguy cơ không đạt")] = 15.0,
    province: ProvinceOption = None,
) -> None:
    """Tiến độ thực hiện các chỉ tiêu của năm (mặc định: năm mới nhất có số liệu) theo số liệu của một tỉnh (mặc
    định: tỉnh có nhiều văn bản nhất): số mới nhất, % kế hoạch, tiến độ, trạng thái và lý do."""
    with sessions()() as session:
        view = view_of(session, province, year)
        rows = year_status(session, view.year, Thresholds(tolerance=tolerance, risk=risk), scope=view.scope)
    if as_json:
        console.print_json(
            json.dumps(
                [
                    {
                        "indicator": r.name,
                        "label": r.target.indicator,
                        "indicator_code": r.target.indicator_code,
                        "category": r.category,
                        "measure": r.target.measure,
                        "target": r.target.value,
                        "target_min": r.target.value_min,
                        "target_max": r.target.value_max,
                        "unit": r.target.unit,
                        "comparator": r.target.comparator,
                        "source": r.doc_key,
                        "actual": r.actual.value if r.actual else None,
                        "actual_period": [r.actual.period_start, r.actual.period_end] if r.actual else None,
                        "actual_source": r.actual.doc_key if r.actual else None,
                        "percent_of_target": r.percent_of_target,
                        "reported_plan_pct": r.reported_plan_pct,
                        "plan_pct_disagrees": r.plan_pct_disagrees,
                        "expected_pct": r.expected_pct,
                        "gap": r.gap,
                        "trend": r.trend,
                        "status": r.status,
                        "reason": r.reason_in(state.lang),
                        **projection_fields(r.projection, state.lang),
                    }
                    for r in rows
                ],
                ensure_ascii=False,
            )
        )
        return
    table = Table(*say("status_columns"), title=say("status_title").format(year=year))
    for r in rows:
        target = (
            f"{_num(r.target.value_min or 0)}–{_num(r.target.value_max or 0)}"
            if r.target.comparator == "range"
            else _num(r.target.value or 0)
        )
        actual = f"{_num(r.actual.value)} ({r.actual.period_end})" if r.actual else ""
        style = _STATUS_STYLE.get(r.status, "dim")
        table.add_row(
            r.category,
            r.name[:40],
            f"{target} {r.target.unit}".strip(),
            actual,
            _pct(r.percent_of_target),
            _pct(r.expected_pct),
            _projected(r.projection),
            f"[{style}]{said(r.status)}[/]",
            r.reason_in(state.lang)[:80],
        )
    console.print(table)


def _projected(projection: Projection | None) -> str:
    """The year-end estimate in a cell: the value, its % of plan, and how it was made."""
    if projection is None:
        return ""
    percent = f" ({_pct(projection.percent_of_target)})" if projection.percent_of_target is not None else ""
    unit = "%" if projection.unit == "%" else f" {projection.unit}"
    words = LABELS[state.lang]
    return f"{_num(shown(projection.value))}{unit}{percent}, {words[f'basis_{projection.basis.value}']}"


def said(value: str) -> str:
    """A status or a severity in the language asked (`--lang en`)."""
    return VALUES_EN.get(value, value) if state.lang == "en" else value


@app.command()
def check(as_json: Annotated[bool, typer.Option("--json", help="In JSON")] = False, jobs: Jobs = None) -> None:
    """Kiểm tra nhất quán: số liệu khác nhau giữa các văn bản, thành phần vượt tổng, kế hoạch suy ra, so cùng kỳ."""
    factory, processes = sessions(), job_count(jobs)
    with factory() as session:
        waiting = pending(session)
    if waiting:  # the command is the checker: what writes left marked is checked first, on every core asked
        refresh_on_cores(factory, processes) if processes > 1 else refresh_store(factory)
    with factory() as session:
        findings = stored_findings(session)
    if as_json:
        console.print_json(json.dumps([asdict(f) for f in findings], ensure_ascii=False))
        return
    if not findings:
        console.print(say("no_findings"))
    for f in findings:
        console.print(
            f"[bold]{said(f.severity).upper()}[/] {f.kind} — {f.indicator} ({f.period}): {f.message_in(state.lang)}",
            highlight=False,
        )
        for s in f.sources:
            page = f", tr. {s.page}" if s.page else ""
            console.print(f"    {s.doc_key}{page} [{s.char_start}:{s.char_end}] “{s.quote.strip()}”", highlight=False)


@app.command()
def series(
    indicator: Annotated[str, typer.Argument(help="Mã chỉ tiêu (BUDGET_REVENUE) hoặc tên, có dấu hoặc không")],
    measure: Annotated[str, typer.Option(help="value, yoy_change_pct, plan_pct, ...")] = "value",
    province: ProvinceOption = None,
) -> None:
    """Chuỗi số liệu một chỉ tiêu qua các văn bản, lũy kế và từng tháng; của một tỉnh sau sắp xếp: từng tỉnh
    cũ trước 1/7/2025, tổng tính gộp khi mọi tỉnh cũ cùng báo cáo một kỳ, và số liệu sau sắp xếp."""
    with sessions()() as session:
        scope = view_of(session, province).scope
        points = indicator_series(session, indicator, measure, scope=scope)
    if not points:
        raise fail(say("no_series").format(indicator=indicator, measure=measure))
    lines = bool(scope.predecessors)
    table = Table(*([say("province_column")] if lines else []), *say("series_columns"))
    for p in sorted(points, key=lambda p: (p.period_end, p.period_start or "", p.computed_sum)) if lines else points:
        kind = (
            say("computed_sum")
            if p.computed_sum
            else say("derived")
            if p.derived
            else say("cumulative")
            if p.cumulative
            else say("monthly")
        )
        sources = ", ".join(s.doc_key for s in p.sources) if p.computed_sum else p.doc_key
        row = (f"{p.period_start or '?'} – {p.period_end}", kind, _num(p.value), p.unit,
               "ước" if p.estimate else "", sources, p.quote[:70] if not p.computed_sum else p.quote)  # fmt: skip
        table.add_row(*([p.province or ""] if lines else []), *row)
    console.print(table)


@app.command()
def targets(year: Year) -> None:
    """Các chỉ tiêu kế hoạch của năm (từ văn bản hoặc nhập tay)."""
    with sessions()() as session:
        rows = year_targets(session, year)
        table = Table(*say("target_columns"))
        for t, key in rows:
            table.add_row(
                key, t.number or "", t.indicator[:50], t.indicator_code or say("unclassified"), t.measure, _goal(t)
            )
    console.print(table)


def _goal(t: models.Target) -> str:
    value = f"{_num(t.value_min or 0)}–{_num(t.value_max or 0)}" if t.comparator == "range" else _num(t.value or 0)
    return f"{t.comparator} {value} {t.unit}".strip()


@app.command("target-history")
def target_history_command(
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu trong danh mục (BUDGET_REVENUE)")],
    province: ProvinceOption = None,
) -> None:
    """Các lần giao chỉ tiêu của một chỉ tiêu: chỉ tiêu đang áp dụng, chỉ tiêu bị thay thế, từ ngày nào, lý do."""
    with sessions()() as session:
        history = target_history(session, code, view_of(session, province).scope)
    table = Table(*say("history_columns"))
    for h in history:
        since = f"{h.superseded_on:%d/%m/%Y}" if h.superseded_on else ""
        state_ = say("in_force") if h.in_force else say("superseded").format(doc=h.superseded_by, since=since)
        issued = f"{h.issued:%d/%m/%Y}" if h.issued else ""
        table.add_row(str(h.target.year), h.target.measure, _goal(h.target), h.doc_key, issued, h.province or "",
                      state_, h.reason or "")  # fmt: skip
    console.print(table)


@app.command("target-set")
def target_set(
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu trong danh mục")],
    year: Year,
    value: Annotated[str, typer.Option(help="Giá trị kiểu Việt Nam: 12.760 | 14,5 | 135-140")],
    author: Annotated[str, typer.Option(help="Người nhập")],
    reason: Annotated[str, typer.Option(help="Lý do")],
    measure: Annotated[str, typer.Option(help="value | yoy_change_pct | share_pct | rank")] = "value",
    unit: Annotated[str, typer.Option(help="Đơn vị: tỷ đồng, %, triệu lượt, ...")] = "",
    comparator: Annotated[str, typer.Option(help="= | >= | <= | range")] = "=",
) -> None:
    """Nhập hoặc sửa một chỉ tiêu bằng tay; ghi lại ai, khi nào, vì sao."""
    factory = sessions()
    try:
        with factory.begin() as session:
            set_target(session, TargetInput(code, year, measure, value, unit, comparator), author, reason)
    except PlanEditError as error:
        raise fail(str(error)) from error
    refresh_store(factory)  # the writer checks what its change touched
    console.print(say("saved"))


@app.command()
def indicators(
    unclassified: Annotated[bool, typer.Option("--unclassified", help="Chỉ các nhãn chưa phân loại")] = False,
) -> None:
    """Danh mục chỉ tiêu, hoặc các nhãn số liệu “chưa phân loại” để gắn mã."""
    if unclassified:
        with sessions()() as session:
            labels = unclassified_labels(session)
        table = Table(*say("unclassified_columns"))
        for label, count in labels:
            table.add_row(label[:90], str(count))
        console.print(table)
        return
    table = Table(*say("catalogue_columns"))
    for i in default_catalogue().indicators.values():
        table.add_row(i.code, i.name, i.unit, i.category, "↓" if i.lower_is_better else "↑", i.kind, i.parent or "")
    console.print(table)


@app.command("indicator-alias")
def indicator_alias(
    label: Annotated[str, typer.Argument(help="Nhãn như trong văn bản")],
    code: Annotated[str, typer.Argument(help="Mã chỉ tiêu")],
    author: Annotated[str, typer.Option(help="Người gắn")],
) -> None:
    """Gắn một nhãn với mã chỉ tiêu; áp dụng cho số liệu đã có và sẽ nhập."""
    factory = sessions()
    try:
        with factory.begin() as session:
            changed = add_indicator_alias(session, label, code, author)
    except PlanEditError as error:
        raise fail(str(error)) from error
    refresh_store(factory)  # the writer checks what its change touched
    console.print(say("alias_saved").format(changed=changed))
