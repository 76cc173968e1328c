"""The worker: two reading threads per server process (started with the app, and woken by each upload: a file that
takes its whole time limit holds one of them, not the queue), or the
`planwatch jobs work` command. A job is an ordinary `ingest_file` of the uploaded bytes, so it goes through the
same limits and the sandboxed PDF reader, and stores its document all or nothing. A PDF with scanned pages is
handed from the READ lane to the OCR lane, whose own worker reads it page by page, telling the job its progress.
Stopping (a server's SIGTERM) ends the file being read at its next check: the job waits for the next run."""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.ingest import IngestResult, ingest_file
from planwatch.jobs.daily import run_reminders
from planwatch.jobs.queue import OCR, READ, Claimed, claim, finish, progress, release, to_ocr
from planwatch.limits import Stopped, stoppable
from planwatch.monitor.stored import refresh_if_free, refresh_store
from planwatch.read.ocr_pages import OcrNeeded, OcrOptions
from planwatch.remind.settings import ReminderSettings

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0
REFRESH_GAP = 5.0  # seconds a worker lets pass between two refreshes of the findings: uploads arriving one by one
# from twenty users (four a second) left the queue empty between them, and each was checked on its own, a fifth of
# a server's time; the pages say meanwhile that a check is coming
STOP_SECONDS = 1.5  # how long stopping waits for a lane's threads (a PDF child may still be parsing)


def run_one(sessions: sessionmaker[Session], lane: str = READ) -> bool:
    """Claim and read one job of `lane`; False when none waits."""
    return _run(sessions, lane) is not None


def _run(sessions: sessionmaker[Session], lane: str) -> bool | None:
    """Claim and read one job of `lane`: None when none waits, False when it went to the OCR lane, True when read. A
    store failure puts the job back for a later try."""
    claimed = claim(sessions, lane)
    if claimed is None:
        return None
    try:
        finish(sessions, claimed.id, _ingest(sessions, claimed, lane))
    except OcrNeeded as needed:
        to_ocr(sessions, claimed.id, needed.pages)
        return False
    except Stopped:
        release(sessions, claimed.id, counted=False)
        return False
    except DBAPIError:
        log.exception("ingest job %s: the store failed, the job waits for another try", claimed.id)
        release(sessions, claimed.id)
        raise
    return True


def _ingest(sessions: sessionmaker[Session], claimed: Claimed, lane: str) -> IngestResult:
    def pages_read(done: int, total: int) -> None:
        progress(sessions, claimed.id, done, total)

    ocr = OcrOptions(here=lane == OCR, progress=pages_read)
    with tempfile.TemporaryDirectory(prefix="planwatch-job-") as folder:
        path = Path(folder) / f"upload{Path(claimed.filename).suffix.lower()}"
        path.write_bytes(claimed.content)
        return ingest_file(sessions, path, name=claimed.filename, audited_as=claimed.submitted_by, ocr=ocr)


def drain(sessions: sessionmaker[Session]) -> int:
    """Read every waiting job, scans last; how many were read."""
    done = 0
    for lane in (READ, OCR):
        while (read := _run(sessions, lane)) is not None:
            done += read
    refresh_store(sessions)
    return done


def _refresh_findings(sessions: sessionmaker[Session]) -> bool:
    """The findings of what the jobs read and what edits made on the pages left marked, refreshed once the queue
    is empty: a burst of uploads is checked once, not once per file; whether it refreshed."""
    try:
        return refresh_if_free(sessions)
    except DBAPIError:
        log.exception("findings refresh: the store failed, the next poll tries again")
        return False


class Worker:
    """Daemon threads (`threads` of them) that read jobs of one lane until stopped, and between jobs refresh the
    findings edits left pending and run the day's reminders once their time has come (`clock`: the time now);
    `wake` after an enqueue saves the wait of a poll."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        poll: float = POLL_SECONDS,
        lane: str = READ,
        reminders: ReminderSettings | None = None,
        clock: Callable[[], datetime] = datetime.now,
        threads: int = 1,
        refresh_gap: float = REFRESH_GAP,
    ) -> None:
        self._sessions = sessions
        self._refresh_gap = refresh_gap
        self._refreshed_at = -refresh_gap  # time.monotonic() of the last refresh
        self._lane = lane
        self._poll = poll
        self._reminders = reminders or ReminderSettings.from_env()
        self._clock = clock
        self._reminded: date | None = None  # the last day whose reminders are done
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread | None] = [None] * threads
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            for number, thread in enumerate(self._threads):
                if thread is None or not thread.is_alive():
                    self._stopping.clear()
                    name = f"planwatch-{self._lane}-{number + 1}"
                    self._threads[number] = threading.Thread(target=self._loop, name=name, daemon=True)
                    self._threads[number].start()  # type: ignore[union-attr]

    def wake(self) -> None:
        self.start()
        self._wakeup.set()

    def stop(self, timeout: float = STOP_SECONDS, wait: bool = True) -> None:
        """Ask the threads to stop, and wait for them `timeout` seconds in all (a thread still inside one long step
        of reading is a daemon: it does not hold the process)."""
        self._stopping.set()
        self._wakeup.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads if wait else ():
            if thread is not None:
                thread.join(max(0.0, deadline - time.monotonic()))

    def stopped(self) -> bool:
        return not any(thread is not None and thread.is_alive() for thread in self._threads)

    def _loop(self) -> None:
        with stoppable(self._stopping):
            self._read_until_stopped()

    def _read_until_stopped(self) -> None:
        while not self._stopping.is_set():
            try:
                busy = run_one(self._sessions, self._lane)
            except DBAPIError:
                busy = False  # logged; wait a poll before asking the store again
            if not busy:
                self._refresh_when_due()
                self._remind()
                self._wakeup.wait(self._poll)
                self._wakeup.clear()

    def _refresh_when_due(self) -> None:
        if time.monotonic() - self._refreshed_at >= self._refresh_gap and _refresh_findings(self._sessions):
            self._refreshed_at = time.monotonic()

    def _remind(self) -> None:
        now = self._clock()
        if self._reminded == now.date():
            return
        try:
            if run_reminders(self._sessions, now, self._reminders):
                self._reminded = now.date()
        except Exception:  # a failed run is marked so in the store; the next poll's worker takes it over
            log.exception("reminders of %s: the run failed", now.date())
