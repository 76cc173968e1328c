"""How far from the pace or the target a row may be before its status changes (`status --tolerance/--risk`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    tolerance: float = 5.0  # points below the expected pace still counted on track
    risk: float = 15.0  # points below the pace that put the target at risk
    risk_growth: float = 2.0  # points below a growth target that put it at risk
