"""A bad item costs only itself, and stored text is clean.

Each reproduction from the issue: a lone-surrogate character reference and a JSON Feed number
of 4,300+ digits used to fail the whole feed on every poll; items without guid, link and date
that share a title collapsed into one; NUL and ANSI escape characters were stored raw.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import App
from bot.db.models import Article, EventMention
from tests.httpserver import CannedServer
from tests.support import FakeClock
from tests.timeline_support import EPOCH, add_source, app_at

CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"] + ["\x7f", "\x9b"]


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    async with app_at(database_url, FakeClock(EPOCH)) as opened:
        yield opened


async def stored(app: App) -> tuple[list[Article], list[EventMention]]:
    async with app.sessions() as session:
        articles = list(await session.scalars(select(Article).order_by(Article.id)))
        mentions = list(await session.scalars(select(EventMention).order_by(EventMention.id)))
    return articles, mentions


def assert_clean(*texts: str) -> None:
    for text in texts:
        assert not any(c in text for c in CONTROLS), repr(text)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text), repr(text)


async def _poll(app: App, server: CannedServer, body: bytes, content_type: str) -> int:
    server.add("/feed", body=body, content_type=content_type)
    source = await add_source(app, server.url("/feed"), full_text=False)
    report = await app.ingestor.poll(source)
    assert report.outcome == "ok" and report.error is None, report
    again = await app.ingestor.poll(source)
    assert again.outcome == "ok" and (again.new_articles, again.updated_articles) == (0, 0)
    return report.new_articles


async def test_a_lone_surrogate_reference_costs_only_itself(
    app: App, http_server: CannedServer
) -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
        b"<item><title>Bad &#xD800; item &#56320;</title><guid>bad</guid>"
        b"<description>Acme Corp meets investors on May 20, 2025 &#xDFFF;.</description></item>"
        b"<item><title>Good</title><guid>good</guid>"
        b"<description>Beta Corp meets investors on May 21, 2025.</description></item>"
        b"</channel></rss>"
    )
    assert await _poll(app, http_server, body, "application/rss+xml") == 2
    articles, mentions = await stored(app)
    assert [a.title for a in articles] == ["Bad \ufffd item \ufffd", "Good"]
    assert_clean(*(a.text for a in articles), *(m.evidence for m in mentions))
    assert len(mentions) == 2


async def test_a_huge_json_number_and_control_characters(
    app: App, http_server: CannedServer
) -> None:
    items = [
        {"id": "x", "title": "Huge", "content_text": "Gamma Corp meets on May 22, 2025."},
        {
            "id": "ok",
            "title": "Fine \u001b[31mred\u001b[0m \u0007alert",
            "content_text": (
                "Delta \u0000Corp\u001b]0;title\u0007 meets\u0085 on May 23, 2025.\r\nDone."
            ),
        },
    ]
    text = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": items})
    body = text.replace('"x"', "9" * 4400).replace('"Huge"', '"Huge", "extra": ' + "7" * 5000)
    assert await _poll(app, http_server, body.encode(), "application/feed+json") == 2
    articles, mentions = await stored(app)
    assert [a.title for a in articles] == ["Huge", "Fine red alert"]
    assert articles[1].text == "Fine red alert\n\nDelta Corp meets on May 23, 2025.\nDone."
    assert_clean(*(a.title + a.text for a in articles), *(m.evidence + m.title for m in mentions))


async def test_items_without_guid_link_or_date_sharing_a_title_stay_apart(
    app: App, http_server: CannedServer
) -> None:
    items = [
        {"title": "Market update", "content_text": "Acme Corp meets on May 20, 2025."},
        {"title": "Market update", "content_text": "Beta Corp meets on June 2, 2025."},
    ]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    assert await _poll(app, http_server, body, "application/feed+json") == 2
    articles, mentions = await stored(app)
    assert len(articles) == 2 and len({m.event_id for m in mentions}) == 2
