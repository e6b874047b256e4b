"""SQLAlchemy 2 typed models: the timeline and everything that feeds or delivers it.

The schema is created and changed only by the Alembic migrations in `migrations/`; a test checks
that these models and the migrations never drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from bot.dates import date_key
from bot.db.search import search_grams

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as UTC and always returns them aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# Text search lives outside the models because it is dialect-specific (migration 0008): the
# SQLite FTS5 table `events_text` (and its shadow tables), PostgreSQL's generated
# `events.search_vector`, its full-text index and its vocabulary `search_words` (migration 0010),
# and PostgreSQL's trigram indexes on source names (migration 0012).
SEARCH_OBJECT_PREFIXES = (
    "events_text",
    "search_vector",
    "ix_events_search",
    "search_words",
    "ix_search_words",
    "ix_sources_search",
)


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements run once per row of a parameter list
    (executemany with `bindparam`s, which ORM statements do not take)."""
    return cast(Table, model.__table__)


def is_modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's `include_name` hook: compare everything except the search objects."""
    return not (name or "").startswith(SEARCH_OBJECT_PREFIXES)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Source(Base):
    """A feed we poll, with its HTTP cache validators and health."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    # The feed found behind `url` when `url` is a site's page rather than a feed.
    feed_url: Mapped[str | None] = mapped_column(String(2048))
    name: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(500))
    site_url: Mapped[str | None] = mapped_column(String(2048))
    interval_minutes: Mapped[int] = mapped_column(Integer, default=30)
    full_text: Mapped[bool] = mapped_column(Boolean, default=True)
    alert_backlog: Mapped[bool] = mapped_column(Boolean, default=False)
    # How this source writes numeric dates ("DMY" or "MDY"); None: the deployment's
    # `[extract] date_order`. An article that writes a date only one way still decides itself.
    date_order: Mapped[str | None] = mapped_column(String(3))
    from_config: Mapped[bool] = mapped_column(Boolean, default=False)
    # The server that added it with /source add (only that server sees it); None: the instance's
    # (config) source, seen by every server unless `guilds` lists some.
    guild_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    # Removed from the config file: not polled, kept with its articles and events, revived when
    # it comes back.
    retired_at: Mapped[dt.datetime | None]
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_errors: Mapped[int] = mapped_column(Integer, default=0)
    gone: Mapped[bool] = mapped_column(Boolean, default=False)
    failure_notice_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    initial_poll_done: Mapped[bool] = mapped_column(Boolean, default=False)
    last_polled_at: Mapped[dt.datetime | None]
    next_poll_at: Mapped[dt.datetime] = mapped_column(index=True)
    created_at: Mapped[dt.datetime]
    # The poller process polling it now, until when (a killed poller's lease runs out).
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[dt.datetime | None]

    articles: Mapped[list[Article]] = relationship(back_populates="source", passive_deletes=True)
    guilds: Mapped[list[SourceGuild]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    @property
    def display_name(self) -> str:
        return self.name or self.title or self.url


class SourceGuild(Base):
    """A server an instance source is limited to (config `guild_ids`); none: every server."""

    __tablename__ = "source_guilds"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


class Article(Base):
    """One feed entry, identified per source by its guid (or link, or a hash)."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("source_id", "guid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    guid: Mapped[str] = mapped_column(String(2048))
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(String(1000))
    published_at: Mapped[dt.datetime | None]
    fetched_at: Mapped[dt.datetime]
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))

    source: Mapped[Source] = relationship(back_populates="articles")
    mentions: Mapped[list[EventMention]] = relationship(
        back_populates="article", passive_deletes=True
    )


class Event(Base):
    """A dated happening on the timeline; several articles may report it."""

    __tablename__ = "events"
    # The timeline's order; range bounds on `date` are written so this index serves them.
    __table_args__ = (Index("ix_events_date_id", "date", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The day, or the 1st of the month for month events: what range queries sort and filter on.
    date: Mapped[dt.date] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float)
    first_seen_at: Mapped[dt.datetime]
    # Lifecycle: a moved event keeps its id and remembers the date it had before the last move;
    # a cancelled one stays (calendars must be told) but is no longer reminded. `revision` grows
    # with every change people should see (calendar SEQUENCE, alert edits).
    previous_date: Mapped[dt.date | None] = mapped_column(Date)
    previous_granularity: Mapped[str | None] = mapped_column(String(5))
    moved_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[dt.datetime | None]
    # Pairs of Chinese-like characters of title and summary (`bot.db.search`): what the text
    # indexes find short words of unspaced scripts by. Set on every write (see below); only
    # the indexes read it, so it is never loaded.
    search_grams: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)

    mentions: Mapped[list[EventMention]] = relationship(
        back_populates="event", passive_deletes=True, order_by="EventMention.id"
    )

    @property
    def date_key(self) -> str:
        """`YYYY-MM-DD` for day events, `YYYY-MM` for month events."""
        return date_key(self.date, self.granularity)


@event.listens_for(Event, "before_insert")
@event.listens_for(Event, "before_update")
def _keep_search_grams(_mapper: object, _connection: object, target: Event) -> None:
    """Every ORM write of an event refreshes its pairs; bulk writes pass them (timeline_store)."""
    target.search_grams = search_grams((target.title, target.summary or ""))


class EventMention(Base):
    """Where an article reports an event: the evidence sentence and its span in the article."""

    __tablename__ = "event_mentions"
    __table_args__ = (UniqueConstraint("event_id", "article_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    evidence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime]

    event: Mapped[Event] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship(back_populates="mentions")


class EventTitleKey(Base):
    """A name (or word) key of an event's titles at the event's date and granularity
    (`bot.title_words`): the index that finds a new report's merge candidates without reading
    every event of its day (a day looks for month events at the 1st, not for the 1st's days).

    Written by `timeline_store` with every report; a trigger moves the rows with the event's
    date. Keys of titles no longer reported may linger: the rows only pre-select candidates.
    """

    __tablename__ = "event_title_keys"
    # Two b-trees per row on SQLite (the key, the event index) instead of three.
    __table_args__ = ({"sqlite_with_rowid": False},)

    # Date first: a poll's reports fall in a few months, so the rows it writes share pages.
    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    granularity: Mapped[str] = mapped_column(String(5), primary_key=True)
    title_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Subscription(Base):
    """A channel that wants alerts (optionally filtered) and reminders."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    role_id: Mapped[int | None] = mapped_column(BigInteger)
    remind_hours: Mapped[int | None] = mapped_column(Integer)
    from_config: Mapped[bool] = mapped_column(Boolean, default=False)
    # Removed from the config file: posts nothing, kept, revived when it comes back.
    retired_at: Mapped[dt.datetime | None]
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    # Shape of the alerts: one message per article (or per event), all events or upcoming only,
    # an optional text template, a confidence floor and an hourly cap (beyond it: one summary).
    per: Mapped[str] = mapped_column(String(8), default="article", server_default="article")
    only: Mapped[str] = mapped_column(String(8), default="all", server_default="all")
    template: Mapped[str | None] = mapped_column(Text)
    min_confidence: Mapped[float | None] = mapped_column(Float)
    hourly_cap: Mapped[int | None] = mapped_column(Integer)
    # Where the messages go: the channel itself, a thread, or a forum (one post per article);
    # optionally through a channel webhook of the bot's with a custom name and avatar.
    target: Mapped[str] = mapped_column(String(8), default="channel", server_default="channel")
    webhook_id: Mapped[int | None] = mapped_column(BigInteger)
    webhook_token: Mapped[str | None] = mapped_column(String(200))
    webhook_name: Mapped[str | None] = mapped_column(String(80))
    webhook_avatar_url: Mapped[str | None] = mapped_column(String(2048))


class Delivery(Base):
    """The outbox: one row per message to post; sent only once, marked after Discord's 2xx."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_pending", "sent_at", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    # The sender posting it now, until when: two senders never post one row.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[dt.datetime | None]


class AlertEvent(Base):
    """Which events an alert message announced: finds the message to edit or to link to later."""

    __tablename__ = "alert_events"

    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class GuildSettings(Base):
    """Per-server preferences (time zone for dates, reminders and digests)."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    notice_channel_id: Mapped[int | None] = mapped_column(BigInteger)
    # Babel locale for dates written out in words ("Tuesday 9 December 2025").
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    # Days ahead mirrored into Discord's Events tab; None = off.
    events_tab_days: Mapped[int | None] = mapped_column(Integer)


class GuildScheduledEvent(Base):
    """A timeline event mirrored as a Discord Guild Scheduled Event in one server."""

    __tablename__ = "guild_scheduled_events"
    __table_args__ = (UniqueConstraint("guild_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guild_id: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    discord_event_id: Mapped[int] = mapped_column(BigInteger)
    # The event's `revision` when Discord last got it: a higher one means "modify".
    synced_revision: Mapped[int] = mapped_column(Integer)


class DigestSchedule(Base):
    """A channel's weekly digest: local weekday and time, and the last week it was sent for."""

    __tablename__ = "digest_schedules"
    __table_args__ = (UniqueConstraint("channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    weekday: Mapped[int] = mapped_column(Integer)
    local_time: Mapped[str] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64))
    include_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    last_period: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime]


class Installation(Base):
    """This installation's identity (one row, made by the migration): calendar UIDs carry it,
    so events of two Dateline installations never collide in one calendar program."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    instance_id: Mapped[str] = mapped_column(String(32))


class CalendarLink(Base):
    """A secret URL to a server's timeline (`guild_id` None: the instance-wide one), optionally
    narrowed by `query`. Only the secret's SHA-256 is kept; the URL is shown once."""

    __tablename__ = "calendar_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    query: Mapped[str] = mapped_column(String(200), default="")
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
