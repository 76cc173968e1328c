"""Connecting: a SQLAlchemy URL (SQLite file by default, PostgreSQL for a shared server), migrated
to the latest schema on open."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from planwatch.store.freshness import mark_touched

DEFAULT_URL = "sqlite:///planwatch.db"
ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


def database_url(explicit: str | None = None) -> str:
    url = explicit or os.environ.get("PLANWATCH_DB") or DEFAULT_URL
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def open_engine(url: str | None = None) -> Engine:
    engine = connect(url)
    migrate(engine)
    return engine


def connect(url: str | None = None) -> Engine:
    """An engine on a store known to be migrated already (a worker process of a run that opened it)."""
    engine = create_engine(database_url(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """WAL with synchronous=FULL loses no committed transaction; foreign keys on for cascades."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Upgrade to the latest schema, one process at a time: two first runs on a new store must not both create
    its tables (a PostgreSQL advisory lock; on SQLite an exclusive lock on the database file)."""
    config = Config(str(ALEMBIC_INI))
    with _sqlite_file_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


_MIGRATION_LOCK = 0x504C414E  # "PLAN"


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    descriptor = os.open(database, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # flock and SQLite's own fcntl locks do not interfere on Linux
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the store; each one's flushes mark what their writes touch (store/freshness.py)."""
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", mark_touched)
    return factory
