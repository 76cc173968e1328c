"""The library entry point for ingesting: file → blocks → plain text → metadata → rows (store/rows.py) →
one transaction. Re-ingesting an unchanged file adds nothing; a changed one becomes a new version."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from itertools import repeat
from pathlib import Path

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from planwatch.access.audit import record
from planwatch.extract.agencies import Registry
from planwatch.extract.document import extract_document
from planwatch.limits import Stopped, TooSlow, time_limit
from planwatch.monitor.stored import CheckScopes, ScopeResult, check_scope, refresh_store
from planwatch.read.errors import RejectedFile
from planwatch.read.files import SUFFIXES, read_file
from planwatch.read.model import assemble
from planwatch.read.ocr_pages import OcrMode, OcrNeeded, OcrOptions
from planwatch.read.page_news import PageNews, listen, news_queue, told
from planwatch.review.scanned_rows import add_scanned
from planwatch.store import models
from planwatch.store.db import connect, gather_statistics, session_factory
from planwatch.store.documents import add_version, current_with_bytes, make_current, versions
from planwatch.store.known import agency_registry, user_indicator_aliases
from planwatch.store.rows import Coder, DocumentRows, document_rows
from planwatch.structure.metadata import DocumentMeta
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.provinces import lineage

log = logging.getLogger(__name__)


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
    ocr: OcrOptions | None = None,
) -> IngestResult:
    """Store one file, all or nothing; `given` is the reference date of a document that states none, `province`
    the province it is about when the text does not say (or says wrong), `name` the file's own name when `path`
    is a copy (an upload); `audited_as` the user whose upload it is (the audit row is written with the document);
    `ocr` how scanned PDF pages are read (OcrNeeded is raised when they must not be read here)."""
    stored = _Stored(name or path.name, given, province, audited_as, ocr or OcrOptions())
    with sessions() as session:
        known = _Known(agency_registry(session), user_indicator_aliases(session))
    prepared = _prepare(path, stored, known, lambda digest: _current_with(sessions, digest))
    return prepared if isinstance(prepared, IngestResult) else _store_once_more_if_raced(sessions, prepared)


def ingest_files(
    sessions: sessionmaker[Session],
    paths: Iterable[Path],
    given: date | None = None,
    province: str | None = None,
    jobs: int = 1,
    ocr: OcrMode = OcrMode.AUTO,
    on_pages: PageNews | None = None,
) -> Iterator[IngestResult]:
    """Store files in their order, each all or nothing; with `jobs` > 1, read and extracted in that many worker
    processes (a few files ahead) while this one writes, so that every core works and memory stays flat. `ocr`
    says which PDF pages OCR reads; `on_pages` hears of each scanned page read (file name, pages read, to read)."""
    if jobs <= 1:
        for path in paths:
            options = OcrOptions(ocr, progress=partial(on_pages, path.name) if on_pages else None)
            yield ingest_file(sessions, path, given, province, ocr=options)
        _finish(sessions)
    else:
        yield from _ingest_on_cores(sessions, paths, given, province, jobs, ocr, on_pages)


def _finish(sessions: sessionmaker[Session], check_scopes: CheckScopes | None = None) -> None:
    """Planner statistics, then the findings of the provinces the run touched, so that no reader waits for them."""
    gather_statistics(sessions.kw["bind"])
    refresh_store(sessions, check_scopes)


AHEAD_PER_JOB = 2  # files read ahead per worker process (eight: 1,80× instead of 1,79× at 1.000 documents)


def _ingest_on_cores(
    sessions: sessionmaker[Session],
    paths: Iterable[Path],
    given: date | None,
    province: str | None,
    jobs: int,
    ocr: OcrMode,
    on_pages: PageNews | None,
) -> Iterator[IngestResult]:
    with sessions() as session:
        known = _Known(agency_registry(session), user_indicator_aliases(session))
    with news_queue(_CONTEXT, on_pages) as news, _worker_pool(jobs, known, news) as pool:
        ahead: deque[tuple[Path, Future[_Prepared | IngestResult] | IngestResult]] = deque()
        for path in paths:
            stored = _Stored(path.name, given, province, None, OcrOptions(ocr))
            ahead.append((path, _unchanged_file(sessions, path) or pool.submit(_prepare_in_worker, path, stored)))
            if len(ahead) >= AHEAD_PER_JOB * jobs:
                yield _written(sessions, *ahead.popleft())
        while ahead:
            yield _written(sessions, *ahead.popleft())
        _finish(sessions, _scopes_checked_on(pool, sessions))


_CONTEXT = multiprocessing.get_context("forkserver")  # not fork: the caller may hold threads and connections


def _worker_pool(jobs: int, known: _Known | None = None, news: object = None) -> ProcessPoolExecutor:
    _CONTEXT.set_forkserver_preload(["planwatch.ingest"])
    return ProcessPoolExecutor(jobs, mp_context=_CONTEXT, initializer=_remember, initargs=(known, news))


def refresh_on_cores(sessions: sessionmaker[Session], jobs: int) -> list[str]:
    """`refresh_store` with the stale provinces checked in `jobs` worker processes: what a bulk change that marks
    every province (a store copied in, a first check of a large store) needs to use every core."""
    with _worker_pool(jobs) as pool:
        return refresh_store(sessions, _scopes_checked_on(pool, sessions))


def _scopes_checked_on(pool: ProcessPoolExecutor, sessions: sessionmaker[Session]) -> CheckScopes | None:
    """The provinces' findings checked in the run's worker processes, one province each at a time (None for a
    store only this process sees)."""
    url = sessions.kw["bind"].url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    shown = url.render_as_string(hide_password=False)
    return lambda scopes, whole: pool.map(_check_in_worker, repeat(shown), scopes, repeat(whole))


_WORKER_STORES: dict[str, sessionmaker[Session]] = {}  # in a worker process: the run's store, opened once


def _check_in_worker(url: str, scope: str, whole: bool) -> ScopeResult:
    if url not in _WORKER_STORES:
        _WORKER_STORES[url] = session_factory(connect(url))
    with _WORKER_STORES[url]() as session:
        found, counts = check_scope(session, scope, whole)
        return list(found), counts  # sent back whole


@dataclass(frozen=True)
class _Known:
    """What extraction needs of the store, read once: the agency registry and the labels users mapped."""

    registry: Registry
    aliases: dict[str, str]


_WORKER_KNOWN: list[_Known] = []  # in a worker process: what the run's store knew when it started


def _remember(known: _Known | None, news: object = None) -> None:
    if known is not None:
        _WORKER_KNOWN.append(known)
    listen(news)


def _prepare_in_worker(path: Path, stored: _Stored) -> _Prepared | IngestResult:
    if news := told(path.name):
        stored = replace(stored, ocr=replace(stored.ocr, progress=news))
    return _prepare(path, stored, _WORKER_KNOWN[0], lambda _digest: None)


def _unchanged_file(sessions: sessionmaker[Session], path: Path) -> IngestResult | None:
    """A file stored before as it is, found by its bytes' hash without reading it (a folder ingested again)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    except OSError:
        return None  # the worker's read says why
    return _current_with(sessions, digest, path) if digest else None


def _written(
    sessions: sessionmaker[Session], path: Path, pending: Future[_Prepared | IngestResult] | IngestResult
) -> IngestResult:
    prepared = pending if isinstance(pending, IngestResult) else pending.result()
    return prepared if isinstance(prepared, IngestResult) else _store_once_more_if_raced(sessions, prepared)


@dataclass(frozen=True)
class _Prepared:
    """A file read and extracted, ready for its one transaction: made without the store, in a worker process
    when ingesting on several cores."""

    path: Path
    key: str
    digest: str
    stored: _Stored
    fmt: str
    pages: int | None
    text: str
    meta: DocumentMeta
    rows: DocumentRows
    warnings: tuple[str, ...]


def _prepare(
    path: Path, stored: _Stored, known: _Known, already: Callable[[str], IngestResult | None]
) -> _Prepared | IngestResult:
    """Read and extract within the per-file time limit; a file the store already holds (`already`, by its hash)
    is not extracted again; any failure of reading or extraction refuses this file only, with its reason."""
    key = document_key(stored.name)
    try:
        with time_limit():
            if not path.is_file():
                raise RejectedFile(stored.name, "không tìm thấy tệp (file not found)")
            raw, data = read_file(path, stored.name, stored.ocr)
            digest = hashlib.sha256(data).hexdigest()
            key = document_key(stored.name, digest)
            if found := already(digest):
                return replace(found, path=path)
            plain = assemble(raw)
            extraction = extract_document(plain, known.registry, stored.given, stored.province)
            rows = document_rows(plain, extraction, Coder(default_catalogue(), known.aliases), known.registry)
            add_scanned(rows, plain, raw.scanned)
            return _Prepared(path, key, digest, stored, raw.fmt, raw.pages, plain.text, extraction.meta, rows,
                             tuple(extraction.warnings))  # fmt: skip
    except RejectedFile as error:
        return IngestResult(path, "rejected", key, message=error.reason)
    except TooSlow as error:
        return IngestResult(path, "rejected", key, message=str(error))
    except (DBAPIError, OcrNeeded, Stopped):
        raise  # the store failed or the process stops: nothing of this document was written; or OCR is for later
    except Exception as error:  # noqa: BLE001  a reading bug loses this document only, with its reason
        log.warning("extracting %s failed", stored.name, exc_info=True)  # the class and traceback, for maintainers
        return IngestResult(path, "rejected", key, message=f"lỗi khi phân tích nội dung ({error or 'không rõ lý do'})")


def _current_with(sessions: sessionmaker[Session], digest: str, path: Path = Path()) -> IngestResult | None:
    with sessions() as session:
        return _unchanged(session, digest, path, None)


def _unchanged(session: Session, digest: str, path: Path, key: str | None) -> IngestResult | None:
    current = current_with_bytes(session, digest)
    if current is None:
        return None
    elsewhere = f" (là văn bản {current.doc_key})" if key and current.doc_key != key else ""
    return IngestResult(path, "unchanged", current.doc_key, message=f"đã có, không đổi{elsewhere}")


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
    ocr: OcrOptions = OcrOptions()


def _store_once_more_if_raced(sessions: sessionmaker[Session], prepared: _Prepared) -> IngestResult:
    """Two runs storing the same document at once: the loser's insert breaks a unique constraint; once the
    winner has committed, the second try sees its version ("unchanged") or adds the next one."""
    try:
        return _store(sessions, prepared)
    except IntegrityError:
        return _store(sessions, prepared)


def _store(sessions: sessionmaker[Session], prepared: _Prepared) -> IngestResult:
    """One transaction: the document with its blocks, facts, targets and tasks, or nothing."""
    path, key, digest, stored, meta = prepared.path, prepared.key, prepared.digest, prepared.stored, prepared.meta
    with sessions.begin() as session:
        if unchanged := _unchanged(session, digest, path, key):
            return unchanged
        earlier = versions(session, key)
        if same := next((v for v in earlier if v.sha256 == digest), None):
            make_current(session, same)
            return IngestResult(path, "restored", key, message=f"phiên bản {same.version} trở lại là bản hiện hành")
        start, end = meta.period.as_strings()
        document = models.Document(
            doc_key=key,
            sha256=digest,
            filename=stored.name[:500],
            fmt=prepared.fmt,
            kind=meta.kind,
            symbol=meta.symbol,
            issuer=meta.issuer,
            issued=meta.issued,
            title=meta.title,
            province=lineage().unit_at(meta.province, meta.issued or meta.reference.day),  # "Bắc Ninh (cũ)"
            reference_date=meta.reference.day,
            reference_source=meta.reference.found_by,
            period_start=start,
            period_end=end,
            period_source=meta.period_found_by,
            time_doubt=meta.doubt,
            sureness=prepared.rows.sureness,
            pages=prepared.pages,
            text=prepared.text,
            ingested_at=datetime.now(),
        )
        add_version(session, document, prepared.rows.by_model)
        status = "new_version" if earlier else "added"
        if stored.audited_as:
            after = {"version": document.version, "sha256": digest, "filename": document.filename}
            record(session, stored.audited_as, f"document.{status}", f"document:{key}", None, after)
        rows = prepared.rows
        return IngestResult(
            path, status, key, rows.count(models.Fact), rows.count(models.Task), warnings=prepared.warnings
        )
