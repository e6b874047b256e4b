"""Dates people type into `since`/`until`: "2025-03-01", "March 2025", "last month", "2 weeks ago".

The typed text is a bound, so "March 2025" gives the month's first day for `since` and its last
day for `until`. `today` is passed in (in the server's time zone): no clock is read here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import dateparser

from bot.dates import month_bounds, shift_month

_MONTH_ONLY = re.compile(r"^\s*([A-Za-z]{3,9})\.?\s+(\d{4})\s*$")
_YEAR_ONLY = re.compile(r"^\s*(\d{4})\s*$")
_RELATIVE_MONTH = re.compile(r"^\s*(last|this|next)\s+month\s*$", re.IGNORECASE)


class DateInputError(ValueError):
    """The text is not a date we understand; the message says what would work."""


def _month_bound(day: dt.date, side: Literal["start", "end"]) -> dt.date:
    first, last = month_bounds(day)
    return first if side == "start" else last


def parse_date_bound(text: str, today: dt.date, side: Literal["start", "end"]) -> dt.date:
    cleaned = text.strip()
    if not cleaned:
        raise DateInputError("empty date")
    relative = _RELATIVE_MONTH.match(cleaned)
    if relative:
        shift = {"last": -1, "this": 0, "next": 1}[relative.group(1).lower()]
        return _month_bound(shift_month(today, shift), side)
    year_only = _YEAR_ONLY.match(cleaned)
    if year_only:
        year = int(year_only.group(1))
        return dt.date(year, 1, 1) if side == "start" else dt.date(year, 12, 31)
    month_only = _MONTH_ONLY.match(cleaned)
    if month_only:
        parsed = dateparser.parse(
            f"1 {month_only.group(1)} {month_only.group(2)}", languages=["en"]
        )
        if parsed is not None:
            return _month_bound(parsed.date(), side)
    base = dt.datetime.combine(today, dt.time(12))
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": "YMD" if re.match(r"^\d{4}-", cleaned) else "MDY",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        raise DateInputError(
            f"cannot read {text!r} as a date; try 2025-03-01, March 2025, last month or 2 weeks ago"
        )
    day: dt.date = parsed.date()  # dateparser is untyped
    return day
