"""`planwatch serve --workers 2` on PostgreSQL, over a real socket: the command hands its process over to a lean
supervisor (uvicorn only, no store, no pages), whose server processes answer, their request threads sharing two
memory arenas."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from .conftest import _postgres_engine

pytestmark = pytest.mark.slow  # processes of their own
RUN = "from planwatch.cli.main import run; run()"


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    yield from _postgres_engine()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answer(url: str, server: subprocess.Popen[str]) -> httpx.Response:
    for _ in range(600):
        assert server.poll() is None, server.communicate()
        try:
            return httpx.get(url, timeout=60)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def _children(pid: int) -> list[int]:
    """From /proc: the fourth field of a process's stat is its parent's id (after the name in parentheses)."""
    found = []
    for path in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError):  # a process that ended meanwhile
            if path.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                found.append(int(path.parent.name))
    return found


def test_the_supervisor_imports_neither_the_store_nor_the_pages() -> None:
    code = "import sys, planwatch.serve.supervise; print(sorted(m for m in sys.modules if m.startswith(("
    code += "'sqlalchemy', 'fastapi', 'planwatch.store', 'planwatch.serve.app', 'planwatch.cli'))))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


@pytest.mark.postgres
def test_two_server_processes_answer_under_the_supervisor(postgres_engine: Engine) -> None:
    url, port = postgres_engine.url.render_as_string(hide_password=False), _free_port()
    command = [sys.executable, "-c", RUN, "--db", url, "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _answer(f"http://127.0.0.1:{port}/api/status?year=2025", server).status_code == 200
        assert "planwatch.serve.supervise" in Path(f"/proc/{server.pid}/cmdline").read_text()
        children = _children(server.pid)
        assert len(children) >= 2  # the server processes (and multiprocessing's resource tracker)
        assert all(b"MALLOC_ARENA_MAX=2" in Path(f"/proc/{pid}/environ").read_bytes() for pid in children)
    finally:
        server.terminate()
        server.communicate(timeout=60)
