"""`planwatch remind` and `planwatch user notify`: the day's reminders, and how each user gets them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from rich.table import Table

from planwatch.cli.accounts import users
from planwatch.cli.app import CLI_AUTHOR, app, console, date_option, fail, say, sessions, state
from planwatch.edits.reminders import PreferenceError, set_preference
from planwatch.remind.deliver import deliver
from planwatch.remind.digest import Channel, digests
from planwatch.remind.mail import body, counts
from planwatch.remind.settings import ReminderSettings


@app.command()
def remind(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Ngày nhắc (mặc định: hôm nay)")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ in các bản nhắc, không ghi, không gửi")] = False,
) -> None:
    """Bản nhắc việc trong ngày cho từng người dùng: gửi thư và lưu trong ứng dụng, mỗi người một bản mỗi ngày."""
    day = date_option(as_of) or date.today()
    settings = ReminderSettings.from_env()
    factory = sessions()
    if dry_run:
        with factory() as session:
            found = digests(session, day, settings)
        for digest in found:
            channel = digest.recipient.channel.value
            console.rule(f"{digest.recipient.username} ({channel}): {counts(digest, state.lang)}")
            console.print(body(digest, settings, state.lang), highlight=False, soft_wrap=True)
        console.print(say("remind_dry_run").format(count=len(found)))
        return
    deliveries = deliver(factory, day, settings, datetime.now())
    table = Table(*say("remind_columns"))
    for d in deliveries:
        table.add_row(d.username, d.state.value, str(d.items), "" if d.made else "✓", d.error)
    console.print(table)


@users.command("notify")
def user_notify(
    name: Annotated[str, typer.Argument(help="Tên đăng nhập")],
    channel: Annotated[Channel, typer.Option(help="mail | app | none")],
    email: Annotated[str | None, typer.Option(help="Địa chỉ thư nhận nhắc việc")] = None,
) -> None:
    """Cách một người nhận nhắc việc: thư (và trong ứng dụng), chỉ trong ứng dụng, hoặc không nhận."""
    try:
        with sessions().begin() as session:
            set_preference(session, name, channel, email, CLI_AUTHOR)
    except PreferenceError as error:
        raise fail(str(error)) from error
    console.print(say("saved"))
