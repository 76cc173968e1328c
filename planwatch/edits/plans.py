"""Hand edits to the plan: targets entered or corrected by a user, and labels mapped to catalogue codes.
Every input is checked first (known code and unit, a number written the Vietnamese way, a sane year); an
edit is stored whole with who, when and why, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from planwatch.access.audit import record
from planwatch.monitor.progress import year_targets
from planwatch.store import models
from planwatch.store.freshness import mark_stale, scope_of
from planwatch.text.fold import fold
from planwatch.vocab.catalogue import Catalogue, default_catalogue
from planwatch.vocab.numbers import parse_number
from planwatch.vocab.units import sane_figure, unit_by_name

MEASURES = ("value", "yoy_change_pct", "share_pct", "rank")
COMPARATORS = ("=", ">=", "<=", "range")


class PlanEditError(ValueError):
    """A hand edit that cannot be stored; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class TargetInput:
    code: str
    year: int
    measure: str
    value: str  # as typed: "12.760", "14,5" or a range "135-140"
    unit: str
    comparator: str = "="


def _check(entry: TargetInput, catalogue: Catalogue) -> tuple[float | None, float | None, float | None]:
    if entry.code not in catalogue.indicators:
        raise PlanEditError(f"mã chỉ tiêu “{entry.code}” không có trong danh mục")
    if not 2000 <= entry.year <= 2100:
        raise PlanEditError(f"năm {entry.year} không hợp lệ (2000–2100)")
    if entry.measure not in MEASURES:
        raise PlanEditError(f"loại “{entry.measure}” không có; dùng: {', '.join(MEASURES)}")
    if entry.comparator not in COMPARATORS:
        raise PlanEditError(f"so sánh “{entry.comparator}” không có; dùng: {', '.join(COMPARATORS)}")
    if entry.unit not in ("", "%") and unit_by_name(entry.unit) is None:
        raise PlanEditError(f"đơn vị “{entry.unit}” không có trong bảng đơn vị")
    try:
        if entry.comparator == "range":
            low, high = (sane_figure(parse_number(p), entry.unit) for p in entry.value.split("-", 1))
            if low > high:
                raise PlanEditError(f"khoảng “{entry.value}”: đầu dưới lớn hơn đầu trên")
            return None, low, high
        value = parse_number(entry.value)
    except ValueError as error:
        raise PlanEditError(
            f"giá trị “{entry.value}” không đọc được: viết theo kiểu Việt Nam, ví dụ 12.760 hoặc 14,5"
            + (" hoặc 135-140 cho khoảng" if entry.comparator == "range" else "")
        ) from error
    try:
        return sane_figure(value, entry.unit), None, None
    except ValueError as error:
        raise PlanEditError(str(error)) from error


def set_target(
    session: Session, entry: TargetInput, author: str, reason: str, catalogue: Catalogue | None = None
) -> models.Target:
    """Enter or correct a target; the target it replaces stays on record, inactive if it was hand-entered; the
    change goes to the audit trail in the same transaction."""
    catalogue = catalogue or default_catalogue()
    if not author.strip() or not reason.strip():
        raise PlanEditError("cần ghi người sửa (--author) và lý do (--reason)")
    value, low, high = _check(entry, catalogue)
    same = (t for t, _ in year_targets(session, entry.year, code=entry.code) if t.measure == entry.measure)
    current = next(same, None)
    target = models.Target(
        source="manual",
        indicator=catalogue.indicators[entry.code].name,
        indicator_code=entry.code,
        year=entry.year,
        measure=entry.measure,
        comparator=entry.comparator,
        value=value,
        value_min=low,
        value_max=high,
        unit=entry.unit,
        section="",
        quote="",
        active=True,
    )
    if current is not None and current.source == "manual":
        current.active = False
    session.add(target)
    session.flush()
    session.add(
        models.TargetEdit(
            target_id=target.id,
            action="correct" if current else "enter",
            before=_fields(current) if current else None,
            after=_fields(target),
            author=author.strip(),
            reason=reason.strip(),
            at=datetime.now(),
        )
    )
    after = {"year": entry.year, "measure": entry.measure, "value": entry.value, "unit": entry.unit}
    record(session, author.strip(), "target.set", f"target:{entry.code}", _fields(current) if current else None,
           after, reason.strip())  # fmt: skip
    return target


def _fields(target: models.Target) -> dict[str, object]:
    return {
        "id": target.id,
        "source": target.source,
        "indicator": target.indicator,
        "year": target.year,
        "measure": target.measure,
        "comparator": target.comparator,
        "value": target.value,
        "value_min": target.value_min,
        "value_max": target.value_max,
        "unit": target.unit,
    }


def add_indicator_alias(
    session: Session, label: str, code: str, author: str, catalogue: Catalogue | None = None
) -> int:
    """Map a label to a code; existing facts and targets with that label (in any spelling that folds alike) take
    the code, audited; the findings of the provinces whose documents carry it are recomputed. Returns how many
    rows changed."""
    catalogue = catalogue or default_catalogue()
    if code not in catalogue.indicators:
        raise PlanEditError(f"mã chỉ tiêu “{code}” không có trong danh mục")
    alias = fold(label)
    if not alias:
        raise PlanEditError("nhãn trống")
    if session.scalar(select(models.IndicatorAlias).where(models.IndicatorAlias.alias == alias)):
        raise PlanEditError(f"nhãn “{label}” đã được gắn mã")
    session.add(models.IndicatorAlias(alias=alias, code=code, author=author, at=datetime.now()))
    changed = 0
    for model in (models.Fact, models.Target):
        spellings = [s for s in session.scalars(select(model.indicator).distinct()) if fold(s) == alias]
        for chunk in (spellings[i : i + 500] for i in range(0, len(spellings), 500)):
            carrying = (  # outer: a hand-entered target has no document, it marks the scope of none (UNNAMED)
                select(models.Document.province)
                .select_from(model)
                .outerjoin(models.Document)
                .where(model.indicator.in_(chunk))
                .distinct()
            )
            mark_stale(session, {scope_of(p) for p in session.scalars(carrying)})  # the provinces it changes
            done = session.execute(update(model).where(model.indicator.in_(chunk)).values(indicator_code=code))
            changed += done.rowcount  # type: ignore[attr-defined]
    record(session, author, "indicator.alias", f"label:{label}", None, {"code": code, "changed": changed})
    return changed
