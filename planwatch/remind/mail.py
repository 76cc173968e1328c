"""A digest as a Vietnamese mail (plain text with a link to each task) and its sending over SMTP with the
standard library: `PLANWATCH_SMTP_URL` = smtp://[user[:password]@]host[:port][?starttls=1&from=address] (STARTTLS
before the login when asked), or smtps://… (TLS from the first byte). Certificates are checked against the system's
authorities (`SSL_CERT_FILE` names another bundle)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from planwatch.access.entry import window
from planwatch.remind.digest import Digest, Item, ItemKind
from planwatch.remind.settings import ReminderSettings
from planwatch.vocab.periods import Month

TIMEOUT_SECONDS = 30
# Headers left on one line: the standard library's folder drops the space between two encoded words when it folds
# a long Vietnamese subject ("1 sắp đến hạn" arrives as "1sắp đến hạn"); a line may be 998 characters (RFC 5322).
_UNFOLDED = policy.SMTP.clone(max_line_length=998)


class MailError(ValueError):
    """A mail that could not go out; the message says why."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    user: str | None
    password: str | None
    sender: str

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailError(f"PLANWATCH_SMTP_URL phải có dạng smtp://máy-chủ:cổng hoặc smtps://…, không phải «{url}»")
        query = parse_qs(parts.query)
        implicit = parts.scheme == "smtps"
        sender = query.get("from", [f"planwatch@{parts.hostname}"])[0]
        return cls(
            parts.hostname,
            parts.port or (465 if implicit else 25),
            implicit,
            query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes"),
            unquote(parts.username) if parts.username else None,
            unquote(parts.password) if parts.password else None,
            sender,
        )

    def _connect(self, context: ssl.SSLContext) -> smtplib.SMTP:
        if self.implicit_tls:
            return smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS, context=context)
        return smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)

    def send(self, message: EmailMessage) -> None:
        """Hand `message` to the server; any failure is a MailError naming it."""
        context = ssl.create_default_context()
        try:
            with self._connect(context) as smtp:
                if self.starttls:
                    smtp.starttls(context=context)
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(message, from_addr=self.sender)
        except (smtplib.SMTPException, OSError) as error:
            raise MailError(f"máy chủ thư {self.host}:{self.port}: {error}") from error


@cache
def _wording() -> dict[str, Any]:
    text = resources.files("planwatch.remind").joinpath("data/reminders.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def said(key: str, lang: str) -> Any:
    return _wording()[key][lang]


def _day(value: object) -> str:
    return f"{value:%d/%m/%Y}"


def _month(text: str) -> str:
    year, month = text.split("-")
    return f"{int(month)}/{year}"


def counts(digest: Digest, lang: str = "vi") -> str:
    """ "2 sắp đến hạn, 1 quá hạn": what the digest holds, for its subject and the app's list."""
    words = said("count", lang)
    return ", ".join(words[kind.value].format(n=n) for kind in ItemKind if (n := digest.count(kind)))


def line(item: Item, base_url: str, lang: str = "vi") -> str:
    """One item as a line of text, then its link on the next line."""
    words = said("line", lang)
    if item.more:
        text = words["more"].format(n=item.more)
    elif item.kind is ItemKind.ENTRY_CLOSING:
        start, end = window(Month(*(int(x) for x in item.month.split("-"))))
        text = words["entry"].format(title=item.title, month=_month(item.month), start=_day(start), end=_day(end),
                                     due=_day(item.due))  # fmt: skip
    elif item.kind is ItemKind.NOT_SUBMITTED:
        text = words["missing"].format(title=item.title, month=_month(item.month), due=_day(item.due))
    else:
        text = words["task"].format(title=item.title, doc=item.doc, ref=item.ref or "—", agencies=item.agencies or "—",
                                    due=_day(item.due))  # fmt: skip
    return f"{text}\n  {base_url}{item.link}"


def body(digest: Digest, settings: ReminderSettings, lang: str = "vi") -> str:
    lines = [said("greeting", lang).format(name=digest.recipient.username), "",
             said("intro", lang).format(day=_day(digest.day))]  # fmt: skip
    days = {ItemKind.DUE_SOON: settings.due_within, ItemKind.ESCALATED: settings.escalate_after}
    for kind in ItemKind:
        items = digest.of_kind(kind)
        if items:
            lines += ["", said("heading", lang)[kind.value].format(days=days.get(kind, ""))]
            lines += [line(item, settings.base_url, lang) for item in items]
    lines += ["", "--", said("footer", lang).format(link=f"{settings.base_url}/thong-bao")]
    return "\n".join(lines) + "\n"


def message(digest: Digest, settings: ReminderSettings, sender: str, lang: str = "vi") -> EmailMessage:
    if not digest.recipient.email:
        raise MailError(f"{digest.recipient.username} chưa có địa chỉ thư")
    mail = EmailMessage(policy=_UNFOLDED)
    mail["Subject"] = said("subject", lang).format(day=_day(digest.day), counts=counts(digest, lang))
    mail["From"] = sender
    mail["To"] = digest.recipient.email
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.set_content(body(digest, settings, lang))
    return mail
