"""Event dates as words for readers: a day event is a date, not an instant.

A day event has no time of day, so it is written out ("Tuesday 9 December 2025") instead of
being sent as a Discord timestamp that each reader's client would shift into their own zone
(a reader at UTC+13 would otherwise see the next day). Month events read "March 2025". Only
instants the bot really knows (when something was seen, when a digest goes out) are Discord
timestamps. Pure: no clock, no Discord; the language is a server setting (Babel locales).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

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


def instant_text(moment: dt.datetime, style: str = "f") -> str:
    """A known instant as a Discord timestamp: each reader sees it in their own zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def compact_date_text(day: dt.date, granularity: str, language: str = DEFAULT_LANGUAGE) -> str:
    """ "Tue 11 Mar 2025" (or "March 2025"): for lists where every line starts with a date."""
    locale = _locale(language)
    if granularity == "month":
        return format_date(day, _MONTH, locale=locale)
    return format_date(day, "EEE d MMM y", locale=locale)
