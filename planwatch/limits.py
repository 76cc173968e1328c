"""Per-file limits on reading and extraction, for every format (a PDF is also parsed in a sandboxed child with
limits of its own): the size a file and its text may have, and the time one file may take. The time is the
reading thread's CPU time (a busy machine slows a file without failing it); work checks it at each block and at
each sentence inside one, so a file that would run too long, even one long paragraph, is refused instead of
holding a run or a server worker."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import thread_time

SECONDS_PER_FILE = 9.0  # CPU seconds of reading and extraction; the one transaction that stores the result comes after
MAX_TEXT_CHARS = 800_000  # about 350 pages of a report; extraction runs at ~120,000 characters a second

_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)
_stopping: ContextVar[threading.Event | None] = ContextVar("stopping", default=None)


class TooSlow(ValueError):
    """A file that would take longer than the per-file limit; the message says so, in Vietnamese."""


class Stopped(Exception):  # noqa: N818  (what happened, as TooSlow)
    """The process is stopping (a server's SIGTERM): the file is left for the next run, nothing of it stored."""


@contextmanager
def stoppable(event: threading.Event) -> Iterator[None]:
    """Work of this thread stops at its next check once `event` is set."""
    token = _stopping.set(event)
    try:
        yield
    finally:
        _stopping.reset(token)


@contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    token = _deadline.set(thread_time() + (SECONDS_PER_FILE if seconds is None else seconds))
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
    stopping = _stopping.get()
    if stopping is not None and stopping.is_set():
        raise Stopped("dừng theo yêu cầu (stopping)")
    deadline = _deadline.get()
    if deadline is not None and thread_time() > deadline:
        raise TooSlow(f"xử lý quá {SECONDS_PER_FILE:g} giây máy, dừng lại (processing time limit)")
