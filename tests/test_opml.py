"""OPML import/export: nested outlines, unsafe XML refused, round trip through the database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.db.models import Source
from bot.opml import OpmlError, OpmlFeed, build_opml, export_sources, import_sources, parse_opml
from tests.support import FakeClock
from tests.timeline_support import app_at

NOW = dt.datetime(2025, 4, 3, 12, tzinfo=dt.UTC)

READER_EXPORT = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Miniflux</title></head>
  <body>
    <outline text="Metals">
      <outline type="rss" text="Metals Wire" xmlUrl="https://metals.example/feed.xml"
               htmlUrl="https://metals.example/"/>
      <outline type="rss" title="Rare Earths" text="RE" xmlUrl="https://re.example/rss"/>
    </outline>
    <outline type="rss" text="Dup" xmlUrl="https://metals.example/feed.xml"/>
    <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
    <outline type="rss" text="Broken" xmlUrl="not a url"/>
    <outline text="folder without feeds"/>
  </body>
</opml>"""


def test_parse_flattens_folders_and_dedupes() -> None:
    assert parse_opml(READER_EXPORT)[:2] == [
        OpmlFeed("https://metals.example/feed.xml", "Metals Wire", "https://metals.example/"),
        OpmlFeed("https://re.example/rss", "Rare Earths", None),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b"<opml><body><outline xmlUrl='&lol2;'/></body></opml>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<opml><body><outline xmlUrl='&e;'/></body></opml>",
        b"<rss/>",
        b"<opml><body>",
    ],
    ids=["entity-expansion", "external-entity", "not-opml", "truncated"],
)
def test_unsafe_or_invalid_files_are_refused(data: bytes) -> None:
    with pytest.raises(OpmlError):
        parse_opml(data)


def test_build_then_parse_round_trips() -> None:
    feeds = [OpmlFeed("https://a.example/feed?x=1&y=2", "A & B", "https://a.example/")]
    assert parse_opml(build_opml(feeds, now=NOW)) == feeds


async def test_import_then_export(database_url: str) -> None:
    async with app_at(database_url, FakeClock(NOW)) as app:
        result = await import_sources(app.sessions, app.clock, READER_EXPORT)
        assert result.added == ["https://metals.example/feed.xml", "https://re.example/rss"]
        assert [r.split(":")[0] for r in result.invalid] == ["file", "not a url"]
        again = await import_sources(app.sessions, app.clock, READER_EXPORT)
        assert again.added == [] and len(again.skipped) == 2
        async with app.sessions() as session:
            sources = list(await session.scalars(select(Source).order_by(Source.id)))
        assert [s.next_poll_at for s in sources] == [NOW, NOW]  # polled by the next round
        exported = parse_opml(await export_sources(app.sessions, now=NOW))
    assert [f.url for f in exported] == [
        "https://metals.example/feed.xml",
        "https://re.example/rss",
    ]
    assert exported[1].title == "Rare Earths"
