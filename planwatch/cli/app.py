"""The Typer application, the global options and what every command shares."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.orm import Session, sessionmaker

from planwatch.cli.messages import MESSAGES
from planwatch.monitor.tasks import TaskError, parse_date
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


def sessions() -> sessionmaker[Session]:
    return session_factory(open_engine(state.db))


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear error and give the exit to raise."""
    errors.print(f"[red]{say('error')}:[/] {message}", highlight=False)
    return typer.Exit(code)


def date_option(text: str | None) -> date | None:
    """A date given on the command line ("20/01/2024" or "2024-01-20"), or a clear refusal."""
    try:
        return parse_date(text) if text else None
    except TaskError as error:
        raise fail(str(error)) from error


@app.callback()
def main(
    db: Annotated[
        str | None, typer.Option(help="SQLAlchemy URL; mặc định $PLANWATCH_DB hoặc sqlite:///planwatch.db")
    ] = None,
    lang: Annotated[str, typer.Option(help="vi | en")] = "vi",
) -> None:
    state.db = db
    state.lang = lang if lang in MESSAGES else "vi"
