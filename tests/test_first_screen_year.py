"""The year the first screen speaks of is the latest with actual figures however long its computation takes: a
reader arriving while another computes it (a refresh under way, a busy machine) waits for that answer and never
falls back to a target's or a deadline's year."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from planwatch.ingest import ingest_file
from planwatch.query import years
from planwatch.serve import view
from planwatch.serve.app import create_app
from planwatch.store.db import open_engine, session_factory

from .conftest import SAMPLES, with_samples


def test_a_reader_during_a_slow_computation_still_gets_the_year_of_the_figures(
    tmp_path: Path, samples_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = with_samples(open_engine(f"sqlite:///{tmp_path / 'ahead.db'}"), samples_template)
    ahead = tmp_path / "ke-hoach-2028.txt"  # targets and deadlines of 2028, no actual figure of it
    ahead.write_text((SAMPLES / "ke-hoach-2025.txt").read_text(encoding="utf-8").replace("2025", "2028"), "utf-8")
    ingest_file(session_factory(engine), ahead)
    started, release = threading.Event(), threading.Event()

    def slow(session: Session) -> int:
        started.set()
        assert release.wait(60)
        return years.default_year(session)

    monkeypatch.setattr(view, "default_year", slow)
    with TestClient(create_app(engine)) as client, ThreadPoolExecutor(2) as pool:
        first = pool.submit(lambda: client.get("/").text)
        assert started.wait(60)
        second = pool.submit(lambda: client.get("/").text)  # arrives while the first computes
        release.set()
        pages = [first.result(timeout=120), second.result(timeout=120)]
    assert all("Tổng quan 2025" in page and "Tổng quan 2028" not in page for page in pages)
