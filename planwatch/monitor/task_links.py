"""Passages of later documents that may report on a task, found by the words they share with it; a user
confirms a suggestion to link it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.text.words import telling_words

_SENTENCE = re.compile(r"[^.;]+(?:[.;](?!\d)|$)")


@dataclass(frozen=True)
class LinkSuggestion:
    doc_key: str
    ref: str
    source_doc: str
    char_start: int
    char_end: int
    score: float
    quote: str


def suggest_links(
    session: Session, doc: str | None = None, threshold: float = 0.6, per_task: int = 3
) -> list[LinkSuggestion]:
    """For each task, the sentences of other current documents sharing most of its summary's words."""
    documents = session.scalars(select(models.Document).where(models.Document.is_current.is_(True))).all()
    passages = [
        (d.doc_key, b.char_start + m.start(), b.char_start + m.end(), m.group(0))
        for d in documents
        for b in d.blocks
        if b.kind == "paragraph"
        for m in _SENTENCE.finditer(d.text[b.char_start : b.char_end])
    ]
    passage_words = [telling_words(p[3]) for p in passages]
    suggestions: list[LinkSuggestion] = []
    for document in documents:
        if doc and document.doc_key != doc:
            continue
        for task in document.tasks:
            wanted = telling_words(task.summary)
            if len(wanted) < 3:
                continue
            scored = [
                (len(wanted & words) / len(wanted), i)
                for i, words in enumerate(passage_words)
                if passages[i][0] != document.doc_key
            ]
            best = sorted((s for s in scored if s[0] >= threshold), reverse=True)[:per_task]
            suggestions.extend(
                LinkSuggestion(
                    document.doc_key,
                    task.ref,
                    passages[i][0],
                    passages[i][1],
                    passages[i][2],
                    round(score, 2),
                    passages[i][3],
                )
                for score, i in best
            )
    return suggestions
