"""The agency registry as the Planning Department extends it: a spelling of a known agency, or a new agency,
applied at once to the tasks already stored, with its audit row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.edits.plans import PlanEditError
from planwatch.extract.agencies import Agency
from planwatch.store import models
from planwatch.store.current import of_current_documents
from planwatch.store.known import agency_registry
from planwatch.text.fold import fold

KINDS = ("department", "provincial", "central", "group", "council", "front", "district")


def add_agency_alias(session: Session, alias: str, code: str, name: str, kind: str, by: str) -> int:
    """A spelling of a known agency, or a new agency (with its name); the stored tasks that name it are coded
    at once. Returns how many tasks changed."""
    alias, code, name = alias.strip(), code.strip().upper(), name.strip()
    known = agency_registry(session).agencies.get(code)
    if not alias or not code or "\x00" in alias + code + name or len(alias) > 300 or len(code) > 50:
        raise PlanEditError("cần tên như trong văn bản và mã cơ quan")
    if known is None and not name:
        raise PlanEditError(f"mã “{code}” chưa có trong danh mục; cần tên chuẩn để tạo cơ quan mới")
    if kind not in KINDS:
        raise PlanEditError(f"loại cơ quan “{kind}” không có; dùng: {', '.join(KINDS)}")
    if session.scalar(select(models.AgencyAlias).where(models.AgencyAlias.alias == alias)):
        raise PlanEditError(f"“{alias}” đã có trong danh mục")
    agency = Agency(code, known.name if known else name, known.kind if known else kind)
    session.add(models.AgencyAlias(alias=alias, code=code, name=agency.name, kind=agency.kind))
    changed = _code_tasks(session, alias, code)
    record(session, by, "agency.alias", f"agency:{code}", None, {"alias": alias, "name": agency.name,
                                                                  "kind": agency.kind, "tasks": changed})  # fmt: skip
    return changed


def _code_tasks(session: Session, alias: str, code: str) -> int:
    wanted = fold(alias)
    changed = 0
    for task, _ in session.execute(of_current_documents(models.Task)):
        codes = list(task.agency_codes)
        for i, name in enumerate(task.agencies):
            if codes[i] is None and fold(name) == wanted:
                codes[i] = code
        if codes != task.agency_codes:
            task.agency_codes = codes
            changed += 1
    return changed
