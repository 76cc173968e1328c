"""The export contract of ../shared/spec/EXPORT.md: JSON Lines, NFC, one object a line."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.extract.tasks import printed_ref
from planwatch.monitor.tasks import EXPORT_STATUS, STATUS_VI, TaskView, task_views
from planwatch.store import models
from planwatch.store.current import of_current_documents


def fact_records(session: Session, doc: str | None = None) -> Iterator[dict[str, Any]]:
    provinces = {
        key: province for key, province in session.execute(select(models.Document.doc_key, models.Document.province))
    }
    # a document's actual figures before the plans it quotes beside them (a table's "Kế hoạch" column)
    in_order = of_current_documents(models.Fact, doc).order_by(None)
    in_order = in_order.order_by(models.Document.doc_key, models.Fact.planned, models.Fact.char_start, models.Fact.id)
    for fact, doc_key in session.execute(in_order):
        yield {
            "doc": doc_key,
            "province": provinces.get(doc_key),
            "indicator": fact.indicator,
            "indicator_code": fact.indicator_code,
            "measure": fact.measure,
            "value": fact.value,
            "unit": fact.unit,
            "period_start": fact.period_start,
            "period_end": fact.period_end,
            "quote": fact.quote,
            "page": fact.page,
            "char_start": fact.char_start,
            "char_end": fact.char_end,
            "base_value": fact.base_value,
            "estimate": fact.estimate,
            "modality": modality(fact),
            "rank_of": fact.rank_of,
            "parent": fact.parent,
            "section": fact.section,
            "footnote": fact.footnote,
            "tags": [
                t
                for t, on in (
                    ("prior", fact.prior),
                    ("footnote", fact.footnote),
                    ("planned", fact.planned),
                    ("scenario", fact.scenario),
                    ("elsewhere", fact.elsewhere),
                )
                if on
            ],
            **_ocr_fields(fact),
        }


def _ocr_fields(fact: models.Fact) -> dict[str, Any]:
    """For a fact read by OCR: its box, the confidence of its digits, why it is doubted and its review."""
    if not fact.ocr:
        return {}
    doubts = fact.doubts.split(",") if fact.doubts else []
    return {"ocr": {"box": fact.ocr_box, "confidence": fact.ocr_confidence, "doubts": doubts, "review": fact.review,
                    "value_read": fact.value_read}}  # fmt: skip


def modality(fact: models.Fact) -> str:
    """What a figure is (EXPORT.md): a scenario's ("kịch bản"), a plan's, target's or budget estimate's (planned),
    an estimate ("ước"), or what happened (actual)."""
    if fact.modality:
        return fact.modality
    if fact.scenario:
        return "scenario"
    if fact.planned:
        return "planned"
    return "estimate" if fact.estimate else "actual"


def target_records(session: Session, doc: str | None = None) -> Iterator[dict[str, Any]]:
    query = (
        select(models.Target, models.Document.doc_key)
        .outerjoin(models.Document)
        .where(models.Target.active.is_(True))
        .where((models.Document.is_current.is_(True)) | (models.Target.document_id.is_(None)))
        .order_by(models.Document.doc_key, models.Target.char_start, models.Target.id)
    )
    if doc:
        query = query.where(models.Document.doc_key == doc)
    for target, doc_key in session.execute(query):
        yield {
            "doc": doc_key or "manual",
            "indicator": target.indicator,
            "indicator_code": target.indicator_code,
            "year": target.year,
            "measure": target.measure,
            "value": target.value,
            "value_min": target.value_min,
            "value_max": target.value_max,
            "unit": target.unit,
            "comparator": target.comparator,
            "quote": target.quote,
            "char_start": target.char_start,
            "char_end": target.char_end,
            "page": target.page,
            "number": target.number,
            "parent": target.parent,
            "section": target.section,
            "source": target.source,
            "written": target.written,
            "stretch": target.stretch,
        }


def task_records(session: Session, doc: str | None = None, as_of: date | None = None) -> Iterator[dict[str, Any]]:
    for view in task_views(session, as_of or date.today(), doc=doc):
        yield task_record(view)


def task_record(view: TaskView) -> dict[str, Any]:
    """A task with its status, as the export contract writes it."""
    task = view.task
    return {
        "doc": view.doc_key,
        "ref": printed_ref(task.ref),  # "#2": the 2nd unnumbered task, no printed ref; "IV.1~2": the 2nd under IV.1
        "key": task.ref,
        "agencies": task.agencies,
        "agency_codes": task.agency_codes,
        "agencies_text": task.agencies_text,
        "role": task.role,
        "coordinating": task.coordinating,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "implied_deadline": task.implied_deadline.isoformat() if task.implied_deadline else None,
        "recurring": task.recurring,
        "subtasks": task.subtasks,
        "summary": task.summary,
        "group": task.group_title,
        "quote": task.quote,
        "char_start": task.char_start,
        "char_end": task.char_end,
        "page": task.page,
        "status": EXPORT_STATUS[view.status],
        "status_detail": view.status,
        "status_vi": STATUS_VI[view.status],
    }


def to_jsonl(record: dict[str, Any]) -> str:
    return unicodedata.normalize("NFC", json.dumps(record, ensure_ascii=False))
