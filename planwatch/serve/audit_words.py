"""An audit row as a person reads it: what changed named in words ("Văn bản: Báo cáo 6 tháng đầu năm 2024"), each
field by its name in the page's language ("Số liệu: 5 · Gửi muộn: có"), codes by the names they stand for.
The stored row keeps its fields and codes (the CLI and the API show them as they are)."""

from __future__ import annotations

from collections.abc import Mapping

from planwatch.extract.agencies import default_registry
from planwatch.vocab.catalogue import default_catalogue
from planwatch.vocab.measures import measure_label
from planwatch.vocab.numbers import format_number

Words = Mapping[str, str]
_HIDDEN = {"sha256", "id"}  # fingerprints and row numbers say nothing to a reader


def entity_words(entity: str, words: Words, documents: Mapping[str, str]) -> str:
    """ "document:000_…" → "Văn bản: Báo cáo 6 tháng đầu năm 2024"; "target:GRDP_GROWTH" → "Chỉ tiêu: Tốc độ tăng
    trưởng GRDP"; "task:key/1.5" → "Nhiệm vụ 1.5 (Kế hoạch năm 2024)"."""
    kind, _, rest = entity.partition(":")
    if kind == "document":
        key, _, version = rest.partition("@v")  # an approval names one version of a submission
        named = documents.get(key, key) + (f" — {words['field:version']} {version}" if version else "")
    elif kind == "fact":
        key, _, number = rest.rpartition(":")
        named = f"{documents.get(key, key)} (#{number})"
    elif kind == "target":
        named = _indicator(rest)
    elif kind == "agency":
        named = default_registry().name_of(rest)
    elif kind == "task":
        key, _, ref = rest.rpartition("/")
        named = f"{ref} ({documents.get(key, key)})"
    else:
        named = rest
    return f"{words.get('entity:' + kind, kind)}: {named}" if rest else entity


def fields_words(fields: Mapping[str, object] | None, words: Words, lang: str = "vi") -> str:
    """ "{'version': 1, 'figures': 5, 'late': True}" → "Phiên bản: 1 · Số liệu: 5 · Gửi muộn: có"."""
    if not fields:
        return ""
    said = []
    for key, value in fields.items():
        if key in _HIDDEN:
            continue
        said.append(f"{words.get('field:' + key, key.replace('_', ' '))}: {_value(key, value, words, lang)}")
    return " · ".join(said)


def _value(key: str, value: object, words: Words, lang: str) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool) or value in ("true", "false"):
        return words["yes"] if value in (True, "true") else words["no"]
    if isinstance(value, (int, float)):
        return format_number(value, lang=lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    if key == "code":
        return _indicator(text)
    if key == "agency":
        return default_registry().name_of(text)
    if key == "measure":
        return measure_label(text)
    return text


def _indicator(code: str) -> str:
    indicator = default_catalogue().indicators.get(code)
    return indicator.name if indicator else code
