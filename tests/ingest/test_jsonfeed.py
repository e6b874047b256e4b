"""JSON Feed parsing, directly and through parse_feed's dispatch."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.ingest.jsonfeed import parse_json_feed
from bot.ingest.parse import FeedParseError, parse_feed

URL = "https://market.example/feed.json"


def _doc(**overrides: Any) -> bytes:
    doc: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": []}
    doc.update(overrides)
    return json.dumps(doc).encode()


def test_json_feed_11_fixture(feeds_dir: Path) -> None:
    feed = parse_feed((feeds_dir / "jsonfeed11.json").read_bytes(), url=URL)
    assert (feed.kind, feed.title, feed.link) == (
        "json11",
        "Market Hall Updates",
        "https://market.example/",
    )
    hours, closure, note = feed.entries
    assert hours.guid == hours.identity() == "market-42"
    assert hours.link == "https://market.example/posts/summer-hours"
    assert hours.published == datetime(2025, 5, 20, 7, 30, tzinfo=UTC)
    assert hours.summary_text == "New hours from June 2."
    assert (
        hours.content_text
        == "From June 2 the hall opens at 7:00.\n\nThe flower stalls return on June 9."
    )
    assert closure.guid == "43"  # numeric ids are tolerated
    assert closure.link == "https://market.example/posts/closure"  # relative to feed_url
    assert closure.published == datetime(2025, 5, 21, 8, 0, tzinfo=UTC)  # date_modified fallback
    assert closure.content_text == "The hall is closed on May 26.\n\nStalls reopen the next day."
    assert closure.summary_text == closure.content_text  # no summary: content, like feedparser
    assert (note.guid, note.link, note.published) == (None, None, None)
    assert note.identity().startswith("sha256:")


def test_json_feed_10_kind_and_external_url() -> None:
    body = _doc(
        version="https://jsonfeed.org/version/1",
        items=[{"id": "1", "external_url": "https://elsewhere.example/a", "content_text": "x"}],
    )
    feed = parse_json_feed(body, url=URL)
    assert feed.kind == "json1"
    assert feed.entries[0].link == "https://elsewhere.example/a"
    assert feed.entries[0].title == ""


def test_unknown_version_still_parses_as_json() -> None:
    feed = parse_json_feed(_doc(version=None, items=[{"id": "a", "title": " T "}]), url=URL)
    assert (feed.kind, feed.entries[0].title, feed.entries[0].content_text) == ("json", "T", None)


def test_naive_and_offset_dates_become_utc() -> None:
    items = [
        {"id": "naive", "date_published": "2025-03-18T09:00:00"},
        {"id": "zulu", "date_published": "2025-03-18T09:00:00Z"},
        {"id": "offset", "date_published": "2025-03-18T01:00:00-08:00"},
        {"id": "junk", "date_published": "last Tuesday"},
    ]
    feed = parse_json_feed(_doc(items=items), url=URL)
    expected = datetime(2025, 3, 18, 9, 0, tzinfo=UTC)
    assert [e.published for e in feed.entries] == [expected, expected, expected, None]


def test_non_http_links_and_non_object_items_are_dropped() -> None:
    items = [{"id": "a", "url": "javascript:alert(1)"}, "junk", 3, {"id": "b", "url": ""}]
    feed = parse_json_feed(_doc(items=items), url=URL)
    assert [(e.guid, e.link) for e in feed.entries] == [("a", None), ("b", None)]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "invalid JSON"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "without an 'items' list"),
        (b'{"items": {}}', "without an 'items' list"),
        (b"\xff\xfe{", "invalid JSON"),
    ],
)
def test_invalid_json_feeds(body: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError) as info:
        parse_json_feed(body, url=URL)
    assert str(info.value).startswith(f"not a feed: {URL}: ")
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (_doc(), "application/feed+json"),
        (_doc(), "application/json; charset=utf-8"),
        (_doc(), None),  # sniffed from the leading brace
        (b"\xef\xbb\xbf  \n" + _doc(), "text/plain"),  # BOM and whitespace
    ],
)
def test_parse_feed_dispatches_json(body: bytes, content_type: str | None) -> None:
    assert parse_feed(body, url=URL, content_type=content_type).kind == "json11"


def test_xml_labelled_as_json_is_still_parsed_as_xml() -> None:
    body = b'<rss version="2.0"><channel><title>X</title></channel></rss>'
    assert parse_feed(body, url=URL, content_type="application/json").kind == "rss20"


def test_html_in_json_fields_becomes_text() -> None:
    items = [{"id": "a", "title": "Fish &amp; chips", "content_html": "<p>a</p><p>b<br>c</p>"}]
    entry = parse_json_feed(_doc(items=items), url=URL).entries[0]
    assert entry.content_text == "a\n\nb\nc"
    assert entry.title == "Fish &amp; chips"  # JSON Feed titles are plain text
