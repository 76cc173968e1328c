"""What a percentage measures, decided by the ordered table of data/measures.yaml over the cue words of
data/cues.yaml. A new wording is a cue alternative or a table row, not code."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from planwatch.vocab.measures import Measure

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Around:
    """What surrounds one percentage."""

    left: str  # the words before the number, in its segment
    after: str  # the words after its "%"
    label: str  # the figure's label so far (its own words, else the chain's subject)
    sign: str = ""  # "+" or "-" written before the number
    pending: str = ""  # "rise" / "fall": a change just counted ("giảm 07 vụ (-21,9%)")
    follows: str = ""  # "rise" / "fall": joined by "và" to a change ("tăng 0,9% và 4,1%")
    ratio_before: str = ""  # the measure of the paragraph's last "bằng/đạt X% ..."
    compared_month: str | None = None  # "prev" / "yoy": "so với tháng 7" read against the figure's month
    structure: bool = False  # the sentence lists a "cơ cấu"
    plan_figure: bool = False  # a plan's own figure quoted beside the actual: "(kế hoạch 8%)"
    value: float = 0.0  # the percentage itself


@dataclass(frozen=True)
class Rule:
    when: Mapping[str, object]
    then: str


def _alternatives(words: list[str]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def cues() -> dict[str, dict[str, re.Pattern[str]]]:
    data = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    hedge = _alternatives(data["hedge"])
    compiled: dict[str, dict[str, re.Pattern[str]]] = {"left": {}, "right": {}, "label": {}}
    for name, words in data["left"].items():
        compiled["left"][name] = re.compile(rf"(?<![\wÀ-ỹ])(?:{_alternatives(words)})(?:\s+(?:{hedge}))*\s*$", re.I)
    for name, words in data["right"].items():
        compiled["right"][name] = re.compile(rf"^\s*(?:{_alternatives(words)})(?![^\W\d])", re.I)  # "kế hoạch2": a note
    for name, words in data["label"].items():
        compiled["label"][name] = re.compile(_alternatives(words), re.I)
    clause = data["clause"]
    compiled["words"] = {
        "clause_opens": re.compile(rf"^(?:{_alternatives(clause['opens'])})(?![\wÀ-ỹ])", re.I),
        "clause_own_figure": re.compile(rf"^(?:{_alternatives(clause['own_figure'])})(?![\wÀ-ỹ])\s*", re.I),
        "clause_closes": re.compile(rf"(?<![\wÀ-ỹ])(?:{_alternatives(clause['closes'])})\s+", re.I),
        "not_counted": re.compile(rf"^\s*(?:{_alternatives(data['not_counted'])})(?![\wÀ-ỹ])", re.I),
        "verdict": _verdict(data["verdict"]),
    }
    return compiled


def _verdict(words: dict[str, list[str]]) -> re.Pattern[str]:
    """A verdict and the rest of its segment: "[tiếp tục] có [nhiều] chuyển biến tích cực", "khởi sắc"."""
    lead, verb, what = _alternatives(words["lead"]), _alternatives(words["verb"]), _alternatives(words["what"])
    said = rf"(?:{verb})(?:\s+(?:nhiều|những|các))?\s+(?:{what})|{_alternatives(words['alone'])}"
    # ... whose figures it names after "với": "ghi nhận nhiều tín hiệu tích cực với bán lẻ tăng 16,4%"
    # (not "với mức tăng 11,2%", "với tốc độ ...": a size, no name)
    named_after = r"[^,;:]*?\s(?P<named_after>với)\s+(?=\S)(?!(?:mức|tốc\s+độ)(?![\wÀ-ỹ]))"
    return re.compile(rf"\s+(?:(?:{lead})\s+)?(?:{said})(?![\wÀ-ỹ])(?:{named_after}|[^,;:]*)", re.I)


@cache
def not_after_abbreviation() -> str:
    """A lookbehind: the dot just before is no abbreviation's ("TP. Hồ Chí Minh" is one sentence)."""
    data = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    return "".join(rf"(?<!\b{re.escape(word)}\.)" for word in data["abbreviations"])


def cue(kind: str, name: str) -> re.Pattern[str]:
    return cues()[kind][name]


@cache
def rules() -> tuple[Rule, ...]:
    table = yaml.safe_load((DATA / "measures.yaml").read_text(encoding="utf-8"))
    return tuple(Rule(row.get("when", {}), row["then"]) for row in table)


_CONDITIONS: dict[str, Callable[[Around, object], bool]] = {
    "left": lambda a, name: bool(cue("left", str(name)).search(a.left)),
    "right": lambda a, name: bool(cue("right", str(name)).match(a.after)),
    "not_right": lambda a, name: not cue("right", str(name)).match(a.after),
    "label": lambda a, name: bool(cue("label", str(name)).search(a.label)),
    "sign": lambda a, sign: a.sign == sign,
    "pending": lambda a, direction: a.pending == direction and a.left.strip().lower() in ("", "với"),
    "follows": lambda a, direction: a.follows == direction,
    "ratio_before": lambda a, measure: a.ratio_before == measure,
    "compared_month": lambda a, kind: a.compared_month == kind,
    "structure": lambda a, flag: a.structure == flag,
    "plan_figure": lambda a, flag: a.plan_figure == flag,
    "at_least": lambda a, least: a.value >= float(str(least)),
}


def decide(around: Around) -> str:
    """The `then` of the first row of the table whose conditions all hold."""
    for rule in rules():
        if all(_CONDITIONS[name](around, arg) for name, arg in rule.when.items()):
            return rule.then
    return "value"


def read_percent(
    value: float, around: Around, change_kind: Callable[[], Measure | None]
) -> tuple[Measure | None, float]:
    """(measure, value) of a percentage; `change_kind` names the measure of a change by its base (None: a base
    the schema cannot hold, so no fact)."""
    outcome = decide(around)
    if outcome == "none":
        return None, value
    if outcome in ("level_rise", "level_fall"):  # a rate that rose or fell by X: the size of the move
        return Measure.VALUE, value
    if outcome == "share_down":
        return Measure.SHARE, -value
    if outcome == "plan_pct_over":
        return Measure.PLAN, round(100 + value, 6)
    if outcome == "plan_pct_under":
        return Measure.PLAN, round(100 - value, 6)
    if outcome == "yoy_index":
        return Measure.YOY, round(value - 100, 6)
    if outcome in ("change", "fall"):
        return change_kind(), -value if outcome == "fall" else value
    return Measure(outcome), value


def level_move(around: Around) -> str:
    """ "Mức giảm" / "Mức tăng" when the percentage is how far a rate moved ("tỷ lệ hộ nghèo giảm 1,4%")."""
    return {"level_fall": "Mức giảm", "level_rise": "Mức tăng"}.get(decide(around), "")
