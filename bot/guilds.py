"""Per-server settings: the time zone that dates typed in commands are read in, and where
the bot tells a server's admins about problems (`notice_channel`)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dates import DEFAULT_LANGUAGE, LanguageError, check_language
from bot.db.models import GuildSettings
from bot.timezones import check_timezone


class GuildSettingsError(ValueError):
    """A setting value was refused; the message is one line for the user."""


class GuildSettingsService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], default_timezone: str) -> None:
        self._sessions = sessions
        self._default_timezone = default_timezone

    async def timezone(self, guild_id: int | None) -> str:
        """The server's IANA time zone (`discord.timezone` from the config until one is set)."""
        if guild_id is None:
            return self._default_timezone
        async with self._sessions() as session:
            row = await session.get(GuildSettings, guild_id)
        return row.timezone if row is not None else self._default_timezone

    async def today(self, guild_id: int | None, now: dt.datetime) -> dt.date:
        """The calendar day it is in the server's time zone at `now`."""
        return now.astimezone(ZoneInfo(await self.timezone(guild_id))).date()

    async def set_timezone(self, guild_id: int, name: str) -> None:
        check_timezone(name, GuildSettingsError)
        async with self._sessions.begin() as session:
            row = await self._row(session, guild_id)
            row.timezone = name

    async def set_events_tab(self, guild_id: int, days: int | None) -> None:
        """Mirror upcoming day events `days` ahead into Discord's Events tab (None: stop)."""
        async with self._sessions.begin() as session:
            row = await self._row(session, guild_id)
            row.events_tab_days = days

    async def language(self, guild_id: int | None) -> str:
        """The language dates are written in for the server (English until one is set)."""
        if guild_id is None:
            return DEFAULT_LANGUAGE
        async with self._sessions() as session:
            row = await session.get(GuildSettings, guild_id)
        return row.language if row is not None else DEFAULT_LANGUAGE

    async def set_language(self, guild_id: int, language: str) -> None:
        try:
            check_language(language)
        except LanguageError as exc:
            raise GuildSettingsError(str(exc)) from None
        async with self._sessions.begin() as session:
            row = await self._row(session, guild_id)
            row.language = language

    async def notice_channel(self, guild_id: int) -> int | None:
        """Where admins are told about problems; None means the server's system channel."""
        async with self._sessions() as session:
            row = await session.get(GuildSettings, guild_id)
        return row.notice_channel_id if row is not None else None

    async def set_notice_channel(self, guild_id: int, channel_id: int | None) -> None:
        async with self._sessions.begin() as session:
            row = await self._row(session, guild_id)
            row.notice_channel_id = channel_id

    async def _row(self, session: AsyncSession, guild_id: int) -> GuildSettings:
        row = await session.get(GuildSettings, guild_id)
        if row is None:
            row = GuildSettings(guild_id=guild_id, timezone=self._default_timezone)
            session.add(row)
        return row
