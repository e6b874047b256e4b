"""Secret calendar links: 128-bit random secrets, kept only as SHA-256 hashes.

A link opens one audience's timeline (a server's, or the instance-wide one), optionally
narrowed by keywords. The secret is shown once, when the link is made; rotating deletes every
link of that audience, so old URLs stop working at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import CalendarLink, Installation
from bot.visibility import Viewer

SECRET_BYTES = 16  # 128 bits
MAX_QUERY_CHARS = 200
# token_urlsafe(16): 22 characters of the URL-safe base64 alphabet.
_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")


class LinkInputError(ValueError):
    """Keywords that cannot make a link; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class ResolvedLink:
    """What a valid secret opens."""

    link_id: int
    # A server's link sees what that server sees; an instance-wide link the shared sources.
    viewer: Viewer
    query: str


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_query(keywords: str | None) -> str:
    """Keywords as stored and searched: whitespace collapsed, at most `MAX_QUERY_CHARS`."""
    query = " ".join((keywords or "").split())
    if len(query) > MAX_QUERY_CHARS:
        raise LinkInputError(f"keywords are limited to {MAX_QUERY_CHARS} characters")
    return query


class CalendarLinks:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def instance_id(self) -> str:
        """The installation's id, made by the migration that created the table."""
        async with self._sessions() as session:
            value: str | None = await session.scalar(select(Installation.instance_id))
        if value is None:
            raise RuntimeError("the installation row is missing; run `dateline migrate`")
        return value

    async def create(self, guild_id: int | None, keywords: str | None = None) -> str:
        """A new link for the audience; returns its secret (the only time it exists in clear)."""
        query = normalise_query(keywords)
        secret = secrets.token_urlsafe(SECRET_BYTES)
        async with self._sessions.begin() as session:
            session.add(
                CalendarLink(
                    guild_id=guild_id,
                    query=query,
                    secret_hash=secret_hash(secret),
                    created_at=self._clock.now(),
                )
            )
        return secret

    async def rotate(self, guild_id: int | None) -> str:
        """Revokes every link of the audience and returns the secret of one new link."""
        async with self._sessions.begin() as session:
            await session.execute(delete(CalendarLink).where(_audience_is(guild_id)))
        return await self.create(guild_id)

    async def resolve(self, secret: str) -> ResolvedLink | None:
        """The link a secret opens, or None; a malformed secret is not even looked up."""
        if not _SECRET_SHAPE.fullmatch(secret):
            return None
        wanted = secret_hash(secret)
        async with self._sessions() as session:
            link = await session.scalar(
                select(CalendarLink).where(CalendarLink.secret_hash == wanted)
            )
        # The lookup is by hash (a timing difference reveals nothing about the secret); the
        # comparison is constant-time all the same.
        if link is None or not hmac.compare_digest(link.secret_hash, wanted):
            return None
        viewer = Viewer.shared() if link.guild_id is None else Viewer.server(link.guild_id)
        return ResolvedLink(link_id=link.id, viewer=viewer, query=link.query)


def _audience_is(guild_id: int | None):  # type: ignore[no-untyped-def]
    if guild_id is None:
        return CalendarLink.guild_id.is_(None)
    return CalendarLink.guild_id == guild_id


@dataclass(frozen=True, slots=True)
class LinkUrls:
    """The forms of one link people are given."""

    https: str
    webcal: str
    page: str


def link_urls(base_url: str, secret: str) -> LinkUrls:
    """`base_url` is `[web] public_url` (or the listen address)."""
    feed = f"{base_url}/c/{secret}/calendar.ics"
    webcal = "webcal://" + feed.split("://", 1)[1]
    return LinkUrls(https=feed, webcal=webcal, page=f"{base_url}/c/{secret}/")
