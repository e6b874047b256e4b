"""Calendar words: month and weekday names and their short forms, holidays, number words."""

from __future__ import annotations

import calendar
from typing import NamedTuple

# English names from the C locale (the engine never calls setlocale), so there is one list.
MONTH_NAMES: tuple[str, ...] = tuple(name.lower() for name in calendar.month_name[1:])

WEEKDAY_NAMES: tuple[str, ...] = tuple(name.lower() for name in calendar.day_name)

# Short month forms; "may" is its own short form. "sept" and "sep" both occur in news.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

MONTHS: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS

WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(WEEKDAY_NAMES)}

# Short weekday forms only count with their dot ("Wed."), so "We" or "sat" never match.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# Capitalised calendar words, which are never the name of a company or person.
CALENDAR_WORDS: frozenset[str] = frozenset(MONTH_NAMES + WEEKDAY_NAMES)


class Holiday(NamedTuple):
    """When a holiday falls in a year: a fixed day, the nth weekday of a month (nth -1 is the
    last) or Easter Sunday, moved by shift days (Black Friday follows Thanksgiving)."""

    month: int = 0
    day: int = 0
    weekday: int = 0
    nth: int = 0
    easter: bool = False
    shift: int = 0


_THANKSGIVING = Holiday(11, weekday=WEEKDAYS["thursday"], nth=4)

# Named days TimeML dates (US holidays where countries differ), keyed in lower case without
# apostrophes. Bare "Christmas" or "Easter" is a season as often as a day, so only the day names.
HOLIDAYS: dict[str, Holiday] = {
    "new years day": Holiday(1, 1),
    "new years eve": Holiday(12, 31),
    "independence day": Holiday(7, 4),
    "fourth of july": Holiday(7, 4),
    "christmas day": Holiday(12, 25),
    "christmas eve": Holiday(12, 24),
    "labor day": Holiday(9, weekday=WEEKDAYS["monday"], nth=1),
    "memorial day": Holiday(5, weekday=WEEKDAYS["monday"], nth=-1),
    "thanksgiving day": _THANKSGIVING,
    "thanksgiving": _THANKSGIVING,
    "black friday": _THANKSGIVING._replace(shift=1),
    "good friday": Holiday(easter=True, shift=-2),
    "easter sunday": Holiday(easter=True),
    "easter monday": Holiday(easter=True, shift=1),
}

# Before a holiday name these make it another calendar's or country's day ("Lunar New Year's
# Eve", "Orthodox Christmas Eve"); a capitalised possessive does too ("Mexico's Independence Day").
OTHER_CALENDARS = frozenset(
    {"lunar", "chinese", "jewish", "orthodox", "islamic", "hindu", "persian", "vietnamese"}
)

# After a holiday name these make it a period, not the day ("Labor Day weekend").
HOLIDAY_PERIODS = frozenset(
    {"weekend", "weekends", "week", "season", "period", "break", "holidays", "vacation", "recess"}
)

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
