"""JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) into ``ParsedFeed``.

feedparser 6 does not read JSON Feed, and the format is small enough that a direct
mapping is clearer than another dependency. Tolerant of common deviations (numeric ids,
naive timestamps, missing version) but refuses JSON that has no ``items`` list.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from bot.ingest.parse import (
    FeedEntry,
    FeedParseError,
    ParsedFeed,
    clean_text,
    html_to_text,
    one_line,
)

_VERSION_PREFIX = "https://jsonfeed.org/version/"
_KINDS = {"1": "json1", "1.1": "json11"}


def parse_json_feed(body: bytes, *, url: str) -> ParsedFeed:
    """Parse a JSON Feed; ``kind`` is ``json1``/``json11`` by declared version, else ``json``."""
    try:
        doc = json.loads(body.decode("utf-8-sig"), parse_int=_integer)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedParseError(f"not a feed: {url}: invalid JSON ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedParseError(f"not a feed: {url}: JSON without an 'items' list")
    version = str(doc.get("version") or "")
    kind = _KINDS.get(version.removeprefix(_VERSION_PREFIX).rstrip("/"), "json")
    base = _text_field(doc, "feed_url") or url
    return ParsedFeed(
        title=one_line(_text_field(doc, "title")) or None,
        link=_absolute(base, _text_field(doc, "home_page_url")),
        entries=[e for item in doc["items"] if (e := _entry_or_none(item, base)) is not None],
        kind=kind,
    )


def _integer(digits: str) -> int | str:
    """An integer Python would refuse to convert (over 4,300 digits) stays text: it can only be
    an id or junk, and one item's junk must not make the whole feed unreadable."""
    return int(digits) if len(digits) <= 4000 else digits


def _entry_or_none(item: object, base: str) -> FeedEntry | None:
    """A bad item costs only itself."""
    if not isinstance(item, dict):
        return None
    try:
        return _entry(item, base)
    except (ValueError, TypeError, OverflowError):
        return None


def _entry(item: dict[str, Any], base: str) -> FeedEntry:
    """Map one item; like feedparser, an absent summary falls back to the content."""
    content_html = _text_field(item, "content_html")
    content = (
        html_to_text(content_html)
        if content_html
        else clean_text(_text_field(item, "content_text"))
    )
    summary = clean_text(_text_field(item, "summary"))
    raw_id = item.get("id")
    guid = one_line(str(raw_id))[:2048] if isinstance(raw_id, str | int) else ""
    return FeedEntry(
        guid=guid or None,
        link=_absolute(base, _text_field(item, "url") or _text_field(item, "external_url")),
        title=one_line(_text_field(item, "title")),
        published=_parse_date(_text_field(item, "date_published"))
        or _parse_date(_text_field(item, "date_modified")),
        summary_text=summary or content,
        content_text=content or None,
    )


def _text_field(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _absolute(base: str, link: str) -> str | None:
    """Resolve relative links against the feed URL; only http(s) results count as links."""
    if not link.strip():
        return None
    resolved = urljoin(base, link.strip())
    return resolved if resolved.lower().startswith(("http://", "https://")) else None


def _parse_date(value: str) -> datetime | None:
    """RFC 3339 as required by the spec; a naive timestamp is taken as UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
