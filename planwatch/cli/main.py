"""`planwatch`: ingest documents, list facts, export the contract. Every command is a few lines over
the library (planwatch.ingest, planwatch.query, planwatch.export)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import func, select

from planwatch.cli.messages import MEASURES_VI, MESSAGES
from planwatch.export import fact_records, to_jsonl
from planwatch.extract.numbers import format_number
from planwatch.ingest import document_paths, ingest_file
from planwatch.query import current_documents, find_facts
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory

app = typer.Typer(help="PlanWatch: theo dõi kế hoạch phát triển kinh tế - xã hội từ văn bản.", no_args_is_help=True)
console = Console()
errors = Console(stderr=True)


class State:
    db: str | None = None
    lang: str = "vi"


state = State()


def say(key: str) -> str:
    return MESSAGES[state.lang][key]  # type: ignore[return-value]


@app.callback()
def main(
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL; mặc định $PLANWATCH_DB hoặc sqlite:///planwatch.db")] = None,
    lang: Annotated[str, typer.Option(help="vi | en")] = "vi",
) -> None:
    state.db = db
    state.lang = lang if lang in MESSAGES else "vi"


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Tệp hoặc thư mục")]) -> None:
    """Nhập văn bản (.txt, .md, .docx, .pdf); mỗi văn bản một dòng kết quả."""
    files = list(document_paths(paths))
    if not files:
        errors.print(say("no_files"))
        raise typer.Exit(1)
    sessions = session_factory(open_engine(state.db))
    results = []
    with Progress(console=errors, transient=True) as progress:
        task = progress.add_task(say("reading"), total=len(files))
        for path in files:
            result = ingest_file(sessions, path)
            results.append(result)
            style = "red" if result.status == "rejected" else "green"
            detail = result.message if result.status == "rejected" else f"{result.facts} {say('facts')}"
            console.print(f"[{style}]{say(result.status)}[/] {path} — {detail}", highlight=False)
            progress.advance(task)
    bad = sum(r.status == "rejected" for r in results)
    console.print(say("summary").format(ok=len(results) - bad, total=len(results), bad=bad,
                                        facts=sum(r.facts for r in results)))
    raise typer.Exit(1 if bad else 0)


@app.command()
def facts(
    indicator: Annotated[str | None, typer.Option(help="Tên chỉ tiêu, có dấu hoặc không dấu")] = None,
    doc: Annotated[str | None, typer.Option(help="Mã văn bản")] = None,
    measure: Annotated[str | None, typer.Option(help="value, yoy_change_pct, plan_pct, ...")] = None,
    limit: Annotated[int, typer.Option(help="Số dòng tối đa")] = 50,
) -> None:
    """Bảng số liệu: chỉ tiêu, loại, giá trị, kỳ, nguồn."""
    sessions = session_factory(open_engine(state.db))
    with sessions() as session:
        rows = find_facts(session, indicator=indicator, doc=doc, measure=measure)
    if not rows:
        console.print(say("none"))
        return
    table = Table(*say("columns"), show_lines=False)
    for fact, key in rows[:limit]:
        period = "–".join(p for p in (fact.period_start, fact.period_end) if p) or "?"
        table.add_row(key, fact.indicator, MEASURES_VI.get(fact.measure, fact.measure) if state.lang == "vi"
                      else fact.measure, format_number(fact.value), fact.unit, period, str(fact.page or ""),
                      fact.quote[:80])
    console.print(table)


@app.command()
def documents() -> None:
    """Danh sách văn bản đã nhập."""
    sessions = session_factory(open_engine(state.db))
    with sessions() as session:
        table = Table(*say("doc_columns"))
        for doc in current_documents(session):
            count = session.scalar(select(func.count()).where(models.Fact.document_id == doc.id))
            period = "–".join(p for p in (doc.period_start, doc.period_end) if p)
            table.add_row(doc.doc_key, doc.kind or "", doc.symbol or "", str(doc.issued or ""), period,
                          str(doc.version), str(count))
    console.print(table)


class ExportKind(str, Enum):
    facts = "facts"
    targets = "targets"
    tasks = "tasks"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="facts | targets | tasks")],
    doc: Annotated[str | None, typer.Option(help="Mã văn bản")] = None,
) -> None:
    """Xuất JSON Lines theo hợp đồng EXPORT.md ra đầu ra chuẩn."""
    if kind is not ExportKind.facts:
        errors.print(say("not_yet").format(kind=kind.value))
        raise typer.Exit(2)
    sessions = session_factory(open_engine(state.db))
    with sessions() as session:
        for record in fact_records(session, doc):
            sys.stdout.write(to_jsonl(record) + "\n")


if __name__ == "__main__":
    app()
