"""What users taught the store beside its documents: labels mapped to catalogue codes, and agencies and spellings
added to the shipped registry. Read by ingest (to code new documents) and by every view of tasks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.extract.agencies import Agency, Registry, default_registry
from planwatch.store import models


def user_indicator_aliases(session: Session) -> dict[str, str]:
    """Labels users mapped to catalogue codes, folded."""
    return {a.alias: a.code for a in session.scalars(select(models.IndicatorAlias))}


def agency_registry(session: Session) -> Registry:
    """The shipped registry plus the agencies and spellings users added."""
    extra = [Agency(a.code, a.name, a.kind, (a.alias,)) for a in session.scalars(select(models.AgencyAlias))]
    return default_registry().with_agencies(extra) if extra else default_registry()
