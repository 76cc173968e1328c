"""A PostgreSQL database of the bench's own on the server the tests use, dropped afterwards unless kept."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

PG_ADMIN = os.environ.get("PLANWATCH_TEST_PG", "postgresql://root@127.0.0.1:5432/test")


@contextmanager
def database(prefix: str, existing: str | None = None, keep: bool = False) -> Iterator[str]:
    """The URL of a new database (or of `existing`), dropped at the end unless `keep` or `existing`."""
    name = existing or f"{prefix}_{uuid.uuid4().hex[:8]}"
    if not existing:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        if keep or existing:
            print(f"  kept: --database {name}")
        else:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
