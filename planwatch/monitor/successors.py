"""Agencies across reorganisations (data/agency_successors.yaml): which agency does the work of the one a task
names on a given day. "Sở Kế hoạch và Đầu tư" of a 2024 task is "Sở Tài chính" from 1/3/2025 (Decree
45/2025/NĐ-CP); "UBND các huyện" is "UBND các xã, phường" from 1/7/2025. The task keeps the name its document
printed; views show both, and scorecards count the task for today's agency."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Succession:
    olds: tuple[str, ...]  # registry codes
    code: str
    name: str
    since: date
    act: str
    prefix: str | None = None  # every code that starts so (less `spared`) is succeeded too
    spared: tuple[str, ...] = ()

    def takes(self, code: str) -> bool:
        return code in self.olds or bool(self.prefix and code.startswith(self.prefix) and code not in self.spared)


@dataclass(frozen=True)
class AgencyNow:
    """An agency a task names (`name`, `code`) and the agency doing its work on the day asked."""

    name: str
    code: str | None
    today_name: str
    today_code: str | None
    act: str = ""  # the act of the last succession, "" when the agency is unchanged

    @property
    def changed(self) -> bool:
        return bool(self.act)

    @property
    def key(self) -> str:
        """What a scorecard counts it under: today's code, else today's name."""
        return self.today_code or self.today_name


@cache
def successions() -> tuple[Succession, ...]:
    text = resources.files("planwatch").joinpath("monitor/data/agency_successors.yaml").read_text(encoding="utf-8")
    return tuple(
        Succession(
            tuple(r["from"]),
            r["to"]["code"],
            r["to"]["name"],
            r["since"],
            r["act"],
            r.get("from_prefix"),
            tuple(r.get("except", ())),
        )  # fmt: skip
        for r in yaml.safe_load(text)
    )


def agency_on(name: str, code: str | None, day: date) -> AgencyNow:
    """The agency doing the work of (`name`, `code`) on `day`, following the rules in force by then."""
    now = AgencyNow(name, code, name, code)
    seen: set[str] = set()
    while now.today_code and now.today_code not in seen:
        seen.add(now.today_code)
        rule = next((r for r in successions() if r.since <= day and r.takes(now.today_code)), None)
        if rule is None:
            break
        now = AgencyNow(name, code, rule.name, rule.code, rule.act)
    return now


def agencies_on(names: Sequence[str], codes: Sequence[str | None], day: date) -> list[AgencyNow]:
    return [agency_on(name, code, day) for name, code in zip(names, codes, strict=False)]


def codes_becoming(code: str, day: date) -> set[str]:
    """The code itself and every registry code whose work `code` does on `day` (SKHDT for STC from 1/3/2025);
    named district committees are not listed (their codes are the store's)."""
    found = {code}
    grew = True
    while grew:
        before = len(found)
        found |= {old for r in successions() if r.since <= day and r.code in found for old in r.olds}
        grew = len(found) > before
    return found
