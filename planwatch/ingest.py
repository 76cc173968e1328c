"""The library entry point for ingesting: file → blocks → plain text → metadata → rows (store/rows.py) →
one transaction. Re-ingesting an unchanged file adds nothing; a changed one becomes a new version."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.access.audit import record
from planwatch.extract.agencies import Agency, Registry, default_registry
from planwatch.extract.document import extract_document
from planwatch.limits import TooSlow, time_limit
from planwatch.read.errors import RejectedFile
from planwatch.read.files import SUFFIXES, read_file
from planwatch.read.model import RawDocument, assemble
from planwatch.store import models
from planwatch.store.rows import Coder, document_rows
from planwatch.vocab.catalogue import default_catalogue


@dataclass(frozen=True)
class IngestResult:
    path: Path
    status: str  # "added" | "new_version" | "restored" | "unchanged" | "rejected"
    doc_key: str
    facts: int = 0
    tasks: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()  # what could not be read of a document that was stored


def document_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given, and the readable files inside folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def ingest_file(
    sessions: sessionmaker[Session],
    path: Path,
    given: date | None = None,
    province: str | None = None,
    name: str | None = None,
    audited_as: str | None = None,
) -> IngestResult:
    """Store one file, all or nothing; `given` is the reference date of a document that states none, `province`
    the province it is about when the text does not say (or says wrong), `name` the file's own name when `path`
    is a copy (an upload); `audited_as` the user whose upload it is (the audit row is written with the document)."""
    name = name or path.name
    key = document_key(name)
    try:
        with time_limit():
            if not path.is_file():
                raise RejectedFile(name, "không tìm thấy tệp (file not found)")
            raw, data = read_file(path, name)
            digest = hashlib.sha256(data).hexdigest()
            key = document_key(name, digest)
            stored = _Stored(name, given, province, audited_as)
            return _store_once_more_if_raced(sessions, path, key, raw, digest, stored)
    except RejectedFile as error:
        return IngestResult(path, "rejected", key, message=error.reason)
    except TooSlow as error:
        return IngestResult(path, "rejected", key, message=str(error))
    except DBAPIError:
        raise  # the store itself failed: stop the run, nothing of this document was written
    except Exception as error:  # noqa: BLE001  a reading bug loses this document only, with its reason
        return IngestResult(
            path, "rejected", key, message=f"lỗi khi phân tích nội dung ({type(error).__name__}: {error})"
        )


_KEY_CHARACTERS = re.compile(r"[^\w.\-]+")
MAX_KEY_LENGTH = 120


def document_key(filename: str, digest: str = "") -> str:
    """A document's key from its file name, the same from the command line and from an upload: composed (an NFD
    name from a Mac gives the same key), letters, digits, ".", "-" and "_" only (a key is part of a link), at most
    120 characters; a name with no letter or digit is keyed by its content."""
    stem = unicodedata.normalize("NFC", Path(filename).stem)
    key = _KEY_CHARACTERS.sub("_", stem).strip("._-")[:MAX_KEY_LENGTH].rstrip("._-")
    return key if any(ch.isalnum() for ch in key) else f"van-ban-{digest[:12] or 'khong-ten'}"


@dataclass(frozen=True)
class _Stored:
    """What the caller says of a file: its own name, its reference date and province if given, who uploads it."""

    name: str
    given: date | None
    province: str | None
    audited_as: str | None


def _store_once_more_if_raced(
    sessions: sessionmaker[Session], path: Path, key: str, raw: RawDocument, digest: str, stored: _Stored
) -> IngestResult:
    """Two runs storing the same document at once: the loser's insert breaks a unique constraint; once the
    winner has committed, the second try sees its version ("unchanged") or adds the next one."""
    try:
        return _store(sessions, path, key, raw, digest, stored)
    except IntegrityError:
        return _store(sessions, path, key, raw, digest, stored)


def _store(
    sessions: sessionmaker[Session], path: Path, key: str, raw: RawDocument, digest: str, stored: _Stored
) -> IngestResult:
    """One transaction: the document with its blocks, facts, targets and tasks, or nothing."""
    with sessions.begin() as session:
        versions = session.scalars(select(models.Document).where(models.Document.doc_key == key)).all()
        same = session.scalars(select(models.Document).where(models.Document.sha256 == digest)).all()
        if current := next((d for d in same if d.is_current), None):
            elsewhere = f" (là văn bản {current.doc_key})" if current.doc_key != key else ""
            return IngestResult(path, "unchanged", current.doc_key, message=f"đã có, không đổi{elsewhere}")
        if earlier := next((v for v in versions if v.sha256 == digest), None):
            session.execute(update(models.Document).where(models.Document.doc_key == key).values(is_current=False))
            earlier.is_current = True
            return IngestResult(path, "restored", key, message=f"phiên bản {earlier.version} trở lại là bản hiện hành")
        plain = assemble(raw)
        registry = agency_registry(session)
        found = extract_document(plain, registry, stored.given, stored.province)
        meta = found.meta
        rows = document_rows(plain, found, Coder(default_catalogue(), user_indicator_aliases(session)), registry)
        session.execute(update(models.Document).where(models.Document.doc_key == key).values(is_current=False))
        start, end = meta.period.as_strings()
        document = models.Document(
            doc_key=key,
            version=len(versions) + 1,
            is_current=True,
            sha256=digest,
            filename=stored.name[:500],
            fmt=raw.fmt,
            kind=meta.kind,
            symbol=meta.symbol,
            issuer=meta.issuer,
            issued=meta.issued,
            title=meta.title,
            province=meta.province,
            reference_date=meta.reference.day,
            reference_source=meta.reference.found_by,
            period_start=start,
            period_end=end,
            pages=raw.pages,
            text=plain.text,
            ingested_at=datetime.now(),
        )
        session.add(document)
        session.flush()
        for model, items in rows.by_model.items():
            session.execute(insert(model), [{**item, "document_id": document.id} for item in items])
        status = "new_version" if versions else "added"
        if stored.audited_as:
            after = {"version": document.version, "sha256": digest, "filename": document.filename}
            record(session, stored.audited_as, f"document.{status}", f"document:{key}", None, after)
        return IngestResult(
            path, status, key, rows.count(models.Fact), rows.count(models.Task), warnings=tuple(found.warnings)
        )


def user_indicator_aliases(session: Session) -> dict[str, str]:
    """Labels users mapped to catalogue codes, folded."""
    return {a.alias: a.code for a in session.scalars(select(models.IndicatorAlias))}


def agency_registry(session: Session) -> Registry:
    """The shipped registry plus the agencies and spellings users added."""
    extra = [Agency(a.code, a.name, a.kind, (a.alias,)) for a in session.scalars(select(models.AgencyAlias))]
    return default_registry().with_agencies(extra) if extra else default_registry()
