"""The pages' phrases are data (planwatch/serve/data/words/*.yaml): every language says every phrase, and the
phrases with blanks name the same blanks in each language."""

from __future__ import annotations

import re

from planwatch.serve.labels import LABELS, VALUES_EN

BLANK = re.compile(r"\{(\w+)\}")


def test_every_language_has_every_phrase() -> None:
    assert set(LABELS) == {"vi", "en"}
    assert set(LABELS["vi"]) == set(LABELS["en"])


def test_a_phrase_has_the_same_blanks_in_each_language() -> None:
    differ = [k for k, v in LABELS["vi"].items() if set(BLANK.findall(v)) != set(BLANK.findall(LABELS["en"][k]))]
    assert not differ


def test_computed_values_have_english_words() -> None:
    assert VALUES_EN["quá hạn chưa hoàn thành"] == "overdue"
