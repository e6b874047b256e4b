"""Event extraction engine: dated events from article text. Pure: no I/O, no clock, no network."""

from bot.extract.events import explain_mentions, extract_events
from bot.extract.models import ExtractedEvent, MentionReport

__all__ = ["ExtractedEvent", "MentionReport", "explain_mentions", "extract_events"]
