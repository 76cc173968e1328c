"""The agency registry (data/agencies.yaml plus what users add) and reading agency lists as plans
print them: "Sở Kế hoạch và Đầu tư, Ban Quản lý các KCN tỉnh" → two agencies, while the commas and
"và" inside "Sở Văn hóa, Thể thao và Du lịch" or "UBND các huyện, thành phố" stay inside one name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from planwatch.text.fold import fold_keep_length, phrase_pattern


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...] = field(default=())


# Words an agency name starts with, for names the registry does not hold yet.
_HEADS = (
    "sở",
    "ban",
    "cục",
    "chi cục",
    "công chức",  # a commune's plan heads its items with its officers: "1. Công chức Tư pháp - Hộ tịch"
    "ubnd",
    "ủy ban",
    "uỷ ban",
    "văn phòng",
    "kho bạc",
    "ngân hàng",
    "công an",
    "bộ",
    "đài",
    "bảo hiểm",
    "liên minh",
    "thanh tra",
    "cơ quan",
    "các cơ quan",
    "đơn vị",
    "các đơn vị",
    "trung tâm",
    "hội",
    "báo",
    "tỉnh đoàn",
    "giám đốc",
    "thủ trưởng",
    "chủ tịch",
    "trường",
    "viện",
    "tập đoàn",
    "công ty",
    "hđnd",
    "hội đồng",
    "mặt trận",
    "đoàn thể",
    "các",
    "lực lượng",
    "ngành",
    "địa phương",
)
# The head of an agency before its name: "Giám đốc Sở Nông nghiệp và Môi trường" is one addressee, not split at "và".
_TITLE = re.compile(
    r"(?:(?:đồng\s+chí|phó|giám\s+đốc|chủ\s+tịch|thủ\s+trưởng|trưởng\s+ban|chánh\s+văn\s+phòng|chánh\s+thanh\s+tra"
    r"|người\s+đứng\s+đầu|lãnh\s+đạo)\s+)+",
    re.IGNORECASE,
)
_HEAD_RE = phrase_pattern((fold_keep_length(h) for h in _HEADS), trailing_only=True)
# Verbs that make a phrase a sentence, not a name ("Hội đồng nhân dân tỉnh tán thành với nhận định:").
_VERB_RE = phrase_pattern(
    fold_keep_length(v)
    for v in (
        "tán thành",
        "nhất trí",
        "thông qua",
        "thực hiện",
        "triển khai",
        "tổ chức thực hiện",
        "chỉ đạo",
        "quyết nghị",
        "quyết định",
        "báo cáo",
        "đánh giá",
        "ban hành",
        "đề nghị",
        "yêu cầu",
        "giao",
    )
)
_DISTRICT = re.compile(r"(?:ubnd|uy ban nhan dan) (?:huyen|thanh pho|thi xa) ")
_TITLE = re.compile(r"^\s*(?:Giám đốc|Phó Giám đốc|Thủ trưởng|Lãnh đạo|Chánh)\s+(?=\S)", re.I)
_SEPARATOR = re.compile(r"\s*(?:,|;|\bvà\b|\bcùng\b|\bvới\b)\s*")


class Registry:
    """Agencies by code, matched by any alias regardless of case and diacritics."""

    def __init__(self, agencies: Iterable[Agency]) -> None:
        self.agencies = {a.code: a for a in agencies}
        self._by_alias: dict[str, Agency] = {}
        for agency in self.agencies.values():
            for alias in (agency.name, *agency.aliases):
                self._by_alias.setdefault(_key(alias), agency)
        self._pattern = phrase_pattern(self._by_alias)

    def name_of(self, code: str) -> str:
        """The registry's name for a code; anything else (a name no entry matched) as it is."""
        return self.agencies[code].name if code in self.agencies else code

    def with_agencies(self, extra: Iterable[Agency]) -> Registry:
        return Registry([*self.agencies.values(), *extra])

    def normalise(self, name: str) -> Agency | None:
        """The registry entry a printed name means, or a district committee it names."""
        found = self._by_alias.get(_key(name)) or self._by_alias.get(_key(_TITLE.sub("", name)))
        if found:
            return found  # "Giám đốc Sở Y tế" is Sở Y tế's
        district = _DISTRICT.match(fold_keep_length(name.strip()))
        place = name.strip()[district.end() :] if district else ""
        if place[:1].isupper():
            return Agency("UBND_" + re.sub(r"\W+", "_", fold_keep_length(place)).upper(), name.strip(), "district")
        return None

    def match_at(self, text: str, pos: int) -> int | None:
        """End of the registry name that starts at `pos`, if one does."""
        m = self._pattern.match(fold_keep_length(text).replace("–", "-"), pos)
        return m.end() if m else None

    def _titled_end(self, text: str, pos: int) -> int | None:
        """End of the registry name at `pos`, after the head's title when there is one ("Giám đốc Sở Khoa học và Công
        nghệ" ends after "Công nghệ", not at a shorter name the title starts)."""
        end = self.match_at(text, pos)
        title = _TITLE.match(text, pos)
        named = self.match_at(text, title.end()) if title else None
        return named if named is not None and (end is None or named > end) else end

    def split(self, text: str) -> list[str]:
        """An addressee phrase split into agency names as printed."""
        names: list[str] = []
        pos = _skip_separators(text, 0)
        while pos < len(text):
            end = self._titled_end(text, pos)
            if end is None or (end < len(text) and not _SEPARATOR.match(text, end)):
                # a name the registry holds goes on with its qualifier ("UBND các xã, phường ven biển")
                sep = _SEPARATOR.search(text, pos if end is None else end)
                end = sep.start() if sep else len(text)
            name = text[pos:end].strip(" .")
            if name:
                names.append(name)
            pos = _skip_separators(text, end)
        return names

    def scan(self, text: str, pos: int) -> tuple[list[str], int]:
        """Agency names from `pos` on, as long as they run ("phối hợp với Sở Y tế, các địa phương tổ chức ...")."""
        names: list[str] = []
        while True:
            start = _skip_separators(text, pos) if names else pos
            end = self.match_at(text, start)
            if end is None:
                end = _named_agency_end(text, start)
            if end is None:
                return names, pos
            names.append(text[start:end])
            pos = end
            if not _SEPARATOR.match(text, pos):
                return names, pos

    def looks_like_addressees(self, text: str) -> bool:
        """Every piece of the phrase names an agency or starts as agency names do."""
        pieces = self.split(text)
        if not pieces or len(text) > 250 or not self._agency_like(pieces[0]):
            return False
        return all(self._agency_like(p) or _lower_tail(p) for p in pieces[1:])

    def _agency_like(self, piece: str) -> bool:
        if self.normalise(piece):
            return True
        folded = fold_keep_length(piece)
        return bool(_HEAD_RE.match(folded)) and not _VERB_RE.search(folded)


def _lower_tail(piece: str) -> bool:
    """A short lower-case piece continuing a list ("Các cơ quan thông tin, truyền thông")."""
    return piece[:1].islower() and len(piece.split()) <= 3


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", fold_keep_length(name).replace("–", "-")).strip()


def _skip_separators(text: str, pos: int) -> int:
    while m := _SEPARATOR.match(text, pos):
        if m.end() == pos:
            break
        pos = m.end()
    return pos


_PROPER_NAME = re.compile(
    r"(?:Sở|Ban|Cục|Chi cục|Trung tâm|Công ty|Tổng công ty|Hội|Viện|Đài|Trường)(?: [A-ZĐ][\wÀ-ỹ]*| và| các)+"
    r"(?: tỉnh(?![\wÀ-ỹ]))?"
)


def _named_agency_end(text: str, pos: int) -> int | None:
    """End of a capitalised agency name the registry does not know ("Trung tâm Phục vụ hành chính công")."""
    m = _PROPER_NAME.match(text, pos)
    if not m:
        return None
    return m.end() - (4 if m.group(0).endswith(" các") else 3 if m.group(0).endswith(" và") else 0)


@cache
def default_registry() -> Registry:
    data = resources.files("planwatch.extract").joinpath("data/agencies.yaml").read_text(encoding="utf-8")
    return Registry(
        Agency(str(e["code"]), str(e["name"]), str(e["kind"]), tuple(str(a) for a in e.get("aliases", [])))
        for e in yaml.safe_load(data)
    )
