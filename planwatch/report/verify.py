"""The draft read back by PlanWatch itself: the generated .docx is ingested into a fresh store, and its facts are
compared with the figures it was drafted from (indicator, measure, value, period)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.ingest import ingest_file
from planwatch.report.content import Draft, Figure, report_facts
from planwatch.store import models
from planwatch.store.db import migrate, open_engine, session_factory
from planwatch.text.fold import fold
from planwatch.vocab.numbers import format_number
from planwatch.vocab.periods import parse_period

Key = tuple[str | None, str, str | None, str | None, float]  # code, measure, start, end, value
# The draft's "Phần thứ hai" lists the plan's tasks in their own words (report/rest.py): numbers there are the plan's
# wording ("3 cao, 2 ..."), not figures the draft states, so the read-back leaves them to the tasks
_QUOTED_TASKS = re.compile(r"^(?:phan thu hai|part two)\b")


@dataclass(frozen=True)
class RoundTrip:
    stated: int  # figures the draft states
    read: int  # facts read back from the draft
    read_right: int  # read facts that are figures of the draft
    covered: int  # stated figures found among the read facts
    wrong: tuple[str, ...]  # read facts that the draft does not state
    lost: tuple[str, ...]  # stated figures not read back

    @property
    def precision(self) -> float:
        return self.read_right / self.read if self.read else 1.0

    @property
    def recall(self) -> float:
        return self.covered / self.stated if self.stated else 1.0


def figure_key(figure: Figure) -> Key:
    start, end = figure.period.as_strings()
    return (figure.code, figure.measure.value, start, end, round(figure.value, 6))


def read_back(docx: bytes, name: str = "du-thao.docx") -> list[Key]:
    """The facts PlanWatch reads in `docx`, ingested into a new store of its own."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(docx)
        engine = open_engine(f"sqlite:///{Path(folder) / 'check.db'}")
        migrate(engine)
        sessions = session_factory(engine)
        result = ingest_file(sessions, path)
        if result.status == "rejected":
            raise ValueError(f"{name}: {result.message}")
        with sessions() as session:
            facts = [f for f in session.scalars(select(models.Fact)) if not _QUOTED_TASKS.search(fold(f.section))]
            keys = [(f.indicator_code, f.measure, f.period_start, f.period_end, round(f.value, 6)) for f in facts]
        engine.dispose()
    return keys


def round_trip(draft: Draft, docx: bytes) -> RoundTrip:
    stated = {figure_key(f) for f in draft.figures} | {key for p in draft.projections for key in p.stated()}
    read = read_back(docx)
    wrong = [k for k in read if k not in stated]
    lost = stated - set(read)
    return RoundTrip(len(stated), len(read), len(read) - len(wrong), len(stated - lost), _shown(wrong), _shown(lost))


@dataclass(frozen=True)
class Coverage:
    """What became of the store's facts of the report's periods (catalogue code, of the province, actuals)."""

    stored: int
    stated: int  # in the draft, same value
    superseded: int  # the same figure with another value in an earlier or estimated statement
    set_aside: int  # a value in a unit foreign to its indicator


def coverage(session: Session, draft: Draft) -> Coverage:
    chosen = {figure_key(f)[:4]: figure_key(f)[4] for f in draft.figures}
    aside = {figure_key(f)[:4] for f in draft.set_aside}
    counts = {"stated": 0, "superseded": 0, "set_aside": 0}
    stored = 0
    for fact in session.scalars(report_facts(draft.period, draft.scope)):
        if parse_period(fact.period_start, fact.period_end) not in draft.period.periods:
            continue
        stored += 1
        key = (fact.indicator_code, fact.measure, fact.period_start, fact.period_end)
        if key in chosen:
            counts["stated" if round(fact.value, 6) == chosen[key] else "superseded"] += 1
        elif key in aside:
            counts["set_aside"] += 1
    return Coverage(stored, **counts)


def _shown(keys: list[Key] | set[Key]) -> tuple[str, ...]:
    return tuple(
        f"{code} {measure} {start or ''}..{end or ''} {format_number(value)}"
        for code, measure, start, end, value in sorted(keys, key=str)
    )
