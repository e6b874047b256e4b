"""SQL expressions that the timeline's read side and its writer must compute the same way."""

from __future__ import annotations

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import InstrumentedAttribute

from bot.db.models import Article, EventMention


def source_count(event_id: InstrumentedAttribute[int] | int) -> ScalarSelect[int]:
    """How many distinct sources report the event: a correlated subquery with `Event.id`."""
    return (
        select(func.count(func.distinct(Article.source_id)))
        .join(EventMention, EventMention.article_id == Article.id)
        .where(EventMention.event_id == event_id)
        .scalar_subquery()
    )
