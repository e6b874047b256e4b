"""SQL expressions that the timeline's read side and its writer must compute the same way."""

from __future__ import annotations

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.orm import InstrumentedAttribute

from bot.db.models import Article, EventMention


def source_count(
    event_id: InstrumentedAttribute[int] | int,
    mentions: ColumnElement[bool] | None = None,
) -> ScalarSelect[int]:
    """How many distinct sources report the event: a correlated subquery with `Event.id`;
    `mentions` limits the count (to what a viewer sees, `bot.visibility.mention_visible`)."""
    statement = (
        select(func.count(func.distinct(Article.source_id)))
        .join(EventMention, EventMention.article_id == Article.id)
        .where(EventMention.event_id == event_id)
    )
    if mentions is not None:
        statement = statement.where(mentions)
    return statement.scalar_subquery()
