"""What a figure is: what happened, an estimate of it, what is planned, or a scenario's."""

from __future__ import annotations

from enum import StrEnum


class Modality(StrEnum):
    ACTUAL = "actual"
    ESTIMATE = "estimate"  # "ước đạt": what is thought to have happened
    PLANNED = "planned"  # a plan's, target's or budget estimate's figure: "phấn đấu", "chỉ tiêu", "kế hoạch"
    SCENARIO = "scenario"  # "kịch bản": what was expected of a window

    @property
    def ahead(self) -> bool:
        """Never what happened: a plan's or a scenario's figure."""
        return self in (Modality.PLANNED, Modality.SCENARIO)
