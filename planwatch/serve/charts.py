"""Charts as inline SVG, drawn on the server: no script, no CDN, and every point is a link to its source."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from planwatch.vocab.numbers import format_number


@dataclass(frozen=True)
class ChartPoint:
    label: str  # the period, shown under the axis
    value: float
    href: str  # where a click goes: the source sentence
    title: str  # the tooltip
    series: str = "cumulative"  # "cumulative" | "monthly"


def line_chart(
    points: list[ChartPoint],
    target: float | None = None,
    width: int = 720,
    height: int = 280,
    target_label: str = "Kế hoạch",
) -> str:
    """Cumulative points joined by a line, monthly points as bars, the target as a dashed line."""
    if not points:
        return ""
    pad_left, pad_right, pad_top, pad_bottom = 70, 20, 20, 50
    values = [p.value for p in points] + ([target] if target is not None else [])
    top = max(max(values), 0) * 1.1 or 1.0
    bottom = min(min(values), 0)
    labels = sorted({p.label for p in points})
    step = (width - pad_left - pad_right) / max(1, len(labels))

    def x(label: str) -> float:
        return pad_left + step * (labels.index(label) + 0.5)

    def y(value: float) -> float:
        return pad_top + (top - value) / (top - bottom) * (height - pad_top - pad_bottom)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{pad_left}" y1="{y(0):.1f}" x2="{width - pad_right}" y2="{y(0):.1f}" class="axis"/>',
    ]
    for tick in (bottom, (top + bottom) / 2, top):
        parts.append(
            f'<text x="{pad_left - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">'
            f"{escape(format_number(round(tick, 1)))}</text>"
        )
    for label in labels:
        parts.append(
            f'<text x="{x(label):.1f}" y="{height - 28}" class="tick" text-anchor="middle">{escape(label)}</text>'
        )
    for p in (p for p in points if p.series == "monthly"):
        bar = max(4.0, step * 0.25)
        parts.append(
            f'<a href="{escape(p.href)}" class="point"><rect x="{x(p.label) - bar / 2:.1f}" '
            f'y="{min(y(p.value), y(0)):.1f}" width="{bar:.1f}" height="{abs(y(0) - y(p.value)):.1f}" '
            f'class="bar"><title>{escape(p.title)}</title></rect></a>'
        )
    cumulative = [p for p in points if p.series == "cumulative"]
    if len(cumulative) > 1:
        path = " ".join(f"{x(p.label):.1f},{y(p.value):.1f}" for p in cumulative)
        parts.append(f'<polyline points="{path}" class="line"/>')
    for p in cumulative:
        parts.append(
            f'<a href="{escape(p.href)}" class="point"><circle cx="{x(p.label):.1f}" cy="{y(p.value):.1f}" '
            f'r="6"><title>{escape(p.title)}</title></circle></a>'
        )
    if target is not None:
        parts.append(
            f'<line x1="{pad_left}" y1="{y(target):.1f}" x2="{width - pad_right}" y2="{y(target):.1f}" '
            f'class="target"/><text x="{width - pad_right}" y="{y(target) - 6:.1f}" class="tick" '
            f'text-anchor="end">{escape(target_label)}: {escape(format_number(target))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(values: list[float], width: int = 90, height: int = 24) -> str:
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    path = " ".join(
        f"{2 + i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for i, v in enumerate(values)
    )
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><polyline points="{path}"/></svg>'
    )
