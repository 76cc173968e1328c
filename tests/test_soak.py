"""Several processes on one store, as SQLite allows them: a real server writes task updates while twenty command
lines of every kind open and close the same store; then the server restarts. Every write answered 201 is on disk
with its audit row, and no file the server holds was deleted under it (`/proc/PID/fd`)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, select

from planwatch.store import models

from .conftest import SAMPLES, _postgres_engine, with_samples
from .test_serve_workers import _answer, _free_port

pytestmark = pytest.mark.slow  # a server and twenty processes of their own
RUN = "from planwatch.cli.main import run; run()"
PASSWORD = "mat-khau-du-dai"
TASK = "/api/tasks/ke-hoach-2025/1.1/updates"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path, samples_template: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "s.db"
        shutil.copy(samples_template, path)
        yield f"sqlite:///{path}"
        return
    for engine in _postgres_engine():
        with_samples(engine, samples_template)
        yield engine.url.render_as_string(hide_password=False)
        engine.dispose()


def _cli(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", RUN, "--db", url, *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=600)


def _commands(url: str, folder: Path) -> list[tuple[list[str], str]]:
    """Twenty commands that read, write, migrate and ingest: each opens and closes the store on its own."""
    sqlite_file = url.removeprefix("sqlite:///") if url.startswith("sqlite") else ""
    python_sqlite = (
        f"import sqlite3; c = sqlite3.connect({sqlite_file!r}); c.execute('select count(*) from audit'); c.close()"
    )
    other = [[sys.executable, "-c", python_sqlite]] if sqlite_file else [["true"]]
    run = [[sys.executable, "-c", RUN, "--db", url, *args] for args in (
        ["audit"], ["documents"], ["facts", "--limit", "5"], ["tasks"], ["status", "--year", "2025"], ["check"],
        ["targets", "--year", "2025"], ["agencies"], ["period", "list"], ["jobs", "list"], ["user", "list"],
        ["export", "facts"], ["ask", "thu ngân sách"], ["ingest", str(folder)],
        ["user", "disable", "nguoi_cu", "--reason", "thử"], ["period", "lock", "2024-01", "--reason", "thử"],
        ["task-update", "ke-hoach-2025", "1.2", "--reported", "04/05/2025", "--author", "cli", "--note", "dòng lệnh"],
        ["agency-add", "Sở Thử Nghiệm", "--code", "SOAK", "--name", "Sở Thử Nghiệm"],
    )]  # fmt: skip
    return (
        [(c, "") for c in run]
        + [(c, "") for c in other]
        + [([*run[0][:5], "user", "add", "moi", "--role", "viewer"], PASSWORD)]
    )


def _written(url: str, notes: list[str]) -> tuple[set[str], set[str]]:
    engine: Engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            updates = set(connection.scalars(select(models.TaskUpdate.note).where(models.TaskUpdate.note.in_(notes))))
            audited = set(
                connection.scalars(select(models.AuditEntry.reason).where(models.AuditEntry.reason.in_(notes)))
            )
    finally:
        engine.dispose()
    return updates, audited


def _deleted_descriptors(pid: int) -> list[str]:
    found = []
    for link in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = str(link.readlink())
        except OSError:  # closed meanwhile
            continue
        if target.endswith("(deleted)"):
            found.append(target)
    return found


def _serve(url: str, port: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", RUN, "--db", url, "serve", "--port", str(port)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_confirmed_writes_survive_command_lines_on_the_same_store(store_url: str, tmp_path: Path) -> None:
    for name in ("quan_tri", "nguoi_cu"):
        assert _cli(store_url, "user", "add", name, "--role", "admin", stdin=PASSWORD).returncode == 0
    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(SAMPLES / "bao-cao-thang-4-2025.txt", folder / "bao-cao-them.txt")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(store_url, port)
    confirmed: list[str] = []
    stop = threading.Event()
    try:
        _answer(f"{base}/api/me", server)
        with httpx.Client(base_url=base, timeout=60) as client:
            assert client.post("/api/login", json={"username": "quan_tri", "password": PASSWORD}).status_code == 200
            headers = {"X-CSRF-Token": client.cookies["csrftoken"]}

            def write() -> None:
                n = 0
                while not stop.is_set() or n < 10:
                    n += 1
                    note = f"soak {n}"
                    answer = client.post(TASK, json={"reported_on": "02/05/2025", "note": note}, headers=headers)
                    if answer.status_code == 201:
                        confirmed.append(note)

            writer = threading.Thread(target=write)
            writer.start()
            with ThreadPoolExecutor(4) as pool:
                done = list(pool.map(lambda c: subprocess.run(c[0], input=c[1], capture_output=True, text=True,
                                                              timeout=600), _commands(store_url, folder)))  # fmt: skip
            stop.set()
            writer.join()
        assert all(d.returncode == 0 for d in done), [
            (d.args[3:], d.stdout[-300:], d.stderr[-1500:]) for d in done if d.returncode
        ]
        assert _deleted_descriptors(server.pid) == []
    finally:
        stop.set()
        server.terminate()
        server.communicate(timeout=60)
    assert len(confirmed) >= 10
    server = _serve(store_url, port)  # a restart: the store opens again, and holds all of it
    try:
        assert _answer(f"{base}/api/me", server).status_code == 401  # the accounts the command lines added count
    finally:
        server.terminate()
        server.communicate(timeout=60)
    updates, audited = _written(store_url, confirmed)
    assert updates == set(confirmed) and audited == set(confirmed)
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
