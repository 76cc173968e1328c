"""Task grammar cases as data: every `*.yaml` file in this folder holds passages of letters, directives, plans and
decisions with the tasks they assign, each case one test. A file sets the date its passages are read from:

    context: {date: 2025-10-14, kind: nghị quyết}  # the document's date (days without a year take theirs from it)
                                                  # and, optionally, its kind (who speaks in it)
    cases:
      - rule: an addressee sentence (K1) with a day and month (K16)   # what the case shows
        text: "Chủ tịch UBND tỉnh yêu cầu UBND các xã, phường ... trước ngày 25-10."
        tasks:                                   # all of them, in order
          - {ref: null, agencies: [UBND các xã, phường], deadline: 2025-10-25}
          # optional: role (lead | coordinate), coordinating (a list), recurring (week | month | quarter | half |
          # year); deadline null: none

The passages are written for the tests in the genre's style (PLANS.md part K names the families), never copied."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from planwatch.extract.agencies import default_registry
from planwatch.extract.tasks import Task, extract_tasks, printed_ref
from planwatch.read.model import assemble
from planwatch.read.text import read_text
from planwatch.structure.sections import outline
from planwatch.vocab.periods import Month, Period


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.is_relative_to(Path(__file__).parent):
        return TaskFile.from_parent(parent, path=file_path)
    return None


class TaskFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        day, kind = data["context"]["date"], data["context"].get("kind")
        for number, case in enumerate(data["cases"], 1):
            yield TaskCase.from_parent(self, name=f"{number}: {case['rule']}", day=day, kind=kind, case=case)


class TaskCase(pytest.Item):
    def __init__(self, *, day: date, kind: str | None, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.day, self.kind, self.case = day, kind, case

    def runtest(self) -> None:
        plain = assemble(read_text("van-ban.txt", self.case["text"].encode()))
        year = Period(Month(self.day.year, 1), Month(self.day.year, 12))
        tasks, _ = extract_tasks(outline(plain), default_registry(), year, self.day, self.kind)
        got = [_read(task) for task in tasks]
        expected = self.case.get("tasks") or []
        assert len(got) == len(expected), f"read {len(got)} tasks, expected {len(expected)}: {got}"
        for found, wanted in zip(got, expected, strict=True):
            for key, value in wanted.items():
                assert found[key] == value, f"{key}: read {found[key]!r}, expected {value!r}; task {found}"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}: {self.name}"


def _read(task: Task) -> dict[str, Any]:
    return {
        "ref": printed_ref(task.ref),
        "agencies": task.agencies,
        "role": task.role,
        "coordinating": task.coordinating,
        "deadline": task.first_due,  # the first occurrence of a recurrence (PLANS.md K18)
        "recurring": [d.every for d in task.recurring][0] if task.recurring else None,
    }
