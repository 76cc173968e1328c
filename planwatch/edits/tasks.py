"""What people record of a task: a progress update (checked against the task, the calendar and the closed months)
and a report passage confirmed as speaking of it, each with its audit row where the trail keeps one."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.access.locks import refuse_if_locked
from planwatch.monitor.task_links import LinkSuggestion
from planwatch.store import models


class TaskError(ValueError):
    """An update that cannot be stored; the message says why, in Vietnamese."""


MAX_NOTE_CHARS = 10_000  # some pages of text: a report's progress paragraph is a few hundred characters


def record_update(
    session: Session,
    doc_key: str,
    ref: str,
    reported_on: date,
    done_on: date | None,
    note: str,
    evidence: str,
    author: str,
    today: date | None = None,
) -> models.TaskUpdate:
    """Store one progress update after checking it against the task, the calendar and the closed months (raises
    LockedPeriod), with its audit row in the caller's transaction."""
    today = today or date.today()
    refuse_if_locked(session, reported_on)
    if not author.strip():
        raise TaskError("thiếu tên người cập nhật (author)")
    if len(note) > MAX_NOTE_CHARS or len(evidence) > MAX_NOTE_CHARS or len(author) > 100:
        raise TaskError("ghi chú và minh chứng tối đa 10.000 ký tự mỗi thứ, tên người cập nhật 100 ký tự")
    if any("\x00" in text for text in (doc_key, ref, note, evidence, author)):
        raise TaskError("nội dung chứa ký tự NUL (\\x00), không hợp lệ")
    task = session.scalar(
        select(models.Task)
        .join(models.Document)
        .where(models.Document.doc_key == doc_key, models.Document.is_current.is_(True), models.Task.ref == ref)
    )
    if task is None:
        raise TaskError(f"không có nhiệm vụ {ref} trong văn bản {doc_key}")
    if reported_on > today:
        raise TaskError(f"ngày báo cáo {reported_on:%d/%m/%Y} ở tương lai")
    if done_on and done_on > reported_on:
        raise TaskError(f"ngày hoàn thành {done_on:%d/%m/%Y} sau ngày báo cáo {reported_on:%d/%m/%Y}")
    issued = task.document.issued
    if done_on and issued and done_on < issued:
        raise TaskError(f"ngày hoàn thành {done_on:%d/%m/%Y} trước ngày ban hành văn bản {issued:%d/%m/%Y}")
    update = models.TaskUpdate(
        doc_key=doc_key,
        ref=ref,
        reported_on=reported_on,
        done_on=done_on,
        note=note,
        evidence=evidence,
        author=author,
        at=datetime.now(),
    )
    session.add(update)
    after: dict[str, object] = {"reported_on": reported_on.isoformat(),
                                "done_on": done_on.isoformat() if done_on else None, "evidence": evidence}  # fmt: skip
    record(session, author, "task.update", f"task:{doc_key}/{ref}", None, after, note)
    return update


def confirm_link(session: Session, suggestion: LinkSuggestion, author: str) -> models.TaskLink:
    link = models.TaskLink(
        doc_key=suggestion.doc_key,
        ref=suggestion.ref,
        source_doc=suggestion.source_doc,
        char_start=suggestion.char_start,
        char_end=suggestion.char_end,
        score=suggestion.score,
        confirmed_by=author,
        at=datetime.now(),
    )
    session.add(link)
    return link
