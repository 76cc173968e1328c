"""Fixtures: a fresh SQLite file and a fresh PostgreSQL database (the server on 127.0.0.1:5432) for
the store tests; both are real connections. With PLANWATCH_TEST_DATE set, every process of the run lives on that
day (tests/clock/sitecustomize.py)."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine

from planwatch.ingest import document_paths, ingest_files
from planwatch.store.db import open_engine, session_factory

from .clock.sitecustomize import DATE_VARIABLE, travel_from_environment

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
PG_ADMIN_URL = os.environ.get("PLANWATCH_TEST_PG", "postgresql://root@127.0.0.1:5432/test")


def pytest_configure(config: pytest.Config) -> None:
    """At a far date, the test process travels now, and the processes it starts on their own start."""
    if os.environ.get(DATE_VARIABLE):
        clock = str(Path(__file__).with_name("clock"))
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (clock, os.environ.get("PYTHONPATH")) if p)
        travel_from_environment()


def _postgres_engine() -> Iterator[Engine]:
    import psycopg

    name = f"planwatch_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    engine = open_engine(f"{base}/{name}")
    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store migrated once per run: each test's SQLite store is a copy of it, not every migration again."""
    path = tmp_path_factory.mktemp("empty") / "planwatch.db"
    open_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path, empty_template: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = copy_of(empty_template, tmp_path)
        yield engine
        engine.dispose()
    else:
        yield from _postgres_engine()


@pytest.fixture(scope="session")
def samples_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples ingested (and checked) once per run into a SQLite file that tests copy: each copy is a store
    of its own, and nothing of one test reaches another."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    engine = open_engine(f"sqlite:///{path}")
    list(ingest_files(session_factory(engine), document_paths([SAMPLES])))
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .txt documents of ../shared/corpus ingested once per run into a SQLite file that tests copy."""
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus is not here")
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    engine = open_engine(f"sqlite:///{path}")
    list(ingest_files(session_factory(engine), sorted(SHARED_CORPUS.glob("*.txt"))))
    engine.dispose()
    return path


@pytest.fixture
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's tables drawn 400 characters wide, so that no cell wraps: its console took its width from
    COLUMNS once, when first imported (a pytest-xdist worker sets 80), and a CliRunner's env does not reach it."""
    from planwatch.cli.app import console

    monkeypatch.setattr(console, "_width", 400)


def stored_copy(template: Path, folder: Path) -> Path:
    """A store file of its own in `folder`: a copy of a SQLite template (SQLite's backup API)."""
    path = folder / template.name
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as target:
        source.backup(target)
    return path


def copy_of(template: Path, folder: Path) -> Engine:
    """A store of its own: a copy of a SQLite template."""
    return open_engine(f"sqlite:///{stored_copy(template, folder)}")


def with_samples(engine: Engine, template: Path, paths: list[Path] | None = None) -> Engine:
    """`engine`'s store holding the samples (or the files `paths` names, of which `template` is the store): on
    SQLite a copy of the template (SQLite's backup API), on PostgreSQL an ingest run."""
    if engine.dialect.name != "sqlite":
        list(ingest_files(session_factory(engine), paths or document_paths([SAMPLES])))
        return engine
    target = engine.raw_connection()
    try:
        with sqlite3.connect(template) as source:
            source.backup(target.driver_connection)  # type: ignore[arg-type]
    finally:
        target.close()
    return engine
