"""Grammar cases as data: every `*.yaml` file in this folder tree holds sentences with the facts they state,
each case one test. A file sets the report context its sentences are read in:

    context: {year: 2024, month: 5, period: 2024-05..2024-05, province: Gò Sim}   # province: optional
    cases:
      - rule: a chain with one subject and three measures     # what the case shows
        text: "Giá trị sản xuất ... ước đạt 60.769 tỷ đồng; ..."
        facts:                                                 # all of them, in any order
          - [value, 60769, 2024-05..2024-05, giá trị sản xuất công nghiệp]   # measure, value, period, label words
          - [yoy_change_pct, 26, 2024-01..2024-05]                          # a label may be left out
        # "..2024-05": the start is not checked; "null": no period at all

The folders group the sentences by the kind of source whose wording they imitate (reports, statistics,
press, tables). A case's sentences are written for the tests, in the genre's style, never copied."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from planwatch.extract.facts import extract_facts
from planwatch.vocab.periods import Month, Period, ReportContext


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.is_relative_to(Path(__file__).parent):
        return GrammarFile.from_parent(parent, path=file_path)
    return None


class GrammarFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        context = _context(data["context"])
        for number, case in enumerate(data["cases"], 1):
            yield GrammarCase.from_parent(self, name=f"{number}: {case['rule']}", context=context, case=case)


class GrammarCase(pytest.Item):
    def __init__(self, *, context: ReportContext, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context, self.case = context, case

    def runtest(self) -> None:
        facts = extract_facts(self.case["text"], self.context)
        got = [(f.measure, round(f.value, 4), f.period, f.indicator) for f in facts]
        expected = [_expected(row) for row in self.case["facts"]]
        for measure, value, period, label in expected:
            assert any(
                g[0] == measure and abs(g[1] - value) < 1e-6 and _same_period(period, g[2]) and label in g[3].lower()
                for g in got
            ), f"missing {measure} {value} {period} «{label}»; read: {got}"
        assert len(facts) == len(expected), f"read {len(facts)} facts, expected {len(expected)}: {got}"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}: {self.name}"


def _context(spec: dict[str, Any]) -> ReportContext:
    return ReportContext(spec["year"], spec["month"], _period(str(spec["period"])), spec.get("province"))


def _month(text: str) -> Month | None:
    if not text:
        return None
    year, month = text.split("-")
    return Month(int(year), int(month))


def _period(text: str | None) -> Period:
    if text in (None, "null"):
        return Period(None, None)
    start, end = str(text).split("..")
    return Period(_month(start), _month(end))


def _expected(row: list[Any]) -> tuple[str, float, Period, str]:
    measure, value, period, *label = row
    return measure, float(value), _period(period), (label[0].lower() if label else "")


def _same_period(expected: Period, got: Period) -> bool:
    return expected.end == got.end and (expected.start is None or expected.start == got.start)
