"""The schema. Changing it means a new Alembic revision in migrations/versions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("doc_key", "version"),
        UniqueConstraint("doc_key", "sha256"),
        Index("ix_documents_symbol_issued", "symbol", "issued"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(200), index=True)
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    fmt: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str | None] = mapped_column(String(50))
    symbol: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(200))
    issued: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(String(7))
    period_end: Mapped[str | None] = mapped_column(String(7))
    pages: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, deferred=True)  # loaded when read: it is the largest column
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    reference_date: Mapped[date | None] = mapped_column(Date)  # the date the document speaks from
    reference_source: Mapped[str | None] = mapped_column(String(20))  # header, dateline, title, text, given
    period_source: Mapped[str | None] = mapped_column(String(20))  # title, lead, body, indicator, reference, given
    time_doubt: Mapped[str | None] = mapped_column(Text)  # why the year is uncertain (structure/doc_time.py)
    sureness: Mapped[float | None] = mapped_column(Float)  # share of figures with a stated period and a known label
    time_reviewed: Mapped[bool] = mapped_column(Boolean, default=False)  # a person confirmed or set the period

    blocks: Mapped[list[Block]] = relationship(back_populates="document", cascade="all, delete-orphan")
    facts: Mapped[list[Fact]] = relationship(back_populates="document", cascade="all, delete-orphan")
    targets: Mapped[list[Target]] = relationship(back_populates="document", cascade="all, delete-orphan")
    tasks: Mapped[list[Task]] = relationship(back_populates="document", cascade="all, delete-orphan")
    task_groups: Mapped[list[TaskGroup]] = relationship(back_populates="document", cascade="all, delete-orphan")
    passages: Mapped[list[Passage]] = relationship(back_populates="document", cascade="all, delete-orphan")
    page_images: Mapped[list[PageImage]] = relationship(back_populates="document", cascade="all, delete-orphan")


class PageImage(Base):
    """A page read by OCR, as the recogniser saw it (cleaned, turned straight; JPEG at half its resolution): the
    viewer shows it with the facts' boxes, the review list crops a figure out of it."""

    __tablename__ = "page_images"
    __table_args__ = (UniqueConstraint("document_id", "page"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    page: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    image: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    document: Mapped[Document] = relationship(back_populates="page_images")


class Block(Base):
    """A paragraph, table row or footnote: where it sits in the text, its page and section."""

    __tablename__ = "blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    footnote: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[Document] = relationship(back_populates="blocks")


class Fact(Base):
    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_code_measure", "indicator_code", "measure", "period_end"),
        Index("ix_facts_period_end", "period_end"),
        Index("ix_facts_document_code", "document_id", "indicator_code", "measure", "period_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    indicator: Mapped[str] = mapped_column(Text, index=True)
    indicator_code: Mapped[str | None] = mapped_column(String(50))
    parent: Mapped[str | None] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(String(30))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(50))
    base_value: Mapped[float] = mapped_column(Float)
    rank_of: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[str | None] = mapped_column(String(7))
    period_end: Mapped[str | None] = mapped_column(String(7))
    estimate: Mapped[bool] = mapped_column(Boolean, default=False)
    prior: Mapped[bool] = mapped_column(Boolean, default=False)
    planned: Mapped[bool] = mapped_column(Boolean, default=False)  # a plan's figure, not an actual
    elsewhere: Mapped[bool] = mapped_column(Boolean, default=False)  # of the country or another place, quoted
    scenario: Mapped[bool] = mapped_column(Boolean, default=False)  # a scenario's figure ("kịch bản"), not an actual
    modality: Mapped[str | None] = mapped_column(String(10))  # actual, estimate, planned, scenario (vocab/modality.py)
    section: Mapped[str] = mapped_column(Text, default="")
    footnote: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    # read by OCR (migration 0014): the box of its number on the page image (fractions x0, y0, x1, y1), the lowest
    # confidence of its digits, why it needs a person's check ("low_confidence,format", ...; None: it does not),
    # and that check: "pending", "confirmed" or "corrected" (then value_read holds what the machine read)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    ocr_box: Mapped[list[float] | None] = mapped_column(JSON)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    doubts: Mapped[str | None] = mapped_column(String(100))
    review: Mapped[str | None] = mapped_column(String(20), index=True)
    value_read: Mapped[float | None] = mapped_column(Float)

    document: Mapped[Document] = relationship(back_populates="facts")


class FactLabel(Base):
    """A label some fact carries, kept by a trigger on facts (migration 0011); labels are never removed, so a
    label of a deleted document stays and matches no current fact."""

    __tablename__ = "fact_labels"

    label: Mapped[str] = mapped_column(Text, primary_key=True)


class Target(Base):
    """A plan target, from a document (document_id set) or entered by hand (source "manual")."""

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20), default="document")
    indicator: Mapped[str] = mapped_column(Text)
    indicator_code: Mapped[str | None] = mapped_column(String(50), index=True)
    parent: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer, index=True)
    measure: Mapped[str] = mapped_column(String(30))
    comparator: Mapped[str] = mapped_column(String(10))
    value: Mapped[float | None] = mapped_column(Float)
    value_min: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(50))
    number: Mapped[str | None] = mapped_column(String(20))
    section: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer)
    char_start: Mapped[int | None] = mapped_column(Integer)
    char_end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    written: Mapped[str | None] = mapped_column(Text)  # the figure and its comparator as written: "từ 11% trở lên"
    stretch: Mapped[bool] = mapped_column(Boolean, default=False)  # "phấn đấu ... nếu ..."

    document: Mapped[Document | None] = relationship(back_populates="targets")


class TargetEdit(Base):
    """Who entered or corrected a target, when and why; `before`/`after` hold the changed fields."""

    __tablename__ = "target_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


class IndicatorAlias(Base):
    """A label a user mapped to a catalogue code; applied to existing and future facts and targets."""

    __tablename__ = "indicator_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(500), unique=True)
    code: Mapped[str] = mapped_column(String(50))
    author: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)


class AgencyAlias(Base):
    """An agency or spelling a user added to the registry."""

    __tablename__ = "agency_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(500), unique=True)
    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(30))


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(30))
    agencies: Mapped[list[str]] = mapped_column(JSON)
    agency_codes: Mapped[list[str | None]] = mapped_column(JSON)
    agencies_text: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    coordinating: Mapped[list[str]] = mapped_column(JSON)
    deadline: Mapped[date | None] = mapped_column(Date)
    implied_deadline: Mapped[date | None] = mapped_column(Date)
    recurring: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    subtasks: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text)
    group_title: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    item_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    item: Mapped[str] = mapped_column(Text, server_default="")  # the task and its sub-items, as its document says

    document: Mapped[Document] = relationship(back_populates="tasks")


class TaskGroup(Base):
    __tablename__ = "task_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(String(7))
    period_end: Mapped[str | None] = mapped_column(String(7))
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="task_groups")


class TaskUpdate(Base):
    """A progress report on a task. Keyed by document and ref, so that it outlives re-ingests; the status is
    never stored, it is computed from the deadline and `done_on`."""

    __tablename__ = "task_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(200), index=True)
    ref: Mapped[str] = mapped_column(String(30))
    reported_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)


class TaskLink(Base):
    """A passage of a later document that reports on a task: suggested by text match, confirmed by a user."""

    __tablename__ = "task_links"
    __table_args__ = (UniqueConstraint("doc_key", "ref", "source_doc", "char_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(200), index=True)
    ref: Mapped[str] = mapped_column(String(30))
    source_doc: Mapped[str] = mapped_column(String(200))
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    confirmed_by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)


class Passage(Base):
    """A searchable stretch of a document (a paragraph, table row or footnote), folded for search: lower case,
    no diacritics, the same length as the original so that hits can be highlighted in place. The full-text
    index over `folded` is the database's own (SQLite FTS5 table `passage_index`, PostgreSQL tsvector + GIN),
    made by migration 0003."""

    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    folded: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="passages")


class User(Base):
    """An account: a role, and for an agency account the agency (registry code) whose data it may write."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str | None] = mapped_column(String(50))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class LoginSession(Base):
    """A signed-in browser or script: the cookie holds a random token, the store only its hash; the CSRF token a
    cookie-authenticated write must echo."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """One change: who, when, what, the value before and after, why. Written in the transaction of the change;
    the database refuses to update or delete a row (triggers of migration 0006)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(300))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")


class SignInFailure(Base):
    """A failed sign-in under one of its keys (account@address, @address, account), for the limits every server
    process shares (access/throttle.py); rows older than the window are deleted as new ones come."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class PeriodLock(Base):
    """A month the Planning Department has closed: its entries, corrections and task updates are refused (409)
    until an admin unlocks it. Who locked and unlocked it, and why, is in the audit trail."""

    __tablename__ = "period_locks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)
    locked_by: Mapped[str] = mapped_column(String(100))
    locked_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


class IngestJob(Base):
    """An uploaded file waiting to be read, being read, or read: the queue of background ingest. The file's bytes
    stay here until a worker has stored or refused it, so a job survives a server restart."""

    __tablename__ = "ingest_jobs"
    __table_args__ = (Index("ix_ingest_jobs_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(500))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20))  # JobState
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))  # the ingest status: added, unchanged, rejected ...
    doc_key: Mapped[str | None] = mapped_column(String(200))
    facts: Mapped[int] = mapped_column(Integer, default=0)
    tasks: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # migration 0014: "read" for every upload, "ocr" once its scanned pages are to be read (by the OCR worker, so
    # that a long scan holds no other upload); pages read so far of how many, and when the last one was
    lane: Mapped[str] = mapped_column(String(10), default="read")
    pages_done: Mapped[int | None] = mapped_column(Integer)
    pages_total: Mapped[int | None] = mapped_column(Integer)
    progress_at: Mapped[datetime | None] = mapped_column(DateTime)


class StoredFinding(Base):
    """A consistency finding (monitor/checks.py), kept until a write touches its scope: the province whose
    documents it compares, "" for documents that name none, "*" for a store whose documents name no province."""

    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_scope_order", "scope", "severity_rank", "indicator", "period", "id"),
        Index("ix_findings_order", "severity_rank", "indicator", "period", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(20))
    severity_rank: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[dict[str, object]]] = mapped_column(JSON)


class UnclassifiedLabel(Base):
    """How many current facts and targets of a scope carry a label no indicator names (kept with the findings)."""

    __tablename__ = "unclassified_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(100), index=True)
    label: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer)


class CheckedScope(Base):
    """A scope whose findings are stored, and when they were computed."""

    __tablename__ = "checked_scopes"

    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    whole: Mapped[bool] = mapped_column(Boolean)  # computed over every document: a store of one province
    findings: Mapped[int] = mapped_column(Integer, default=0)  # how many, so that a view counts them at once
    at: Mapped[datetime] = mapped_column(DateTime)


class StaleScope(Base):
    """A write that changed what a scope's findings are computed from, marked in the writer's transaction (insert
    only, so concurrent writers never conflict); "*" for a change that touches every scope."""

    __tablename__ = "stale_scopes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime)
