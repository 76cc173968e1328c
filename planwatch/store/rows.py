"""Everything one document adds to the store, as plain rows: blocks, passages, facts, targets, tasks and
task groups, mapped from what extraction found (extract/document.py). Rows are inserted in bulk
(executemany), which is several times faster than ORM objects."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from planwatch.extract.agencies import Registry
from planwatch.extract.document import Extraction, FactFound, TargetFound
from planwatch.extract.tasks import Task
from planwatch.read.model import PlainText
from planwatch.store import models
from planwatch.text.fold import fold, fold_keep_length
from planwatch.vocab.catalogue import Catalogue
from planwatch.vocab.units import base_value, same_kind

Row = dict[str, Any]
# How far something moved, not its level: "Mức giảm tỷ lệ hộ nghèo", "giảm tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo giảm từ",
# "Số xã đạt chuẩn nông thôn mới tăng thêm" ("Tăng trưởng ...", "Giá trị gia tăng", "Tốc độ tăng" are not moves)
_MOVE = re.compile(
    r"^(?:mức\s+)?(?:tăng|giảm)\s+(?!trưởng)|(?<!gia\s)(?<!độ\s)\b(?:tăng|giảm)(?:\s+(?:từ|thêm))?$", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def _closest(catalogue: Catalogue, label: str) -> str | None:
    return catalogue.closest(label)


@dataclass(frozen=True)
class Coder:
    """Catalogue codes for labels, after the labels users mapped by hand."""

    catalogue: Catalogue
    user_aliases: dict[str, str]

    def __call__(self, label: str, parent: str | None = None) -> str | None:
        """A breakdown part is coded by its own name ("Thu nội địa"), not its parent's ("Tổng thu NSNN ..."); how
        far a rate moved ("Mức giảm tỷ lệ hộ nghèo") is not the rate."""
        if parent and label.startswith(parent) and len(label) > len(parent):
            label = label[len(parent) :]
        if _MOVE.match(label):
            return None
        return self.catalogue.code_for(label, self.user_aliases)

    def known(self, label: str, code: str | None) -> bool:
        """The label names an indicator of the catalogue, or is most alike one (a suggestion /chi-tieu offers)."""
        return code is not None or _closest(self.catalogue, label) is not None


@dataclass
class DocumentRows:
    by_model: dict[type[models.Base], list[Row]] = field(default_factory=dict)
    sureness: float | None = None  # share of the figures with a stated period and a label the catalogue knows

    def add(self, model: type[models.Base], row: Row) -> None:
        self.by_model.setdefault(model, []).append(row)

    def count(self, model: type[models.Base]) -> int:
        return len(self.by_model.get(model, []))


def document_rows(plain: PlainText, found: Extraction, codes: Coder, registry: Registry) -> DocumentRows:
    rows = DocumentRows()
    for block in found.blocks:
        span = block.span
        rows.add(
            models.Block,
            {
                "kind": span.kind,
                "char_start": span.start,
                "char_end": span.end,
                "page": span.page,
                "footnote": span.note,
                "section": block.section,
            },
        )
        folded = fold_keep_length(plain.text[span.start : span.end])
        rows.add(models.Passage, {"char_start": span.start, "char_end": span.end, "page": span.page, "folded": folded})
    for fact in found.facts:
        rows.add(models.Fact, _fact_row(fact, plain, codes))
    fact_rows = rows.by_model.get(models.Fact, [])
    rows.sureness = sureness(found.facts, [codes.known(row["indicator"], row["indicator_code"]) for row in fact_rows])
    for target in found.targets:
        rows.add(models.Target, _target_row(target, plain, codes))
    plan_end = found.meta.period.end
    implied = date(plan_end.year, plan_end.month, monthrange(plan_end.year, plan_end.month)[1]) if plan_end else None
    for task in found.tasks:
        rows.add(models.Task, _task_row(task, plain, registry, implied))
    for group in found.groups:
        start, end = group.period.as_strings()
        rows.add(
            models.TaskGroup,
            {
                "number": group.number,
                "title": group.title,
                "period_start": start,
                "period_end": end,
                "char_start": group.start,
                "char_end": group.end,
            },
        )
    return rows


def sureness(facts: list[FactFound], known: list[bool]) -> float | None:
    """How sure a document's reading is: the share of its figures whose period the text states (not the document's
    window taken for them) and whose label the catalogue knows; None without figures."""
    if not facts:
        return None
    sure = sum(1 for found, named in zip(facts, known, strict=True) if found.period_stated and named)
    return round(sure / len(facts), 3)


# Where the words that say what a counted noun is end: the clause's end, or a comma before another count
_CLAUSE_END = re.compile(r"[;.\n]|,\s*\d")


def _fact_code(fact: FactFound, plain: PlainText, codes: Coder) -> str | None:
    """The figure's code; a label that is only what the number counts ("có 992 DN và 86 chi nhánh ... được thành
    lập mới") is named by the rest of its clause."""
    label = fact.fact.indicator
    code = codes(label, fact.fact.parent)
    if code is None and fact.fact.unit and fold(label) == fold(fact.fact.unit):
        rest = plain.text[fact.fact.end : fact.fact.end + 300]
        named = codes(f"{label} {rest[: m.start() if (m := _CLAUSE_END.search(rest)) else len(rest)]}")
        indicator = codes.catalogue.indicators.get(named or "")
        code = named if indicator and same_kind(indicator.unit, fact.fact.unit) else None
    return code


def _fact_row(found: FactFound, plain: PlainText, codes: Coder) -> Row:
    fact = found.fact
    start, end = fact.period.as_strings()
    return {
        "indicator": fact.indicator,
        "indicator_code": _fact_code(found, plain, codes),
        "parent": fact.parent,
        "measure": fact.measure,
        "value": fact.value,
        "unit": fact.unit,
        "base_value": base_value(fact.value, fact.unit) if fact.measure == "value" else fact.value,
        "rank_of": fact.rank_of,
        "period_start": start,
        "period_end": end,
        "estimate": fact.estimate,
        "prior": "prior" in fact.tags,
        "planned": found.planned,
        "elsewhere": "elsewhere" in fact.tags,
        "scenario": "scenario" in fact.tags,
        "modality": found.modality.value,
        "section": found.section,
        "footnote": found.footnote,
        "page": found.page,
        "char_start": fact.start,
        "char_end": fact.end,
        "quote": plain.text[fact.start : fact.end],
    }


def _target_row(found: TargetFound, plain: PlainText, codes: Coder) -> Row:
    draft = found.draft
    return {
        "source": "document",
        "indicator": draft.indicator,
        "indicator_code": codes(draft.indicator, draft.parent),
        "parent": draft.parent,
        "year": draft.year,
        "measure": draft.measure,
        "comparator": draft.comparator,
        "value": draft.value,
        "value_min": draft.value_min,
        "value_max": draft.value_max,
        "unit": draft.unit,
        "number": draft.number,
        "section": found.section,
        "page": found.page,
        "char_start": draft.start,
        "char_end": draft.end,
        "quote": plain.text[draft.start : draft.end],
        "active": True,
        "written": " ".join(plain.text[draft.written[0] : draft.written[1]].split()) if draft.written else None,
        "stretch": draft.stretch,
    }


def _task_row(task: Task, plain: PlainText, registry: Registry, implied: date | None) -> Row:
    codes = [agency.code if (agency := registry.normalise(name)) else None for name in task.agencies]
    return {
        "ref": task.ref,
        "agencies": task.agencies,
        "agency_codes": codes,
        "agencies_text": task.agencies_text,
        "role": task.role,
        "coordinating": task.coordinating,
        "deadline": task.deadline,
        "implied_deadline": None if task.deadline else implied,
        "recurring": [
            {
                "every": d.every,
                "day": d.day,
                "text": d.describe(),
                "first": d.first.isoformat() if d.first else None,
                "occurrences": [day.isoformat() for day in d.occurrences(d.first)] if d.first else [],
            }
            for d in task.recurring
        ],
        "subtasks": [
            {
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "deadline": s.deadline.describe(),
                "due": s.deadline.due.isoformat() if s.deadline.due else None,
            }
            for s in task.subtasks
        ],
        "summary": task.summary,
        "group_title": task.group,
        "page": plain.page_at(task.start),
        "char_start": task.start,
        "char_end": task.end,
        "item_end": task.item_end,
        "quote": plain.text[task.start : task.end],
        "item": plain.text[task.start : task.item_end or task.end],
    }
