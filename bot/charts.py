"""Digest chart: events per day over the digest's own window, stacked by source or keyword → PNG.

Each day is a bar made of one block per event (coloured by its group), with the day's total on
top, so several events on one day are all visible and the numbers match the digest's text. The
window is fixed by the caller (the week before the digest and the week after), today is marked.

Uses matplotlib's object API with the Agg canvas (never pyplot), so nothing global is touched
and charts can be drawn in a worker thread while the event loop keeps serving Discord.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH_PX = 1000
HEIGHT_PX = 400
DPI = 100
MAX_GROUPS = 8
LABEL_CHARS = 22
OTHER_GROUP = "other"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    day: dt.date
    group: str  # a source name or a keyword: one colour each
    coming: bool = False  # drawn hatched: dated on `day`, rather than learned on it


def _groups(points: Sequence[ChartPoint]) -> list[str]:
    """The biggest groups get a colour of their own; the rest share `other` (a legible legend)."""
    counts = Counter(point.group for point in points)
    ranked = sorted(counts, key=lambda g: (-counts[g], g))
    if len(ranked) <= MAX_GROUPS:
        return ranked
    return [*ranked[: MAX_GROUPS - 1], OTHER_GROUP]


def _short(label: str) -> str:
    """Legend labels stay short: long source names are cut with an ellipsis."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def render_timeline_png(
    points: Sequence[ChartPoint],
    *,
    first_day: dt.date,
    last_day: dt.date,
    today: dt.date | None = None,
    split_label: tuple[str, str] | None = None,
    title: str = "Timeline",
    width_px: int = WIDTH_PX,
    height_px: int = HEIGHT_PX,
) -> bytes:
    """A PNG of exactly `width_px` × `height_px`: a bar per day, `first_day` to `last_day`.

    `split_label` names the parts before and after `today` ("new this week", "coming up").
    Points outside the window are not drawn (the caller's text should not count them either).
    """
    # Imported here: matplotlib takes about a second to import and only digests draw charts,
    # so every CLI command would otherwise pay for it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    days = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    index = {day: i for i, day in enumerate(days)}
    shown = [p for p in points if p.day in index]
    groups = _groups(shown)
    own = set(groups)
    counts: Counter[tuple[str, bool, int]] = Counter(
        (p.group if p.group in own else OTHER_GROUP, p.coming, index[p.day]) for p in shown
    )

    figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bottoms = [0] * len(days)
    for colour, group in enumerate(groups):
        for coming in (False, True):
            heights = [counts[(group, coming, i)] for i in range(len(days))]
            if not any(heights):
                continue
            total = sum(counts[(group, c, i)] for c in (False, True) for i in range(len(days)))
            axes.bar(
                range(len(days)),
                heights,
                bottom=bottoms,
                width=0.8,
                color=f"C{colour % 10}",
                edgecolor="white",
                hatch="//" if coming else None,
                linewidth=1,
                label=None
                if coming and any(counts[(group, False, i)] for i in range(len(days)))
                else f"{_short(group)} ({total})",
            )
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    for i, total in enumerate(bottoms):
        if total:
            axes.annotate(
                str(total),
                (i, total),
                ha="center",
                va="bottom",
                xytext=(0, 2),
                textcoords="offset points",
                fontsize=9,
            )
    peak = max(bottoms, default=0)
    axes.set_ylim(0, max(peak, 1) * 1.2 + 0.5)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xticks(range(len(days)), [f"{day:%a}\n{day.day} {day:%b}" for day in days], fontsize=8)
    axes.set_xlim(-0.6, len(days) - 0.4)
    if today is not None and today in index:
        axes.axvline(index[today], color="black", linestyle="--", linewidth=1, alpha=0.7)
        axes.annotate(
            "today",
            (index[today], 1),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="bottom",
            fontsize=9,
        )
        if split_label is not None:
            axes.text(0.01, 0.97, split_label[0], transform=axes.transAxes, va="top", alpha=0.7)
            axes.text(
                0.99,
                0.97,
                split_label[1],
                transform=axes.transAxes,
                va="top",
                ha="right",
                alpha=0.7,
            )
    if not shown:
        axes.text(0.5, 0.5, "no events", ha="center", va="center", transform=axes.transAxes)
    else:
        handles, labels = axes.get_legend_handles_labels()
        if any(p.coming for p in shown):
            handles.append(Patch(facecolor="white", edgecolor="grey", hatch="//"))
            labels.append("hatched: dated that day (coming up)")
        axes.legend(
            handles,
            labels,
            loc="upper left",
            fontsize=8,
            frameon=False,
            bbox_to_anchor=(0.0, 0.92),
        )
    axes.set_ylabel("events")
    axes.grid(axis="y", alpha=0.3)
    axes.set_title(title[:80], pad=14)
    figure.subplots_adjust(left=0.06, right=0.99, top=0.88, bottom=0.14)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
