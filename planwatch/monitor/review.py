"""The documents planning should look at before trusting their figures: those whose year the text leaves in doubt,
and those where few figures have a stated period and a catalogue indicator (how sure the reading is). A document
leaves the list once a person sets or confirms its period (edits/documents.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from planwatch.store import models
from planwatch.store.scope import WHOLE, Scope
from planwatch.structure.doc_time import TIME_WORDING, doubt_phrase
from planwatch.vocab.wording import Phrase, Word

SURE_ENOUGH = 0.25  # a reading this sure or surer stays off the list (its share of stated, known figures)
LISTED = 200


@dataclass(frozen=True)
class ToReview:
    doc_key: str
    title: str | None
    kind: str | None
    province: str | None
    period_start: str | None
    period_end: str | None
    period_source: str | None
    time_doubt: str | None
    sureness: float | None

    @property
    def listed(self) -> bool:
        return self.time_doubt is not None or (self.sureness is not None and self.sureness < SURE_ENOUGH)

    def reasons(self) -> list[Phrase]:
        """Why the document is on the list, and where its window came from."""
        said = [doubt_phrase(self.time_doubt)] if self.time_doubt else []
        if self.sureness is not None and self.sureness < SURE_ENOUGH:
            said.append(Phrase(TIME_WORDING, "unsure", {"share": round(self.sureness * 100)}))
        if self.period_source:
            said.append(Phrase(TIME_WORDING, "found_by", {"source": Word(self.period_source)}))
        return said


def review_of(document: models.Document) -> ToReview:
    d = document
    return ToReview(
        d.doc_key, d.title, d.kind, d.province, d.period_start, d.period_end, d.period_source, d.time_doubt, d.sureness
    )


def needs_review() -> ColumnElement[bool]:
    """The condition on documents: current, not yet reviewed, a doubtful year or an unsure reading."""
    return (
        models.Document.is_current.is_(True)
        & models.Document.time_reviewed.is_(False)
        & or_(models.Document.time_doubt.is_not(None), models.Document.sureness < SURE_ENOUGH)
    )


def documents_to_review(session: Session, scope: Scope = WHOLE, limit: int = LISTED) -> list[ToReview]:
    """Doubtful years first, then the least sure readings (of the documents of `scope`)."""
    query = (
        select(models.Document)
        .where(needs_review())
        .order_by(models.Document.time_doubt.is_(None), models.Document.sureness, models.Document.doc_key)
        .where(*scope.documents())
        .limit(limit)
    )
    return [review_of(d) for d in session.scalars(query)]


def count_to_review(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(models.Document).where(needs_review())) or 0
