"""Exports: .ics parses back with icalendar (UIDs, all-day dates, month spans); CSV and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from icalendar import Calendar

from bot.exports import load_details, render_export, to_csv
from bot.timeline import EventDetail, EventRow, TimelineQuery
from bot.visibility import Viewer
from tests.support import FakeClock
from tests.timeline_support import add_event, app_at

NOW = dt.datetime(2025, 4, 3, 12, tzinfo=dt.UTC)

EVERYTHING = Viewer.everything()


async def test_ics_parses_back_with_stable_uids_and_all_day_dates(database_url: str) -> None:
    async with app_at(database_url, FakeClock(NOW)) as app:
        day = await add_event(
            app,
            dt.date(2025, 3, 11),
            "CNRE outlines quotas",
            summary="Chairman Liu Peixun spoke.",
            sources=("Metals Wire", "Other Wire"),
        )
        month = await add_event(app, dt.date(2025, 2, 1), "Export curbs", granularity="month")
        await add_event(app, dt.date(2025, 6, 1), "Fed meeting")
        details = await load_details(
            app.sessions, TimelineQuery(until=dt.date(2025, 3, 31)), viewer=EVERYTHING
        )
        again = render_export(
            await load_details(
                app.sessions, TimelineQuery(until=dt.date(2025, 3, 31)), viewer=EVERYTHING
            ),
            "ics",
        )

    data = render_export(details, "ics")
    assert data == again  # the same timeline exports byte for byte the same
    calendar = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"event-{day}@dateline", f"event-{month}@dateline"}
    quotas = events[f"event-{day}@dateline"]
    assert quotas.decoded("DTSTART") == dt.date(2025, 3, 11)
    assert quotas.decoded("DTEND") == dt.date(2025, 3, 12)
    assert str(quotas["SUMMARY"]) == "CNRE outlines quotas"
    description = str(quotas["DESCRIPTION"])
    assert description.startswith("Chairman Liu Peixun spoke.")
    assert "Metals Wire: CNRE outlines quotas (article) https://" in description
    assert "Other Wire" in description
    assert str(quotas["URL"]).startswith("https://")
    curbs = events[f"event-{month}@dateline"]
    assert curbs.decoded("DTSTART") == dt.date(2025, 2, 1)
    assert curbs.decoded("DTEND") == dt.date(2025, 3, 1)  # the whole of February


async def test_json_export_holds_articles(database_url: str) -> None:
    async with app_at(database_url, FakeClock(NOW)) as app:
        await add_event(app, dt.date(2025, 3, 11), "CNRE outlines quotas")
        details = await load_details(app.sessions, TimelineQuery(text="CNRE"), viewer=EVERYTHING)
    (event,) = json.loads(render_export(details, "json"))
    assert event["date"] == "2025-03-11" and event["sources"] == 1
    assert event["articles"][0]["source"] == "Metals Wire"


def test_csv_keeps_formulas_from_running_in_spreadsheets() -> None:
    row = EventRow(
        1, dt.date(2025, 3, 11), "2025-03-11", "day", '=HYPERLINK("x")', "-5%", 0.9, NOW, 0
    )
    data = to_csv([EventDetail(event=row, articles=[])]).decode("utf-8-sig")
    header, values = list(csv.reader(io.StringIO(data)))
    assert header[:4] == ["id", "date", "granularity", "title"]
    assert values[3] == '\'=HYPERLINK("x")' and values[4] == "'-5%"
