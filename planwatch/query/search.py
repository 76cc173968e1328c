"""Full-text search with the database's own engine (SQLite FTS5, PostgreSQL tsvector), with or without
diacritics and with the genre's abbreviations: "thu ngan sach" finds "thu ngân sách", "NSNN" finds
"ngân sách nhà nước" and the other way round. Passages are indexed folded letter by letter (same length as
the original), so a hit is highlighted at the same offsets in the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from planwatch.text.fold import ABBREVIATIONS, fold, fold_keep_length
from planwatch.text.words import telling_pairs


@dataclass(frozen=True)
class Hit:
    doc_key: str
    title: str | None
    char_start: int
    char_end: int
    page: int | None
    text: str  # the passage as in the document
    marks: tuple[tuple[int, int], ...]  # hit positions inside `text`
    score: float


# Question words that say nothing about what is searched for ("... đạt bao nhiêu?").
_QUESTION_WORDS = set(
    ["bao", "nhieu", "la", "gi", "nao", "the", "nao", "dat", "duoc", "co", "khong", "nhu", "sao", "may"]
)


def query_terms(query: str) -> list[list[str]]:
    """The query as alternatives of word sequences: each abbreviation and its expansion stand for each other."""
    words = [w for w in fold(query).split() if w not in _QUESTION_WORDS] or fold(query).split()
    phrases = [words]
    folded_raw = [w for w in re.findall(r"[a-z0-9]+", fold_keep_length(query.lower())) if w not in _QUESTION_WORDS]
    if folded_raw != words:
        phrases.append(folded_raw)
    joined = " ".join(words)
    for short, long in ABBREVIATIONS.items():
        if long in joined:
            phrases.append(joined.replace(long, short).split())
    unique: list[list[str]] = []
    for phrase in phrases:
        if phrase and phrase not in unique:
            unique.append(phrase)
    return unique


def search(session: Session, query: str, limit: int = 20, besides: str | None = None) -> list[Hit]:
    """Passages holding every word of the query (or of one of its alternatives), best first; when none does,
    passages holding most of them. `besides`: a document whose passages are left out (the one asking)."""
    alternatives = query_terms(query)
    if not alternatives:
        return []
    hits = _search(session, alternatives, limit, True, besides)
    if not hits and any(len(words) > 1 for words in alternatives):
        hits = _search(session, alternatives, limit, False, besides)
    return hits


def related(session: Session, text: str, limit: int, besides: str | None = None, names: str = "") -> list[Hit]:
    """Passages of other documents that speak of what `text` speaks of: those holding most of its telling word
    pairs, each pair as a phrase ("giảm nghèo", "việc làm"), apart from the pairs of `names` (the agencies a
    task names say who, not what)."""
    left_out = telling_pairs(names)
    pairs = [p for p in telling_pairs(text) if p not in left_out][:MAX_PAIRS]
    if not pairs:
        return []
    hits = _search(session, pairs, limit * 4, True, besides)
    phrases = [" ".join(p) for p in pairs]

    def held(hit: Hit) -> int:
        folded = " ".join(fold(hit.text).split())
        return sum(phrase in folded for phrase in phrases)

    return sorted((h for h in hits if held(h) >= MIN_PAIRS), key=lambda h: (-held(h), -h.score))[:limit]


MAX_PAIRS = 12
MIN_PAIRS = 2  # one shared pair ("tăng trưởng") is chance; two are a topic


RANKED_POOL = 1000  # PostgreSQL ranks the newest matching passages only: ranking every match grows with the store
NEWEST_FIRST = 20_000  # passages PostgreSQL reads first, newest first, before it asks the full-text index


def _search(
    session: Session, alternatives: list[list[str]], limit: int, every_word: bool, besides: str | None
) -> list[Hit]:
    joiner = (" AND ", " & ") if every_word else (" OR ", " | ")
    wanted = {"limit": limit * 3, "besides": besides or ""}
    if session.get_bind().dialect.name == "sqlite":
        match = " OR ".join("(" + joiner[0].join(f'"{w}"' for w in words) + ")" for words in alternatives)
        rows = session.execute(text(_SQLITE_BEST + _PASSAGES), {**wanted, "match": match}).all()
    else:
        tsquery = " | ".join("(" + joiner[1].join(words) + ")" for words in alternatives)
        rows = _newest_matches(session, {**wanted, "q": tsquery, "pool": RANKED_POOL}, limit * 3)
    scored = []
    for row in rows:
        phrase_bonus = 10.0 if any(" ".join(w) in " ".join(fold(row[6]).split()) for w in alternatives) else 0.0
        scored.append((float(row[7]) + phrase_bonus, row))
    best = sorted(scored, key=lambda pair: -pair[0])[:limit]  # only the hits shown are marked
    return [
        Hit(doc_key, title, start, end, page, passage, _marks(passage, alternatives), score)
        for score, (_, start, end, page, doc_key, title, passage, _) in best
    ]


_PASSAGES = (
    "SELECT p.id, p.char_start, p.char_end, p.page, d.doc_key, d.title, "
    "substr(d.text, p.char_start + 1, p.char_end - p.char_start), best.score "
    "FROM best JOIN passages p ON p.id = best.id JOIN documents d ON d.id = p.document_id "
    "ORDER BY best.score DESC, p.id"
)  # the text of the best passages only: each one reads its document's text
_SQLITE_BEST = (
    "WITH best AS (SELECT passage_index.rowid AS id, -bm25(passage_index) AS score "
    "FROM passage_index JOIN passages p ON p.id = passage_index.rowid "
    "JOIN documents d ON d.id = p.document_id "
    "WHERE passage_index MATCH :match AND d.is_current AND d.doc_key != :besides "
    "ORDER BY bm25(passage_index) LIMIT :limit) "
)
_MATCHING = (
    "JOIN documents d ON d.id = {p}.document_id WHERE {p}.search @@ to_tsquery('simple', :q) "
    "AND d.is_current AND d.doc_key != :besides ORDER BY {p}.id DESC LIMIT :pool)"
)  # the newest matching passages of current documents, `pool` of them
_NEWEST_POOL = (
    "pool AS (SELECT n.id FROM (SELECT p.id, p.search, p.document_id FROM passages p WHERE p.id > {floor} "
    "ORDER BY p.id DESC OFFSET 0) n " + _MATCHING.format(p="n")
)  # OFFSET 0 keeps the planner from taking the full-text index, whose estimate for words that go together
# (giải ngân vốn đầu tư công) is a thousand times too low: the newest passages are read along the primary key
_WHOLE_POOL = "pool AS (SELECT p.id FROM passages p " + _MATCHING.format(p="p")
_POSTGRES_BEST = (
    "WITH {pool}, best AS (SELECT p.id, ts_rank(p.search, to_tsquery('simple', :q)) AS score "
    "FROM pool JOIN passages p ON p.id = pool.id ORDER BY score DESC, p.id LIMIT :limit) "
)


def _newest_matches(session: Session, wanted: dict[str, object], enough: int) -> list[Any]:
    """The best of the newest matching passages: looked for among the newest NEWEST_FIRST passages, read
    newest first (a common word fills the page there, whatever the store's size), then, when fewer than
    `enough` match there, through the full-text index over every passage (a rare word has few entries)."""

    def best_of(pool: str) -> list[Any]:
        return list(session.execute(text(_POSTGRES_BEST.format(pool=pool) + _PASSAGES), wanted).all())

    floor = (session.scalar(text("SELECT max(id) FROM passages")) or 0) - NEWEST_FIRST
    if floor > 0 and len(rows := best_of(_NEWEST_POOL.format(floor=int(floor)))) >= enough:
        return rows
    return best_of(_WHOLE_POOL)


def _marks(passage: str, alternatives: list[list[str]]) -> tuple[tuple[int, int], ...]:
    folded = fold_keep_length(passage)
    spans: list[tuple[int, int]] = []
    for words in alternatives:
        for word in words:
            spans.extend(
                (m.start(), m.end()) for m in re.finditer(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", folded)
            )
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
