"""Geometry of the toll-over-time chart, drawn as inline SVG by the overview template.

Incidents are bars (the best figures of the events on each day, added up); running tolls
are step lines (each cumulative series holds its last reported figure until the next
report). Both share one y axis, so a bar and a line at the same height mean the same
number. Pure: data in, coordinates out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Bar", "Chart", "Series", "StepLine", "Tick", "layout_chart", "nice_ticks"]

WIDTH = 760
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
MAX_DAYS = 3660  # at most ten years are drawn (the latest)
BINS = ((120, 1), (1100, 7))  # up to 120 days: a bar per day; up to ~3 years: per week
LONG_BIN = 30  # beyond: a bar per 30 days


@dataclass(frozen=True, slots=True)
class Series:
    """A running (cumulative) toll: its label and (date, figure) points in report order."""

    label: str
    points: tuple[tuple[date, int], ...]


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date  # first day of the bar's period
    value: int
    days: int = 1  # how many days the bar adds up

    @property
    def period(self) -> str:
        if self.days == 1:
            return self.day.isoformat()
        return f"{self.day.isoformat()} to {(self.day + timedelta(days=self.days - 1)).isoformat()}"


@dataclass(frozen=True, slots=True)
class StepLine:
    label: str
    points: str  # SVG polyline "x,y x,y ..."
    last: int
    dots: tuple[tuple[float, float, date, int], ...]


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    bars: tuple[Bar, ...]
    lines: tuple[StepLine, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    first: date
    last: date
    bin_days: int = 1  # 1: a bar per day; 7: per week; 30: per 30 days

    @property
    def empty(self) -> bool:
        return not self.bars and not self.lines


def nice_ticks(top: int, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least ``top`` (1, 2 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    n = math.ceil(top / step)
    return [i * step for i in range(n + 1)]


def _date_ticks(first: date, days: int, plot_width: float) -> list[Tick]:
    if days <= 1:
        return [Tick(plot_width / 2, first.isoformat())]
    wanted = max(2, min(7, int(plot_width // 110)))
    step = max(1, math.ceil(days / wanted))
    ticks = []
    for i in range(0, days, step):
        day = first + timedelta(days=i)
        ticks.append(Tick((i + 0.5) * plot_width / days, day.isoformat()))
    return ticks


def layout_chart(
    incidents: Sequence[tuple[date, int]],
    series: Sequence[Series],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Place bars for daily incident figures and step lines for running tolls."""
    plot_w = width - LEFT - RIGHT
    plot_h = height - TOP - BOTTOM
    days_seen = [d for d, _ in incidents] + [d for s in series for d, _ in s.points]
    if not days_seen:
        today = date(1970, 1, 1)
        return Chart(width, height, LEFT, TOP, plot_w, plot_h, (), (), (), (), today, today)
    first, last = min(days_seen), max(days_seen)
    if (last - first).days >= MAX_DAYS:
        first = last - timedelta(days=MAX_DAYS - 1)
    days = (last - first).days + 1
    bin_days = next((size for limit, size in BINS if days <= limit), LONG_BIN)
    binned: dict[int, int] = {}
    for d, v in incidents:
        if d >= first and v > 0:
            index = (d - first).days // bin_days
            binned[index] = binned.get(index, 0) + v
    values = list(binned.values()) + [v for s in series for _, v in s.points]
    ticks = nice_ticks(max(values, default=0))
    top_value = ticks[-1]

    def y(value: int) -> float:
        return plot_h - value / top_value * plot_h

    slot = plot_w / days
    bar_w = max(1.0, slot * bin_days * 0.8)
    bars = tuple(
        Bar(
            x=round(i * bin_days * slot + (slot * bin_days - bar_w) / 2, 2),
            y=round(y(v), 2),
            width=round(bar_w, 2),
            height=round(plot_h - y(v), 2),
            day=first + timedelta(days=i * bin_days),
            value=v,
            days=bin_days,
        )
        for i, v in sorted(binned.items())
    )
    lines = []
    for s in series:
        pts = [(d, v) for d, v in s.points if d >= first]
        if not pts:
            continue
        coords: list[str] = []
        dots = []
        for i, (d, v) in enumerate(pts):
            x0 = (d - first).days * slot + slot / 2
            if coords:
                coords.append(f"{x0:.2f},{y(pts[i - 1][1]):.2f}")
            coords.append(f"{x0:.2f},{y(v):.2f}")
            dots.append((round(x0, 2), round(y(v), 2), d, v))
        coords.append(f"{plot_w:.2f},{y(pts[-1][1]):.2f}")
        lines.append(StepLine(s.label, " ".join(coords), pts[-1][1], tuple(dots)))
    y_ticks = tuple(Tick(round(y(t), 2), f"{t:,}") for t in ticks)
    return Chart(
        width,
        height,
        LEFT,
        TOP,
        plot_w,
        plot_h,
        bars,
        tuple(lines),
        y_ticks,
        tuple(_date_ticks(first, days, plot_w)),
        first,
        last,
        bin_days,
    )
