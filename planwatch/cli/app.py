"""The Typer application, the global options and what every command shares."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.orm import Session, sessionmaker

from planwatch.cli.messages import MESSAGES
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


@app.callback()
def main(
    db: Annotated[
        str | None, typer.Option(help="SQLAlchemy URL; mặc định $PLANWATCH_DB hoặc sqlite:///planwatch.db")
    ] = None,
    lang: Annotated[str, typer.Option(help="vi | en")] = "vi",
) -> None:
    state.db = db
    state.lang = lang if lang in MESSAGES else "vi"
