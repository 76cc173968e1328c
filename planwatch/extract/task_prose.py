"""Assignments in running text, cut into one piece per task: a clause that opens with an agency or a speaker's verb
opens a task ("Giao Sở Tài chính chủ trì ...", "Sở Xây dựng hướng dẫn ...", "; riêng UBND huyện Khánh Sơn ..."), the
clauses after it without one continue it, a follow-on sentence with its own date under the same subject is a task of
its own ("Đồng thời cập nhật ... chậm nhất ngày 30/11/2025"), an agency said again in short ("để sở thẩm định") is
the one named before; conditions, closing formulas and execution clauses are read as PLANS.md K8 and K23 say."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from planwatch.extract.agencies import Registry
from planwatch.extract.deadlines import find_deadlines
from planwatch.extract.task_words import (
    Addressees,
    action_after,
    addressees_at,
    assignment_in,
    closing,
    expand_departments,
    is_closing,
    named_at,
    past_comrade,
    pattern,
    subject_in,
)

_DONE = re.compile(r"\bđã\s+")
_CLAUSE_END = re.compile(r"[.!?](?!\d)(?:/\.)?|;|,(?=\s*(?:đồng\s+thời|và)\s+(?:giao|yêu\s+cầu|đề\s+nghị)\s)")
_SENTENCE_END = re.compile(r"[.!?]")


@dataclass
class Piece:
    """One task's text in a run: the agencies (as printed), where its quote starts, where its agencies end and where
    its text ends; `inherited` when the agencies come from a heading or the sentence before."""

    names: list[str]
    names_text: str
    start: int
    names_end: int
    end: int
    role: str = "lead"
    coordinating: list[str] = field(default_factory=list)
    inherited: bool = False


@dataclass
class Reading:
    pieces: list[Piece]
    intro: list[str] | None = None  # the addressees of a clause that opens a list ("yêu cầu các cơ quan thực hiện:")


def clauses(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, opens a sentence) of each clause: sentences, and their parts between semicolons or before a
    speaker's second verb (", đồng thời giao Sở Tài chính ...")."""
    found: list[tuple[int, int, bool]] = []
    start, opens = 0, True
    for m in _CLAUSE_END.finditer(text):
        if text[start : m.end()].strip(" .;/"):
            found.append((start, m.end(), opens))
        start, opens = m.end(), m.group(0) not in ";,"  # ", đồng thời giao Sở X ...": another actor, same sentence
    if text[start:].strip(" .;/"):
        found.append((start, len(text), opens))
    return found


def read_prose(
    text: str,
    registry: Registry,
    inherit: list[str] | None = None,
    reference: date | None = None,
    speakers: frozenset[str] | None = None,
) -> Reading:
    """The tasks of a run of text; `inherit` are the agencies of the heading the text is an item of (its first
    clause is theirs when it names no agency of its own)."""
    if executed := _execution(text, registry):
        return Reading([executed])
    reading = Reading([])
    current: Piece | None = None
    found = clauses(text)
    names_until = 0  # a list of addressees runs over semicolons ("... ngành; Công an tỉnh; UBND các xã ...")
    for number, (start, end, opens) in enumerate(found):
        if start < names_until:
            continue
        lead = start + len(text[start:end]) - len(text[start:end].lstrip(" -–+•*"))
        if pattern("conditions").match(text, lead):
            current = None
            continue
        if current and not opens and _partners_go_on(text, current.start, start):
            current.end = end
            continue
        sentence_end = next((s for s, _, o in found[number + 1 :] if o), len(text))
        piece = _opened(text, lead, end, sentence_end, registry, speakers, reference)
        if piece is not None:
            names_until = piece.names_end
            end = max(end, next((e for s, e, _ in found[number:] if s <= piece.names_end < e), end))
            piece.end = end
        if piece is not None and text[start:end].rstrip().endswith(":"):
            reading.intro = piece.names
            current = None
            continue
        if piece is not None:
            current = piece if piece.names else None
        elif current and opens and _follows_on(text, lead, end, current, reference):
            current = Piece(current.names, "", lead, lead, end, inherited=True)  # a follow-on with its own date
        elif current:
            current.end = end
            continue
        elif inherit and number == 0 and (named := named_at(text, lead, end, registry)):
            current = _piece(text, lead, named, end, registry)
        elif inherit and number == 0:
            current = Piece(inherit, "", lead, lead, end, inherited=True)
            _role(current, text, registry)
        else:
            continue
        if current:
            reading.pieces.append(current)
    for piece in list(reading.pieces):
        _short_references(text, piece, reading.pieces, registry)
    return reading


def _opened(
    text: str,
    start: int,
    end: int,
    stop: int,
    registry: Registry,
    speakers: frozenset[str] | None = None,
    reference: date | None = None,
) -> Piece | None:
    """The task a clause opens (its names may run on to `stop`, the sentence's end); a Piece without names for a
    closing formula ("... nghiêm túc thực hiện./.")."""
    if found := assignment_in(text, start, end, registry, stop):
        verb, who = found
        if is_closing(text, verb, who.end, stop):
            return Piece([], "", start, who.end, end)
        return None if _answers_for(text, who) else _piece(text, start, who, end, registry)
    subject = subject_in(text, start, end, registry, stop, speakers)
    if subject and _answers_for(text, subject):
        return None
    if subject and _closes(text[subject.end : stop]):
        return Piece([], "", start, subject.end, end)
    if subject and not _reports(text, start, end) and not _briefs(text, subject, end, reference):
        timed = pattern("times").match(text, start)  # the time it opens with is the task's: quoted and read
        quote = start if timed or text[start : subject.start].count(",") == 0 else subject.start
        return _piece(text, quote, subject, end, registry)
    return None


def _partners_go_on(text: str, start: int, at: int) -> bool:
    """The clause at `at` goes on with the partners of the task from `start` ("Giao Sở X chủ trì, phối hợp với Sở Tài
    chính; Công an tỉnh; UBND các xã rà soát ..."): no action came after the last "phối hợp" before it."""
    partners = list(pattern("coordinates").finditer(text, start, at))
    return bool(partners) and action_after(text, partners[-1].end(), at) is None


def _closes(told: str) -> bool:
    """What agencies named first are told is a closing formula: "Các sở, ngành nghiêm túc thực hiện Chỉ thị này./."
    (PLANS.md K23); "2. Các sở, ngành triển khai thực hiện Kế hoạch này." in a plan is its item."""
    return bool(_EARNEST.match(told) and closing().match(told))


_EARNEST = re.compile(r"\s*nghiêm\s+túc\b", re.IGNORECASE)


def _answers_for(text: str, who: Addressees) -> bool:
    """What the agencies answer for ("... chịu trách nhiệm trước Chủ tịch UBND tỉnh về tiến độ"), not a task (PLANS.md
    K8); inside an item it belongs to the item's task."""
    return bool(pattern("accountable").match(text, _skip(text, who.end)))


def _reports(text: str, start: int, end: int) -> bool:
    """A sentence that reports what was done ("... lũy kế đạt 23.098 ha", "... đã giải quyết 452 tin")."""
    if pattern("results").search(text, start, end):
        return True
    return any(pattern("actions").match(text, m.end()) for m in _DONE.finditer(text, start, end))


def _briefs(text: str, subject: Addressees, end: int, reference: date | None) -> bool:
    """A member reporting at a meeting ("Giám đốc Sở Xây dựng báo cáo công tác chỉnh trang đô thị"): one person's
    title, a report on a topic, and neither where it goes nor by when (PLANS.md K22)."""
    title = pattern("members").match(text, past_comrade(text, subject.start))  # "Đồng chí Giám đốc Sở ... báo cáo"
    if not title or text[title.end() :].lstrip().lower().startswith("các"):
        return False
    at = _skip(text, subject.end)
    sent = pattern("sent_to").search(text, at, end) or _any_date(text, at, end, reference)
    return bool(pattern("briefs").match(text, at)) and not sent


def _piece(text: str, start: int, who: Addressees, end: int, registry: Registry) -> Piece:
    piece = Piece(who.names, text[who.start : who.end], start, who.end, end)
    _role(piece, text, registry)
    return piece


def _role(piece: Piece, text: str, registry: Registry) -> None:
    """Coordinate when the agency is told to work with a named one that leads ("phối hợp với Sở Nội vụ ...")."""
    m = pattern("coordinates").match(text, _skip(text, piece.names_end))
    if m and (partners := registry.scan(text, _skip(text, m.end()))[0]):
        piece.role, piece.coordinating = "coordinate", partners


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " ,-–+•*":
        pos += 1
    return pos


def _own_date(text: str, start: int, end: int, reference: date | None) -> bool:
    return any(d.due and d.dated for d in find_deadlines(text[start:end], 0, reference))


def _any_date(text: str, start: int, end: int, reference: date | None) -> bool:
    return any(d.due or d.every for d in find_deadlines(text[start:end], 0, reference))


def _follows_on(text: str, start: int, end: int, current: Piece, reference: date | None) -> bool:
    """A sentence after a task with a time of its own is a task of its own: one with a day ("Đồng thời cập nhật ...
    chậm nhất ngày 30/11/2025"), or with an action and a month, quarter or year after a task that has its own time
    ("... trước ngày 05 hằng tháng báo cáo ... Đồng thời tham mưu ... trong quý II/2026"); a sentence that only says by
    when ("Hoàn thành trong quý II/2026.") is the task's."""
    if not _any_date(text, current.start, current.end, reference):
        return False
    if _own_date(text, start, end, reference) and _own_date(text, current.start, current.end, reference):
        return True
    adds = pattern("adds").match(text, start)
    opening = _skip(text, adds.end()) if adds else start
    acts = bool(adds) or bool(pattern("actions").match(text, opening))
    return acts and _any_date(text, start, end, reference) and not pattern("completes").match(text, opening)


def _short_references(text: str, piece: Piece, pieces: list[Piece], registry: Registry) -> None:
    """ "... gửi hồ sơ về Sở Tài nguyên và Môi trường trước ngày 28-10 để sở tổ chức thẩm định trình UBND tỉnh trước
    ngày 10-11": the agency said again in short does a task of its own, the one named before it."""
    for m in _short().finditer(text, piece.names_end, piece.end):
        action = action_after(text, m.end(), min(len(text), m.end() + 40))
        if action is None or action.start() != m.end():
            continue
        named = [n for n in _names_before(text, m.start(), registry) if n.lower().startswith(m.group(1).lower())]
        if named:
            pieces.append(Piece([named[-1]], m.group(1), m.start() + 3, m.end(), piece.end, inherited=True))
            piece.end = m.start()
            return


@cache
def _short() -> re.Pattern[str]:
    return re.compile(rf"\bđể\s+({pattern('short_references').pattern})\s+", re.IGNORECASE)  # "để sở", "để Sở"


def _names_before(text: str, end: int, registry: Registry) -> list[str]:
    names: list[str] = []
    for m in re.finditer(r"(?<![\wÀ-ỹ])[A-ZĐÀ-Ỹ]", text[:end]):
        stop = registry.match_at(text, m.start())
        if stop is not None and stop <= end:
            names.append(text[m.start() : stop])
    return names


def _execution(text: str, registry: Registry) -> Piece | None:
    """ "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Xây dựng, Tài chính; Chủ tịch UBND các xã, phường ... chịu trách
    nhiệm thi hành Quyết định này": one task for all of them (PLANS.md K8)."""
    m = pattern("executes").search(text)
    if not m:
        return None
    start = max((s.end() for s in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
    start += len(text[start : m.start()]) - len(text[start : m.start()].lstrip())
    phrase = text[start : m.start()].rstrip(" ,")
    if not phrase or addressees_at(text, start, len(text), registry) is None and not registry.split(phrase):
        return None
    names = [name for part in phrase.split(";") for name in expand_departments(part.strip(), registry)]
    end = _SENTENCE_END.search(text, m.end())
    return Piece(names, phrase, start, m.start(), end.end() if end else len(text))
