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
SQLITE_BUSY_SECONDS = 60


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
    url = database_url(url)
    sqlite = url.startswith("sqlite")
    # A writer of another process holds SQLite's lock for one transaction: wait for it (default 5 s) rather than fail
    # "database is locked" on a busy machine.
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if sqlite else {})
    if sqlite:
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
    its tables (a PostgreSQL advisory lock; on SQLite an exclusive lock on `<db>.lock` beside the store)."""
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
    # Never a descriptor of the database file itself: closing one drops every POSIX lock SQLite holds in this
    # process, and the next process to close the store would take itself for the last and delete the -wal.
    descriptor = os.open(f"{database}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


PLANNED_TABLES = ("documents", "facts", "passages", "tasks", "targets")


def gather_statistics(engine: Engine) -> None:
    """Fresh planner statistics after a batch of documents: without them both databases plan a grown store
    badly (SQLite, 10.000 documents: the unmapped labels of a province read 270.000 facts, 256 ms, instead of
    its own documents', 1 ms)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"ANALYZE {', '.join(PLANNED_TABLES)}"))
        else:
            for table in PLANNED_TABLES:
                connection.execute(text(f"ANALYZE {table}"))


def statistics_if_missing(engine: Engine) -> None:
    """A SQLite store filled before its statistics were kept (or never analysed) gets them once, as a server
    starts; PostgreSQL's autovacuum keeps its own."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar()
        if kept and connection.execute(text("SELECT count(*) FROM sqlite_stat1")).scalar():
            return
    gather_statistics(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the store; each one's flushes mark what their writes touch (store/freshness.py)."""
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", mark_touched)
    return factory
