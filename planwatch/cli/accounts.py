"""`planwatch user add|list|disable` and `planwatch audit`: accounts of a shared server and the trail of changes."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.accounts import AccountError, add_user, disable_user
from planwatch.access.audit import entries
from planwatch.access.locks import LockError, lock, locked_months, unlock
from planwatch.access.roles import Role
from planwatch.cli.app import CLI_AUTHOR, app, console, date_option, fail, say, sessions
from planwatch.store import models

users = typer.Typer(help="Tài khoản (accounts): add, list, disable.", no_args_is_help=True)
app.add_typer(users, name="user")
periods = typer.Typer(help="Khoá kỳ (close a month): lock, unlock, list.", no_args_is_help=True)
app.add_typer(periods, name="period")


def _password() -> str:
    """From a prompt (asked twice) on a terminal, else the first line of standard input: never an argument."""
    if sys.stdin.isatty():
        first, second = getpass.getpass(say("password") + ": "), getpass.getpass(say("password_again") + ": ")
        if first != second:
            raise fail(say("password_mismatch"))
        return first
    return sys.stdin.readline().rstrip("\n")


@users.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Tên đăng nhập")],
    role: Annotated[Role, typer.Option(help="admin | planning | agency | viewer")],
    agency: Annotated[str | None, typer.Option(help="Mã cơ quan (vai trò agency)")] = None,
) -> None:
    """Thêm tài khoản; mật khẩu hỏi ở dấu nhắc hoặc đọc từ đầu vào chuẩn."""
    password = _password()
    try:
        with sessions().begin() as session:
            add_user(session, name, password, role, agency, CLI_AUTHOR)
    except AccountError as error:
        raise fail(str(error)) from error
    console.print(say("saved"))


@users.command("list")
def user_list() -> None:
    """Các tài khoản."""
    with sessions()() as session:
        table = Table(*say("user_columns"))
        for user in session.scalars(select(models.User).order_by(models.User.username)):
            table.add_row(user.username, Role(user.role).label(), user.agency or "", "✓" if user.active else "✗")
    console.print(table)


@users.command("disable")
def user_disable(
    name: Annotated[str, typer.Argument(help="Tên đăng nhập")],
    reason: Annotated[str, typer.Option(help="Lý do")] = "",
) -> None:
    """Khoá tài khoản (các phiên đăng nhập của nó kết thúc)."""
    try:
        with sessions().begin() as session:
            disable_user(session, name, CLI_AUTHOR, reason)
    except AccountError as error:
        raise fail(str(error)) from error
    console.print(say("saved"))


@app.command()
def audit(
    since: Annotated[str | None, typer.Option(help="Từ ngày (dd/mm/yyyy)")] = None,
    user: Annotated[str | None, typer.Option(help="Của người dùng này")] = None,
) -> None:
    """Nhật ký thay đổi: ai, khi nào, gì, trước, sau, lý do."""
    day = date_option(since)
    with sessions()() as session:
        rows = entries(session, since=datetime(day.year, day.month, day.day) if day else None, username=user)
    table = Table(*say("audit_columns"))
    for row in rows:
        table.add_row(f"{row.at:%d/%m/%Y %H:%M}", row.username, row.action, row.entity, str(row.before or ""),
                      str(row.after or ""), row.reason)  # fmt: skip
    console.print(table)


@periods.command("lock")
def period_lock(
    month: Annotated[str, typer.Argument(help="YYYY-MM")], reason: Annotated[str, typer.Option(help="Lý do")] = ""
) -> None:
    """Khoá một tháng: cập nhật nhiệm vụ của tháng đó bị từ chối cho đến khi mở khoá."""
    _period_change(lambda session: lock(session, month, CLI_AUTHOR, reason))


@periods.command("unlock")
def period_unlock(
    month: Annotated[str, typer.Argument(help="YYYY-MM")], reason: Annotated[str, typer.Option(help="Lý do")]
) -> None:
    """Mở khoá một tháng (cần lý do)."""
    _period_change(lambda session: unlock(session, month, CLI_AUTHOR, reason))


@periods.command("list")
def period_list() -> None:
    """Các tháng đã khoá."""
    with sessions()() as session:
        table = Table(*say("lock_columns"))
        for row in locked_months(session):
            table.add_row(row.month, row.locked_by, f"{row.locked_at:%d/%m/%Y %H:%M}", row.reason)
    console.print(table)


def _period_change(change: Callable[[Session], None]) -> None:
    try:
        with sessions().begin() as session:
            change(session)
    except LockError as error:
        raise fail(str(error)) from error
    console.print(say("saved"))
