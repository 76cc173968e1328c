"""The roles of a province's offices and what each may write."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # users, unlocks, everything
    PLANNING = "planning"  # the Planning Department: documents, targets, mappings, any task
    AGENCY = "agency"  # reads all; writes only its own agency's tasks
    VIEWER = "viewer"  # reads

    def label(self, lang: str = "vi") -> str:
        return (_VI if lang == "vi" else _EN)[self]


_VI = {Role.ADMIN: "quản trị", Role.PLANNING: "Sở Kế hoạch", Role.AGENCY: "cơ quan", Role.VIEWER: "xem"}
_EN = {Role.ADMIN: "admin", Role.PLANNING: "planning", Role.AGENCY: "agency", Role.VIEWER: "viewer"}

PROVINCE_WRITERS = frozenset({Role.ADMIN, Role.PLANNING})  # documents, targets, indicator mappings
TASK_WRITERS = frozenset({Role.ADMIN, Role.PLANNING, Role.AGENCY})  # an agency: its own tasks only


def may_update_task(role: Role, agency: str | None, assigned_to: Sequence[str | None]) -> bool:
    """Whether a user may record an update of a task assigned to these agencies (registry codes): the Planning
    Department and admins any task, an agency only a task assigned to it."""
    return role in TASK_WRITERS and (role is not Role.AGENCY or agency in assigned_to)
