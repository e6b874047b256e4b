"""/timeline, /upcoming and /event: reading the timeline, open to everyone."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import Refusal, server_viewer
from bot.discord.messages import message_kwargs
from bot.discord.render import (
    event_choice_name,
    event_detail,
    timeline_page,
    upcoming_list,
)
from bot.query_dates import DateInputError
from bot.timeline import Page, TimelineQuery

if TYPE_CHECKING:
    from bot.app import App
    from bot.discord.bot import DatelineBot

PER_PAGE = 10
# Discord drops an interaction not answered within 3 s: a query still running after this long
# gets the interaction deferred ("thinking…") and the answer follows when it is ready.
DEFER_AFTER_SECONDS = 1.5
PAGER_TIMEOUT_SECONDS = 600  # below the 15 minutes an interaction token lasts
MAX_UPCOMING_DAYS = 365
T = TypeVar("T")


class TimelinePager(discord.ui.View):
    """Previous/Next under a /timeline answer; only the member who asked may turn pages."""

    def __init__(
        self,
        app: App,
        origin: discord.Interaction[Any],
        query: TimelineQuery,
        heading: str,
        page: Page,
        language: str,
    ) -> None:
        super().__init__(timeout=PAGER_TIMEOUT_SECONDS)
        self._app = app
        self._origin = origin
        self._query = query
        self._heading = heading
        self._language = language
        self._viewer = server_viewer(origin)
        self.page = page
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.previous.disabled = self.page.page <= 1
        self.next.disabled = self.page.page >= self.page.pages

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self._origin.user.id:
            return True
        await interaction.response.send_message(
            "Only the member who ran this /timeline can turn its pages; run your own.",
            ephemeral=True,
        )
        return False

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]
    ) -> None:
        await self._show(interaction, self.page.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction[Any], _: discord.ui.Button[Any]) -> None:
        await self._show(interaction, self.page.page + 1)

    async def _show(self, interaction: discord.Interaction[Any], number: int) -> None:
        self.page = await self._app.timeline.search(
            self._query, viewer=self._viewer, page=number, per_page=PER_PAGE
        )
        self._update_buttons()
        kwargs = message_kwargs(timeline_page(self.page, self._heading, self._language))
        await interaction.response.edit_message(embeds=kwargs["embeds"], view=self)

    async def on_timeout(self) -> None:
        with contextlib.suppress(discord.HTTPException):
            await self._origin.edit_original_response(view=None)


def _heading(query: str | None, since: str | None, until: str | None) -> str:
    parts = ["Timeline"]
    if query:
        parts.append(f"“{query}”")
    if since:
        parts.append(f"since {since}")
    if until:
        parts.append(f"until {until}")
    return " · ".join(parts)


async def within_deadline(interaction: discord.Interaction[Any], work: Awaitable[T]) -> T:
    """`work`'s result; if it is slow, the interaction is deferred first (one-line answers stay
    possible: `reply` sends them as the followup)."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.wait_for(asyncio.shield(task), DEFER_AFTER_SECONDS)
    except TimeoutError:
        await interaction.response.defer(thinking=True)
        return await task


async def reply(interaction: discord.Interaction[Any], **kwargs: Any) -> None:
    """The answer, as the response or, after a defer, as its followup."""
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


class TimelineCog(commands.Cog):
    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app

    async def _today(self, interaction: discord.Interaction[Any]) -> Any:
        return await self.app.guilds.today(interaction.guild_id, self.app.clock.now())

    @app_commands.command(name="timeline", description="Events on the timeline, in date order")
    @app_commands.describe(
        query="words in the title or summary, or a source's name",
        since="first date: 2025-03-01, March 2025, last month, 2 weeks ago",
        until="last date, same forms as since",
    )
    async def timeline(
        self,
        interaction: discord.Interaction[Any],
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> None:
        viewer = server_viewer(interaction)
        today = await self._today(interaction)
        try:
            search = TimelineQuery.typed(query, since, until, today)
        except DateInputError as exc:
            raise Refusal(str(exc)) from None
        page = await within_deadline(
            interaction,
            self.app.timeline.search(search, viewer=viewer, page=1, per_page=PER_PAGE),
        )
        if page.total == 0:
            await reply(interaction, content="No events match.", ephemeral=True)
            return
        heading = _heading(query, since, until)
        language = await self.app.guilds.language(interaction.guild_id)
        kwargs = message_kwargs(timeline_page(page, heading, language))
        if page.pages > 1:
            kwargs["view"] = TimelinePager(self.app, interaction, search, heading, page, language)
        await reply(interaction, **kwargs)

    @app_commands.command(name="upcoming", description="Events dated from today on")
    @app_commands.describe(days=f"how many days ahead (1–{MAX_UPCOMING_DAYS}, default 14)")
    async def upcoming(
        self,
        interaction: discord.Interaction[Any],
        days: app_commands.Range[int, 1, MAX_UPCOMING_DAYS] = 14,
    ) -> None:
        if not 1 <= days <= MAX_UPCOMING_DAYS:  # Discord enforces the range; self-hosted may not
            raise Refusal(f"days must be between 1 and {MAX_UPCOMING_DAYS}")
        viewer = server_viewer(interaction)
        today = await self._today(interaction)
        rows = await within_deadline(
            interaction, self.app.timeline.upcoming(today, days, viewer=viewer)
        )
        language = await self.app.guilds.language(interaction.guild_id)
        await reply(interaction, **message_kwargs(upcoming_list(rows, days, today, language)))

    @app_commands.command(name="event", description="One event in full, with every source")
    @app_commands.rename(event_id="id")
    @app_commands.describe(event_id="the event's number; type words of its title to find it")
    async def event(self, interaction: discord.Interaction[Any], event_id: int) -> None:
        detail = await self.app.timeline.get(event_id, viewer=server_viewer(interaction))
        if detail is None:
            raise Refusal(f"There is no event #{event_id}.")
        language = await self.app.guilds.language(interaction.guild_id)
        await interaction.response.send_message(**message_kwargs(event_detail(detail, language)))

    @event.autocomplete("event_id")
    async def event_suggestions(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[int]]:
        if interaction.guild_id is None:
            return []
        rows = await self.app.timeline.title_suggestions(current, viewer=server_viewer(interaction))
        return [app_commands.Choice(name=event_choice_name(r), value=r.id) for r in rows]


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(TimelineCog(bot))
