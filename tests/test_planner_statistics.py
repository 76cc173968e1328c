"""Planner statistics of a SQLite store: gathered after an ingest run, and once as a server starts on a store
filled without them (a province's unmapped labels read every province's facts without them)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from planwatch.ingest import ingest_files
from planwatch.serve.app import create_app
from planwatch.store.db import open_engine, session_factory

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _analysed(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        if not connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar():
            return set()
        return {row[0] for row in connection.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))}


def test_an_ingest_run_leaves_statistics_and_a_server_gathers_them_once_when_missing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kho.db'}"
    engine = open_engine(url)
    list(ingest_files(session_factory(engine), sorted(SAMPLES.glob("*.txt"))[:2]))
    assert {"documents", "facts", "tasks"} <= _analysed(engine)
    raw = create_engine(url)
    with raw.begin() as connection:  # a store filled by a version that kept none
        connection.execute(text("DROP TABLE sqlite_stat1"))
    assert _analysed(engine) == set()
    with TestClient(create_app(engine)):
        pass
    assert {"documents", "facts", "tasks"} <= _analysed(engine)
