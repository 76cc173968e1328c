"""Targets with versions: a later document's target for the same indicator, year and measure (of the same
province, or of the province formed from it) supersedes the earlier one from the later document's date. Both stay
in the store; `target_history` lists every version with the one in force, what superseded the others and from
when, and the reason the superseding document states ("điều chỉnh", "giao lại sau sắp xếp":
data/target_reasons.yaml). `year_targets` (monitor/progress.py) chooses the one in force by the same order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.current import main_scope
from planwatch.store.scope import WHOLE, Scope
from planwatch.text.fold import fold, phrase_pattern

LEAD_IN = 600  # how far before a target its heading and lead-in sentence are looked for


def version_rank(manual: bool, issued: date | None, doc_id: int | None, char_start: int | None) -> tuple[object, ...]:
    """The order of a target's versions, the one in force last: a hand-entered one over a document's, then the
    document's date, then the order documents came in, then the first of a document's own repeats."""
    return (manual, issued or date.min, doc_id or 0, -(char_start or 0))


@dataclass(frozen=True)
class TargetVersion:
    target: models.Target
    doc_key: str  # "manual" for a hand-entered target
    issued: date | None  # its document's date: the day it is in force from
    province: str | None
    reason: str | None  # what its document says of why it was set again
    superseded_by: str | None = None  # the key of the document whose target replaced it
    superseded_on: date | None = None

    @property
    def in_force(self) -> bool:
        return self.superseded_by is None


@cache
def _reasons() -> tuple[tuple[str, object], ...]:
    text = resources.files("planwatch").joinpath("monitor/data/target_reasons.yaml").read_text(encoding="utf-8")
    return tuple((r["reason"], phrase_pattern(fold(w) for w in r["wordings"])) for r in yaml.safe_load(text))


def stated_reason(target: models.Target, text: str | None) -> str | None:
    """The reason a target's headings or the lead-in before it state, if any."""
    window = target.section or ""
    if text and target.char_start is not None:
        before = text[max(0, target.char_start - LEAD_IN) : target.char_start]
        heading = target.section.split(" > ")[0].strip() if target.section else ""
        cut = before.rfind(heading) if heading else -1
        window += " " + (before[cut:] if cut >= 0 else before.rsplit("\n\n", 1)[-1])
    folded = fold(window)
    return next((reason for reason, pattern in _reasons() if pattern.search(folded)), None)  # type: ignore[attr-defined]


def target_history(session: Session, code: str, scope: Scope = WHOLE) -> list[TargetVersion]:
    """Every active target of the indicator `code` (of the documents of `scope` and hand-entered; of the store's
    main province when the whole store is asked, as `year_status`), newest year first, each year's versions in
    the order they were set, each with what superseded it."""
    scope = main_scope(session) if scope.whole else scope
    t, d = models.Target, models.Document
    query = (
        select(t, d.doc_key, d.issued, d.province, d.id, d.text)
        .outerjoin(d)
        .where(t.active.is_(True), t.indicator_code == code, *scope.documents())
        .where(or_(t.document_id.is_(None), d.is_current.is_(True)))
    )
    groups: dict[tuple[int, str], list[tuple[tuple[object, ...], TargetVersion]]] = defaultdict(list)
    for target, key, issued, province, doc_id, text in session.execute(query):
        manual = target.source == "manual"
        version = TargetVersion(target, key or "manual", issued, province, stated_reason(target, text))
        rank = version_rank(manual, issued, doc_id, target.char_start)
        groups[(target.year, target.measure)].append((rank, version))
    history: list[TargetVersion] = []
    for (_, _), versions in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        kept = {v.doc_key: (rank, v) for rank, v in sorted(versions, key=lambda rv: rv[0])}  # a repeat: its first
        ordered = [v for _, v in sorted(kept.values(), key=lambda rv: rv[0])]
        for older, newer in zip(ordered, ordered[1:], strict=False):
            history.append(_superseded(older, newer))
        history.append(ordered[-1])
    return history


def _superseded(older: TargetVersion, newer: TargetVersion) -> TargetVersion:
    return TargetVersion(older.target, older.doc_key, older.issued, older.province, older.reason, newer.doc_key,
                         newer.issued)  # fmt: skip
