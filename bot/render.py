"""Timeline rows as plain text and JSON for the console, the CLI and exports.

Discord messages are rendered by `bot.discord.render`, which reuses `sources_phrase`; dates are
written by `bot.dates`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.dates import date_label
from bot.timeline import EventDetail, EventRow


def sources_phrase(count: int) -> str:
    return "1 source" if count == 1 else f"{count} sources"


def timeline_line(row: EventRow) -> str:
    label = date_label(row.date, row.granularity)
    return f"{label:>14}  #{row.id:<5} {row.title}  ({sources_phrase(row.source_count)})"


def console_alert(detail: EventDetail) -> str:
    """A new event as printed by console mode: date, title, where it was reported."""
    row = detail.event
    lines = [f"[NEW EVENT] {date_label(row.date, row.granularity)}  {row.title}"]
    for article in detail.articles[:3]:
        link = f" <{article.url}>" if article.url else ""
        lines.append(f"            via {article.source_name}: {article.title}{link}")
    return "\n".join(lines)


def event_json(row: EventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": row.date_key,
        "granularity": row.granularity,
        "title": row.title,
        "summary": row.summary,
        "confidence": round(row.confidence, 3),
        "sources": row.source_count,
        "first_seen": row.first_seen_at.isoformat(),
    }


def detail_json(detail: EventDetail) -> dict[str, Any]:
    data = event_json(detail.event)
    data["articles"] = [
        {
            "title": a.title,
            "url": a.url,
            "source": a.source_name,
            "published": a.published_at.isoformat() if a.published_at else None,
            "evidence": a.evidence,
        }
        for a in detail.articles
    ]
    return data


def json_line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def format_age(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "in " if seconds >= 0 else ""
    suffix = "" if seconds >= 0 else " ago"
    seconds = abs(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{sign}{seconds // size}{unit}{suffix}"
    return f"{sign}{seconds}s{suffix}"
