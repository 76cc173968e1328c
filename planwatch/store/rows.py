"""Everything one document adds to the store, as plain rows: blocks, passages, facts, targets, tasks and
task groups. Rows are inserted in bulk (executemany), which is several times faster than ORM objects."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planwatch.extract.agencies import Registry
from planwatch.extract.catalogue import Catalogue
from planwatch.extract.facts import Fact, ReportContext, extract_facts
from planwatch.extract.indicator_tables import IndicatorTable
from planwatch.extract.targets import extract_targets, planned_facts
from planwatch.extract.tasks import Task, extract_tasks
from planwatch.extract.units import base_value
from planwatch.read.model import PlainText
from planwatch.store import models
from planwatch.structure.metadata import DocumentMeta
from planwatch.structure.flat_tables import flat_tables
from planwatch.structure.sections import OutlineBlock, SectionTracker, outline
from planwatch.structure.tables import is_table_row, table_cells
from planwatch.text.fold import fold_keep_length

Row = dict[str, Any]
PLANNING_KINDS = ("kế hoạch", "nghị quyết", "quyết định", "chương trình")


@dataclass(frozen=True)
class Coder:
    """Catalogue codes for labels, after the labels users mapped by hand."""

    catalogue: Catalogue
    user_aliases: dict[str, str]

    def __call__(self, label: str, parent: str | None = None) -> str | None:
        """A breakdown part is coded by its own name ("Thu nội địa"), not its parent's ("Tổng thu NSNN ...")."""
        if parent and label.startswith(parent) and len(label) > len(parent):
            label = label[len(parent) :]
        return self.catalogue.code_for(label, self.user_aliases)


@dataclass
class DocumentRows:
    by_model: dict[type[models.Base], list[Row]] = field(default_factory=dict)

    def add(self, model: type[models.Base], row: Row) -> None:
        self.by_model.setdefault(model, []).append(row)

    def count(self, model: type[models.Base]) -> int:
        return len(self.by_model.get(model, []))


def document_rows(plain: PlainText, meta: DocumentMeta, codes: Coder, registry: Registry) -> DocumentRows:
    rows = DocumentRows()
    blocks = outline(plain)
    by_block = _blocks_and_facts(plain, meta, codes, rows)
    planned = {f.start for b in blocks for f in planned_facts(b, by_block.get(b.start, []))}
    for fact in rows.by_model.get(models.Fact, []):
        fact["planned"] = (
            (fact["char_start"] in planned and fact["footnote"] is None) or fact["planned"] or _plans_ahead(meta, fact)
        )
    _targets(blocks, by_block, meta, plain, codes, rows)
    _tasks(blocks, plain, meta, registry, rows)
    return rows


def _blocks_and_facts(plain: PlainText, meta: DocumentMeta, codes: Coder, rows: DocumentRows) -> dict[int, list[Fact]]:
    """Blocks, passages and facts of every span; returns each body block's facts by its start."""
    context = meta.context()
    flat = _flat_table_rows(plain, context)
    tracker = SectionTracker()
    sections: dict[int, str] = {}  # footnote number → section of its marker
    by_block: dict[int, list[Fact]] = {}
    table: IndicatorTable | None = None
    prose: list[tuple[Fact, Row]] = []
    tabled: list[tuple[Fact, Row]] = []
    for span in plain.spans:
        text = plain.text[span.start : span.end]
        section = tracker.path_for(text) if span.kind != "footnote" else sections.get(span.note or -1, "")
        for pos, note in plain.markers:
            if span.start <= pos <= span.end and span.kind != "footnote":
                sections[note] = section
        rows.add(
            models.Block,
            {
                "kind": span.kind,
                "char_start": span.start,
                "char_end": span.end,
                "page": span.page,
                "footnote": span.note,
                "section": section,
            },
        )
        rows.add(
            models.Passage,
            {"char_start": span.start, "char_end": span.end, "page": span.page, "folded": fold_keep_length(text)},
        )
        cells = table_cells(text, span.start) if is_table_row(span.kind, text) else []
        header = IndicatorTable.from_header([c for _, c in cells], context) if cells else None
        table = header or (table if cells else None)
        if span.start in flat:
            found = flat[span.start]
        elif header:
            found = []
        elif table:
            found = table.facts(cells)
        else:
            found = extract_facts(text, context, span.start)
        if span.kind != "footnote":
            by_block[span.start] = found
        footnote = span.note if span.kind == "footnote" else None
        (tabled if cells or span.start in flat else prose).extend(
            (fact, _fact_row(fact, plain, section, footnote, span.page, codes)) for fact in found
        )
    for fact, row in prose + restated_dropped(prose, tabled):
        rows.add(models.Fact, row)
    return by_block


def restated_dropped(prose: list[tuple[Fact, Row]], tabled: list[tuple[Fact, Row]]) -> list[tuple[Fact, Row]]:
    """Table cells less those that restate a figure of the text (a budget table in triệu đồng repeating the
    narrative's tỷ đồng): the same measure, value in base units and period is one fact, quoted from the text."""

    def key(row: Row) -> tuple[object, ...]:
        return (row["measure"], round(row["base_value"], 3), row["period_start"], row["period_end"])

    stated = {key(row) for _, row in prose}
    return [(fact, row) for fact, row in tabled if key(row) not in stated]


def _flat_table_rows(plain: PlainText, context: ReportContext) -> dict[int, list[Fact]]:
    """The facts of tables flattened one cell a line, by the start of each line they cover."""
    lines = [(s.start, plain.text[s.start : s.end]) for s in plain.spans if s.kind == "paragraph"]
    by_line: dict[int, list[Fact]] = {}
    for flat in flat_tables(lines):
        table = IndicatorTable.from_header([text for _, text in flat.header], context, flat.title, flat.unit)
        by_line.update(dict.fromkeys(flat.lines, []))
        if table:
            for row in flat.rows:
                by_line[row[0][0]] = table.facts(row)
    return by_line


def _fact_row(fact: Fact, plain: PlainText, section: str, footnote: int | None, page: int | None, codes: Coder) -> Row:
    start, end = fact.period.as_strings()
    return {
        "indicator": fact.indicator,
        "indicator_code": codes(fact.indicator, fact.parent),
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
        "planned": "plan" in fact.tags,  # a plan column's figure
        "section": section,
        "footnote": footnote,
        "page": page,
        "char_start": fact.start,
        "char_end": fact.end,
        "quote": plain.text[fact.start : fact.end],
    }


def _plans_ahead(meta: DocumentMeta, fact: Row) -> bool:
    """A plan's or resolution's figure for its own period (or later) is what is planned, not what happened."""
    start, _ = meta.period.as_strings()
    if meta.kind not in PLANNING_KINDS or not start:
        return False
    return fact["period_end"] is None or fact["period_end"] >= start


def _targets(
    blocks: list[OutlineBlock],
    by_block: dict[int, list[Fact]],
    meta: DocumentMeta,
    plain: PlainText,
    codes: Coder,
    rows: DocumentRows,
) -> None:
    year = meta.context().year
    for block in blocks:
        for draft in extract_targets(block, by_block.get(block.start, []), year):
            rows.add(
                models.Target,
                {
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
                    "section": " > ".join(h.label for h in block.trail),
                    "page": block.page,
                    "char_start": draft.start,
                    "char_end": draft.end,
                    "quote": plain.text[draft.start : draft.end],
                    "active": True,
                },
            )


def _tasks(
    blocks: list[OutlineBlock], plain: PlainText, meta: DocumentMeta, registry: Registry, rows: DocumentRows
) -> None:
    tasks, groups = extract_tasks(blocks, registry, meta.period)
    plan_end = meta.period.end
    implied = date(plan_end.year, plan_end.month, monthrange(plan_end.year, plan_end.month)[1]) if plan_end else None
    for task in tasks:
        rows.add(models.Task, _task_row(task, plain, registry, implied))
    for group in groups:
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
        "recurring": [{"every": d.every, "day": d.day, "text": d.describe()} for d in task.recurring],
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
    }
