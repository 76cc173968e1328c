"""A person corrects what was read of a document (title, number, date, issuer, province, the period it reports):
checked, stored on the current version, audited with the values before and after and the reason; a new period
reads its figures again for it (monitor/redate.py), and setting or confirming the period takes the document off
the review list (monitor/review.py). Or deletes it, with all that depends on it, after seeing what that is."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.edits.plans import PlanEditError
from planwatch.edits.redate import redate_facts
from planwatch.store import models
from planwatch.store.documents import current_version
from planwatch.store.freshness import mark_stale, scope_of
from planwatch.vocab.dates import DateError, parse_date

EDITABLE = ("title", "symbol", "issued", "issuer", "province", "period_start", "period_end")
PERIOD = ("period_start", "period_end")
CONFIRM_PERIOD = "confirm_period"  # a form's field: the period as read is right
_MONTH = re.compile(r"^(19|20)\d{2}-(0[1-9]|1[0-2])$")


def correct_document(session: Session, doc_key: str, changes: Mapping[str, str], by: str, reason: str) -> int:
    """Apply the changed fields (empty text clears one); returns how many changed."""
    document = current_version(session, doc_key)
    if document is None:
        raise PlanEditError(f"không có văn bản “{doc_key}”")
    if not reason.strip():
        raise PlanEditError("sửa thông tin văn bản cần lý do")
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    for field, text in changes.items():
        if field not in EDITABLE:
            continue
        value = _value(field, text.strip())
        if value != getattr(document, field):
            before[field], after[field] = str(getattr(document, field) or ""), str(value or "")
            setattr(document, field, value)
    if document.period_start and document.period_end and document.period_start > document.period_end:
        raise PlanEditError("kỳ báo cáo: tháng đầu sau tháng cuối")
    if any(field in after for field in PERIOD) and document.period_end:
        after["facts"] = str(redate_facts(session, document))
    if (any(field in after for field in PERIOD) or changes.get(CONFIRM_PERIOD)) and not document.time_reviewed:
        document.time_reviewed = True
        before["time_reviewed"], after["time_reviewed"] = "false", "true"
    if after:
        record(session, by, "document.correct", f"document:{doc_key}", before, after, reason)
    return len(after)


def _value(field: str, text: str) -> object:
    if not text:
        return None
    if field == "issued":
        try:
            return parse_date(text)
        except DateError as error:
            raise PlanEditError(str(error)) from error
    if field in ("period_start", "period_end") and not _MONTH.match(text):
        raise PlanEditError(f"kỳ “{text}” không đúng dạng YYYY-MM")
    if "\x00" in text or len(text) > 500:
        raise PlanEditError("nội dung không hợp lệ")
    return text


@dataclass(frozen=True)
class Dependents:
    """What goes with a document when it is deleted: every version, what was read of them, and the updates and
    report passages people attached to its tasks."""

    versions: int
    facts: int
    targets: int
    tasks: int
    task_updates: int
    task_links: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def dependents(session: Session, doc_key: str) -> Dependents:
    ids = select(models.Document.id).where(models.Document.doc_key == doc_key).scalar_subquery()

    def count(model: type[models.Fact | models.Target | models.Task]) -> int:
        return session.scalar(select(func.count()).select_from(model).where(model.document_id.in_(ids))) or 0

    linked = or_(models.TaskLink.doc_key == doc_key, models.TaskLink.source_doc == doc_key)
    return Dependents(
        versions=session.scalar(select(func.count()).where(models.Document.doc_key == doc_key)) or 0,
        facts=count(models.Fact),
        targets=count(models.Target),
        tasks=count(models.Task),
        task_updates=session.scalar(select(func.count()).where(models.TaskUpdate.doc_key == doc_key)) or 0,
        task_links=session.scalar(select(func.count()).where(linked)) or 0,
    )


def delete_document(session: Session, doc_key: str, by: str, reason: str) -> Dependents:
    """Every version of the document and all that depends on it, in the caller's transaction, with its audit row
    (which keeps the counts and the file names)."""
    gone = dependents(session, doc_key)
    if not gone.versions:
        raise PlanEditError(f"không có văn bản “{doc_key}”")
    if not reason.strip():
        raise PlanEditError("xoá văn bản cần lý do")
    files = session.scalars(select(models.Document.filename).where(models.Document.doc_key == doc_key)).all()
    provinces = session.scalars(select(models.Document.province).where(models.Document.doc_key == doc_key))
    mark_stale(session, {scope_of(p) for p in provinces})  # the bulk delete below passes no flush
    session.execute(delete(models.TaskUpdate).where(models.TaskUpdate.doc_key == doc_key))
    session.execute(
        delete(models.TaskLink).where(or_(models.TaskLink.doc_key == doc_key, models.TaskLink.source_doc == doc_key))
    )
    session.execute(delete(models.Document).where(models.Document.doc_key == doc_key))
    record(session, by, "document.delete", f"document:{doc_key}", {**gone.as_dict(), "files": list(files)}, None,
           reason)  # fmt: skip
    return gone
