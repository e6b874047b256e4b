"""SQL expressions that the timeline's read side and its writer must compute the same way,
and the writer's bulk insert."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.db.models import Article, Event, EventMention


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


async def insert_with_ids(
    session: AsyncSession, model: type[Article | Event], rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """INSERT many rows, their new ids back in the rows' order, in one or two statements.

    SQLite cannot say which id a multi-row INSERT gave which row, so SQLAlchemy would send one
    INSERT per row. Instead the first row is inserted alone: from then on this transaction
    holds SQLite's write lock, and the next ids are the following integers (a rowid is one
    more than the largest), so the rest go in one executemany with their ids.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name != "sqlite":
        returning = insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(await session.scalars(returning, rows))
    first = int(await session.scalar(insert(model).values(**rows[0]).returning(model.id)) or 0)
    ids = list(range(first, first + len(rows)))
    if len(rows) > 1:
        await session.execute(
            insert(model),
            [{**row, "id": new_id} for row, new_id in zip(rows[1:], ids[1:], strict=True)],
        )
    return ids
