"""The server's kept results read the topics they name: a task update recomputes what shows the tasks' progress and
nothing else, an upload recomputes what shows documents once its job has stored one, and an edit of a document's
details recomputes what shows documents; over real SQLite and PostgreSQL stores holding the samples."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from planwatch.edits.documents import correct_document
from planwatch.edits.tasks import record_update
from planwatch.ingest import ingest_file
from planwatch.jobs.queue import enqueue
from planwatch.monitor.tasks import task_views
from planwatch.serve.app import create_app
from planwatch.serve.cache import StoreCache
from planwatch.store.db import session_factory
from planwatch.store.freshness import EVERY_TOPIC, OF_DOCUMENTS, OF_TASKS

from .conftest import with_samples

FRESH = {"Cache-Control": "no-cache"}  # past the page cache: what the server's own cache keeps
READS = {"documents": OF_DOCUMENTS, "tasks": OF_TASKS, "everything": EVERY_TOPIC}


@pytest.fixture
def sessions(engine: Engine, samples_template: Path) -> sessionmaker[Session]:
    return session_factory(with_samples(engine, samples_template))


@pytest.fixture
def recomputed(sessions: sessionmaker[Session]) -> Iterator[Callable[[], set[str]]]:
    """After each write, the kept results computed again when read: one per topic set of READS."""
    cache, computed = StoreCache(), Counter[str]()

    def read_all() -> set[str]:
        before = computed.copy()
        with sessions() as session:
            for name, reads in READS.items():
                cache.get(session, name, (), lambda name=name: computed.update([name]), reads=reads)  # type: ignore[misc]
        return {name for name in READS if computed[name] > before[name]}

    read_all()
    yield read_all


def _a_task(session: Session) -> tuple[str, str]:
    view = next(v for v in task_views(session, date(2025, 6, 30)) if v.doc_key == "ke-hoach-2025")
    return view.doc_key, view.task.ref


def test_a_task_update_recomputes_only_what_shows_the_tasks_progress(
    sessions: sessionmaker[Session], recomputed: Callable[[], set[str]]
) -> None:
    with sessions.begin() as session:
        doc, ref = _a_task(session)
        record_update(session, doc, ref, date(2025, 2, 3), date(2025, 1, 30), "", "", "Sở KHĐT", date(2025, 6, 30))
    assert recomputed() == {"tasks", "everything"}
    assert recomputed() == set()  # kept until the next write


def test_an_upload_recomputes_what_shows_documents_once_its_job_stored_one(
    sessions: sessionmaker[Session], recomputed: Callable[[], set[str]], tmp_path: Path
) -> None:
    text = "BÁO CÁO NHANH\nTình hình tháng 5 năm 2025\nTổng thu ngân sách đạt 4.321 tỷ đồng.\n"
    with sessions.begin() as session:
        enqueue(session, "bao-cao-nhanh.txt", text.encode(), "kh-dt")
    assert recomputed() == {"everything"}  # queued: no document changed yet
    note = tmp_path / "bao-cao-nhanh-thang-5-2025.txt"
    note.write_text(text, "utf-8")
    ingest_file(sessions, note)
    assert recomputed() == {"documents", "tasks", "everything"}


def test_an_edit_of_a_documents_details_recomputes_what_shows_documents(
    sessions: sessionmaker[Session], recomputed: Callable[[], set[str]]
) -> None:
    with sessions.begin() as session:
        assert correct_document(session, "ke-hoach-2025", {"title": "Kế hoạch năm (sửa)"}, "kh-dt", "gõ nhầm") == 1
    assert recomputed() == {"documents", "tasks", "everything"}


def _done_on_time(client: TestClient) -> int:
    """The tasks done on time, summed over the scorecard the tasks page shows."""
    page = client.get("/nhiem-vu", params={"as_of": "30/06/2025"}, headers=FRESH).text
    body = page.split('<table class="score">', 1)[1].split("</tbody>", 1)[0]
    return sum(int(row.split('<td class="num">')[2].split("<", 1)[0]) for row in body.split("<tr>")[2:])


def test_the_tasks_page_shows_an_update_the_moment_it_is_stored(sessions: sessionmaker[Session]) -> None:
    with TestClient(create_app(sessions.kw["bind"])) as client:
        before = _done_on_time(client)
        assert _done_on_time(client) == before  # kept
        task = next(t for t in client.get("/api/tasks", params={"limit": 50}).json() if t["doc"] == "ke-hoach-2025")
        update = {"reported_on": "03/02/2025", "done_on": "30/01/2025", "author": "Sở KHĐT"}
        assert client.post(f"/api/tasks/{task['doc']}/{task['ref']}/updates", json=update).status_code == 201
        assert _done_on_time(client) > before
