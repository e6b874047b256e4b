"""/timeline, /upcoming and /event through the real discord.py client and a fake Discord."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from bot.app import App
from bot.dates import date_text
from bot.discord.bot import DatelineBot
from tests.discord.helpers import MANAGE_SERVER, add_event, ingest_seed
from tests.fake_discord import FakeDiscord

SEED_DAYS = [dt.date(2025, 3, 11), dt.date(2025, 3, 14)]


async def test_timeline_cnre_answers_with_the_two_seed_events(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await ingest_seed(app)

    interaction = await fake_discord.invoke("timeline", {"query": "CNRE"})
    callback = await interaction.response()

    assert callback.type == 4 and not callback.ephemeral
    [embed] = callback.data["embeds"]
    lines = embed["description"].splitlines()
    assert [line.split(" · ")[0] for line in lines] == [date_text(d, "day") for d in SEED_DAYS]
    assert embed["footer"]["text"] == "page 1 of 1 · 2 events"
    assert "components" not in callback.data or not callback.data["components"]
    assert callback.data["allowed_mentions"] == {"parse": []}


async def test_pages_turn_only_for_the_member_who_asked(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    for n in range(12):
        await add_event(app, f"Nickel auction {n}", dt.date(2025, 4, 1) + dt.timedelta(days=n))
    interaction = await fake_discord.invoke("timeline", {"query": "nickel"})
    callback = await interaction.response()
    assert len(callback.data["embeds"][0]["description"].splitlines()) == 10
    buttons = {b["label"]: b for b in callback.data["components"][0]["components"]}
    assert buttons["Previous"].get("disabled") and not buttons["Next"].get("disabled")
    assert interaction.original is not None

    stranger = await fake_discord.click(
        interaction.original, buttons["Next"]["custom_id"], user_id=fake_discord.owner_id
    )
    refusal = await stranger.response()
    assert refusal.ephemeral and "Only the member who ran" in refusal.content

    turned = await fake_discord.click(interaction.original, buttons["Next"]["custom_id"])
    page_two = await turned.response()
    assert page_two.type == 7
    embed = page_two.data["embeds"][0]
    assert [line.split(" · ")[1] for line in embed["description"].splitlines()] == [
        "**Nickel auction 10**",
        "**Nickel auction 11**",
    ]
    assert embed["footer"]["text"] == "page 2 of 2 · 12 events"
    buttons = {b["label"]: b for b in page_two.data["components"][0]["components"]}
    assert buttons["Next"].get("disabled") and not buttons["Previous"].get("disabled")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"since": "2025-03-12"}, SEED_DAYS[1:]),
        ({"since": "March 2025", "until": "2025-03-12"}, SEED_DAYS[:1]),
        ({"since": "last month"}, SEED_DAYS),  # the clock says 2025-03-10: February on
        ({"until": "2 weeks ago"}, []),
    ],
)
async def test_since_and_until_accept_what_people_type(
    fake_discord: FakeDiscord,
    app: App,
    bot: DatelineBot,
    options: dict[str, str],
    expected: list[dt.date],
) -> None:
    await ingest_seed(app)
    callback = await (await fake_discord.invoke("timeline", options)).response()
    if not expected:
        assert callback.ephemeral and callback.content == "No events match."
        return
    lines = callback.data["embeds"][0]["description"].splitlines()
    assert [line.split(" · ")[0] for line in lines] == [date_text(d, "day") for d in expected]


async def test_a_bad_date_is_one_ephemeral_line(
    fake_discord: FakeDiscord, bot: DatelineBot
) -> None:
    callback = await (await fake_discord.invoke("timeline", {"since": "someday soon"})).response()
    assert callback.ephemeral and "cannot read 'someday soon' as a date" in callback.content
    assert "\n" not in callback.content and "Traceback" not in callback.content


async def test_month_events_show_as_month_names(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await add_event(app, "Cobalt quota review", dt.date(2025, 5, 1), granularity="month")
    callback = await (await fake_discord.invoke("timeline", {"query": "cobalt"})).response()
    assert callback.data["embeds"][0]["description"].startswith(
        "May 2025 · **Cobalt quota review**"
    )


async def test_upcoming_counts_from_today_in_the_server_time_zone(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await ingest_seed(app)
    default = await (await fake_discord.invoke("upcoming")).response()
    assert len(default.data["embeds"][0]["description"].splitlines()) == 2

    short = await (await fake_discord.invoke("upcoming", {"days": 2})).response()
    assert len(short.data["embeds"][0]["description"].splitlines()) == 1

    await app.guilds.set_timezone(fake_discord.guild.id, "Pacific/Kiritimati")  # UTC+14: Mar 11
    tomorrow = await (await fake_discord.invoke("upcoming", {"days": 1})).response()
    assert tomorrow.data["embeds"][0]["title"].endswith("from 2025-03-11")

    refused = await (await fake_discord.invoke("upcoming", {"days": 0})).response()
    assert refused.ephemeral and refused.content == "days must be between 1 and 365"


async def test_event_shows_everything_and_autocompletes_by_title(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await ingest_seed(app)
    typed = await fake_discord.autocomplete("event", {"id": "lecture"}, focused="id")
    choices = (await typed.response()).data["choices"]
    assert len(choices) == 1 and choices[0]["name"].startswith("2025-03-14 · ")

    callback = await (await fake_discord.invoke("event", {"id": choices[0]["value"]})).response()
    [embed] = callback.data["embeds"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Date"] == date_text(SEED_DAYS[1], "day")
    assert fields["Confidence"].startswith("0.")
    assert fields["First seen"].startswith("<t:") and fields["First seen"].endswith(":f>")
    assert "(https://rareearthexchanges.com/news/cnre-industrial-strategy)" in fields["Sources"]
    assert "Rare Earth Exchanges" in fields["Sources"]
    assert "Lecture" in embed["description"] or "lecture" in embed["description"]

    missing = await (await fake_discord.invoke("event", {"id": 999})).response()
    assert missing.ephemeral and missing.content == "There is no event #999."


async def test_a_slow_query_is_deferred_then_answered(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past Discord's 3 s the interaction would be lost: a slow query is deferred first."""
    await ingest_seed(app)
    # By name: the bot loaded the cog module as an extension (its own module object).
    monkeypatch.setattr(sys.modules["bot.discord.exts.timeline"], "DEFER_AFTER_SECONDS", 0)

    interaction = await fake_discord.invoke("timeline", {"query": "CNRE"})
    callback = await interaction.response()
    [answer] = await interaction.wait_followups(1)

    assert callback.type == 5
    assert answer.sent["embeds"][0]["footer"]["text"] == "page 1 of 1 · 2 events"


async def test_dates_are_written_in_the_server_language(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await ingest_seed(app)
    refused = await (
        await fake_discord.invoke(
            "settings language", {"code": "klingon"}, permissions=MANAGE_SERVER
        )
    ).response()
    assert refused.ephemeral and refused.content == (
        "'klingon' is not a language code Dateline knows (e.g. en, de, fr, pt-BR)"
    )
    answer = await (
        await fake_discord.invoke("settings language", {"code": "de"}, permissions=MANAGE_SERVER)
    ).response()
    assert answer.content == "Dates are now written in de."

    callback = await (await fake_discord.invoke("timeline", {"query": "CNRE"})).response()
    lines = callback.data["embeds"][0]["description"].splitlines()
    assert [line.split(" · ")[0] for line in lines] == [
        "Dienstag, 11. März 2025",
        "Freitag, 14. März 2025",
    ]
