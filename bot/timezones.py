"""The one check of an IANA time-zone name, and the one fallback for a stored zone that vanished.

Config, per-server settings, digests and reminders all accept zones typed by people; tzdata can
drop or rename a zone later, so reading a stored zone never fails (`safe_zone`).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class UnknownTimeZone(ValueError):
    """A zone name that zoneinfo does not know; the message is one line for the user."""


def is_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_timezone(name: str, error: type[ValueError] = UnknownTimeZone) -> str:
    """`name` unchanged if zoneinfo knows it, else `error` (the caller's one-line error type)."""
    if not is_timezone(name):
        raise error(f"unknown time zone {name!r}: use an IANA name such as Europe/Berlin")
    return name


def safe_zone(name: str | None, fallback: str = "UTC") -> ZoneInfo:
    """A stored zone that no longer exists (tzdata changes) falls back instead of failing."""
    for candidate in (name, fallback):
        if candidate and is_timezone(candidate):
            return ZoneInfo(candidate)
    return ZoneInfo("UTC")
