"""Target cases as data: every `*.yaml` file in this folder holds short documents with every target they set, each
document one test. A file sets the date its documents are read on:

    given: 2025-12-12                     # the document's date where its text states none
    cases:
      - rule: a range written "từ X% đến Y%" is one target    # what the case shows
        text: |
          Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026 ...
        targets:                          # all of them, in any order
          - [yoy_change_pct, [10, 10.5], range, 2026, tăng trưởng]   # measure, value or [low, high], comparator,
          - [value, 19500, ">=", 2026, thu ngân sách]                #   year, words of the label ("=GRDP": the
                                                                      #   whole label)
        modalities: {"9,8%": planned, "8,2%": estimate}            # optional: the modality of a figure as written

Sentences are written for the tests in the genre's style, never copied."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from planwatch.extract.agencies import default_registry
from planwatch.extract.document import extract_document
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.text.fold import fold


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.is_relative_to(Path(__file__).parent):
        return TargetFile.from_parent(parent, path=file_path)
    return None


class TargetFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        given = data["given"]
        for number, case in enumerate(data["cases"], 1):
            yield TargetCase.from_parent(self, name=f"{number}: {case['rule']}", given=given, case=case)


class TargetCase(pytest.Item):
    def __init__(self, *, given: date, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.given, self.case = given, case

    def runtest(self) -> None:
        plain = assemble(read_text("case.txt", self.case["text"].encode()))
        found = extract_document(plain, default_registry(), self.case.get("given", self.given))
        got = [
            (t.draft.measure, t.draft.value, t.draft.value_min, t.draft.value_max, t.draft.comparator, t.draft.year,
             fold(t.draft.indicator))
            for t in found.targets
        ]  # fmt: skip
        for row in self.case["targets"]:
            assert any(_matches(row, g) for g in got), f"missing {row}; read: {got}"
        assert len(got) == len(self.case["targets"]), (
            f"read {len(got)} targets, expected {len(self.case['targets'])}: {got}"
        )
        for written, modality in self.case.get("modalities", {}).items():
            at = plain.reading.index(written)
            of = [f.modality for f in found.facts if f.fact.start <= at < f.fact.end]
            assert of and of[0] == modality, f"«{written}» read as {of}, expected {modality}"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}: {self.name}"


def _matches(row: list[Any], got: tuple[Any, ...]) -> bool:
    measure, value, comparator, year, words = row
    low, high = value if isinstance(value, list) else (None, None)
    figures = (got[2], got[3]) == (low, high) if low is not None else got[1] is not None and abs(got[1] - value) < 1e-6
    named = fold(words[1:]) == got[6] if words.startswith("=") else fold(words) in got[6]
    return got[0] == measure and figures and got[4] == comparator and got[5] == year and named
