"""Uploads as background jobs: `POST /api/documents` queues the file and answers at once (202) with the job;
`GET /api/jobs/{id}` tells where it stands. A script that would rather wait passes `wait=SECONDS`."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, Response, UploadFile
from pydantic import BaseModel

from planwatch.access.roles import PROVINCE_WRITERS
from planwatch.jobs.queue import Job, JobState, enqueue, job, recent
from planwatch.read.files import SUFFIXES
from planwatch.serve.auth import actor, writer
from planwatch.serve.common import ERRORS, Db, Error

router = APIRouter(prefix="/api", responses=ERRORS)
WAIT_STEP = 0.2


class JobOut(BaseModel):
    id: int
    file: str
    state: JobState
    submitted_by: str  # empty for a reader not signed in: user names are for signed-in users only
    submitted_at: datetime
    finished_at: datetime | None
    outcome: str | None  # added | new_version | restored | unchanged | rejected, once read
    doc: str | None
    facts: int
    tasks: int
    message: str
    ahead: int  # jobs waiting before this one
    lane: str  # "read", or "ocr" for a scan read page by page
    pages_done: int | None  # a scan's pages read so far
    pages_total: int | None

    @classmethod
    def of(cls, found: Job, named: bool = True) -> JobOut:
        return cls(
            id=found.id,
            file=found.filename,
            state=found.state,
            submitted_by=found.submitted_by if named else "",
            submitted_at=found.submitted_at,
            finished_at=found.finished_at,
            outcome=found.outcome,
            doc=found.doc_key,
            facts=found.facts,
            tasks=found.tasks,
            message=found.message,
            ahead=found.ahead,
            lane=found.lane,
            pages_done=found.pages_done,
            pages_total=found.pages_total,
        )


@router.post(
    "/documents",
    status_code=202,
    response_model=JobOut,
    responses={200: {"model": JobOut}, 401: {"model": Error}, 403: {"model": Error}},
)
def upload(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File()],
    csrf_token: Annotated[str | None, Form()] = None,
    wait: Annotated[float, Query(ge=0, le=60)] = 0,
) -> JobOut:
    """Queue an uploaded .docx/.pdf/.txt/.md for the same reading as `planwatch ingest`; with `wait`, answer
    when it is read (200, or 422 if the file was refused) or when the seconds have passed (202)."""
    sessions = request.app.state.sessions
    name = PurePath((file.filename or "").replace("\x00", "")).name
    with sessions.begin() as db:
        who = writer(request, db, PROVINCE_WRITERS, csrf_token)
        if PurePath(name).suffix.lower() not in SUFFIXES:
            raise HTTPException(400, f"“{name or '?'}”: chỉ nhận tệp {', '.join(sorted(SUFFIXES))}")
        job_id = enqueue(db, name, file.file.read(request.app.state.max_upload + 1), who.username or "local")
    request.app.state.worker.wake()
    found = _waited(request, job_id, wait)
    if wait and found.refused:  # without `wait` the answer is the job, however quickly the worker took it
        raise HTTPException(422, f"“{name}” bị từ chối: {found.message}")
    if wait and found.finished:
        response.status_code = 200
    return JobOut.of(found)


def _waited(request: Request, job_id: int, seconds: float) -> Job:
    deadline = time.monotonic() + seconds
    while True:
        with request.app.state.sessions() as db:
            found = job(db, job_id)
        assert found is not None  # we queued it
        if found.finished or time.monotonic() >= deadline:
            return found
        time.sleep(WAIT_STEP)


@router.get("/jobs", response_model=list[JobOut])
def jobs(
    request: Request, db: Db, user: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 20
) -> list[JobOut]:
    """The latest uploads first, of one user (signed in) or of everyone."""
    named = actor(request, db) is not None
    return [JobOut.of(j, named) for j in recent(db, user if named else None, limit)]


@router.get("/jobs/{job_id}", response_model=JobOut)
def job_state(request: Request, db: Db, job_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> JobOut:
    found = job(db, job_id)
    if found is None:
        raise HTTPException(404, f"không có lượt tải lên số {job_id}")
    return JobOut.of(found, actor(request, db) is not None)
