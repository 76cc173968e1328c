"""Per-file limits on reading and extraction, for every format (a PDF is also parsed in a sandboxed child with
limits of its own): the size a file and its text may have, and the time one file may take. Work checks the clock
at each block, so a file that would run too long is refused instead of holding a run or a server worker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic

SECONDS_PER_FILE = 9.0  # reading and extraction; the one transaction that stores the result comes after
MAX_TEXT_CHARS = 800_000  # about 350 pages of a report; extraction runs at ~120,000 characters a second

_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


class TooSlow(ValueError):
    """A file that would take longer than the per-file limit; the message says so, in Vietnamese."""


@contextmanager
def time_limit(seconds: float = SECONDS_PER_FILE) -> Iterator[None]:
    token = _deadline.set(monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def allow_more(seconds: float) -> None:
    """Move the current file's deadline `seconds` later: time spent reading scanned pages, which has limits of its
    own (per page, in read/ocr_pages.py), is not counted against reading and extraction."""
    deadline = _deadline.get()
    if deadline is not None:
        _deadline.set(deadline + seconds)


def check_time() -> None:
    deadline = _deadline.get()
    if deadline is not None and monotonic() > deadline:
        raise TooSlow(f"xử lý quá {SECONDS_PER_FILE:.0f} giây, dừng lại (processing time limit)")
