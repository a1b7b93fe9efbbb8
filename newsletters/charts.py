"""Line charts as inline SVG, rendered on the server: no JavaScript, no library
from elsewhere, readable without colour (dash patterns, a legend and a text
description with every value)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 230
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 34, 26
STYLES = {
    # stroke, dash pattern, marker radius
    "human": ("#00566b", "", 3.5),
    "raw": ("#6b7280", "6 4", 2.5),
    "target": ("#b91c1c", "8 4", 0),
    "benchmark": ("#92400e", "2 4", 0),
}


@dataclass
class Series:
    label: str
    values: list[float | int | None]
    kind: str = "human"


def _nice_step(value: float) -> float:
    """A round grid step of at least ``value`` (1, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _number(value: float, unit: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".") if unit == "%" else f"{value:.0f}"
    return f"{text.replace('.', ',')}{unit}"


def line_chart(
    title: str,
    labels: list[str],
    series: list[Series],
    target: float | None = None,
    benchmark: float | None = None,
    unit: str = "",
) -> SafeString:
    """An SVG line chart of a few series over ``labels`` (months), with optional
    horizontal target and benchmark lines."""
    values = [v for s in series for v in s.values if v is not None]
    values += [v for v in (target, benchmark) if v is not None]
    # Four grid lines with round values, the highest point below the top one.
    top = 4 * _nice_step((max(values) * 1.1 if values else 1) / 4)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x(index: int) -> float:
        return LEFT + index * step

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="nl-chart" role="img" aria-labelledby="{{id}}-t {{id}}-d">',
        f'<title id="{{id}}-t">{escape(title)}</title>',
    ]
    description = []
    for tick in range(5):
        value = top * tick / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}" stroke="#e5e7eb" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#4b5563">{escape(_number(value, unit))}</text>'
        )
    for index, label in enumerate(labels):
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - 8}" text-anchor="middle" '
            f'font-size="11" fill="#4b5563">{escape(label)}</text>'
        )
    legend = []
    for kind, value, name in (("target", target, _("Doel")),
                              ("benchmark", benchmark, _("Benchmark"))):  # fmt: skip
        if value is None:
            continue
        stroke, dash, _radius = STYLES[kind]
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}" stroke="{stroke}" stroke-width="1.5" '
            f'stroke-dasharray="{dash}"/>'
        )
        legend.append((f"{name} {_number(value, unit)}", kind))
        description.append(f"{name}: {_number(value, unit)}")
    for item in series:
        stroke, dash, radius = STYLES[item.kind]
        segments, current = [], []
        for index, value in enumerate(item.values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append((x(index), y(value)))
        if current:
            segments.append(current)
        for points in segments:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{stroke}" '
                f'stroke-width="2.5" stroke-dasharray="{dash}" '
                'stroke-linejoin="round"/>'
            )
            if radius:
                parts.extend(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{radius}" '
                    f'fill="{stroke}"/>'
                    for px, py in points
                )
        legend.append((item.label, item.kind))
        shown = [
            f"{labels[i]} {_number(v, unit)}"
            for i, v in enumerate(item.values)
            if v is not None
        ]
        description.append(f"{item.label}: {', '.join(shown) or _('geen gegevens')}")
    cursor = LEFT
    for text, kind in legend:
        stroke, dash, _radius = STYLES[kind]
        parts.append(
            f'<line x1="{cursor}" x2="{cursor + 22}" y1="14" y2="14" '
            f'stroke="{stroke}" stroke-width="2.5" stroke-dasharray="{dash}"/>'
            f'<text x="{cursor + 27}" y="18" font-size="12" fill="#111827">'
            f"{escape(text)}</text>"
        )
        cursor += 44 + 7.5 * len(text)
    parts.append(f'<desc id="{{id}}-d">{escape(". ".join(description))}</desc>')
    parts.append("</svg>")
    chart_id = f"nl-chart-{abs(hash((title, tuple(labels)))) % 10**8}"
    return mark_safe("".join(parts).replace("{id}", chart_id))
