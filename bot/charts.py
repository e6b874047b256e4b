"""Timeline chart: events on a date axis, one coloured lane per source or keyword → PNG bytes.

Uses matplotlib's object API with the Agg canvas (never pyplot), so nothing global is touched
and charts can be drawn in a worker thread while the event loop keeps serving Discord.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH_PX = 1000
HEIGHT_PX = 400
DPI = 100
MAX_LANES = 8
LABEL_CHARS = 22
OTHER_LANE = "other"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    day: dt.date
    group: str  # a source name or a keyword: one colour and lane each


def _lanes(points: Sequence[ChartPoint]) -> list[str]:
    """The biggest groups get their own lane; the rest share `other` so the legend stays legible."""
    counts: dict[str, int] = {}
    for point in points:
        counts[point.group] = counts.get(point.group, 0) + 1
    ranked = sorted(counts, key=lambda g: (-counts[g], g))
    if len(ranked) <= MAX_LANES:
        return ranked
    return [*ranked[: MAX_LANES - 1], OTHER_LANE]


def _short(label: str) -> str:
    """Lane labels fit the left margin: long source names are cut with an ellipsis."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def render_timeline_png(
    points: Sequence[ChartPoint],
    *,
    title: str = "Timeline",
    width_px: int = WIDTH_PX,
    height_px: int = HEIGHT_PX,
) -> bytes:
    """A PNG of exactly `width_px` × `height_px` (no tight bbox, which would change the size)."""
    # Imported here: matplotlib takes about a second to import and only digests draw charts,
    # so every CLI command would otherwise pay for it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    lanes = _lanes(points)
    lane_of = {name: index for index, name in enumerate(lanes)}
    by_lane: list[list[dt.date]] = [[] for _ in lanes]
    for point in points:
        by_lane[lane_of.get(point.group, len(lanes) - 1)].append(point.day)
    for index, days in enumerate(by_lane):
        axes.scatter(
            date2num(days) if days else [],
            [index] * len(days),
            s=60,
            color=f"C{index % 10}",
            alpha=0.8,
            edgecolors="white",
        )
    axes.set_yticks(
        range(len(lanes)),
        [f"{_short(lane)} ({len(days)})" for lane, days in zip(lanes, by_lane, strict=True)],
    )
    axes.set_ylim(-0.7, max(len(lanes), 1) - 0.3)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if points:
        first = min(p.day for p in points)
        last = max(p.day for p in points)
        margin = max(dt.timedelta(days=1), (last - first) / 20)
        axes.set_xlim(float(date2num(first - margin)), float(date2num(last + margin)))
    else:
        axes.text(0.5, 0.5, "no events", ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(title[:80])
    figure.subplots_adjust(left=0.23, right=0.98, top=0.9, bottom=0.12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
