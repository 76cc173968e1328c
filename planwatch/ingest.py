"""The library entry point for ingesting: file → blocks → plain text → metadata, sections, facts →
one transaction. Re-ingesting an unchanged file adds nothing; a changed one becomes a new version."""

from __future__ import annotations

import hashlib
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.extract.catalogue import Catalogue, default_catalogue
from planwatch.extract.agencies import Agency, Registry, default_registry
from planwatch.extract.facts import Fact, extract_facts
from planwatch.extract.targets import extract_targets, planned_facts
from planwatch.extract.tasks import Task, extract_tasks
from planwatch.extract.units import base_value
from planwatch.read.errors import RejectedFile
from planwatch.read.files import SUFFIXES, read_file
from planwatch.read.model import PlainText, RawDocument, assemble
from planwatch.store import models
from planwatch.structure.metadata import DocumentMeta, read_metadata
from planwatch.text.fold import fold_keep_length
from planwatch.structure.sections import OutlineBlock, SectionTracker, outline


@dataclass(frozen=True)
class IngestResult:
    path: Path
    status: str  # "added" | "new_version" | "unchanged" | "rejected"
    doc_key: str
    facts: int = 0
    tasks: int = 0
    message: str = ""


def document_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given, and the readable files inside folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def ingest_file(sessions: sessionmaker[Session], path: Path) -> IngestResult:
    key = path.stem
    try:
        if not path.is_file():
            raise RejectedFile(path.name, "không tìm thấy tệp (file not found)")
        raw, data = read_file(path)
    except RejectedFile as error:
        return IngestResult(path, "rejected", key, message=error.reason)
    try:
        return _store(sessions, path, key, raw, hashlib.sha256(data).hexdigest())
    except DBAPIError:
        raise  # the store itself failed: stop the run, nothing of this document was written
    except Exception as error:  # noqa: BLE001  a reading bug loses this document only, with its reason
        return IngestResult(path, "rejected", key, message=f"lỗi khi phân tích nội dung ({type(error).__name__}: {error})")


def _store(sessions: sessionmaker[Session], path: Path, key: str, raw: RawDocument, digest: str) -> IngestResult:
    """One transaction: the document with its blocks, facts, targets and tasks, or nothing."""
    with sessions.begin() as session:
        versions = session.scalars(select(models.Document).where(models.Document.doc_key == key)).all()
        if any(v.sha256 == digest for v in versions):
            return IngestResult(path, "unchanged", key, message="đã có, không đổi")
        plain = assemble(raw)
        meta = read_metadata(plain.text)
        document = _document(key, path, raw.fmt, raw.pages, digest, plain, meta, len(versions) + 1)
        blocks = outline(plain)
        by_block: dict[int, list[Fact]] = {}
        codes = _Coder(default_catalogue(), user_indicator_aliases(session))
        facts = list(_facts(plain, meta, document, by_block, codes))
        _targets(blocks, by_block, meta, document, plain, codes)
        tasks = _tasks(blocks, plain, meta, document, agency_registry(session))
        session.execute(update(models.Document).where(models.Document.doc_key == key).values(is_current=False))
        session.add(document)
        status = "new_version" if versions else "added"
        return IngestResult(path, status, key, facts=len(facts), tasks=tasks)


def _document(
    key: str, path: Path, fmt: str, pages: int | None, digest: str, plain: PlainText, meta: DocumentMeta, version: int
) -> models.Document:
    start, end = meta.period.as_strings()
    return models.Document(
        doc_key=key, version=version, is_current=True, sha256=digest, filename=path.name, fmt=fmt, kind=meta.kind,
        symbol=meta.symbol, issuer=meta.issuer, issued=meta.issued, title=meta.title, period_start=start,
        period_end=end, pages=pages, text=plain.text, ingested_at=datetime.now(),
    )


def user_indicator_aliases(session: Session) -> dict[str, str]:
    """Labels users mapped to catalogue codes, folded."""
    return {a.alias: a.code for a in session.scalars(select(models.IndicatorAlias))}


@dataclass(frozen=True)
class _Coder:
    catalogue: Catalogue
    user_aliases: dict[str, str]

    def __call__(self, label: str, parent: str | None = None) -> str | None:
        """A breakdown part is coded by its own name ("Thu nội địa"), not its parent's ("Tổng thu NSNN ...")."""
        if parent and label.startswith(parent) and len(label) > len(parent):
            label = label[len(parent) :]
        return self.catalogue.code_for(label, self.user_aliases)


def _facts(
    plain: PlainText, meta: DocumentMeta, document: models.Document, by_block: dict[int, list[Fact]], codes: _Coder
) -> Iterator[models.Fact]:
    """Facts of every block, stored on `document`; `by_block` gets each body block's facts by its start."""
    context = meta.context()
    tracker = SectionTracker()
    sections: dict[int, str] = {}  # footnote number → section of its marker
    for span in plain.spans:
        text = plain.text[span.start : span.end]
        section = tracker.path_for(text) if span.kind != "footnote" else sections.get(span.note or -1, "")
        for pos, note in plain.markers:
            if span.start <= pos <= span.end and span.kind != "footnote":
                sections[note] = section
        document.blocks.append(
            models.Block(kind=span.kind, char_start=span.start, char_end=span.end, page=span.page,
                         footnote=span.note, section=section)
        )
        document.passages.append(models.Passage(char_start=span.start, char_end=span.end, page=span.page,
                                                folded=fold_keep_length(text)))
        found = extract_facts(text, context, span.start)
        if span.kind != "footnote":
            by_block[span.start] = found
        for fact in found:
            row = _fact_row(fact, plain, section, span.note if span.kind == "footnote" else None, span.page)
            row.indicator_code = codes(fact.indicator, fact.parent)
            document.facts.append(row)
            yield row


def _fact_row(fact: Fact, plain: PlainText, section: str, footnote: int | None, page: int | None) -> models.Fact:
    start, end = fact.period.as_strings()
    return models.Fact(
        indicator=fact.indicator, indicator_code=None, parent=fact.parent, measure=fact.measure, value=fact.value,
        unit=fact.unit, base_value=base_value(fact.value, fact.unit) if fact.measure == "value" else fact.value,
        rank_of=fact.rank_of, period_start=start, period_end=end, estimate=fact.estimate,
        prior="prior" in fact.tags, section=section, footnote=footnote, page=page,
        char_start=fact.start, char_end=fact.end, quote=plain.text[fact.start : fact.end],
    )


def agency_registry(session: Session) -> Registry:
    """The shipped registry plus the agencies and spellings users added."""
    extra = [Agency(a.code, a.name, a.kind, (a.alias,)) for a in session.scalars(select(models.AgencyAlias))]
    return default_registry().with_agencies(extra) if extra else default_registry()


def _targets(blocks: list[OutlineBlock], by_block: dict[int, list[Fact]], meta: DocumentMeta,
             document: models.Document, plain: PlainText, codes: _Coder) -> None:
    year = meta.context().year
    planned = {f.start for b in blocks for f in planned_facts(b, by_block.get(b.start, []))}
    for row in document.facts:
        row.planned = (row.char_start in planned and row.footnote is None) or _plans_ahead(document, row)
    for block in blocks:
        for draft in extract_targets(block, by_block.get(block.start, []), year):
            document.targets.append(models.Target(
                source="document", indicator=draft.indicator, indicator_code=codes(draft.indicator, draft.parent), parent=draft.parent, year=draft.year,
                measure=draft.measure, comparator=draft.comparator, value=draft.value, value_min=draft.value_min,
                value_max=draft.value_max, unit=draft.unit, number=draft.number,
                section=" > ".join(h.label for h in block.trail), page=block.page, char_start=draft.start,
                char_end=draft.end, quote=plain.text[draft.start : draft.end],
            ))


_PLANNING_KINDS = ("kế hoạch", "nghị quyết", "quyết định", "chương trình")


def _plans_ahead(document: models.Document, fact: models.Fact) -> bool:
    """A plan's or resolution's figure for its own period (or later) is what is planned, not what happened."""
    if document.kind not in _PLANNING_KINDS or not document.period_start:
        return False
    return fact.period_end is None or fact.period_end >= document.period_start


def _tasks(
    blocks: list[OutlineBlock], plain: PlainText, meta: DocumentMeta, document: models.Document, registry: Registry
) -> int:
    tasks, groups = extract_tasks(blocks, registry, meta.period)
    plan_end = meta.period.end
    implied = date(plan_end.year, plan_end.month, monthrange(plan_end.year, plan_end.month)[1]) if plan_end else None
    for task in tasks:
        document.tasks.append(_task_row(task, plain, registry, implied))
    for group in groups:
        start, end = group.period.as_strings()
        document.task_groups.append(models.TaskGroup(number=group.number, title=group.title, period_start=start,
                                                     period_end=end, char_start=group.start, char_end=group.end))
    return len(tasks)


def _task_row(task: Task, plain: PlainText, registry: Registry, implied: date | None) -> models.Task:
    codes = [agency.code if (agency := registry.normalise(name)) else None for name in task.agencies]
    return models.Task(
        ref=task.ref, agencies=task.agencies, agency_codes=codes, agencies_text=task.agencies_text, role=task.role,
        coordinating=task.coordinating, deadline=task.deadline, implied_deadline=None if task.deadline else implied,
        recurring=[{"every": d.every, "day": d.day, "text": d.describe()} for d in task.recurring],
        subtasks=[{"text": s.text, "start": s.start, "end": s.end, "due": s.deadline.due.isoformat()
                   if s.deadline.due else None, "deadline": s.deadline.describe()} for s in task.subtasks],
        summary=task.summary, group_title=task.group, page=plain.page_at(task.start), char_start=task.start,
        char_end=task.end, item_end=task.item_end, quote=plain.text[task.start : task.end],
    )
