"""SQL expressions that the timeline's read side and its writer must compute the same way,
the writer's bulk insert, and the folding of events into others."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.db.models import Article, Event, EventMention, GuildScheduledEvent, table_of


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


async def fold_events(
    session: AsyncSession, folds: Sequence[tuple[int, int]], mentions: Sequence[tuple[int, int]]
) -> None:
    """For each (absorbed, survivor) of `folds`, make the survivor hold what pointed at the
    absorbed event, then delete it: the (mention id, survivor) `mentions` (those from articles
    the survivor has no mention of; the rest go with their event), its Discord scheduled
    events where the server shows none for the survivor (marked stale: the next sync rewrites
    them with the survivor). Call `bot.outbox.store.hand_over_deliveries` first. A few
    statements whatever the number of folds."""
    if not folds:
        return
    if mentions:
        await session.execute(
            update(table_of(EventMention))
            .where(table_of(EventMention).c.id == bindparam("mention"))
            .values(event_id=bindparam("survivor")),
            [{"mention": mention, "survivor": survivor} for mention, survivor in mentions],
        )
    await repoint_event_rows(
        session, table_of(GuildScheduledEvent), "guild_id", folds, synced_revision=-1
    )
    await session.execute(delete(Event).where(Event.id.in_([absorbed for absorbed, _ in folds])))


async def repoint_event_rows(
    session: AsyncSession,
    table: Table,
    unique_with: str,
    folds: Sequence[tuple[int, int]],
    **values: object,
) -> None:
    """For each (absorbed, survivor) of `folds`: the `table` rows of the absorbed event point at
    the survivor (with `values`), except where the survivor already has a row with the same
    `unique_with` column (the pair is unique: such rows go with the absorbed event)."""
    rows = table.c
    taken = select(rows[unique_with]).where(rows.event_id == bindparam("survivor"))
    await session.execute(
        update(table)
        .where(rows.event_id == bindparam("absorbed"), rows[unique_with].not_in(taken))
        .values(event_id=bindparam("survivor"), **values),
        [{"absorbed": absorbed, "survivor": survivor} for absorbed, survivor in folds],
    )
