"""Targets a footnote states on another basis (PLANS.md T34): "Tốc độ tăng trưởng GRDP đạt 10%(1)." with the note
"(1) Theo giá so sánh năm 2010. Nếu tính theo bảng cân đối liên ngành năm 2020, mục tiêu tương ứng là 10,2%." sets a
second target of the same indicator for the same year, its basis in the label."""

from __future__ import annotations

from dataclasses import replace

from planwatch.extract.facts import Fact
from planwatch.extract.modality import clause_cue, cue, sentence_before
from planwatch.extract.targets import TargetDraft
from planwatch.read.model import PlainText

_NEAR = 40  # a marker this close after a target's figure is the target's


def noted_targets(plain: PlainText, notes: dict[int, list[Fact]], targets: list[TargetDraft]) -> list[TargetDraft]:
    """The targets the footnotes (`notes`: each note's facts by its number) state beside the target their marker
    follows: a figure a plan word sets in the note, in the target's unit."""
    found: list[TargetDraft] = []
    for pos, note in plain.markers:
        before = [t for t in targets if t.end <= pos <= t.end + _NEAR and "\n" not in plain.reading[t.end : pos]]
        if not before:
            continue
        parent = max(before, key=lambda t: t.end)
        for fact in notes.get(note, []):
            said = sentence_before(plain.reading, fact.end)
            if fact.unit != parent.unit or clause_cue(said) != "planned" or not (basis := cue("basis").search(said)):
                continue
            label = f"{parent.indicator} ({basis.group(0).strip()})"
            value = fact.value
            found.append(
                replace(parent, indicator=label, comparator="=", value=value, value_min=None, value_max=None,
                        start=fact.start, end=fact.end, written=None, stretch=False)
            )  # fmt: skip
    return found
