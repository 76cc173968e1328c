"""Background ingest on SQLite and PostgreSQL: an upload answers at once with its job, the worker reads it, and
jobs left by a stopped server (waiting, or running when the process died) are read when the server starts."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from planwatch.jobs.queue import MAX_ATTEMPTS, STALE_AFTER, JobState, claim, enqueue, job, recent
from planwatch.jobs.worker import drain
from planwatch.serve.app import create_app
from planwatch.store import models
from planwatch.store.db import session_factory

REPORT = "BÁO CÁO\nTình hình kinh tế - xã hội tháng 3 năm 2025\nTổng thu nội địa tháng 3 ước đạt {n} tỷ đồng.\n"


def _settled(client: TestClient, job_id: int, seconds: float = 30) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while True:
        body: dict[str, object] = client.get(f"/api/jobs/{job_id}").json()
        if body["state"] in ("done", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


def test_an_upload_answers_at_once_and_is_read_in_the_background(engine: Engine) -> None:
    with TestClient(create_app(engine)) as client:  # its worker stops with it
        queued = client.post("/api/documents", files={"file": ("thang-3.txt", REPORT.format(n=510).encode())})
        assert queued.status_code == 202 and queued.json()["state"] in ("queued", "running", "done")
        done = _settled(client, queued.json()["id"])
        assert (done["state"], done["outcome"], done["doc"], done["facts"]) == ("done", "added", "thang-3", 1)
        refused = client.post("/api/documents", files={"file": ("hong.docx", b"PK\x03\x04 not a document")})
        outcome = _settled(client, refused.json()["id"])
        assert outcome["outcome"] == "rejected" and outcome["message"]
        listed = client.get("/api/jobs").json()
        assert [j["file"] for j in listed] == ["hong.docx", "thang-3.txt"]
        assert client.get("/api/jobs/999999").status_code == 404


def test_jobs_left_by_a_stopped_server_are_read_when_it_starts(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as db:
        waiting = enqueue(db, "thang-3.txt", REPORT.format(n=510).encode(), "ke_hoach")
        interrupted = enqueue(db, "thang-4.txt", REPORT.format(n=520).replace("tháng 3", "tháng 4").encode(), "x")
        long_ago = datetime.now() - STALE_AFTER - timedelta(minutes=1)
        running = {"state": JobState.RUNNING, "started_at": long_ago, "attempts": 1}
        db.execute(update(models.IngestJob).where(models.IngestJob.id == interrupted).values(**running))
    with TestClient(create_app(engine)) as client:  # the app's start runs the worker
        assert _settled(client, waiting)["outcome"] == "added"
        assert _settled(client, interrupted)["outcome"] == "added"


def test_a_job_that_keeps_killing_its_worker_is_given_up(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as db:
        doomed = enqueue(db, "thang-5.txt", REPORT.format(n=530).encode(), "ke_hoach")
    long_ago = datetime.now() - STALE_AFTER - timedelta(minutes=1)
    for _ in range(MAX_ATTEMPTS):
        assert claim(sessions) is not None  # ... and the worker dies
        with sessions.begin() as db:
            db.execute(update(models.IngestJob).values(started_at=long_ago))
    assert claim(sessions) is None
    with sessions() as db:
        found = job(db, doomed)
    assert found is not None and found.state == JobState.FAILED and str(MAX_ATTEMPTS) in found.message
    assert drain(sessions) == 0


def test_two_workers_never_read_the_same_job(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as db:
        for n in range(8):
            enqueue(db, f"bc-{n}.txt", REPORT.format(n=500 + n).encode(), "ke_hoach")
    with ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(lambda _: drain(sessions), range(2)))
    assert sum(counts) == 8
    with sessions() as db:
        outcomes = [j.outcome for j in recent(db)]
    assert outcomes == ["added"] * 8  # a job read twice would say "unchanged" once
