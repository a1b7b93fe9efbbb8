"""Geometry of the monthly trend chart, drawn as inline SVG by the template.

Computed here so the template only places numbers: no JavaScript, nothing external.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format

from analytics.figures import MonthFigure

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


def _grouped(value: int) -> str:
    return number_format(value, force_grouping=True)


def _nice_step(value: float) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least value."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return int(step * power)
    return int(10 * power)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    title: str


def trend_chart(months: list[MonthFigure], monthly_target: float) -> dict:
    """Bars of inspiring views per month with the monthly pace the target needs."""
    highest = max([m.inspiring_views for m in months] + [monthly_target, 1])
    # Round steps on the axis (0, 5.000, 10.000, ...), about four of them.
    step = _nice_step(highest / 4)
    top_value = step * math.ceil(highest * 1.02 / step)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / len(months)
    bar_width = slot * 0.62

    def y_of(value: float) -> float:
        return TOP + plot_height * (1 - value / top_value)

    bars = []
    for index, month in enumerate(months):
        y = y_of(month.inspiring_views)
        x = LEFT + index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                label=month.label,
                value=month.inspiring_views,
                x=round(x, 1),
                y=round(y, 1),
                width=round(bar_width, 1),
                height=round(TOP + plot_height - y, 1),
                label_x=round(x + bar_width / 2, 1),
                title=f"{month.label}: {_grouped(month.inspiring_views)}",
            )
        )
    ticks = [
        {"y": round(y_of(value), 1), "label": _grouped(value)}
        for value in range(0, top_value + 1, step)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_height,
        "label_y": HEIGHT - 12,
        "bars": bars,
        "ticks": ticks,
        "target_y": round(y_of(monthly_target), 1),
        "target_label": _grouped(round(monthly_target)),
    }
