"""Charts as inline SVG, drawn on the server: no script, no CDN, and every point is a link to its source."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from planwatch.vocab.numbers import format_number

_MONTHS = tuple(f"T{month}" for month in range(1, 13))  # the axis's months as Vietnamese charts write them


@dataclass(frozen=True)
class ChartPoint:
    month: int  # the last month of the figure's period, 1..12
    value: float
    href: str  # where a click goes: the source sentence
    title: str  # the tooltip
    series: str = "cumulative"  # "cumulative" (from January: joined) | "monthly" (bars) | "other" (marks only)
    derived: bool = False  # computed, not stated (a month derived from two cumulative figures, a merged sum)
    line: str = ""  # the province whose line it is, when the chart draws several (a merged province's past)


@dataclass(frozen=True)
class YearChart:
    year: int
    unit: str
    points: list[ChartPoint]
    target: float | None = None
    pace: bool = False  # a flow: draw the expected pace from 0 in January to the target in December
    projected: float | None = None  # where the year will likely end: dashed from the latest year to date to December


def year_chart(
    chart: YearChart,
    width: int = 720,
    height: int = 280,
    target_label: str = "Kế hoạch",
    projected_label: str = "Dự kiến",
    months: tuple[str, ...] = _MONTHS,
    lang: str = "vi",
) -> str:
    """One year on a January-December axis: figures from January joined by a line (never across years or period
    lengths), single months as bars (computed ones hollow), other periods as marks, the target as a dashed line
    and, for flows, the expected pace towards it, and the projected year end dashed from the latest year to date
    to December. The unit is written on the axis, the months under it in the page's words (`months`), the figures
    in its language's notation (`lang`)."""
    points = chart.points
    if not points:
        return ""
    pad_left, pad_right, pad_top, pad_bottom = 70, 20, 24, 50
    extra = [v for v in (chart.target, chart.projected) if v is not None]
    values = [p.value for p in points] + extra
    top = max(max(values), 0) * 1.1 or 1.0
    bottom = min(min(values), 0)
    step = (width - pad_left - pad_right) / 12

    def x(month: float) -> float:
        return pad_left + step * (month - 0.5)

    def y(value: float) -> float:
        return pad_top + (top - value) / (top - bottom) * (height - pad_top - pad_bottom)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{chart.year}</title>",
        f'<line x1="{pad_left}" y1="{y(0):.1f}" x2="{width - pad_right}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{pad_left - 6}" y="{pad_top - 8}" class="tick" text-anchor="end">{escape(chart.unit)}</text>',
    ]
    for tick in (bottom, (top + bottom) / 2, top):
        parts.append(
            f'<text x="{pad_left - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">'
            f"{escape(format_number(round(tick, 1), lang=lang))}</text>"
        )
    for month, name in enumerate(months, start=1):
        parts.append(
            f'<text x="{x(month):.1f}" y="{height - 28}" class="tick" text-anchor="middle">{escape(name)}</text>'
        )
    parts.append(f'<text x="{width / 2:.1f}" y="{height - 8}" class="tick" text-anchor="middle">{chart.year}</text>')
    bar = step * 0.35
    for p in (p for p in points if p.series == "monthly"):
        css = "bar derived" if p.derived else "bar"
        parts.append(
            f'<a href="{escape(p.href)}" class="point"><rect x="{x(p.month) - bar / 2:.1f}" '
            f'y="{min(y(p.value), y(0)):.1f}" width="{bar:.1f}" height="{abs(y(0) - y(p.value)):.1f}" '
            f'class="{css}"><title>{escape(p.title)}</title></rect></a>'
        )
    cumulative = sorted((p for p in points if p.series == "cumulative"), key=lambda p: p.month)
    lines = sorted({p.line for p in points})
    for number, line in enumerate(lines):
        joined = [p for p in cumulative if p.line == line]
        if len(joined) > 1:
            path = " ".join(f"{x(p.month):.1f},{y(p.value):.1f}" for p in joined)
            parts.append(f'<polyline points="{path}" class="line line-{number}" data-line="{escape(line)}"/>')
    if len(lines) > 1:  # a legend: one entry a province
        parts += [
            f'<text x="{pad_left + 8}" y="{pad_top + 14 * (n + 1):.0f}" class="tick legend line-{n}" '
            f'data-line="{escape(line)}">— {escape(line)}</text>'
            for n, line in enumerate(lines)
        ]
    cumulative = cumulative if len(lines) == 1 else [p for p in cumulative if p.line == lines[-1]]
    if chart.projected is not None and cumulative and cumulative[-1].month < 12:
        last, end = cumulative[-1], y(chart.projected)
        said = f"{projected_label}: {format_number(round(chart.projected, 1), lang=lang)}"
        parts.append(
            f'<line x1="{x(last.month):.1f}" y1="{y(last.value):.1f}" x2="{x(12):.1f}" y2="{end:.1f}" '
            f'class="projected"><title>{escape(said)}</title></line>'
            f'<circle cx="{x(12):.1f}" cy="{end:.1f}" r="5" class="projected-end"/>'
            f'<text x="{x(12) - 8:.1f}" y="{end + 18:.1f}" class="tick" text-anchor="end">{escape(said)}</text>'
        )
    for p in (p for p in points if p.series != "monthly"):
        classes = " ".join(
            c for c in ("" if p.series == "cumulative" else "other", "derived" if p.derived else "") if c
        )
        shape = f'circle class="{classes}"' if classes else "circle"
        line = f' data-line="{escape(p.line)}"' if len(lines) > 1 else ""
        parts.append(
            f'<a href="{escape(p.href)}" class="point"{line}><{shape} cx="{x(p.month):.1f}" cy="{y(p.value):.1f}" '
            f'r="6"><title>{escape(p.title)}</title></circle></a>'
        )
    if chart.target is not None:
        parts.append(
            f'<line x1="{pad_left}" y1="{y(chart.target):.1f}" x2="{width - pad_right}" y2="{y(chart.target):.1f}" '
            f'class="target"/><text x="{width - pad_right}" y="{y(chart.target) - 6:.1f}" class="tick" '
            f'text-anchor="end">{escape(target_label)}: {escape(format_number(chart.target, lang=lang))}</text>'
        )
        if chart.pace:
            parts.append(
                f'<line x1="{x(0.5):.1f}" y1="{y(0):.1f}" x2="{x(12):.1f}" y2="{y(chart.target):.1f}" class="pace"/>'
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
