"""Helpers to put sources, articles and events straight into a test database."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import func, select

from bot.app import App, open_app
from bot.config import DatabaseSettings, FetchSettings, SchedulerSettings, Settings
from bot.db.models import Article, Delivery, Event, EventMention, Source

EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def settings_for(database_url: str, **scheduler: object) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=5.0),
        scheduler=SchedulerSettings(**scheduler),  # type: ignore[arg-type]
    )


@asynccontextmanager
async def app_at(database_url: str, clock: object, **scheduler: object) -> AsyncIterator[App]:
    """An App on `database_url`; opening a second one on the same URL is a restart."""
    async with open_app(settings_for(database_url, **scheduler), clock=clock) as app:  # type: ignore[arg-type]
        yield app


async def add_event(
    app: App,
    day: dt.date,
    title: str,
    *,
    granularity: str = "day",
    first_seen: dt.datetime = EPOCH,
    sources: tuple[str, ...] = ("Metals Wire",),
    summary: str = "",
    article_title: str | None = None,
    article_url: str | None = "",
) -> int:
    """An event reported by one article in each named source (sources are created on demand).

    The articles are titled `article_title` (default: the event's title + " (article)") and
    link to `article_url` ("" for a made-up link per article, None for no link); the evidence
    is the summary, or the title when there is none.
    """
    async with app.sessions.begin() as session:
        event = Event(
            date=day,
            granularity=granularity,
            title=title,
            summary=summary,
            confidence=0.9,
            first_seen_at=first_seen,
        )
        session.add(event)
        await session.flush()
        for name in sources:
            source = await session.scalar(select(Source).where(Source.name == name))
            if source is None:
                source = Source(
                    url=f"https://{name.lower().replace(' ', '-')}.example/feed.xml",
                    name=name,
                    next_poll_at=EPOCH,
                    created_at=EPOCH,
                )
                session.add(source)
                await session.flush()
            evidence = summary or title
            article = Article(
                source_id=source.id,
                guid=f"{name}-{event.id}",
                url=f"https://{source.id}.example/a/{event.id}"
                if article_url == ""
                else article_url,
                title=article_title or f"{title} (article)",
                fetched_at=first_seen,
                text=evidence,
                content_hash="x",
            )
            session.add(article)
            await session.flush()
            session.add(
                EventMention(
                    event_id=event.id,
                    article_id=article.id,
                    title=title,
                    evidence=evidence,
                    span_start=0,
                    span_end=len(evidence),
                    confidence=0.9,
                    created_at=first_seen,
                )
            )
        return event.id


async def add_article(app: App, source_id: int, guid: str, *, at: dt.datetime = EPOCH) -> Article:
    """An empty article of the source, as if fetched at `at` (for writing reports against)."""
    async with app.sessions.begin() as session:
        article = Article(
            source_id=source_id, guid=guid, title=guid, text="", content_hash="", fetched_at=at
        )
        session.add(article)
    return article


async def add_source(app: App, url: str, *, at: dt.datetime = EPOCH, **fields: object) -> int:
    """A source row as if added at `at` (due for polling then)."""
    async with app.sessions.begin() as session:
        source = Source(url=url, next_poll_at=at, created_at=at, **fields)
        session.add(source)
        await session.flush()
        return source.id


async def deliveries(app: App, kind: str | None = None) -> list[Delivery]:
    async with app.sessions() as session:
        statement = select(Delivery).order_by(Delivery.id)
        if kind is not None:
            statement = statement.where(Delivery.kind == kind)
        return list(await session.scalars(statement))


async def count(app: App, model: type) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)
