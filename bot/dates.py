"""Timeline dates: month arithmetic, keys, and how a date is written for readers.

A timeline date is a day or a month (stored as its first day). Keys and exports write
`2025-03-11` / `2025-03`. Readers get words in their server's language (Babel): a day event is
a date, not an instant, so it is written out ("Tuesday 9 December 2025") instead of being sent
as a Discord timestamp that each reader's client would shift into their own zone (a reader at
UTC+13 would otherwise see the next day); a month reads "March 2025". Only instants the bot
really knows (when something was seen, when a digest goes out) are Discord timestamps. Pure.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton


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


DEFAULT_LANGUAGE = "en"
# English as the brief example writes it; other languages use their own full date format.
_ENGLISH_DAY = "EEEE d MMMM y"
_MONTH = "LLLL y"


class LanguageError(ValueError):
    """A language code Babel does not know; the message is one line for the user."""


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def check_language(language: str) -> str:
    """The code as stored (`de`, `pt-BR`), or a one-line refusal for an unknown one."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise LanguageError(
            f"{language!r} is not a language code Dateline knows (e.g. en, de, fr, pt-BR)"
        ) from None
    return language


def date_text(day: dt.date, granularity: str, language: str = DEFAULT_LANGUAGE) -> str:
    """ "Tuesday 9 December 2025" for a day, "March 2025" for a month, in `language`."""
    locale = _locale(language)
    if granularity == "month":
        return format_date(day, _MONTH, locale=locale)
    if locale.language == "en":
        return format_date(day, _ENGLISH_DAY, locale=locale)
    return format_date(day, "full", locale=locale)


def short_date_text(day: dt.date, granularity: str, language: str = DEFAULT_LANGUAGE) -> str:
    """ "9 December" (or "March 2025" for a month): for "moved from … to …" in one short line."""
    locale = _locale(language)
    if granularity == "month":
        return format_date(day, _MONTH, locale=locale)
    if locale.language == "en":
        return format_date(day, "d MMMM", locale=locale)
    return format_skeleton("MMMMd", day, locale=locale)


def compact_date_text(day: dt.date, granularity: str, language: str = DEFAULT_LANGUAGE) -> str:
    """ "Tue 11 Mar 2025" (or "March 2025"): for lists where every line starts with a date."""
    locale = _locale(language)
    if granularity == "month":
        return format_date(day, _MONTH, locale=locale)
    return format_date(day, "EEE d MMM y", locale=locale)
