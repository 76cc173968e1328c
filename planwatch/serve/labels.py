"""What the pages say, in Vietnamese first and English when the user asks (?lang=en, remembered): the phrases are
data, one YAML file a topic in `data/words/` (pages, scanned documents, ...), each a mapping language → key →
phrase; `values.yaml` holds the values the library computes in Vietnamese (statuses, categories) in English."""

from __future__ import annotations

from importlib import resources

import yaml

Words = dict[str, dict[str, str]]


def _load_words() -> tuple[Words, dict[str, str]]:
    labels: Words = {}
    values: dict[str, str] = {}
    for entry in sorted(resources.files("planwatch.serve").joinpath("data/words").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        words: Words = yaml.safe_load(entry.read_text(encoding="utf-8"))
        if entry.name == "values.yaml":
            values = words["en"]
            continue
        for lang, phrases in words.items():
            labels.setdefault(lang, {}).update(phrases)
    return labels, values


LABELS, VALUES_EN = _load_words()
