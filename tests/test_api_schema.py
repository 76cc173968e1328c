"""The API against its own OpenAPI document (schemathesis): every operation, on SQLite, on PostgreSQL and signed
in. Every test here is slow, and building the cases takes seconds at collection, so `make test-fast` does not
collect this module at all (Makefile FAST)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import create_engine

from planwatch.access.accounts import add_user
from planwatch.access.roles import Role
from planwatch.serve.app import create_app
from planwatch.store.db import open_engine, session_factory

from .conftest import _postgres_engine, with_samples

pytestmark = pytest.mark.slow

# The OpenAPI document comes from an app whose store is never opened (an engine connects on first use), so that
# collecting the suite, or running its fast tier, opens no database; the cases go to apps over real stores made
# when the tests run.
API_SCHEMA = schemathesis.openapi.from_dict(create_app(create_engine("sqlite://")).openapi())
CHECKED = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory: pytest.TempPathFactory, samples_template: Path) -> FastAPI:
    return create_app(
        with_samples(open_engine(f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"), samples_template)
    )


@pytest.fixture(scope="module")
def postgres_app(samples_template: Path) -> Iterator[FastAPI]:
    for engine in _postgres_engine():
        yield create_app(with_samples(engine, samples_template))


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory: pytest.TempPathFactory, samples_template: Path) -> dict[str, Any]:
    """An app over a store with accounts, and what a planning user's requests carry: the session cookie and the
    CSRF header."""
    engine = with_samples(open_engine(f"sqlite:///{tmp_path_factory.mktemp('auth') / 'api.db'}"), samples_template)
    with session_factory(engine).begin() as session:
        add_user(session, "ke_hoach", "mat-khau-du-dai", Role.PLANNING, None, "test")
    app = create_app(engine)
    client = TestClient(app)
    assert client.post("/api/login", json={"username": "ke_hoach", "password": "mat-khau-du-dai"}).status_code == 200
    return {"app": app, "cookies": dict(client.cookies), "headers": {"X-CSRF-Token": client.cookies["csrftoken"]}}


def _every_check_but_positive_acceptance(case: schemathesis.Case, **call: Any) -> None:
    """All of schemathesis' checks (status codes and content types documented, responses as their schema, Allow
    headers, no 5xx) except "schema-valid data is accepted": a NUL byte, an impossible date or an unknown document
    are refused with a documented 4xx by design."""
    case.call_and_validate(excluded_checks=[positive_data_acceptance], **call)


@API_SCHEMA.parametrize()
@CHECKED
def test_schema_signed_in(case: schemathesis.Case, signed_in: dict[str, Any]) -> None:
    """The same checks with a planning user's session, so that the writes get past the sign-in."""
    _every_check_but_positive_acceptance(case, **signed_in)


@API_SCHEMA.parametrize()
@CHECKED
def test_schema_on_sqlite(case: schemathesis.Case, sqlite_app: FastAPI) -> None:
    _every_check_but_positive_acceptance(case, app=sqlite_app)


@pytest.mark.postgres
@API_SCHEMA.parametrize()
@CHECKED
def test_schema_on_postgres(case: schemathesis.Case, postgres_app: FastAPI) -> None:
    _every_check_but_positive_acceptance(case, app=postgres_app)
