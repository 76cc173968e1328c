"""Consistency checks across the store, each finding quoting both sources:

- the same indicator, measure and period with different values in different documents: a revision when the
  earlier figure was an estimate (ước, dự kiến) and the later document is later, a contradiction otherwise;
- parts that add up to more than their total ("Trong đó" breakdowns), and totals declared as the sum of their
  parts in the catalogue (xuất khẩu + nhập khẩu = tổng kim ngạch) that do not add up;
- the plan a figure implies (value ÷ plan_pct) against the stated target;
- a change against the same period a year earlier that disagrees with last year's stored figure, and, for a
  province formed by the 2025 reorganisation, with its predecessors' combined figure (monitor/merged_base.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from itertools import chain, groupby
from typing import Any

import yaml
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from planwatch.monitor.merged_base import YOY_ROUNDING, BaseGap, merged_base_gaps, year_earlier
from planwatch.monitor.series import document_order
from planwatch.store import models
from planwatch.store.scope import EVERY, UNNAMED, WHOLE, Scope
from planwatch.text.fold import fold, phrase_pattern
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.measures import Measure
from planwatch.vocab.units import base_value, same_kind, unit_kind
from planwatch.vocab.wording import Phrase

FINDINGS = "monitor/data/findings.yaml"  # what a finding says, in each language
_BASES = yaml.safe_load(resources.files("planwatch.monitor").joinpath("data/bases.yaml").read_text(encoding="utf-8"))
_EXCLUDED = phrase_pattern(fold(w) for w in _BASES["excluded_part"])
_BUDGET = phrase_pattern(fold(w) for w in _BASES["budget"])
_AFTER = 24  # characters after a "% of plan" that say what it is of

HIGH, MEDIUM, LOW = "cao", "trung bình", "thấp"
SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}


@dataclass(frozen=True)
class Source:
    doc_key: str
    quote: str
    char_start: int
    char_end: int
    page: int | None
    value: float
    unit: str
    fact_id: int | None = None  # the stored fact quoted (None: a target's own sentence)


@dataclass(frozen=True)
class Finding:
    kind: str  # "revision" | "contradiction" | "parts_exceed_total" | "implied_plan" | "yoy_mismatch" | "merged_base"
    severity: str
    indicator: str
    period: str
    message: str  # Vietnamese
    sources: tuple[Source, ...]
    message_en: str = ""

    def message_in(self, lang: str) -> str:
        return self.message_en if lang == "en" and self.message_en else self.message


def _finding(kind: str, severity: str, fact: Any, args: dict[str, object], sources: tuple[Source, ...]) -> Finding:
    """A finding about `fact`, its message said in both languages (data/findings.yaml)."""
    said = Phrase(FINDINGS, kind, args)
    return Finding(kind, severity, fact.indicator, _period(fact), said.text("vi"), sources, said.text("en"))


@dataclass(frozen=True)
class DocRef:
    """What the checks need of a document: its key and its place in time (see series.document_order)."""

    doc_key: str
    period_end: str | None
    issued: date | None
    id: int
    province: str | None = None  # figures of two provinces are never compared


def _source(fact: models.Fact, doc_key: str) -> Source:
    """A fact quoted by a finding; its sentence is read afterwards (`_quoted`), for the findings' facts only."""
    return Source(doc_key, "", fact.char_start, fact.char_end, fact.page, fact.value, fact.unit, fact.id)


QUOTES_AT_ONCE = 1000


def _quoted(session: Session, findings: list[Finding]) -> list[Finding]:
    """The findings with the sentences of the facts they quote, read in chunks by fact id: the rows the checks
    compare leave the sentences out (a province's figures are some hundred thousand at 100.000 documents)."""
    ids = sorted({s.fact_id for f in findings for s in f.sources if s.fact_id is not None})
    quotes: dict[int, str] = {}
    for start in range(0, len(ids), QUOTES_AT_ONCE):
        chunk = ids[start : start + QUOTES_AT_ONCE]
        read = session.execute(select(models.Fact.id, models.Fact.quote).where(models.Fact.id.in_(chunk)))
        quotes.update((fact_id, quote) for fact_id, quote in read)
    return [replace(f, sources=tuple(_with_quote(s, quotes) for s in f.sources)) for f in findings]


def _with_quote(source: Source, quotes: dict[int, str]) -> Source:
    """(A fact deleted meanwhile by another transaction leaves its source unquoted; the deletion marks its
    province, whose findings are then checked again.)"""
    return source if source.fact_id is None else replace(source, quote=quotes.get(source.fact_id, ""))


def _period(fact: models.Fact) -> str:
    return "–".join(p for p in (fact.period_start, fact.period_end) if p) or "?"


def _differs(a: float, b: float, relative: float = 0.005) -> bool:
    """Different beyond rounding: more than half a percent and more than the last printed digit."""
    return abs(a - b) > max(abs(a), abs(b)) * relative and abs(a - b) > 0.05


def scopes(session: Session) -> dict[str, list[ColumnElement[bool]]]:
    """The groups of documents whose figures are compared, each by the condition that selects them: the whole
    store when its documents name one province or none (keyed by that province, or EVERY); otherwise one group
    per province and one (UNNAMED) for documents that name none, as figures of two provinces are never compared."""
    d = models.Document
    names = sorted(p for p in session.scalars(select(d.province).where(d.is_current.is_(True)).distinct()) if p)
    if len(names) <= 1:
        return {names[0] if names else EVERY: []}
    return {name: scope_condition(name, False) for name in [*names, UNNAMED]}


def scope_condition(scope: str, whole: bool) -> list[ColumnElement[bool]]:
    """The documents of a scope: every one in a store of one province (`whole`), else those naming the province,
    or none for UNNAMED."""
    province = models.Document.province
    return [] if whole else [province.is_(None) if scope == UNNAMED else province == scope]


def run_checks(session: Session, view: Scope = WHOLE) -> list[Finding]:
    """Every finding computed now, group by group (so memory holds one province's figures at a time), of the
    groups `view` sees."""
    each = [scope_checks(session, group, where) for group, where in scopes(session).items() if view.sees(group)]
    return sorted(chain.from_iterable(each), key=finding_order)


def finding_order(finding: Finding) -> tuple[int, str, str]:
    return SEVERITY_ORDER[finding.severity], finding.indicator, finding.period


def scope_checks(session: Session, group: str, where: list[ColumnElement[bool]]) -> list[Finding]:
    return sorted(group_findings(session, group, where), key=finding_order)


def group_findings(session: Session, group: str, where: list[ColumnElement[bool]]) -> Iterator[Finding]:
    """A check group's findings: its figures' (`scope_findings`), and a merged province's changes against its
    predecessors' combined base."""
    yield from scope_findings(session, where)
    yield from _merged_base(session, merged_base_gaps(session, group))


def _merged_base(session: Session, gaps: list[BaseGap]) -> list[Finding]:
    """The gaps as findings quoting the change stated, the merged figure and each predecessor's figure summed."""
    if not gaps:
        return []
    compared = [models.Fact.__table__.c[name] for name in _COMPARED]
    ids = {fact_id for gap in gaps for fact_id in gap.fact_ids}
    read = select(*compared, models.Document.doc_key).join(models.Document).where(models.Fact.id.in_(ids))
    facts: dict[int, Any] = {row.id: row for row in session.execute(read)}
    findings = []
    for gap in gaps:
        quoted = [facts[i] for i in gap.fact_ids if i in facts]
        if len(quoted) == len(gap.fact_ids):
            changes: dict[str, object] = {"stated": gap.stated, "computed": gap.computed}
            sources = tuple(_source(fact, fact.doc_key) for fact in quoted)
            findings.append(_finding("merged_base", MEDIUM, quoted[0], changes, sources))
    return _quoted(session, findings)


def scope_findings(session: Session, where: list[ColumnElement[bool]]) -> Iterator[Finding]:
    """A scope's findings, its figures read a year at a time (the year their period ends), so that memory holds
    one year of a province's figures, not all (some hundred thousand at 100.000 documents): every check compares
    figures of one period, but the change against a year earlier, which keeps the year before's values."""
    d = models.Document
    compared = [models.Fact.__table__.c[name] for name in _COMPARED]
    query = (
        select(
            *compared,
            d.doc_key,
            d.period_end.label("doc_period_end"),
            d.issued.label("doc_issued"),
            d.province.label("doc_province"),
        )  # fmt: skip
        .join(d)
        .where(
            d.is_current.is_(True),
            models.Fact.prior.is_(False),
            models.Fact.planned.is_(False),
            models.Fact.period_end.is_not(None),
            *where,
        )
        .order_by(models.Fact.period_end, models.Fact.id)  # a year at a time; the same choice among duplicates
        .execution_options(yield_per=ROWS_AT_ONCE)
    )
    documents: dict[int, DocRef] = {}
    targets = _stated_targets(session, where)
    earlier: _Values = {}
    for _, year in groupby(session.execute(query), key=lambda row: row.period_end[:4]):
        rows = [(row, _document(documents, row)) for row in year]
        findings = [
            *_cross_document(rows),
            *_parts_exceed_total(rows),
            *_parts_do_not_add_up(rows),
            *_implied_plans(rows, targets, session),
            *_yoy(rows, values := _values(rows), earlier),
        ]
        earlier = values
        yield from _quoted(session, findings)


ROWS_AT_ONCE = 5000  # rows fetched from the store at a time while a year's are gathered

# what the checks read of a fact: not its sentence (read for the facts findings quote only) nor its section
_COMPARED = ("id", "document_id", "indicator", "indicator_code", "parent", "measure", "value", "unit", "base_value",
             "period_start", "period_end", "estimate", "page", "char_start", "char_end")  # fmt: skip


def _document(documents: dict[int, DocRef], row: Any) -> DocRef:
    """One DocRef per document, shared by its facts' rows."""
    known = documents.get(row.document_id)
    if known is None:
        known = documents[row.document_id] = DocRef(
            row.doc_key, row.doc_period_end, row.doc_issued, row.document_id, row.doc_province
        )
    return known


def _key(fact: models.Fact) -> str:
    return fact.indicator_code or fold(fact.indicator)


def _cross_document(rows: list[tuple[Any, DocRef]]) -> list[Finding]:
    groups: dict[tuple[str | None, str, str, str | None, str | None, str], list[tuple[Any, DocRef]]] = defaultdict(list)
    for fact, document in rows:
        if fact.indicator_code:  # labels alone are too loose to compare across documents
            key = (document.province, _key(fact), fact.measure, fact.period_start, fact.period_end)
            groups[(*key, unit_kind(fact.unit))].append((fact, document))
    findings = []
    revised: dict[tuple[str, str | None, str | None, str, str], list[tuple[Any, Phrase, tuple[Source, ...]]]] = {}
    for (_, _, measure, _, _, _), group in groups.items():
        by_doc = {d.doc_key: (f, d) for f, d in sorted(group, key=lambda r: document_order(r[1]))}
        chain = sorted(by_doc.values(), key=lambda r: document_order(r[1]))
        for (a, da), (b, db) in zip(chain, chain[1:], strict=False):  # each figure against the next document's
            va = a.base_value if measure == "value" else a.value
            vb = b.base_value if measure == "value" else b.value
            if not _differs(va, vb):
                continue
            revision = a.estimate and document_order(da) < document_order(db)
            gap = abs(va - vb) / max(abs(va), abs(vb)) if max(abs(va), abs(vb)) else 0
            severity = LOW if revision else HIGH if gap > 0.05 else MEDIUM
            change = Phrase(FINDINGS, "change", {"before": a.value, "unit_before": a.unit, "after": b.value,
                                                 "unit_after": b.unit, "measure": Measure(measure)})  # fmt: skip
            sources = (_source(a, da.doc_key), _source(b, db.doc_key))
            if revision:  # one revision of a figure, however many of its measures the later report restates
                key = (_key(a), a.period_start, a.period_end, da.doc_key, db.doc_key)
                revised.setdefault(key, []).append((a, change, sources))
            else:
                findings.append(_finding("contradiction", severity, a, {"change": change}, sources))
    for changes in revised.values():
        said = changes[-1][1]
        for _, change, _ in reversed(changes[:-1]):
            said = Phrase(FINDINGS, "changes", {"first": change, "rest": said})
        quoted = tuple(dict.fromkeys(source for _, _, sources in changes for source in sources))
        findings.append(_finding("revision", LOW, changes[0][0], {"change": said}, quoted))
    return findings


def _parts_exceed_total(rows: list[tuple[Any, DocRef]]) -> list[Finding]:
    """ "Trong đó" parts may be a selection, so only parts summing above the total are flagged."""
    by_doc: dict[str, list[models.Fact]] = defaultdict(list)
    for fact, document in rows:
        if fact.measure == "value":
            by_doc[document.doc_key].append(fact)
    findings = []
    for doc_key, facts in by_doc.items():
        totals = {(fold(f.indicator), f.period_start, f.period_end): f for f in facts if not f.parent}
        parts: dict[tuple[str, str | None, str | None], list[models.Fact]] = defaultdict(list)
        for fact in facts:
            if fact.parent:
                parts[(fold(fact.parent), fact.period_start, fact.period_end)].append(fact)
        for key, named in parts.items():
            children = [c for c in named if not _EXCLUDED.search(fold(c.indicator))]  # "(không bao gồm ...)"
            total = totals.get(key)
            if total is None or not total.indicator_code or len(children) < 2 or total.unit == "%":
                continue
            if len({c.unit for c in children} | {total.unit}) != 1:
                continue
            summed = sum(c.base_value for c in children)
            if summed > total.base_value * 1.01 + 1e-9:
                sums = {"parts": _in_unit(summed, total.unit), "unit": total.unit, "total": total.value}
                sources = (_source(total, doc_key), *(_source(c, doc_key) for c in children))
                findings.append(_finding("parts_exceed_total", MEDIUM, total, sums, sources))
    return findings


def _parts_do_not_add_up(rows: list[tuple[Any, DocRef]]) -> list[Finding]:
    """Totals the catalogue declares as the sum of their parts (tổng kim ngạch = xuất khẩu + nhập khẩu), where one
    document states the total and every part for the same period."""
    catalogue = default_catalogue()
    values: dict[tuple[str, str | None, str | None, str], tuple[Any, str]] = {}
    for fact, document in rows:
        indicator = catalogue.indicators.get(fact.indicator_code or "")
        if fact.measure == "value" and indicator and same_kind(fact.unit, indicator.unit):
            values[(document.doc_key, fact.period_start, fact.period_end, indicator.code)] = (fact, document.doc_key)
    findings = []
    for (doc_key, start, end, code), (total, _) in values.items():
        indicator = catalogue.indicators.get(code)
        if indicator is None or not indicator.sum_of_parts:
            continue
        parts = [values.get((doc_key, start, end, child.code)) for child in catalogue.children(code)]
        if not parts or any(p is None for p in parts):
            continue
        summed = sum(p[0].base_value for p in parts if p)
        if _differs(summed, total.base_value, relative=0.01):
            sums = {"parts": _in_unit(summed, total.unit), "unit": total.unit, "total": total.value}
            sources = (_source(total, doc_key), *(_source(p[0], doc_key) for p in parts if p))
            findings.append(_finding("parts_do_not_add_up", MEDIUM, total, sums, sources))
    return findings


def _in_unit(base: float, unit: str) -> float:
    return round(base / base_value(1, unit), 2)


def _of_budget(session: Session, fact: Any) -> bool:
    """The "% of plan" is of the budget estimate: the words right after it say "dự toán"."""
    after = session.scalar(
        select(func.substr(models.Document.text, fact.char_end + 1, _AFTER)).where(
            models.Document.id == fact.document_id
        )
    )
    return _BUDGET.match(fold(str(after or "")).lstrip(" ,")) is not None


def _stated_targets(session: Session, where: list[ColumnElement[bool]]) -> dict[tuple[str | None, int], Any]:
    """The scope's active targets of a value by indicator and year (the columns a finding quotes, not objects of
    the session: a province holds tens of thousands at 100.000 documents)."""
    t = models.Target
    query = (
        select(
            t.indicator_code,
            t.year,
            t.value,
            t.unit,
            t.quote,
            t.char_start,
            t.char_end,
            t.page,
            models.Document.doc_key,
        )
        .outerjoin(models.Document)
        .where(t.active.is_(True), t.measure == "value", t.indicator_code.is_not(None), *where)
        .order_by(t.id)
    )
    return {(row.indicator_code, row.year): row for row in session.execute(query)}


def _implied_plans(
    rows: list[tuple[Any, DocRef]], targets: dict[tuple[str | None, int], Any], session: Session
) -> list[Finding]:
    """value ÷ (plan_pct / 100) is the plan the report used; compare it with the stated target, when both are of
    one basis (a % of the budget estimate, "bằng 62,9% dự toán", is not of a plan's target)."""
    values = {(d.doc_key, fold(f.indicator), f.period_start, f.period_end): f for f, d in rows if f.measure == "value"}
    findings = []
    for fact, document in rows:
        if fact.measure != "plan_pct" or not fact.indicator_code or not fact.value or not fact.period_end:
            continue
        value = values.get((document.doc_key, fold(fact.indicator), fact.period_start, fact.period_end))
        target = targets.get((fact.indicator_code, int(fact.period_end[:4])))
        if value is None or target is None or target.value is None:
            continue
        implied = value.base_value / (fact.value / 100)
        stated = base_value(target.value, target.unit)
        if _differs(implied, stated, relative=0.02) and _of_budget(session, fact) == bool(
            _BUDGET.search(fold(target.quote or ""))
        ):
            plans = {"implied": round(implied / base_value(1, target.unit), 1), "unit": target.unit,
                     "target": target.value}  # fmt: skip
            stated_in = Source(
                target.doc_key or "manual",
                target.quote,
                target.char_start or 0,
                target.char_end or 0,
                target.page,
                target.value,
                target.unit,
            )
            sources = (_source(value, document.doc_key), _source(fact, document.doc_key), stated_in)
            findings.append(_finding("implied_plan", MEDIUM, fact, plans, sources))
    return findings


_Values = dict[tuple[str | None, str, str | None, str | None], tuple[Any, str]]


def _values(rows: list[tuple[Any, DocRef]]) -> _Values:
    """The stored values of a year by province, indicator and period, for the changes stated against them."""
    return {
        (document.province, fact.indicator_code, fact.period_start, fact.period_end): (fact, document.doc_key)
        for fact, document in rows
        if fact.measure == "value" and fact.indicator_code
    }


def _yoy(rows: list[tuple[Any, DocRef]], values: _Values, earlier: _Values) -> list[Finding]:
    """A stated change against last year's stored figure for the same months (`values`: the year's, `earlier`:
    the year before's)."""
    findings = []
    for fact, document in rows:
        if fact.measure != "yoy_change_pct" or not fact.indicator_code or not fact.period_end:
            continue
        code, province = fact.indicator_code, document.province
        now = values.get((province, code, fact.period_start, fact.period_end))
        before = earlier.get((province, code, year_earlier(fact.period_start), year_earlier(fact.period_end)))
        if (
            not now
            or not before
            or not before[0].base_value
            or base_value(1, now[0].unit) != base_value(1, before[0].unit)
        ):
            continue
        computed = 100 * (now[0].base_value / before[0].base_value - 1)
        if abs(computed - fact.value) > YOY_ROUNDING:
            changes = {"stated": fact.value, "computed": round(computed, 1)}
            sources = (_source(fact, document.doc_key), _source(now[0], now[1]), _source(before[0], before[1]))
            findings.append(_finding("yoy_mismatch", MEDIUM, fact, changes, sources))
    return findings
