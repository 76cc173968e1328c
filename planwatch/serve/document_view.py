"""A document's stored text as HTML: paragraphs, every extracted fact highlighted in place with what it
means, footnotes apart as footnotes. Offsets are the stored ones, so every link lands on its sentence."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from planwatch.store import models
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.measures import measure_label
from planwatch.vocab.numbers import format_number


@dataclass(frozen=True)
class RenderedBlock:
    kind: str
    footnote: int | None
    start: int  # the block's offset in the stored text: its anchor is #c<start>
    html: str

    @property
    def cells(self) -> list[str]:
        """A table row's cells as HTML, or [] when the row cannot be cut without cutting a highlighted figure."""
        if self.kind != "table_row":
            return []
        cells = self.html.split(" | ")
        return cells if all(c.count("<mark") == c.count("</mark>") for c in cells) else []


def render_document(document: models.Document, facts: list[models.Fact]) -> list[RenderedBlock]:
    ordered = sorted(facts, key=lambda f: (f.char_start, -f.char_end))
    blocks = []
    for block in sorted(document.blocks, key=lambda b: b.char_start):
        inside = [f for f in ordered if block.char_start <= f.char_start and f.char_end <= block.char_end]
        blocks.append(
            RenderedBlock(block.kind, block.footnote, block.char_start, _highlight(document.text, block, inside))
        )
    return blocks


def _highlight(text: str, block: models.Block, facts: list[models.Fact]) -> str:
    out: list[str] = []
    pos = block.char_start
    for fact in facts:
        if fact.char_start < pos:  # overlaps the previous mark: its anchor still exists via the first one
            out.append(f'<span id="f{fact.id}"></span>')
            continue
        out.append(escape(text[pos : fact.char_start]))
        out.append(
            f'<mark id="f{fact.id}" class="fact" data-start="{fact.char_start}" data-measure="{fact.measure}" '
            f'data-code="{fact.indicator_code or ""}" data-name="{escape(_name(fact.indicator_code))}" '
            f'title="{escape(_explain(fact))}">'
            f"{escape(text[fact.char_start : fact.char_end])}</mark>"
        )
        pos = fact.char_end
    out.append(escape(text[pos : block.char_end]))
    return "".join(out)


def _name(code: str | None) -> str:
    """The indicator's name, as a person reads it (its code is only the link's address)."""
    indicator = default_catalogue().indicators.get(code or "")
    return indicator.name if indicator else ""


def _explain(fact: models.Fact) -> str:
    period = "–".join(p for p in (fact.period_start, fact.period_end) if p) or "?"
    unit = "%" if fact.measure.endswith("_pct") else fact.unit
    estimate = " (ước)" if fact.estimate else ""
    return (
        f"{fact.indicator} · {measure_label(fact.measure)}: {format_number(fact.value)} {unit}{estimate} · kỳ {period}"
    )
