"""The store of the merger tests: the shared corpus's Bắc Giang report of 6 months 2024 and the samples of the old
and the new Bắc Ninh (samples-merger/, written for these tests in the genre), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from planwatch.ingest import document_paths, ingest_files
from planwatch.store.db import open_engine, session_factory

from .conftest import ROOT, SHARED_CORPUS, with_samples

MERGER_SAMPLES = ROOT / "samples-merger"
BAC_GIANG_2024 = SHARED_CORPUS / "000_092cbdb1522c190d.txt"  # Bắc Giang, 6 months of 2024


def merger_files() -> list[Path]:
    return document_paths([MERGER_SAMPLES, BAC_GIANG_2024])


@pytest.fixture(scope="session")
def merger_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merger") / "merger.db"
    engine = open_engine(f"sqlite:///{path}")
    results = list(ingest_files(session_factory(engine), merger_files()))
    engine.dispose()
    assert all(r.status != "rejected" for r in results)
    return path


def with_merger(engine: Engine, template: Path) -> Engine:
    """`engine`'s store holding the merger documents."""
    return with_samples(engine, template, merger_files())
