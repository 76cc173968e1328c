"""The Typer application, the global options and what every command shares."""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.cli.messages import MESSAGES
from planwatch.store.db import database_url, open_engine, session_factory
from planwatch.view import View, make_view
from planwatch.vocab.dates import EARLIEST_YEAR, LATEST_YEAR, DateError, parse_date

app = typer.Typer(help="PlanWatch: theo dõi kế hoạch phát triển kinh tế - xã hội từ văn bản.", no_args_is_help=True)
console = Console()
errors = Console(stderr=True)
CLI_AUTHOR = "cli"  # who the audit trail names for a change made on the command line


class State:
    db: str | None = None
    lang: str = "vi"


state = State()


def say(key: str) -> str:
    return MESSAGES[state.lang][key]  # type: ignore[return-value]


def sessions() -> sessionmaker[Session]:
    """The store of --db, opened and migrated, or a clear refusal naming it (never a traceback)."""
    url = database_url(state.db)
    if not url.startswith(("sqlite:", "postgresql")):
        raise fail(say("bad_db").format(url=_shown_url(url), reason="chỉ SQLite và PostgreSQL"))
    try:
        return session_factory(open_engine(url))
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as error:
        raise fail(say("bad_db").format(url=_shown_url(url), reason=error)) from error
    except (OperationalError, DatabaseError, OSError) as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise fail(say("no_db").format(url=_shown_url(url), reason=reason)) from error


def _shown_url(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear error and give the exit to raise."""
    errors.print(f"[red]{say('error')}:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def date_option(text: str | None) -> date | None:
    """A date given on the command line ("20/01/2024" or "2024-01-20"), or a clear refusal."""
    return required_date(text) if text is not None else None


def required_date(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as error:
        raise fail(str(error)) from error


Year = Annotated[int, typer.Option(min=EARLIEST_YEAR, max=LATEST_YEAR, help="Năm (Year)")]

# The options every command that reads a view takes, made into one `View` by `view_of` (the web's is
# serve/view.py): the library is handed a scope, a year and a day, never a province name to work out again.
ProvinceOption = Annotated[
    str | None, typer.Option("--province", help="Tỉnh, có dấu hoặc không dấu (mặc định: cả kho)")
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", min=EARLIEST_YEAR, max=LATEST_YEAR, help="Năm (mặc định: năm mới nhất có số liệu)"),
]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="Ngày dd/mm/yyyy (mặc định: hôm nay)")]


def view_of(session: Session, province: str | None = None, year: int | None = None, as_of: str | None = None) -> View:
    """The view the options ask for, in the language of --lang."""
    return make_view(session, province, year, state.lang, date_option(as_of))


Jobs = Annotated[int | None, typer.Option(min=1, max=64, help="Số tiến trình song song; mặc định: số lõi CPU")]


def job_count(jobs: int | None) -> int:
    """The processes a --jobs option asks for: every core when it is not given."""
    return jobs or os.cpu_count() or 1


@app.callback()
def main(
    db: Annotated[
        str | None, typer.Option(help="SQLAlchemy URL; mặc định $PLANWATCH_DB hoặc sqlite:///planwatch.db")
    ] = None,
    lang: Annotated[str, typer.Option(help="vi | en")] = "vi",
) -> None:
    state.db = db
    state.lang = lang if lang in MESSAGES else "vi"
