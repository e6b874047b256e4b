"""Small helpers shared by the extraction tests."""

from __future__ import annotations

from datetime import date

from bot.extract import explain_mentions, extract_events


def accepted_values(text: str, published: str, date_order: str = "MDY") -> list[str]:
    """Values of the mentions accepted as events, in text order."""
    return [
        m.value or ""
        for m in explain_mentions(text, date.fromisoformat(published), date_order)
        if m.accepted
    ]


def event_dates(text: str, published: str) -> list[str]:
    return [e.date for e in extract_events(text, date.fromisoformat(published))]


def titles_by_date(text: str, published: date, headline: str | None = None) -> dict[str, str]:
    """Each event's title by its date."""
    return {e.date: e.title for e in extract_events(text, published, headline=headline)}
