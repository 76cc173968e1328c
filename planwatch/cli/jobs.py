"""`planwatch jobs list|work`: the queue of uploads that the server reads in the background."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from planwatch.cli.app import app, console, say, sessions
from planwatch.jobs.queue import recent
from planwatch.jobs.worker import drain

jobs = typer.Typer(help="Tệp tải lên chờ đọc (background ingest): list, work.", no_args_is_help=True)
app.add_typer(jobs, name="jobs")


@jobs.command("list")
def jobs_list(limit: Annotated[int, typer.Option(min=1, max=1000, help="Số dòng")] = 20) -> None:
    """Các lượt tải lên mới nhất và kết quả."""
    with sessions()() as session:
        table = Table(*say("job_columns"))
        for job in recent(session, limit=limit):
            outcome = say(job.outcome) if job.outcome else ""
            table.add_row(str(job.id), job.filename, say(f"job_{job.state}"), outcome, job.doc_key or "",
                          job.submitted_by, job.message)  # fmt: skip
    console.print(table)


@jobs.command("work")
def jobs_work() -> None:
    """Đọc mọi tệp đang chờ rồi dừng (a worker beside the server, or after it stopped)."""
    console.print(say("jobs_done").format(count=drain(sessions())))
