"""Who sees what: the one definition of which sources, events and links a reader may see.

- A source added with `/source add` belongs to its server (`Source.guild_id`): only that server
  sees it.
- A config `[[sources]]` entry belongs to the instance (`guild_id` is None) and is shared with
  every server, unless the entry lists `guild_ids` (rows in `source_guilds`): then only those.
- An event is visible to a reader when at least one of its mentions comes from a source the
  reader sees, and only those sources' articles (links, evidence) are shown.

Every read path (alerts, reminders, /timeline, /upcoming, /event, /export, digests,
autocomplete, charts, the web) takes a `Viewer` and filters with the expressions below; there is
no default viewer, so a new read path has to say whose view it serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, or_, select

from bot.db.models import Article, Event, EventMention, Source, SourceGuild, Subscription


@dataclass(frozen=True, slots=True)
class Viewer:
    """The reader of a query: one server, the shared view, or the machine's operator."""

    guild_id: int | None
    operator: bool = False

    @classmethod
    def server(cls, guild_id: int) -> Viewer:
        return cls(guild_id)

    @classmethod
    def shared(cls) -> Viewer:
        """A channel of no known server (a config alert without `guild_id`): shared sources."""
        return cls(None)

    @classmethod
    def everything(cls) -> Viewer:
        """The operator at the command line, who owns the whole database."""
        return cls(None, operator=True)


def source_visible(viewer: Viewer) -> ColumnElement[bool]:
    """A condition on `Source` rows: the viewer may see this source."""
    if viewer.operator:
        return Source.id.is_not(None)
    limited = select(SourceGuild.source_id)
    shared = and_(Source.guild_id.is_(None), Source.id.not_in(limited))
    if viewer.guild_id is None:
        return shared
    granted = select(SourceGuild.source_id).where(SourceGuild.guild_id == viewer.guild_id)
    return or_(Source.guild_id == viewer.guild_id, shared, Source.id.in_(granted))


def visible_source_ids(viewer: Viewer | int) -> Select[Any]:
    """The ids of the sources the viewer sees (an int is a server id)."""
    if isinstance(viewer, int):
        viewer = Viewer.server(viewer)
    return select(Source.id).where(source_visible(viewer))


def mention_visible(viewer: Viewer) -> ColumnElement[bool]:
    """A condition on `EventMention` rows: reported by an article of a visible source."""
    if viewer.operator:
        return EventMention.id.is_not(None)
    return EventMention.article_id.in_(
        select(Article.id).where(Article.source_id.in_(visible_source_ids(viewer)))
    )


def event_visible(viewer: Viewer) -> ColumnElement[bool]:
    """A condition on `Event` rows: at least one of its mentions is visible to the viewer."""
    if viewer.operator:
        return Event.id.is_not(None)
    return exists().where(EventMention.event_id == Event.id).where(mention_visible(viewer))


def subscription_viewer(subscription: Subscription) -> Viewer:
    """A subscription (alerts, reminders) reads for its channel's server; a config alert with
    no `guild_id` gets the shared view."""
    if subscription.guild_id is None:
        return Viewer.shared()
    return Viewer.server(subscription.guild_id)
