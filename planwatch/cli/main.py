"""`planwatch`: ingest documents, list facts, export the contract. Every command is a few lines over
the library (planwatch.ingest, planwatch.query, planwatch.export); tasks and targets have modules of their own."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, TaskID
from rich.table import Table
from sqlalchemy import func, select

from planwatch.cli import accounts as _accounts  # noqa: F401  (registers its commands)
from planwatch.cli import jobs as _jobs  # noqa: F401  (registers its commands)
from planwatch.cli import provinces as _provinces  # noqa: F401  (registers its commands)
from planwatch.cli import remind as _remind  # noqa: F401  (registers its commands)
from planwatch.cli import report as _report  # noqa: F401  (registers its commands)
from planwatch.cli import targets as _targets  # noqa: F401  (registers its commands)
from planwatch.cli import tasks as _tasks  # noqa: F401  (registers its commands)
from planwatch.cli.app import (
    Jobs,
    ProvinceOption,
    app,
    console,
    date_option,
    errors,
    fail,
    job_count,
    say,
    sessions,
    state,
    view_of,
)
from planwatch.export import fact_records, target_records, task_records, to_jsonl
from planwatch.ingest import document_paths, ingest_files
from planwatch.query.ask import ask as answer_question
from planwatch.query.facts import current_documents, find_facts
from planwatch.read.ocr_pages import OcrMode
from planwatch.store import models
from planwatch.store.db import database_url
from planwatch.vocab.measures import measure_label
from planwatch.vocab.numbers import format_number


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục")],
    on: Annotated[
        str | None, typer.Option("--date", help="Ngày của văn bản (dd/mm/yyyy) khi văn bản không ghi ngày")
    ] = None,
    province: Annotated[str | None, typer.Option(help="Tỉnh của văn bản khi văn bản không ghi rõ")] = None,
    jobs: Jobs = None,
    ocr: Annotated[
        OcrMode, typer.Option(help="Nhận dạng chữ trang PDF quét: auto (trang không có chữ), always, never")
    ] = OcrMode.AUTO,
) -> None:
    """Nhập văn bản (.txt, .md, .docx, .pdf); mỗi văn bản một dòng kết quả, theo thứ tự."""
    given = date_option(on)
    files = list(document_paths(paths))
    if not files:
        errors.print(say("no_files"))
        raise typer.Exit(1)
    factory = sessions()
    results = []
    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task(say("reading"), total=len(files))
        scans: dict[str, TaskID] = {}

        def pages_read(name: str, done: int, total: int) -> None:
            if name not in scans:
                scans[name] = progress.add_task(say("ocr_pages").format(name=name), total=total)
            progress.update(scans[name], completed=done, total=total)

        workers = min(job_count(jobs), len(files))
        for result in ingest_files(factory, files, given, province, workers, ocr, pages_read):
            path = result.path
            results.append(result)
            style = "red" if result.status == "rejected" else "green"
            detail = (
                result.message
                if result.status == "rejected"
                else say("ingested").format(facts=result.facts, tasks=result.tasks)
            )
            console.print(f"[{style}]{say(result.status)}[/] {path} — {detail}", highlight=False, soft_wrap=True)
            for warning in result.warnings:
                console.print(f"  [yellow]{say('warning')}[/] {warning}", highlight=False, soft_wrap=True)
            progress.advance(task)
    bad = sum(r.status == "rejected" for r in results)
    console.print(
        say("summary").format(ok=len(results) - bad, total=len(results), bad=bad, facts=sum(r.facts for r in results))
    )
    raise typer.Exit(1 if bad else 0)


@app.command()
def facts(
    indicator: Annotated[str | None, typer.Option(help="Tên chỉ tiêu, có dấu hoặc không dấu")] = None,
    doc: Annotated[str | None, typer.Option(help="Mã văn bản")] = None,
    measure: Annotated[str | None, typer.Option(help="value, yoy_change_pct, plan_pct, ...")] = None,
    province: ProvinceOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Số dòng tối đa")] = 50,
) -> None:
    """Bảng số liệu: chỉ tiêu, loại, giá trị, kỳ, nguồn."""
    with sessions()() as session:
        view = view_of(session, province)
        rows = find_facts(session, indicator=indicator, doc=doc, measure=measure, scope=view.scope)
    if not rows:
        console.print(say("none"))
        return
    table = Table(*say("columns"), show_lines=False)
    for fact, key in rows[:limit]:
        period = "–".join(p for p in (fact.period_start, fact.period_end) if p) or "?"
        table.add_row(
            key,
            fact.indicator,
            measure_label(fact.measure, state.lang),
            format_number(fact.value, lang=state.lang),
            fact.unit,
            period,
            str(fact.page or ""),
            fact.quote[:80],
        )
    console.print(table)


@app.command()
def documents() -> None:
    """Danh sách văn bản đã nhập."""
    with sessions()() as session:
        table = Table(*say("doc_columns"))
        for doc in current_documents(session):
            count = session.scalar(select(func.count()).where(models.Fact.document_id == doc.id))
            period = "–".join(p for p in (doc.period_start, doc.period_end) if p)
            table.add_row(
                doc.doc_key,
                doc.province or "",
                doc.kind or "",
                doc.symbol or "",
                str(doc.issued or doc.reference_date or ""),
                period,
                str(doc.version),
                str(count),
            )
    console.print(table)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Câu hỏi, ví dụ: “Kế hoạch thu ngân sách năm 2024?”")],
    as_of: Annotated[str | None, typer.Option(help="Ngày xét hạn nhiệm vụ (dd/mm/yyyy); mặc định hôm nay")] = None,
) -> None:
    """Hỏi về chỉ tiêu, số liệu, nhiệm vụ; câu trả lời kèm nguồn, hoặc “không có số liệu”."""
    today = date_option(as_of)
    with sessions()() as session:
        answer = answer_question(session, question, today, state.lang)
    console.print(answer.text, highlight=False)
    for source in answer.citations:
        page = f", {say('page')} {source.page}" if source.page else ""
        console.print(f"  {source.doc_key}{page}: “{source.quote}”", highlight=False)
    raise typer.Exit(0 if answer.found else 1)


class ExportKind(StrEnum):
    facts = "facts"
    targets = "targets"
    tasks = "tasks"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="facts | targets | tasks")],
    doc: Annotated[str | None, typer.Option(help="Mã văn bản")] = None,
) -> None:
    """Xuất JSON Lines theo hợp đồng EXPORT.md ra đầu ra chuẩn."""
    records = {ExportKind.facts: fact_records, ExportKind.targets: target_records, ExportKind.tasks: task_records}
    with sessions()() as session:
        for record in records[kind](session, doc):
            sys.stdout.write(to_jsonl(record) + "\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Địa chỉ")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Cổng")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Số tiến trình (PostgreSQL)")] = 1,
    page_cache_mb: Annotated[
        int | None,
        typer.Option(min=0, help="MB trang giữ sẵn cho người đọc chưa đăng nhập, mỗi tiến trình (mặc định 32)"),
    ] = None,
) -> None:
    """Chạy ứng dụng web (tiếng Việt) và API JSON tại http://HOST:PORT; mỗi tiến trình có một luồng đọc tệp
    tải lên."""
    import uvicorn

    from planwatch.access.accounts import has_users
    from planwatch.serve.app import create_app
    from planwatch.serve.origin import is_loopback
    from planwatch.serve.supervise import GRACE_SECONDS, NO_DELAY

    url = database_url(state.db)
    if workers > 1 and not url.startswith("postgresql"):
        raise fail(say("workers_need_postgres"))
    with sessions()() as session:  # the store opened and migrated once, or a clear refusal, before any process starts
        if not is_loopback(host) and not has_users(session):  # anyone on the network could write
            raise fail(say("open_mode_needs_loopback").format(host=host))
    console.print(say("serving").format(url=f"http://{host}:{port}"))
    if workers == 1:
        app = create_app(url, page_cache_mb)
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            http=NO_DELAY,
            timeout_graceful_shutdown=GRACE_SECONDS,
            proxy_headers=False,  # X-Forwarded-For only from a trusted proxy (serve/origin.py)
        )
        return
    os.environ["PLANWATCH_DB"] = url  # each process builds its app from these
    if page_cache_mb is not None:
        os.environ["PLANWATCH_PAGE_CACHE_MB"] = str(page_cache_mb)
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")  # glibc: a process's request threads share two memory arenas
    sys.stdout.flush()
    supervisor = [sys.executable, "-m", "planwatch.serve.supervise", host, str(port), str(workers)]
    os.execv(sys.executable, supervisor)  # a lean process: the command line's modules are not kept in memory


def run() -> None:
    """The `planwatch` command: whatever goes wrong ends in one line naming it, never a traceback."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        errors.print(say("interrupted"))
        raise SystemExit(130) from None
    except Exception as error:  # noqa: BLE001  the last line of defence of a command-line tool
        errors.print(f"[red]{say('error')}:[/] {type(error).__name__}: {error}", highlight=False)
        raise SystemExit(1) from None


if __name__ == "__main__":
    app()
