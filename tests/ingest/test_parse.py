"""parse_feed() over the fixture feeds, entry identity, and HTML-to-text conversion."""

from __future__ import annotations

import hashlib
import html
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ingest.parse import (
    FeedEntry,
    FeedParseError,
    ParsedFeed,
    clean_text,
    html_to_text,
    parse_feed,
)

# shared/ sits beside the repository checkout, in development and in CI
SEED_RECORD = Path(__file__).resolve().parents[3] / "shared" / "data" / "events_dev.jsonl"


def _parse(feeds_dir: Path, name: str, **kwargs: str) -> ParsedFeed:
    return parse_feed(
        (feeds_dir / name).read_bytes(), url=f"https://feeds.example/{name}", **kwargs
    )


def test_rss091(feeds_dir: Path) -> None:
    feed = _parse(feeds_dir, "rss091.xml")
    assert (feed.kind, feed.title, feed.link) == (
        "rss091u",
        "Harbour Gazette",
        "https://gazette.example/",
    )
    first, second = feed.entries
    assert first.guid is None
    assert first.identity() == "https://gazette.example/news/ferry-timetable"
    assert (
        first.summary_text == "The winter timetable starts on 3 November 2025 & runs until March."
    )
    assert (first.published, first.content_text) == (None, None)
    assert (second.guid, second.link) == (None, None)
    expected = hashlib.sha256(
        f"Lighthouse reopens\x00\x00{second.summary_text}".encode()
    ).hexdigest()
    assert second.identity() == f"sha256:{expected}"


def test_rss10_rdf_with_dublin_core_date(feeds_dir: Path) -> None:
    feed = _parse(feeds_dir, "rss10.rdf")
    assert (feed.kind, feed.title) == ("rss10", "Observatory Notes")
    (entry,) = feed.entries
    assert entry.link == "https://observatory.example/notes/open-night"
    assert entry.published == datetime(2025, 8, 20, 16, 30, tzinfo=UTC)
    assert entry.summary_text == "The dome opens to the public on 7 September 2025 from 19:00."


def test_rss20_with_content_encoded(feeds_dir: Path) -> None:
    feed = _parse(feeds_dir, "rss20.xml", content_type="application/rss+xml; charset=utf-8")
    assert (feed.kind, feed.title, feed.link) == (
        "rss20",
        "Valley Transit News",
        "https://transit.example/",
    )
    tram, depot, night = feed.entries
    assert tram.guid == tram.identity() == "transit-2025-0412"
    assert tram.title == "New tram line opens & fares change"
    assert tram.published == datetime(2025, 4, 12, 6, 15, tzinfo=UTC)
    assert tram.summary_text == "Line 4 opens on April 14."
    assert tram.content_text == (
        "Line 4\n\n"
        "The council approved the line on February 3, and construction finished last week.\n\n"
        "Opening day is April 14:\n\n"
        "Free rides until noon\nFares rise on May 1\n\n"
        "Depot A\nDepot B"
    )
    assert depot.guid is None
    assert depot.identity() == "https://transit.example/news/depot-consultation"
    assert depot.published == datetime(2025, 4, 12, 4, 30, tzinfo=UTC)  # -0500 crosses midnight
    assert night.identity().startswith("sha256:")


def test_atom10(feeds_dir: Path) -> None:
    feed = _parse(feeds_dir, "atom10.xml")
    assert (feed.kind, feed.title, feed.link) == (
        "atom10",
        "City Library Blog",
        "https://library.example/blog/",
    )
    week, archive = feed.entries
    assert week.title == "Reading week returns"  # type="html" title decoded
    assert week.link == "https://library.example/blog/reading-week"  # xml:base resolved
    assert week.guid == "tag:library.example,2025:reading-week"
    assert week.published == datetime(2025, 5, 2, 2, 30, tzinfo=UTC)  # published wins
    assert week.summary_text == "Reading week runs from May 12 to May 18."
    assert week.content_text == (
        "Reading week runs from May 12 to May 18.\n\nSign-up closed on April 30."
    )
    assert archive.link is None  # feedparser copies the urn: id into link; not a web link
    assert archive.identity() == "urn:uuid:7f1c1a52-7d0b-4c57-9a57-1d5f6c1e0a11"
    assert archive.published == datetime(2025, 4, 15, 11, 0, tzinfo=UTC)  # from <updated>
    assert archive.content_text == (
        "The newspaper archive went online on April 14.\n\nMore scans follow in June."
    )
    assert archive.summary_text == archive.content_text  # feedparser's fallback


def test_all_dates_are_utc_aware(feeds_dir: Path) -> None:
    for name in ("rss10.rdf", "rss20.xml", "atom10.xml", "jsonfeed11.json", "seed_cnre.xml"):
        for entry in _parse(feeds_dir, name).entries:
            if entry.published is not None:
                assert entry.published.tzinfo is UTC, (name, entry.title)


def test_relative_links_resolve_against_the_feed_url() -> None:
    body = (
        b'<rss version="2.0"><channel><title>R</title><link>/</link>'
        b"<item><title>x</title><link>/posts/1</link></item></channel></rss>"
    )
    feed = parse_feed(body, url="https://site.example/feeds/rss.xml")
    assert feed.link == "https://site.example/"
    assert feed.entries[0].link == "https://site.example/posts/1"


def test_valid_feed_without_entries() -> None:
    feed = parse_feed(
        b'<rss version="2.0"><channel><title>Empty</title></channel></rss>', url="https://x/"
    )
    assert (feed.kind, feed.title, feed.entries) == ("rss20", "Empty", [])


def test_seed_feed_carries_the_seed_article(feeds_dir: Path) -> None:
    feed = _parse(feeds_dir, "seed_cnre.xml")
    assert (feed.kind, feed.title) == ("rss20", "Rare Earth Exchanges")
    (entry,) = feed.entries
    url = "https://rareearthexchanges.com/news/cnre-industrial-strategy"
    assert (entry.guid, entry.link, entry.identity()) == (url, url, url)
    assert entry.title == "China Northern Rare Earth’s 2025 Reform Push"
    assert entry.published == datetime(2025, 3, 18, 9, 0, tzinfo=UTC)
    assert entry.content_text is not None
    assert "At its March 11 meeting, CNRE Chairman Liu Peixun" in entry.content_text
    assert "Lecture Series on March 14" in entry.content_text
    if SEED_RECORD.exists():
        with SEED_RECORD.open(encoding="utf-8") as records:
            record = json.loads(records.readline())
        assert entry.content_text == clean_text(record["text"])


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("garbage.bin", "not well-formed"),
        ("malformed.xml", ""),
        ("not_a_feed.html", "it is an HTML page"),
    ],
)
def test_non_feeds_raise(feeds_dir: Path, name: str, reason: str) -> None:
    with pytest.raises(FeedParseError) as info:
        _parse(feeds_dir, name, content_type="text/html")
    message = str(info.value)
    assert message.startswith(f"not a feed: https://feeds.example/{name}: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize("body", [b"", b"   ", b"hello world", b"<p>just a fragment</p>"])
def test_other_non_feeds_raise(body: bytes) -> None:
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(body, url="https://x/")


def test_identity_fallbacks() -> None:
    when = datetime(2025, 3, 18, 9, 0, tzinfo=UTC)
    base = FeedEntry(
        guid="g", link="https://l/", title="T", published=when, summary_text="", content_text=None
    )
    assert base.identity() == "g"
    no_guid = FeedEntry(None, "https://l/", "T", when, "", None)
    assert no_guid.identity() == "https://l/"
    bare = FeedEntry(None, None, "T", when, "", None)
    digest = hashlib.sha256(b"T\x002025-03-18T09:00:00+00:00\x00").hexdigest()
    assert bare.identity() == f"sha256:{digest}"
    # Items without guid, link and date that share a title are told apart by their text.
    assert (
        FeedEntry(None, None, "T", None, "one", None).identity()
        != FeedEntry(None, None, "T", None, "two", None).identity()
    )
    assert FeedEntry(None, None, "T", None, "", None).identity() != bare.identity()
    assert FeedEntry("", "", "T", when, "", None).identity() == bare.identity()


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul><li>x</li><li>y</li></ul>after", "x\ny\n\nafter"),
        ("<h2>Head</h2>body", "Head\n\nbody"),
        ("Fish &amp; chips &mdash; &#8217;s &nbsp;ok", "Fish & chips — ’s ok"),
        ("<p>  spread\n   over\tlines </p>", "spread over lines"),
        ("<b>bold</b> <i>italic</i>", "bold italic"),
        ("wo<!-- c -->rd", "word"),
        ("<script>var x = 1;</script><style>p {}</style>shown", "shown"),
        ("<div><p>a</p>\n\n\n<p>b</p></div>", "a\n\nb"),
        ("plain text\n\n\n\nwith paragraphs", "plain text\n\nwith paragraphs"),
        ("", ""),
        ("   ", ""),
        ("<p></p>", ""),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_escaped_text_keeps_its_words(text: str) -> None:
    assert html_to_text(html.escape(text)).split() == text.split()


@given(st.text())
def test_html_to_text_never_raises(markup: str) -> None:
    out = html_to_text(markup)
    assert out == out.strip()


@given(st.binary(max_size=2000))
def test_parse_feed_raises_only_feed_parse_error(body: bytes) -> None:
    try:
        feed = parse_feed(body, url="https://x/")
    except FeedParseError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(feed, ParsedFeed)


def test_titles_are_single_lines() -> None:
    body = (
        b'<rss version="2.0"><channel><title>Multi\n  line</title>'
        b"<item><title>Broken\n   title</title><link>https://x/1</link></item></channel></rss>"
    )
    feed = parse_feed(body, url="https://x/")
    assert (feed.title, feed.entries[0].title) == ("Multi line", "Broken title")
