"""The words of assignments (data/tasks.yaml) and the two places an agency stands in one: the object of a speaker's
verb ("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành ... rà soát", "Giao Sở Tài chính chủ trì") and the
subject of a sentence ("Sở Lao động, Thương binh và Xã hội rà soát, tham mưu ...", "Công an tỉnh chủ trì ...").
Either way the agencies run from where they start to the first action word (`actions`), and read as agency names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planwatch.extract.agencies import Registry

_LETTER = r"[\wÀ-ỹ]"
_NAME_WORDS = 45
_NAME_PIECE_WORDS = 14  # no one agency's name is longer  # how long a list of addressees may run before its action
# an action word inside a name that ends with "tỉnh" right before the real action
# (not "Tỉnh ủy", the party's committee: "triển khai các nội dung tại Công văn của Tỉnh ủy")
_NAME_GOES_ON = re.compile(r"[^,;.:]{0,60}?\btỉnh\s(?!ủy|uỷ)(?=\S)", re.I)
# "Giao cho Sở Xây dựng ...", "giao nhiệm vụ cho Sở Y tế ...", "yêu cầu: Các chủ đầu tư ..."
_TO = re.compile(r"\s+(?:nhiệm\s+vụ\s+|trách\s+nhiệm\s+)?cho(?=\s)|\s*:", re.I)
_COMMA = re.compile(r",\s*")
_COLON = re.compile(r":\s*")
_LIST_OPENED = re.compile(r"\b(?:như\s+sau|cụ\s+thể|sau\s+đây)\s*:\s*", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]{1,80}\)")
_DEPARTMENTS = re.compile(r"\b[Cc]ác\s+Sở\s*:")
# "Sở Y tế: Chủ trì", not the lists in "các Sở: Xây dựng", "UBND các xã: Thống Nhất, Hòa An"
_AFTER_LABEL = re.compile(r"(?<!Sở)(?<!xã)(?<!phường)(?<!khu)(?<!huyện):\s*$")
_PLACES_LISTED = re.compile(r"(\bcác\s+(?:xã|phường|đặc\s+khu|huyện|thị\s+xã))\s*:\s*(?=[A-ZĐÀ-Ỹ])")
_LIST_OF_DEPARTMENTS = re.compile(r"^(.*?)\b[Cc]ác\s+Sở\s*:\s*(.+)$", re.S)
_PLACE_BEFORE = re.compile(r"\b(?:xã|phường|huyện|thị\s+xã|thành\s+phố|thị\s+trấn)\s+[A-ZĐÀ-Ỹ]")
_DOCUMENT_BEFORE = re.compile(r"(?:số\s+)?\d+/[\wĐ-]+(?:\s+ngày\s+[\d/]+)?\s*$", re.I)  # "Công văn số 1066/UBND-VXNV"


@cache
def words() -> dict[str, Any]:
    text = resources.files("planwatch.extract").joinpath("data/tasks.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def _alternatives(items: list[str]) -> str:
    """Plain words as one alternation, the longest first, spaces as any run of spaces."""
    ordered = sorted({w.lower() for w in items}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


@cache
def pattern(key: str) -> re.Pattern[str]:
    """The words of `key` as whole words."""
    return re.compile(rf"(?<!{_LETTER})(?:{_alternatives(words()[key])})(?!{_LETTER})", re.I)


@cache
def closing() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + "|".join(words()["closings"]) + r")\W*$", re.I)


@cache
def _deadline_tail() -> re.Pattern[str]:
    """A deadline between the addressees and their action, and the "phải" after it: it is the task's, not a name's."""
    before = _alternatives(words()["deadlines"]["before"])
    date = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    return re.compile(rf"\s*,?\s+(?:{before})\s+(?:ngày\s+)?{date}\s*,?(?:\s*phải)?\s*$", re.I)


@cache
def _apposition() -> re.Pattern[str]:
    """The role an agency's name is given before its action ("... là cơ quan thường trực,")."""
    return re.compile(rf"\s+(?:{_alternatives(words()['appositions'])})(?!{_LETTER})[^,;()]{{0,60}},?\s*$", re.I)


@cache
def _head() -> re.Pattern[str]:
    titles, heads = _alternatives(words()["titles"]), _alternatives(words()["heads"])
    after_cac = _alternatives(words()["heads_after_cac"])
    return re.compile(
        rf"(?:(?:{titles})\s+)*(?:(?:{heads})|(?:các|tất\s+cả\s+các)\s+(?:{after_cac}))(?!{_LETTER})", re.I
    )


def agency_phrase(phrase: str, registry: Registry) -> list[str] | None:
    """The agencies a phrase names when it names nothing else ("Sở Nội vụ", "Giám đốc các sở, Thủ trưởng các ban,
    ngành"); None for a title or a sentence ("Các chỉ tiêu chủ yếu", "Ban hành kèm theo ...")."""
    phrase = phrase.strip(" :")
    if registry.match_at(phrase, 0) == len(phrase):
        return [phrase]
    names = registry.split(phrase)
    if (
        not names
        or re.search(r"[.!?]|\d", phrase)
        or any(len(name.split()) > _NAME_PIECE_WORDS for name in names)
        or not _starts_agency(names[0], 0, registry)
        or not registry.looks_like_addressees(phrase)
    ):
        return None
    for name in names:
        known = registry.match_at(name, 0)
        head = _head().match(name)
        after = known or (head.end() if head else 0)
        if action_after(name, after, len(name)) or not _name_like(name, registry):
            return None
    return names


def _starts_agency(text: str, pos: int, registry: Registry) -> bool:
    """An agency's name starts at `pos`: a name the registry holds, or a head word that is not an action there
    ("Ban Quản lý ..." is, "Ban hành ..." is not)."""
    if text[pos : pos + 1].islower() and not pattern("titles").match(text, pos):
        return False  # "ban" of "giao ban", "ngành công nghiệp": a lower-case name starts with "các", "Thủ trưởng"
    if registry.match_at(text, pos) is not None:
        return True
    return bool(_head().match(text, pos)) and not pattern("actions").match(text, pos)


def speakers_of(kind: str | None) -> frozenset[str]:
    """The registry codes of who speaks in a document of this kind ("nghị quyết": the council)."""
    table = words()["speakers"]
    return frozenset(table.get(kind or "", table["default"]))


def past_comrade(text: str, pos: int) -> int:
    """Where a name starts after the "Đồng chí" a news item or a notice puts before a head ("Đồng chí Giám đốc ...")."""
    comrade = _COMRADE.match(text, pos)
    return comrade.end() if comrade else pos


_COMRADE = re.compile(r"đồng\s+chí\s+", re.IGNORECASE)


def _speaker(text: str, pos: int, registry: Registry, speakers: frozenset[str] | None = None) -> bool:
    """The province's committee, its chairman or its council: who speaks, not who is told."""
    pos = past_comrade(text, pos)
    end = registry.match_at(text, pos)
    agency = registry.normalise(text[pos:end]) if end is not None else None
    return agency is not None and agency.code in (speakers_of(None) if speakers is None else speakers)


@dataclass(frozen=True)
class Addressees:
    """Agencies found in a clause: their names, where the phrase starts and ends, and where its action starts."""

    names: list[str]
    start: int
    end: int


def action_after(text: str, pos: int, stop: int) -> re.Match[str] | None:
    """The first action word from `pos` that is a verb: in lower case (a capital starts a name: "các Sở: Xây dựng,
    Tài chính") unless it opens what follows an agency and its colon ("Sở Y tế: Chủ trì ..."), not a noun after "các"
    ("các tổ chức chính trị")."""
    for m in pattern("actions").finditer(text, pos, stop):
        opens = m.group(0)[:1].islower() or _AFTER_LABEL.search(text, max(0, m.start() - 12), m.start())
        if opens and not re.search(
            r"(?:các|những|cơ quan,?|công tác|đơn vị,)\s+$", text[max(0, m.start() - 12) : m.start()], re.I
        ):
            return m
    return None


def addressees_at(text: str, pos: int, stop: int, registry: Registry) -> Addressees | None:
    """Agencies that start at `pos` and run to an action word before `stop`: "Sở Tài chính chủ trì" →
    ["Sở Tài chính"]; None when the words there are not agency names followed by an action."""
    while pos < stop and text[pos] in " ,":
        pos += 1
    if not _starts_agency(text, pos, registry):
        return None
    head = _head().match(text, pos)
    known = registry.match_at(text, pos)
    after_head = max(head.end() if head else pos, known or pos)
    action = action_after(text, after_head, min(stop, pos + 400))
    if action is None:
        return None
    longer = _NAME_GOES_ON.match(text, action.start())  # "Ban Quản lý dự án đầu tư xây dựng ... tỉnh chỉ đạo"
    partners = pattern("coordinates").match(text, action.start())  # not "phối hợp với Quản lý thị trường tỉnh"
    if longer and not partners and not _names_within(text, action.start(), longer.end(), registry):
        action = action_after(text, longer.end(), min(stop, pos + 400)) or action
    phrase = text[pos : _passive_end(text, after_head, action)].rstrip(" ,:")
    if timed := _deadline_tail().search(phrase):  # "UBND các xã chậm nhất ngày 25/12/2025 phải báo cáo"
        phrase = phrase[: timed.start()].rstrip(" ,")
    bare = _ASIDE.sub("", phrase)  # "Sở Tài chính (cơ quan thường trực)"
    bare = _PLACES_LISTED.sub(r"\1 ", bare)  # "UBND các phường: Tân An, Bình Minh"
    if role := _apposition().search(bare):  # "Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì ..."
        bare = bare[: role.start()]
    listed = _DEPARTMENTS.sub("", bare)  # "Giám đốc các Sở: Xây dựng, Tài chính"
    if not phrase or len(phrase.split()) > _NAME_WORDS or re.search(r"[.:!?()\"“”]|\d{2,}", listed):
        return None
    names = [name for part in bare.split(";") for name in expand_departments(part.strip(), registry)]
    unknown = [n for n in names if not registry.normalise(n)]
    if (
        not names
        or not all(_name_like(n, registry) for n in unknown)
        or any(pattern("not_in_names").search(n) or _assigns_in(n, registry) for n in unknown)
    ):
        return None
    return Addressees(_places_joined(names, registry), pos, pos + len(phrase))


def _passive_end(text: str, after_head: int, action: re.Match[str]) -> int:
    """Where the agencies end before their action: at "được giao" when the assignment is passive ("UBND xã Tân An được
    giao hoàn thành ..."), not "đã được giao", what was assigned before."""
    passive = pattern("passive").search(text, after_head, action.end() + 16)
    if passive and passive.start() <= action.start() and not _BEFORE_NOW.search(text, 0, passive.start()):
        return passive.start()
    return action.start()


_BEFORE_NOW = re.compile(r"\bđã\s*$", re.IGNORECASE)


def _names_within(text: str, start: int, end: int, registry: Registry) -> bool:
    """An agency the registry knows is named between `start` and `end` ("UBND tỉnh" in "phải trình UBND tỉnh ...")."""
    return any(registry.match_at(text, start + m.start()) for m in re.finditer(r"(?<!\w)\w", text[start:end]))


def expand_departments(part: str, registry: Registry) -> list[str]:
    """ "Giám đốc các Sở: Xây dựng, Tài chính" → ["Giám đốc Sở Xây dựng", "Giám đốc Sở Tài chính"]; other lists as the
    registry splits them."""
    if m := _LIST_OF_DEPARTMENTS.match(part):
        title = m.group(1).strip()
        return [f"{title} Sở {name.strip()}".strip() for name in re.split(r",\s*", m.group(2)) if name.strip()]
    return registry.split(part)


def _places_joined(names: list[str], registry: Registry) -> list[str]:
    """ "UBND các xã Tân Hải, Long Thủy" is one addressee: the places after the first stay with it."""
    joined: list[str] = []
    for name in names:
        place = not registry.normalise(name) and not _head().match(name) and all(w[:1].isupper() for w in name.split())
        if joined and place and _PLACE_BEFORE.search(joined[-1]):
            joined[-1] = f"{joined[-1]}, {name}"
        else:
            joined.append(name)
    return joined


def named_at(text: str, pos: int, stop: int, registry: Registry) -> Addressees | None:
    """An agency's name at `pos` followed by a verb the word lists do not hold ("Công ty Điện lực tỉnh đóng điện
    ..."), for the items of a list, where a name at the start is the subject."""
    names, end = registry.scan(text, pos)
    after = text[end:stop].lstrip(" ,")
    if not names or not after[:1].islower() or pattern("not_in_names").match(after):
        return None
    return Addressees(names, pos, end)


def _assigns_in(piece: str, registry: Registry) -> bool:
    """A speaker's verb with its addressee inside the phrase ("... yêu cầu các sở"), not "giao thông"."""
    return any(_starts_agency(piece, m.end() + 1, registry) for m in pattern("assigns").finditer(piece))


def _name_like(piece: str, registry: Registry) -> bool:
    """A piece of an addressee list: an agency, a lower-case continuation ("ban", "ngành của tỉnh"), or a place
    continuing a list of places ("các xã Tân Hải, Long Thủy")."""
    if registry.normalise(piece) or _head().match(piece):
        return True
    count = len(piece.split())
    goes_on = piece[:1].islower() and count <= 6 and pattern("continuations").match(piece.removeprefix("các "))
    return bool(goes_on) or (count <= 4 and all(w[:1].isupper() for w in piece.split()))


def assignment_in(
    text: str, start: int, end: int, registry: Registry, stop: int | None = None
) -> tuple[re.Match[str], Addressees] | None:
    """A speaker's verb in text[start:stop] with the agencies it addresses: "giao Sở X chủ trì", "yêu cầu các sở,
    ngành tập trung"; not the verb of a document being named ("Công văn số 1066/UBND-VXNV chỉ đạo ...")."""
    stop = end if stop is None else stop
    for verb in pattern("assigns").finditer(text, start, end):
        before = text[max(start, verb.start() - 60) : verb.start()]
        if _DOCUMENT_BEFORE.search(before) or re.search(r"(?:được|đã được)\s*$", before, re.I):
            continue
        to = _TO.match(text, verb.end())
        at = to.end() if to else verb.end()
        found = addressees_at(text, at, stop, registry) or addressees_at(text, _past_intro(text, at), stop, registry)
        if found and not _proposal(text, start, verb, found, registry):
            return verb, found
    return None


def _proposal(text: str, start: int, verb: re.Match[str], found: Addressees, registry: Registry) -> bool:
    """A department asking the province ("Sở Tài chính đề nghị UBND tỉnh xem xét ..."): a petition, not a task."""
    if re.match(r"giao\b", verb.group(0), re.I) or not _speaker(text, found.start, registry):
        return False
    at = start + len(text[start : verb.start()]) - len(text[start : verb.start()].lstrip(" -–+•*"))
    return _starts_agency(text, at, registry) and not _speaker(text, at, registry)


def _past_intro(text: str, at: int) -> int:
    """Where the addressees begin after a phrase of time or manner between the verb and them ("chỉ đạo, trong thời
    gian tới, các chủ đầu tư ..."); `at` itself when there is none."""
    opened = _INTRO_AFTER_VERB.match(text, at)
    intro = pattern("intros").match(text, opened.end()) if opened else None
    comma = text.find(",", intro.end(), intro.end() + 60) if intro else -1
    return comma + 1 if comma >= 0 else at


_INTRO_AFTER_VERB = re.compile(r"\s*,?\s*")


def subject_in(
    text: str, start: int, end: int, registry: Registry, stop: int | None = None, speakers: frozenset[str] | None = None
) -> Addressees | None:
    """The agency a clause opens with, after an introductory phrase ("Theo đó, ", "Riêng ", "Trên cơ sở ..., ") or a
    phrase of time ("Hằng tháng, trước ngày 25, "):
    the first candidate in capitals wins over one in lower case ("đơn vị, Sở Kế hoạch và Đầu tư chủ trì")."""
    stop = end if stop is None else stop
    at = start
    while at < end and text[at] in " -–+•*":
        at += 1
    if pattern("conditions").match(text, at):
        return None
    candidates = [at]
    intro = pattern("intros").match(text, at) or pattern("times").match(text, at)
    if intro:
        candidates.append(intro.end())
        limit = min(end, at + 250)
        candidates += [m.end() for m in _COMMA.finditer(text, intro.end(), limit)]
        candidates += [m.end() for m in _COLON.finditer(text, intro.end(), limit)]  # "Về đề xuất ...: Sở X ..."
    # the first item after a lead-in that closes with a colon: "UBND tỉnh giao nhiệm vụ như sau: Sở Y tế chủ trì ..."
    candidates += [m.end() for m in _LIST_OPENED.finditer(text, at, end)]
    found = [
        a
        for c in candidates
        if (a := addressees_at(text, c, stop, registry)) and not _speaker(text, a.start, registry, speakers)
    ]
    capital = [a for a in found if text[a.start : a.start + 1].isupper()]
    return (capital or found)[0] if found else None


def is_closing(text: str, verb: re.Match[str], end: int, stop: int) -> bool:
    """What a speaker asks is a closing formula ("yêu cầu ... nghiêm túc triển khai thực hiện Chỉ thị này./.");
    "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết" is a task."""
    return not re.match(r"giao\b", verb.group(0), re.I) and bool(closing().match(text[end:stop]))
