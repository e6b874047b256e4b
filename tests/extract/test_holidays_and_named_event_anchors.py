"""Holidays as day mentions and "the day before <event>" anchored to an earlier sentence,
with our own sentences (table-driven).

Holiday dates checked with datetime and dateutil.easter: Thanksgiving 2023-11-23,
2024-11-28; Black Friday 2024-11-29; Labor Day 2024-09-02, 2025-09-01; Memorial Day
2024-05-27, 2025-05-26; Easter Sunday 2024-03-31, 2025-04-20. Publication weekdays:
2024-12-02 Mon, 2025-01-15 Wed, 2025-06-11 Wed.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import explain_mentions
from tests.extract.helpers import accepted_values, event_dates


def _values(text: str, published: str) -> dict[str, str | None]:
    """Each mention's text and value, accepted as an event or not."""
    return {m.text: m.value for m in explain_mentions(text, date.fromisoformat(published))}


# Every holiday name gets a value; the year follows the tense like other days without a year.
HOLIDAY_VALUES = [
    ("Crews worked through the night on New Year's Day.", "2025-01-15", "2025-01-01"),
    ("The ferry sailed on New Year’s Eve.", "2025-01-15", "2024-12-31"),
    ("The town will hold a parade on Independence Day.", "2025-06-11", "2025-07-04"),
    ("Fireworks delighted crowds on the Fourth of July.", "2025-06-11", "2024-07-04"),
    ("The shelter served 400 meals on Christmas Day.", "2025-01-15", "2024-12-25"),
    ("The bridge reopened on Christmas Eve.", "2025-01-15", "2024-12-24"),
    ("The union marched on Labor Day.", "2025-06-11", "2024-09-02"),
    ("The union will march on Labor Day.", "2025-06-11", "2025-09-01"),
    ("The memorial was unveiled on Memorial Day.", "2025-06-11", "2025-05-26"),
    ("The store opened at 5 a.m. on Thanksgiving Day.", "2024-12-02", "2024-11-28"),
    ("Turkey prices peaked before Thanksgiving.", "2024-12-02", "2024-11-28"),
    ("Stores opened at 6 a.m. on Black Friday.", "2024-12-02", "2024-11-29"),
    ("The museum closed on Good Friday.", "2025-06-11", "2025-04-18"),
    ("The choir sang on Easter Sunday.", "2025-06-11", "2025-04-20"),
    ("The trains ran late on Easter Monday.", "2025-06-11", "2025-04-21"),
    ("The vote was held on Thanksgiving 2023, officials said.", "2025-06-11", "2023-11-23"),
    ("The fair reopens on Christmas Eve, 2026.", "2025-06-11", "2026-12-24"),
    # no tense cue: the nearest one
    ("A holiday sale on Memorial Day.", "2024-06-03", "2024-05-27"),
]


@pytest.mark.parametrize(("text", "published", "value"), HOLIDAY_VALUES)
def test_holiday_values(text: str, published: str, value: str) -> None:
    assert value in _values(text, published).values()


# A holiday becomes an event under the rules of other day mentions: something happens that day.
HOLIDAY_EVENTS = [
    ("Stores opened at 6 a.m. on Black Friday.", "2024-12-02", ["2024-11-29"]),
    ("The mayor will light the tree on Christmas Eve.", "2024-12-02", ["2024-12-24"]),
    ("The plant reopened the day after Labor Day.", "2025-06-11", ["2024-09-03"]),
    # a rough time around the day, not the day itself
    ("The plant will close over Christmas.", "2024-12-02", []),
    ("The plant will close over Christmas Day.", "2024-12-02", []),
    ("Turkey prices peaked before Thanksgiving.", "2024-12-02", []),
    ("Freight rates climbed ahead of Black Friday.", "2024-12-02", []),
    ("Hiring slowed after Labor Day.", "2025-06-11", []),
    ("Traffic eased around Independence Day.", "2025-06-11", []),
]


@pytest.mark.parametrize(("text", "published", "dates"), HOLIDAY_EVENTS)
def test_holiday_events(text: str, published: str, dates: list[str]) -> None:
    assert event_dates(text, published) == dates


# Not the named day: another calendar's day, a period named after it, lower-case words.
NOT_HOLIDAYS = [
    ("Factories shut for Lunar New Year's Eve.", "2025-01-15"),
    ("Crowds gathered for Mexico's Independence Day.", "2025-06-11"),
    ("Sales over the Labor Day weekend rose 4%.", "2025-06-11"),
    ("Flights were full during the Thanksgiving holiday week.", "2024-12-02"),
]


@pytest.mark.parametrize(("text", "published"), NOT_HOLIDAYS)
def test_not_holidays(text: str, published: str) -> None:
    assert accepted_values(text, published) == []
    assert not [m for m in explain_mentions(text, date.fromisoformat(published)) if m.value]


def test_holiday_name_is_not_a_weekday() -> None:
    assert _values("Shoppers queued on Black Friday.", "2024-12-02") == {
        "Black Friday": "2024-11-29"
    }
    # lower case: the weekday, not the holiday
    assert _values("It was a good Friday for the bank.", "2025-06-11") == {"Friday": "2025-06-06"}


# "the day before/after <event>": counted from the day the event was named with, earlier in the
# sentence or in the previous one, when that names one day only.
ANCHORED_TO_NAMED_EVENT = [
    (
        "Workers began a walkout at the mill on Thursday. The day before the walkout, managers "
        "offered a 3% raise.",
        "2025-06-11",
        ["2025-06-05", "2025-06-04"],
    ),
    (
        "The board vote was held on Tuesday. A day after the vote, the chairman resigned.",
        "2025-06-11",
        ["2025-06-10", "2025-06-11"],
    ),
    (
        "The union will vote on Monday. The day after the vote, members will walk out.",
        "2025-06-11",
        ["2025-06-16", "2025-06-17"],
    ),
    (
        "After the vote on Monday, the union said the day after the vote it would strike.",
        "2025-06-11",
        ["2025-06-09", "2025-06-10"],
    ),
    # already handled: the day named after the event in the same sentence
    (
        "The day before the walkout, which began on Thursday, managers offered a raise.",
        "2025-06-11",
        ["2025-06-04", "2025-06-05"],
    ),
]


@pytest.mark.parametrize(("text", "published", "values"), ANCHORED_TO_NAMED_EVENT)
def test_anchored_to_named_event(text: str, published: str, values: list[str]) -> None:
    assert accepted_values(text, published) == values


# Ambiguous or unnamed: still "anchored to an undated event".
UNANCHORED = [
    # two days in the sentence naming the walkout
    "Workers began a walkout on Thursday and met on Friday. The day before the walkout, "
    "managers offered a raise.",
    # the event is not named before
    "Prices rose on Monday. The day after the company said it would cut output, shares fell.",
    "The day before the launch, engineers found a leak.",
]


@pytest.mark.parametrize("text", UNANCHORED)
def test_unanchored_stays_rejected(text: str) -> None:
    reports = explain_mentions(text, date(2025, 6, 11))
    anchored = [m for m in reports if m.text.lower().startswith(("the day", "a day"))]
    assert [(m.value, m.reason) for m in anchored] == [(None, "anchored to an undated event")]
