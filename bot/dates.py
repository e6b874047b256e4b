"""Calendar helpers for timeline dates: month arithmetic, and how a date is written.

A timeline date is a day or a month (stored as its first day). People read a day as
`2025-03-11` and a month as `March 2025`; keys and exports write a month as `2025-03`. Pure.
"""

from __future__ import annotations

import calendar
import datetime as dt


def shift_month(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or, negative, before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of `day`'s month."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def month_label(day: dt.date) -> str:
    return day.strftime("%B %Y")


def date_label(day: dt.date, granularity: str) -> str:
    """For people: `2025-03-11` for a day event, `March 2025` for a month event."""
    return month_label(day) if granularity == "month" else day.isoformat()


def date_key(day: dt.date, granularity: str) -> str:
    """For keys and exports: `YYYY-MM-DD` for a day event, `YYYY-MM` for a month event."""
    return day.isoformat() if granularity == "day" else day.strftime("%Y-%m")
