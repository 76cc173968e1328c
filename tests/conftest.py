"""Fixtures: a fresh SQLite file and a fresh PostgreSQL database (the server on 127.0.0.1:5432) for
the store tests; both are real connections."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from planwatch.store.db import open_engine

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
PG_ADMIN_URL = os.environ.get("PLANWATCH_TEST_PG", "postgresql://root@127.0.0.1:5432/test")


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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = open_engine(f"sqlite:///{tmp_path / 'planwatch.db'}")
        yield engine
        engine.dispose()
    else:
        yield from _postgres_engine()
