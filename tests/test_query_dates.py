from __future__ import annotations

import datetime as dt

import pytest

from bot.query_dates import DateInputError, parse_date_bound

TODAY = dt.date(2025, 3, 18)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025-03-01", "2025-03-01", "2025-03-01"),
        ("March 2025", "2025-03-01", "2025-03-31"),
        ("Feb 2024", "2024-02-01", "2024-02-29"),
        ("last month", "2025-02-01", "2025-02-28"),
        ("this month", "2025-03-01", "2025-03-31"),
        ("next month", "2025-04-01", "2025-04-30"),
        ("2 weeks ago", "2025-03-04", "2025-03-04"),
        ("yesterday", "2025-03-17", "2025-03-17"),
        ("2024", "2024-01-01", "2024-12-31"),
    ],
)
def test_bounds(text: str, start: str, end: str) -> None:
    assert parse_date_bound(text, TODAY, "start").isoformat() == start
    assert parse_date_bound(text, TODAY, "end").isoformat() == end


def test_january_last_month_is_previous_december() -> None:
    assert parse_date_bound("last month", dt.date(2025, 1, 10), "start") == dt.date(2024, 12, 1)


@pytest.mark.parametrize("text", ["", "   ", "someday", "the 45th of Smarch"])
def test_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(DateInputError):
        parse_date_bound(text, TODAY, "start")
