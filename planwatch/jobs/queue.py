"""The ingest queue, a table of the store. A job is claimed by one atomic UPDATE (with SKIP LOCKED on
PostgreSQL), so any number of server processes and `planwatch jobs work` share it; a job whose worker died is
claimed again after STALE_AFTER without news from it, at most MAX_ATTEMPTS times. Jobs run in lanes: every upload
in READ; one whose scanned pages need OCR moves to OCR, read by a worker of its own, so that a long scan holds no
other upload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.functions import coalesce

from planwatch.ingest import IngestResult
from planwatch.store.models import IngestJob

STALE_AFTER = timedelta(minutes=5)  # far longer than a file or an OCR page may take without news of progress
MAX_ATTEMPTS = 3
READ = "read"
OCR = "ocr"


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"  # read: stored, unchanged or refused, as `outcome` says
    FAILED = "failed"  # the worker could not finish it MAX_ATTEMPTS times (the store was down, the process died)


@dataclass(frozen=True)
class Claimed:
    id: int
    filename: str
    content: bytes
    submitted_by: str
    attempts: int


@dataclass(frozen=True)
class Job:
    id: int
    filename: str
    state: JobState
    submitted_by: str
    submitted_at: datetime
    finished_at: datetime | None
    outcome: str | None
    doc_key: str | None
    facts: int
    tasks: int
    message: str
    ahead: int  # jobs queued before this one in its lane
    lane: str = READ
    pages_done: int | None = None  # of a scan being read by OCR
    pages_total: int | None = None

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def refused(self) -> bool:
        return self.state == JobState.FAILED or self.outcome == "rejected"


def enqueue(session: Session, filename: str, content: bytes, submitted_by: str) -> int:
    job = IngestJob(
        filename=filename[:500],
        content=content,
        submitted_by=submitted_by,
        submitted_at=datetime.now(),
        state=JobState.QUEUED,
        attempts=0,
        facts=0,
        tasks=0,
        message="",
    )
    session.add(job)
    session.flush()
    return job.id


def _claimable(now: datetime, lane: str) -> object:
    last_news = coalesce(IngestJob.progress_at, IngestJob.started_at)
    stale = and_(IngestJob.state == JobState.RUNNING, last_news < now - STALE_AFTER)
    return and_(IngestJob.lane == lane, or_(IngestJob.state == JobState.QUEUED, stale))


def claim(sessions: sessionmaker[Session], lane: str = READ) -> Claimed | None:
    """The oldest waiting job of `lane` (or one a dead worker left), now running; None when none waits."""
    now = datetime.now()
    while True:  # until a job within its attempts, or none
        with sessions.begin() as session:
            oldest = (
                select(IngestJob.id)
                .where(_claimable(now, lane))  # type: ignore[arg-type]
                .order_by(IngestJob.id)
                .limit(1)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            row = session.execute(
                update(IngestJob)
                .where(IngestJob.id == oldest, _claimable(now, lane))  # type: ignore[arg-type]
                .values(state=JobState.RUNNING, started_at=now, progress_at=None, attempts=IngestJob.attempts + 1)
                .returning(
                    IngestJob.id, IngestJob.filename, IngestJob.content, IngestJob.submitted_by, IngestJob.attempts
                )  # fmt: skip
            ).first()
            if row is None:  # nothing waits, or another worker took it first: the next poll looks again
                return None
            claimed = Claimed(row.id, row.filename, row.content or b"", row.submitted_by, row.attempts)
        if claimed.attempts <= MAX_ATTEMPTS:
            return claimed
        give_up(sessions, claimed.id, f"bỏ qua sau {MAX_ATTEMPTS} lần xử lý không xong")


def finish(sessions: sessionmaker[Session], job_id: int, result: IngestResult) -> None:
    """The outcome kept, the file's bytes let go (the stored document has its text)."""
    message = result.message or "; ".join(result.warnings)
    values = {"outcome": result.status, "doc_key": result.doc_key, "facts": result.facts, "tasks": result.tasks,
              "message": message}  # fmt: skip
    _close(sessions, job_id, JobState.DONE, values)


def to_ocr(sessions: sessionmaker[Session], job_id: int, pages: int) -> None:
    """The job waits for the OCR worker: its scanned pages are read there (without counting a try)."""
    with sessions.begin() as session:
        session.execute(
            update(IngestJob)
            .where(IngestJob.id == job_id)
            .values(state=JobState.QUEUED, lane=OCR, attempts=IngestJob.attempts - 1, pages_done=0, pages_total=pages)
        )


def progress(sessions: sessionmaker[Session], job_id: int, done: int, total: int) -> None:
    """Pages read so far: shown to whoever follows the job, and news that its worker lives."""
    with sessions.begin() as session:
        session.execute(
            update(IngestJob)
            .where(IngestJob.id == job_id)
            .values(pages_done=done, pages_total=total, progress_at=datetime.now())
        )


def give_up(sessions: sessionmaker[Session], job_id: int, message: str) -> None:
    _close(sessions, job_id, JobState.FAILED, {"message": message})


def release(sessions: sessionmaker[Session], job_id: int, counted: bool = True) -> None:
    """Back to the queue, for another try: the store failed under the worker (a try `counted`), or the worker's
    process stopped (not counted)."""
    tries = IngestJob.attempts if counted else IngestJob.attempts - 1
    with sessions.begin() as session:
        session.execute(update(IngestJob).where(IngestJob.id == job_id).values(state=JobState.QUEUED, attempts=tries))


def _close(sessions: sessionmaker[Session], job_id: int, state: JobState, values: dict[str, object]) -> None:
    with sessions.begin() as session:
        session.execute(
            update(IngestJob)
            .where(IngestJob.id == job_id)
            .values(state=state, finished_at=datetime.now(), content=None, **values)
        )


def job(session: Session, job_id: int) -> Job | None:
    row = session.get(IngestJob, job_id)
    return _job(session, row) if row else None


def recent(session: Session, submitted_by: str | None = None, limit: int = 20) -> list[Job]:
    """The latest jobs first, of one user or of everyone."""
    query = select(IngestJob).order_by(IngestJob.id.desc()).limit(limit)
    if submitted_by is not None:
        query = query.where(IngestJob.submitted_by == submitted_by)
    return [_job(session, row) for row in session.scalars(query)]


def _job(session: Session, row: IngestJob) -> Job:
    ahead = 0
    if row.state == JobState.QUEUED:
        waiting = (IngestJob.state == JobState.QUEUED) & (IngestJob.lane == row.lane) & (IngestJob.id < row.id)
        ahead = session.scalar(select(func.count()).where(waiting)) or 0
    return Job(
        id=row.id,
        filename=row.filename,
        state=JobState(row.state),
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        finished_at=row.finished_at,
        outcome=row.outcome,
        doc_key=row.doc_key,
        facts=row.facts,
        tasks=row.tasks,
        message=row.message,
        ahead=ahead,
        lane=row.lane,
        pages_done=row.pages_done,
        pages_total=row.pages_total,
    )
