"""One long paragraph cannot hang a run or the upload queue: the time limit (CPU time of the reading thread) is
checked inside a block, a job over it is refused with its reason and not tried again, a stopping worker ends the
file it reads at once, and a second reading thread keeps the queue moving meanwhile."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from time import thread_time

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from planwatch import limits
from planwatch.extract.agencies import default_registry
from planwatch.extract.document import extract_document
from planwatch.jobs.queue import JobState, enqueue
from planwatch.jobs.worker import Worker, run_one
from planwatch.read.files import read_bytes
from planwatch.read.model import assemble
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import open_engine, session_factory

from .hostile import one_paragraph
from .test_serve_workers import _answer, _free_port

GOOD = "BÁO CÁO\nTình hình kinh tế - xã hội tháng 3 năm 2025\nTổng thu nội địa tháng 3 ước đạt 512 tỷ đồng.\n"


def _until(condition: Callable[[], bool], seconds: float = 120) -> bool:
    """Whether `condition` came true within `seconds` (asked every 50 ms: the store has no event to wait on)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _state(sessions: sessionmaker[Session], job_id: int) -> str | None:
    with sessions() as db:
        return db.scalar(select(models.IngestJob.state).where(models.IngestJob.id == job_id))


def test_the_limit_stops_a_file_inside_its_one_long_paragraph() -> None:
    plain = assemble(read_bytes("dai.txt", one_paragraph(300_000)))
    registry = default_registry()
    started = thread_time()
    with pytest.raises(limits.TooSlow), limits.time_limit(0.3):
        extract_document(plain, registry)
    assert thread_time() - started < 1.5  # the whole paragraph takes several seconds


def test_a_job_over_its_limit_is_refused_with_its_reason_and_not_tried_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "SECONDS_PER_FILE", 0.3)
    sessions = session_factory(engine)
    with sessions.begin() as db:
        job_id = enqueue(db, "dai.txt", one_paragraph(300_000), "ke_hoach")
    assert run_one(sessions)
    assert not run_one(sessions)  # nothing waits any more
    with sessions() as db:
        job = db.get(models.IngestJob, job_id)
        assert job is not None
        assert (job.state, job.outcome, job.attempts) == (JobState.DONE, "rejected", 1)
        assert "giây" in job.message and "Error" not in job.message


def test_a_stopping_worker_ends_the_file_it_reads_and_leaves_the_job_waiting(tmp_path: Path) -> None:
    sessions = session_factory(open_engine(f"sqlite:///{tmp_path / 's.db'}"))
    with sessions.begin() as db:
        job_id = enqueue(db, "dai.txt", one_paragraph(705_000), "ke_hoach")
    worker = Worker(sessions)
    worker.start()
    assert _until(lambda: _state(sessions, job_id) == JobState.RUNNING)
    worker.stop(timeout=120)  # it ends at its next check: the wait is how long a busy machine takes to get there
    assert worker.stopped()
    with sessions() as db:
        job = db.get(models.IngestJob, job_id)
        assert job is not None and (job.state, job.attempts) == (JobState.QUEUED, 0)


@pytest.mark.slow  # reads a file for its whole time limit
def test_a_file_at_its_time_limit_holds_no_other_upload(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 's.db'}")
    with TestClient(create_app(engine)) as client:
        long = client.post("/api/documents", files={"file": ("dai.txt", one_paragraph(705_000))}).json()["id"]
        assert _until(lambda: client.get(f"/api/jobs/{long}").json()["state"] == "running")
        good = client.post("/api/documents", files={"file": ("thang-3.txt", GOOD.encode())}).json()["id"]
        assert _until(lambda: client.get(f"/api/jobs/{good}").json()["state"] == "done", 30)
        assert client.get(f"/api/jobs/{good}").json()["outcome"] == "added"
        assert client.get(f"/api/jobs/{long}").json()["state"] == "running"  # still at it, beside
    engine.dispose()


@pytest.mark.slow  # a server of its own
def test_sigterm_ends_a_server_reading_a_long_paragraph_within_5_seconds(tmp_path: Path) -> None:
    port, url = _free_port(), f"sqlite:///{tmp_path / 's.db'}"
    run = "from planwatch.cli.main import run; run()"
    server = subprocess.Popen([sys.executable, "-c", run, "--db", url, "serve", "--port", str(port)], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _answer(f"{base}/api/jobs", server)
        upload = httpx.post(f"{base}/api/documents", files={"file": ("dai.txt", one_paragraph(705_000))}, timeout=60)
        job = f"{base}/api/jobs/{upload.json()['id']}"
        assert _until(lambda: httpx.get(job, timeout=60).json()["state"] == "running")
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=5)
    finally:
        server.kill()
        server.communicate(timeout=60)
