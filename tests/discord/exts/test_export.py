"""/export: anyone can download the matching timeline as .ics, .csv or .json."""

from __future__ import annotations

import datetime as dt
import json

from icalendar import Calendar

from bot.app import App
from bot.discord.bot import DatelineBot
from tests.discord.helpers import add_event
from tests.fake_discord import FakeDiscord


async def test_export_attaches_the_matching_timeline(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    plenary = await add_event(app, "CNRE holds its plenary session", dt.date(2025, 3, 14))
    await add_event(app, "Fed meeting", dt.date(2025, 3, 19))

    ics = await fake_discord.invoke("export", {"query": "CNRE"})  # no permission needed
    assert (await ics.response()).ephemeral
    [answer] = await ics.wait_followups(1)
    assert answer.content == "1 event."
    [file] = answer.files
    assert file.filename == "dateline-timeline.ics"
    [vevent] = Calendar.from_ical(file.data).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{plenary}@dateline"
    assert vevent.decoded("DTSTART") == dt.date(2025, 3, 14)

    as_json = await fake_discord.invoke("export", {"format": "json", "since": "2025-03-15"})
    [answer] = await as_json.wait_followups(1)
    assert [e["title"] for e in json.loads(answer.files[0].data)] == ["Fed meeting"]

    none = await fake_discord.invoke("export", {"query": "nothing like this"})
    assert (await none.final_content()) == "No events match."

    bad = await (await fake_discord.invoke("export", {"since": "someday soon"})).response()
    assert bad.ephemeral and "someday soon" in bad.content
