"""Extraction of one document in one call: metadata, the blocks with their sections, facts, targets, tasks
and task groups, and warnings where a part could not be read. The store only maps the result to rows.

Everything is read from the reading form of the text (read/normalise.py), whose offsets are those of the
stored text, so every quote is cut from what the document says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from planwatch.extract import grammar
from planwatch.extract.agencies import Registry
from planwatch.extract.facts import Fact, extract_facts
from planwatch.extract.indicator_tables import read_table
from planwatch.extract.modality import (
    PLANNING_KINDS,
    Reading,
    clause_after,
    counts_itself,
    figure_modality,
    sentence_before,
)
from planwatch.extract.noted_targets import noted_targets
from planwatch.extract.table_columns import Dating
from planwatch.extract.table_targets import table_targets
from planwatch.extract.target_labels import listed_label
from planwatch.extract.target_sections import in_target_section, results_until
from planwatch.extract.targets import (
    TargetDraft,
    extract_targets,
    mark_stretch,
    number_at,
    restates,
    same_target,
)
from planwatch.extract.tasks import Task, TaskGroup, extract_tasks
from planwatch.limits import check_time
from planwatch.read.model import PlainText, Span
from planwatch.structure.doc_time import doubt_words, quarter_to_date
from planwatch.structure.flat_tables import flat_tables
from planwatch.structure.grid_tables import grid_tables
from planwatch.structure.metadata import DocumentMeta, read_metadata
from planwatch.structure.sections import OutlineBlock, SectionTracker, outline
from planwatch.structure.tables import is_table_row
from planwatch.text.fold import fold
from planwatch.vocab.catalogue import Catalogue, default_catalogue
from planwatch.vocab.measures import Measure
from planwatch.vocab.modality import Modality
from planwatch.vocab.periods import Month, Period, ReportContext, months_to_date
from planwatch.vocab.units import base_value

STATED_WINDOWS = ("title", "lead", "given")  # a document window the text states (or a person gave), not inferred


@dataclass(frozen=True)
class BlockFound:
    span: Span
    section: str  # the heading trail ("I. KINH TẾ > 1. Nông nghiệp"); a footnote takes its marker's


@dataclass(frozen=True)
class FactFound:
    fact: Fact
    section: str
    footnote: int | None
    page: int | None
    modality: Modality  # what happened, an estimate, what is planned or a scenario's (extract/modality.py)
    period_stated: bool = True  # its period is named by the text (its paragraph, a table's column, the title)

    @property
    def planned(self) -> bool:
        """A plan's own figure, a figure of a target section or a scenario's: never an actual."""
        return self.modality.ahead


@dataclass(frozen=True)
class TargetFound:
    draft: TargetDraft
    section: str
    page: int | None


@dataclass
class Extraction:
    meta: DocumentMeta
    blocks: list[BlockFound] = field(default_factory=list)
    facts: list[FactFound] = field(default_factory=list)
    targets: list[TargetFound] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    groups: list[TaskGroup] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_document(
    plain: PlainText,
    registry: Registry,
    given: date | None = None,
    province: str | None = None,
    period: Period | None = None,
) -> Extraction:
    """Everything PlanWatch reads in one document; `given` is the reference date, `province` the province and
    `period` the months a person stated for it (else all are read from the text)."""
    meta = read_metadata(plain.reading, given, province, period)
    result = Extraction(meta)
    if meta.reference.day is None:
        result.warnings.append("không xác định được năm của văn bản: số liệu không có kỳ (no reference date)")
    elif meta.doubt:
        result.warnings.append(f"năm của văn bản chưa chắc chắn: {doubt_words(meta.doubt)} (the year is in doubt)")
    blocks = outline(plain)
    catalogue = default_catalogue()
    by_block = _facts(plain, meta, result)
    reading = Reading.of(meta, plain.reading)
    modalities = _modalities(blocks, by_block, reading)
    body = [f for facts in by_block.values() for f in facts]
    reading = reading.after_results([f for f in body if modalities.get(id(f)) == Modality.ESTIMATE])
    undated = meta.reference.day is None
    read = [_read_as(found, modalities, meta, reading, catalogue) for found in result.facts]
    result.facts = [replace(found, fact=_unguessed(found.fact, plain.reading, undated)) for found in read]
    result.tasks, result.groups = extract_tasks(blocks, registry, meta.period, meta.reference.day, meta.kind)
    tasked = [(task.start, max(task.end, task.item_end)) for task in result.tasks]
    tasked += [(group.start, group.end) for group in result.groups]
    year = reading.plan_end.year if reading.plan_end else meta.context().year
    for block in blocks:
        whole = in_target_section(block.trail)
        planned = [f for f in by_block.get(block.start, []) if modalities.get(id(f)) == Modality.PLANNED]
        set_here = [
            replace(f, period=reading.period_of(f)) for f in planned if whole or _set_here(block, f, reading, tasked)
        ]
        for draft in extract_targets(block, set_here, year):
            result.targets.append(TargetFound(draft, " > ".join(h.label for h in block.trail), block.page))
    result.targets = _said_once(_restated_in_body(result.targets, _lead_end(plain), _subheads(plain, reading)))
    notes: dict[int, list[Fact]] = {}
    for noted in result.facts:
        if noted.footnote is not None:
            notes.setdefault(noted.footnote, []).append(noted.fact)
    stated = [target.draft for target in result.targets]
    result.targets += [TargetFound(d, "", plain.page_at(d.start)) for d in noted_targets(plain, notes, stated)]
    stretched = mark_stretch([found.draft for found in result.targets], plain.reading)
    result.targets = [replace(found, draft=draft) for found, draft in zip(result.targets, stretched, strict=True)]
    in_tables = [found.fact for found in result.facts if found.planned and "table" in found.fact.tags]
    results = [
        f.fact for f in result.facts if not f.planned and "table" in f.fact.tags and f.fact.measure == Measure.VALUE
    ]
    result.targets.extend(
        TargetFound(draft, "", plain.page_at(draft.start)) for draft in table_targets(in_tables, year, results)
    )
    return result


def _facts(plain: PlainText, meta: DocumentMeta, result: Extraction) -> dict[int, list[Fact]]:
    """Blocks and facts of every span into `result`; returns each body block's facts by its start (a table's
    rows are read as a table, apart)."""
    context = meta.context()
    tables = _table_facts(plain, meta)
    tracker = SectionTracker()
    sections: dict[int, str] = {}  # footnote number → section of its marker
    by_block: dict[int, list[Fact]] = {}
    prose: list[FactFound] = []
    tabled: list[FactFound] = []
    notes_in = plain.notes_by_span()
    previous: list[Fact] = []  # the facts of the paragraph before: one opening "Trong đó" breaks its figure down
    for span in plain.spans:
        check_time()
        text = plain.reading[span.start : span.end]
        section = tracker.path_for(text) if span.kind != "footnote" else sections.get(span.note or -1, "")
        if span.kind != "footnote":
            sections.update((note, section) for note in notes_in.get(span.start, []))
        result.blocks.append(BlockFound(span, section))
        footnote = span.note if span.kind == "footnote" else None
        if span.start in tables:
            tabled.extend(
                FactFound(fact, section, None, span.page, _table_modality(fact), True) for fact in tables[span.start]
            )
            continue
        if span.kind == "footnote":
            found = extract_facts(text, _context_of_note(context, span.note, plain, prose), span.start)
        else:
            found = extract_facts(text, context, span.start, previous)
            by_block[span.start] = previous = found
        prose.extend(
            FactFound(fact, section, footnote, span.page, _stated(fact), bool(footnote) or fact.period_stated)
            for fact in found
        )
    prose = _headline_dropped(prose, _head_end(plain))
    result.facts = _repeated_dropped(prose, by_block) + restated_dropped(prose, tabled)
    kept = {id(found.fact) for found in prose}  # the blocks keep a restated figure: a target may be quoted from it
    return {start: [f for f in facts if id(f) in kept] for start, facts in by_block.items()}


_BODY_LINE = 200  # a paragraph this long, or a sentence ending in a full stop, starts the body
_HEAD_SPANS = 10


def _head_end(plain: PlainText) -> int:
    """Where the head of the document (issuer, headline, dateline, title) ends: the first paragraph that reads
    as running text."""
    for span in plain.spans[:_HEAD_SPANS]:
        text = plain.text[span.start : span.end].rstrip()
        if span.kind != "paragraph" or len(text) >= _BODY_LINE or (text.endswith(".") and len(text) > 60):
            return span.start
    return 0


def _lead_end(plain: PlainText) -> int:
    """Where the lead of a news item (its first paragraph of running text) ends."""
    start = _head_end(plain)
    return next((span.end for span in plain.spans if span.start == start), start)


def _restated_in_body(targets: list[TargetFound], lead_end: int, subheads: list[tuple[int, int]]) -> list[TargetFound]:
    """The targets of the head and lead, and of a news item's subheadings ("GDP tăng trưởng từ 10% trở lên" above
    the paragraph that sets it), less those the text after them states again: one target, quoted from the text."""

    def restated(found: TargetFound) -> bool:
        at = found.draft.start
        after = next((b for a, b in subheads if a <= at < b), lead_end if at < lead_end else None)
        return after is not None and any(
            o.draft.start >= after and same_target(found.draft, o.draft) and not restates(o.draft, found.draft)
            for o in targets
        )  # not by a quote that only points back at it ("Mức tăng trưởng 9,6% ...")

    return [found for found in targets if not restated(found)]


# an item of a list ("- Tỷ lệ trạm y tế có bác sĩ: 90%", "(3) ...", "a) ..."), or a label and its value after a colon
_LIST_LINE = re.compile(r"^(?:[-+•*–]|\(?\w{1,3}[.)]|\d)")


def _said_once(targets: list[TargetFound]) -> list[TargetFound]:
    """A target said again in the same words ("mục tiêu tăng trưởng 2 con số" in the title, the lead and a quote), or
    in fewer ("Mức tăng trưởng 10,2% là ..."), is one target: the first, named by its longest label."""
    seen: set[tuple[object, ...]] = set()
    kept: list[TargetFound] = []
    for found in targets:
        d = found.draft
        key = (fold(d.indicator), d.measure, d.value, d.value_min, d.value_max, d.comparator, d.unit, d.year, d.stretch)
        said = next((i for i, k in enumerate(kept) if _restated(d, k.draft)), None)
        if said is not None and restates(kept[said].draft, d):
            kept[said] = replace(kept[said], draft=replace(kept[said].draft, indicator=d.indicator))
        elif key not in seen and said is None:
            kept.append(found)
        seen.add(key)
    return kept


def _restated(one: TargetDraft, other: TargetDraft) -> bool:
    """One of two base targets says the other again (a stretch beside its base is a target of its own)."""
    return not one.stretch and not other.stretch and (restates(one, other) or restates(other, one))


_SUBHEAD_CHARS = 120  # a line this short with no stop at its end, among paragraphs of running text, heads them


def _subheads(plain: PlainText, reading: Reading) -> list[tuple[int, int]]:
    """The spans of a news item's subheadings: short lines with no stop at their end, after its lead."""
    if reading.act:
        return []
    lead_end = _lead_end(plain)
    return [
        (span.start, span.end)
        for span in plain.spans
        if span.start >= lead_end
        and span.kind == "paragraph"
        and len(line := plain.reading[span.start : span.end].strip()) < _SUBHEAD_CHARS
        and not line.endswith((".", ";", ":", "!", "?", "…", ")"))
        and not _LIST_LINE.match(line)
        and ":" not in line
    ]


def _headline_dropped(facts: list[FactFound], head_end: int) -> list[FactFound]:
    """The head's figures less those the body states again, often rounded ("vượt 1,1 tỷ USD" over "1,18 tỷ
    USD"; "đón hơn 6,8 triệu lượt" over "6,84 triệu lượt"). A headline's change names no base ("CPI tăng 0,13%"):
    any change of the body restates it. The body's figure is the fact."""
    body = [f.fact for f in facts if f.fact.start >= head_end]

    def alike(one: Fact, other: Fact) -> bool:
        return one.measure == other.measure or (one.measure.is_change and other.measure.is_change)

    def restated(fact: Fact) -> bool:
        scaled = _scaled(fact)
        return any(alike(o, fact) and abs(_scaled(o) - scaled) <= 0.1 * abs(scaled) for o in body)

    return [f for f in facts if f.fact.start >= head_end or not restated(f.fact)]


def _repeated_dropped(facts: list[FactFound], by_block: dict[int, list[Fact]]) -> list[FactFound]:
    """A figure a later paragraph states again (a lead's figures restated in the body, "kim ngạch xuất khẩu đạt 6,36
    tỷ USD" twice): the same measure, value, unit and period of the same indicator (its own words, its parent's
    apart) is one fact, quoted where it is first stated."""
    block_of = {id(fact): start for start, found in by_block.items() for fact in found}
    kept: list[FactFound] = []
    for found in facts:
        fact = found.fact
        if found.planned or not any(
            block_of.get(id(fact)) != block_of.get(id(k.fact)) and _same_statement(k.fact, fact)
            for k in kept
            if not k.planned
        ):
            kept.append(found)
    return kept


def _same_statement(one: Fact, other: Fact) -> bool:
    if (one.measure, one.value, one.unit, one.period) != (other.measure, other.value, other.unit, other.period):
        return False
    mine, theirs = _own_words(one), _own_words(other)
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _own_words(fact: Fact) -> set[str]:
    parent = fact.parent or ""
    own = fact.indicator[len(parent) :] if parent and fact.indicator.startswith(parent) else fact.indicator
    return set(fold(own).split())


def _context_of_note(
    context: ReportContext, note: int | None, plain: PlainText, body: list[FactFound]
) -> ReportContext:
    """A footnote's figures take the period of the sentence that carries its marker ("... 5 tháng đạt 1.120 triệu
    USD2" → note 2 lists the 5 months' main exports)."""
    marker = next((pos for pos, n in plain.markers if n == note), None)
    before = [f.fact for f in body if marker is not None and f.fact.end <= marker and "prior" not in f.fact.tags]
    period = before[-1].period if before else context.default_period
    return ReportContext(context.year, context.month, period, context.province, context.this_year)


def restated_dropped(prose: list[FactFound], tabled: list[FactFound]) -> list[FactFound]:
    """Table cells less those that restate a figure of the text (a budget table in triệu đồng repeating the
    narrative's tỷ đồng): the same measure, value in base units and period is one fact, quoted from the text."""

    def key(fact: Fact) -> tuple[object, ...]:
        return (fact.measure, round(_scaled(fact), 3), fact.period)

    stated: dict[tuple[object, ...], list[Fact]] = {}
    for found in prose:
        stated.setdefault(key(found.fact), []).append(found.fact)
    return [
        found
        for found in tabled
        if not any(_same_label(found.fact, other) for other in stated.get(key(found.fact), []))
    ]


def _same_label(fact: Fact, other: Fact) -> bool:
    """The two labels share most of their words (folded, abbreviations expanded): "TỔNG THU NSNN TRÊN ĐỊA BÀN"
    and "Tổng thu ngân sách nhà nước trên địa bàn"."""
    mine, theirs = set(fold(fact.indicator).split()), set(fold(other.indicator).split())
    return bool(mine and theirs) and len(mine & theirs) * 2 >= min(len(mine), len(theirs))


def _scaled(fact: Fact) -> float:
    """The fact's value in base units ("1,18 tỷ USD" → 1.18e9), so that restatements in other units compare."""
    return base_value(fact.value, fact.unit) if fact.measure == "value" else fact.value


def _table_facts(plain: PlainText, meta: DocumentMeta) -> dict[int, list[Fact]]:
    """The facts of every table, by the start of each block a table covers (a block of no figures: [])."""
    blocks = [(s.start, s.kind, plain.reading[s.start : s.end]) for s in plain.spans if s.kind != "footnote"]
    rows = [is_table_row(kind, text) for _, kind, text in blocks]
    lines = [
        (start, text) for (start, kind, text), row in zip(blocks, rows, strict=True) if kind == "paragraph" and not row
    ]
    stated = meta.reference.found_by in ("header", "dateline", "given")  # a date the document or user states
    day = meta.reference.day if stated else None
    dating = Dating(Month(day.year, day.month) if day else None, meta.period.start)
    by_line: dict[int, list[Fact]] = {}
    for table in grid_tables(blocks, rows) + flat_tables(lines):
        by_line.update(dict.fromkeys(table.lines, []))
        for start, facts in read_table(table, meta.context(), dating).items():
            line = max((s for s in table.lines if s <= start), default=start)
            by_line[line] = by_line.get(line, []) + facts
    return by_line


def _read_as(
    found: FactFound, modalities: dict[int, Modality], meta: DocumentMeta, reading: Reading, catalogue: Catalogue
) -> FactFound:
    """A figure with what it is (actual, estimate, planned, scenario), in its indicator's window, and whether its
    period is stated; a planned one dated only by the document's window is of the months the document plans ("Năm
    tới, phấn đấu GRDP tăng 8%" in a year's report: the year after)."""
    modality = modalities.get(id(found.fact)) or _modality(meta, found)
    planned_here = modality == Modality.PLANNED and not found.period_stated  # a table's column states its period
    fact = replace(found.fact, period=reading.period_of(found.fact)) if planned_here else found.fact
    fact = _in_its_window(fact, catalogue, found.period_stated)
    stated = found.period_stated or meta.period_found_by in STATED_WINDOWS
    return FactFound(fact, found.section, found.footnote, found.page, modality, stated)


def _unguessed(fact: Fact, text: str, undated: bool) -> Fact:
    """In a document that prints no date and names no year for its figures, a period in a year the text never
    writes is the reader's fallback year, not the document's: the figure's period is unknown ("6 tháng đầu năm",
    "cùng kỳ năm trước" with no year anywhere), while a span the text writes out ("giai đoạn 2021-2025") stays."""
    if not undated:
        return fact
    years = {str(month.year) for month in (fact.period.start, fact.period.end) if month}
    return fact if all(year in text for year in years) else replace(fact, period=Period(None, None))


def _in_its_window(fact: Fact, catalogue: Catalogue, stated: bool) -> Fact:
    """A figure given a single month over the months its indicator covers: GRDP a quarter at a time from January,
    even where the text names the month ("Trong tháng 6, GRDP tăng 6,8%": it is never a month's); where its
    paragraph names no period, budget, investment and trade from January (catalogue `window`), and any share of
    the year's plan from January (a month's figure is no part of it); a ranking of the catalogue's yearly rankings
    whose paragraph names no year is undated, never the report's window."""
    period = fact.period
    code = catalogue.code_for(fact.parent or fact.indicator)  # "trong đó dịch vụ tăng 7,8%": a part of the GRDP
    if not stated and fact.measure == Measure.RANK and code and catalogue.indicators[code].kind == "rank":
        return replace(fact, period=Period(None, None))  # a yearly ranking (PCI) is of its own year: undated if unsaid
    if period.start is None or period.start != period.end or period.end is None:
        return fact
    end = period.end
    window = catalogue.indicators[code].window if code else None
    if window == "quarter" and "prior" not in fact.tags:
        return replace(fact, period=quarter_to_date(end.year, end.month))
    if stated:
        return fact
    if fact.measure == Measure.PLAN:
        return replace(fact, period=months_to_date(end.year, end.month))
    if window == "year_to_date":
        return replace(fact, period=months_to_date(end.year, end.month))
    return fact


def _modalities(blocks: list[OutlineBlock], by_block: dict[int, list[Fact]], reading: Reading) -> dict[int, Modality]:
    """The modality of every figure of the body's paragraphs (by the fact's id), read per clause."""
    found: dict[int, Modality] = {}
    for block in blocks:
        told, targets = results_until(block), in_target_section(block.trail)
        for fact in by_block.get(block.start, []):
            check_time()
            at = number_at(block, fact)
            before, after = sentence_before(block.text, at), clause_after(block.text, at)
            found[id(fact)] = figure_modality(fact, before, reading, results=at < told, targets=targets, after=after)
    return found


def _set_here(block: OutlineBlock, fact: Fact, reading: Reading, tasked: list[tuple[int, int]]) -> bool:
    """A planned figure outside a target section that the document sets for its plan's months (not a past plan's
    quoted beside a result, nor a longer plan's horizon, nor what a session counts of itself); in a task, only one a
    plan word sets."""
    before = sentence_before(block.text, number_at(block, fact))
    in_task = any(a <= fact.start < b for a, b in tasked)
    if reading.horizon(fact, block.text[fact.end - block.start :]) or _compared_with(before):
        return False
    named = replace(fact, indicator=listed_label(fact.indicator, block.text, number_at(block, fact)))
    own_count = counts_itself(named, block.text[fact.end - block.start :])
    return reading.current(fact) and reading.sets_here(fact, before, in_task) and not own_count


def _compared_with(before: str) -> bool:
    """The figure is the plan a result is compared with ("vượt xa so với chỉ tiêu 2 tỷ USD của Nghị quyết"): a plan
    pointed at, set elsewhere."""
    found = grammar.PLAN_FIGURE_BEFORE.search(before)
    return found is not None and found.group("compared") is not None


def _stated(fact: Fact) -> Modality:
    """The modality the reader itself gave a figure ("(kế hoạch 8%)", "kịch bản 7,61%", "ước đạt")."""
    if "scenario" in fact.tags:
        return Modality.SCENARIO
    if "planned" in fact.tags:
        return Modality.PLANNED
    return Modality.ESTIMATE if fact.estimate else Modality.ACTUAL


def _table_modality(fact: Fact) -> Modality:
    return Modality.PLANNED if "plan" in fact.tags else _stated(fact)


def _modality(meta: DocumentMeta, found: FactFound) -> Modality:
    """A table's or footnote's figure: as read, or planned when a plan states it for its own period."""
    return Modality.PLANNED if not found.modality.ahead and _plans_ahead(meta, found.fact) else found.modality


def _plans_ahead(meta: DocumentMeta, fact: Fact) -> bool:
    """A plan's or resolution's figure for its own period (or later) is what is planned, not what happened."""
    start, _ = meta.period.as_strings()
    if meta.kind not in PLANNING_KINDS or not start:
        return False
    _, end = fact.period.as_strings()
    return end is None or end >= start
