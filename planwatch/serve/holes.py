"""The parts of a page that belong to its reader, so that one kept page serves every reader of a role.

A page for a signed-in user differs from another user's of the same role and agency only in the header's name,
the CSRF token of its forms and the count of unread reminders. `render` writes markers in their place
(`holed`), keeps that text for the page cache (`request.state`), and fills the markers for the reader before
anything is sent; a page replayed from the cache is filled the same way for whoever reads it. A page replayed
while a newer one is being computed says so where `FRESH` stands (an HTML comment otherwise)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import escape
from sqlalchemy.orm import Session

from planwatch.access.sessions import Actor, signed_in
from planwatch.remind.deliver import unread_count
from planwatch.serve.labels import LABELS

USER, CSRF, NOTICES = b"pw-hole-user-5d1c", b"pw-hole-csrf-5d1c", b"pw-hole-notices-5d1c"
FRESH = b"<!--pw:fresh-->"
STATE_KEY = "page_with_holes"  # where `render` leaves the page's text with its markers, for the page cache


@dataclass(frozen=True)
class Reader:
    """A signed-in reader as a kept page needs them: who they are, and their unread reminders."""

    actor: Actor
    notices: int

    @property
    def kind(self) -> tuple[str, str]:
        """What a page may differ by between two readers besides the holes: their role and agency."""
        return self.actor.role.value, self.actor.agency or ""


def reader_of(session: Session, token: str | None) -> Reader | None:
    found = signed_in(session, token, unread_count())
    return None if found is None else Reader(found[0], found[1][0] or 0)


def holed(who: Actor) -> Actor:
    """The reader as a page is written for its role: markers in place of their name and CSRF token."""
    return replace(who, username=USER.decode(), csrf_token=CSRF.decode())


def fill(page: bytes, reader: Reader | None, lang: str = "vi", stale: bool = False) -> bytes:
    """The page for `reader` (the markers replaced; none for a reader not signed in), saying so when it is the last
    one computed while a newer one is being computed (`stale`)."""
    if reader is not None:
        badge = f' <span class="count" id="notice-count">{reader.notices}</span>' if reader.notices else ""
        page = page.replace(USER, str(escape(reader.actor.username)).encode()).replace(
            CSRF, reader.actor.csrf_token.encode()
        )
        page = page.replace(NOTICES, badge.encode())
    if stale:
        notice = f'<p class="message" role="status" id="page-refreshing">{escape(LABELS[lang]["page_refreshing"])}</p>'
        page = page.replace(FRESH, notice.encode(), 1)
    return page
