"""News of scanned pages read, from the worker processes of an ingest on several cores to the process that shows
them (the command line's progress bar): a manager's queue the pool's processes receive when they start and put
(file, pages read, pages to read) on, and a thread of the caller that hands each to its listener."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from multiprocessing.context import BaseContext
from typing import Any

from planwatch.read.ocr_pages import Progress

PageNews = Callable[[str, int, int], None]  # file name, pages read, pages to read
_QUEUES: list[Any] = []  # in a worker process: where its news goes, when the run listens


def listen(queue: Any) -> None:
    """In a worker process, at its start: put news on `queue` (None: nobody listens)."""
    _QUEUES[:] = [queue] if queue is not None else []


def told(name: str) -> Progress | None:
    """In a worker process: the progress of file `name`, put on the run's queue (None if nobody listens)."""
    return partial(_put, _QUEUES[0], name) if _QUEUES else None


def _put(queue: Any, name: str, done: int, total: int) -> None:
    queue.put((name, done, total))


@contextmanager
def news_queue(context: BaseContext, listener: PageNews | None) -> Iterator[Any]:
    """A queue for the pool's processes to inherit, read for `listener` while the run lasts (None: no listener)."""
    if listener is None:
        yield None
        return
    with context.Manager() as manager:  # its queues pass to a pool's processes
        queue = manager.Queue()
        reader = threading.Thread(target=_hand_on, args=(queue, listener), daemon=True)
        reader.start()
        try:
            yield queue
        finally:
            queue.put(None)
            reader.join()


def _hand_on(queue: Any, listener: PageNews) -> None:
    while (news := queue.get()) is not None:
        listener(*news)
