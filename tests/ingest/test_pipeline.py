"""End to end: fixture feeds served over real HTTP on 127.0.0.1 → articles and events in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import App, open_app
from bot.config import DatabaseSettings, ExtractSettings, FetchSettings, Settings
from bot.db.models import AlertEvent, Article, Delivery, Event, EventMention, Source, Subscription
from bot.ingest.pipeline import UNCHANGED_BATCH
from bot.timeline import TimelineQuery
from bot.visibility import Viewer
from tests.httpserver import CannedServer
from tests.support import FakeClock
from tests.timeline_support import add_source, count

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"
START = dt.datetime(2025, 4, 3, 12, 0, tzinfo=dt.UTC)

EVERYTHING = Viewer.everything()


def _settings(database_url: str) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=5.0),
    )


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    async with open_app(_settings(database_url), clock=FakeClock(START)) as app:
        yield app


async def _add_source(app: App, url: str, **fields: object) -> int:
    return await add_source(app, url, at=START, **fields)


async def test_scan_stores_articles_and_events(app: App, http_server: CannedServer) -> None:
    http_server.add(
        "/seed.xml", body=(FEEDS / "seed_cnre.xml").read_bytes(), content_type="application/rss+xml"
    )
    http_server.add(
        "/metals.xml",
        body=(FEEDS / "metals_wire.xml").read_bytes(),
        content_type="application/rss+xml",
    )
    seed = await _add_source(app, http_server.url("/seed.xml"))
    metals = await _add_source(app, http_server.url("/metals.xml"))

    reports = await app.ingestor.poll_due()

    assert {r.outcome for r in reports} == {"ok"}
    assert await count(app, Article) == 3
    seed_events = await app.timeline.all_matching(TimelineQuery(source_id=seed), viewer=EVERYTHING)
    assert [e.date_key for e in seed_events] == ["2025-03-11", "2025-03-14"]
    assert all(len(e.title) <= 100 for e in seed_events)
    metals_dates = {
        e.date_key
        for e in await app.timeline.all_matching(TimelineQuery(source_id=metals), viewer=EVERYTHING)
    }
    assert {"2025-05-15", "2025-03-31"} <= metals_dates
    async with app.sessions() as session:
        source = await session.get(Source, seed)
        assert source is not None
        assert source.title == "Rare Earth Exchanges"
        assert source.last_status == 200 and source.consecutive_errors == 0
        assert source.initial_poll_done
        assert source.next_poll_at == START + dt.timedelta(minutes=30)
        mention = await session.scalar(select(EventMention).order_by(EventMention.id).limit(1))
        assert mention is not None
        article = await session.get(Article, mention.article_id)
        assert article is not None
        assert article.text[mention.span_start : mention.span_end] == mention.evidence


async def test_second_poll_is_conditional_and_304_stores_nothing(
    app: App, http_server: CannedServer
) -> None:
    from aiohttp import web

    body = (FEEDS / "metals_wire.xml").read_bytes()

    async def conditional(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        return web.Response(
            body=body, headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"}
        )

    http_server.add_handler("/feed.xml", conditional)
    source_id = await _add_source(app, http_server.url("/feed.xml"))
    await app.ingestor.poll(source_id)
    articles, events = await count(app, Article), await count(app, Event)

    report = await app.ingestor.poll(source_id)

    assert report.outcome == "not_modified"
    assert http_server.requests_for("/feed.xml")[1].headers["If-None-Match"] == '"v1"'
    assert (await count(app, Article), await count(app, Event)) == (articles, events)


async def test_a_pass_of_unchanged_feeds_is_written_in_batches(
    database_url: str, http_server: CannedServer
) -> None:
    """More 304s than one batch holds: every source is rescheduled, none keeps an old error."""
    from aiohttp import web

    async def unchanged(request: web.Request) -> web.Response:
        return web.Response(status=304, headers={"ETag": '"same"'})

    clock = FakeClock(START)
    sources = UNCHANGED_BATCH + 7
    async with open_app(_settings(database_url), clock=clock) as app:
        ids = []
        for n in range(sources):
            http_server.add_handler(f"/quiet/{n}.xml", unchanged)
            ids.append(
                await add_source(app, http_server.url(f"/quiet/{n}.xml"), at=START, etag='"same"')
            )
        async with app.sessions.begin() as session:
            stale = await session.get(Source, ids[0])
            assert stale is not None
            stale.consecutive_errors, stale.last_error = 2, "HTTP 500 fetching"
        clock.advance(minutes=1)

        reports = await app.ingestor.poll_due()

        assert [r.outcome for r in reports] == ["not_modified"] * sources
        assert await app.ingestor.due_source_ids() == []
        async with app.sessions() as session:
            rows = list(await session.scalars(select(Source)))
        assert {r.next_poll_at for r in rows} == {clock.now() + dt.timedelta(minutes=30)}
        assert {(r.last_status, r.consecutive_errors, r.last_error) for r in rows} == {
            (304, 0, None)
        }


async def test_malformed_feed_is_recorded_while_others_ingest(
    app: App, http_server: CannedServer
) -> None:
    http_server.add("/broken.xml", body=(FEEDS / "garbage.bin").read_bytes())
    http_server.add("/good.xml", body=(FEEDS / "metals_wire.xml").read_bytes())
    broken = await _add_source(app, http_server.url("/broken.xml"))
    await _add_source(app, http_server.url("/good.xml"))

    reports = {r.source_id: r for r in await app.ingestor.poll_due()}

    assert reports[broken].outcome == "error"
    assert await count(app, Article) == 2
    async with app.sessions() as session:
        source = await session.get(Source, broken)
        assert source is not None
        assert source.consecutive_errors == 1
        assert source.last_error and "\n" not in source.last_error
        assert source.next_poll_at > START + dt.timedelta(minutes=30)


async def test_changed_entry_updates_the_article_instead_of_duplicating(
    app: App, http_server: CannedServer
) -> None:
    original = (FEEDS / "metals_wire.xml").read_text()
    http_server.add("/feed.xml", body=original)
    source_id = await _add_source(app, http_server.url("/feed.xml"))
    await app.ingestor.poll(source_id)
    http_server.add("/feed.xml", body=original.replace("on May 15", "on June 20"))

    report = await app.ingestor.poll(source_id)

    assert (report.new_articles, report.updated_articles) == (0, 1)
    assert await count(app, Article) == 2
    dates = {
        e.date_key for e in await app.timeline.all_matching(TimelineQuery(), viewer=EVERYTHING)
    }
    assert "2025-06-20" in dates and "2025-05-15" not in dates


async def test_backlog_is_silent_unless_the_source_asks(
    app: App, http_server: CannedServer
) -> None:
    http_server.add("/a.xml", body=(FEEDS / "metals_wire.xml").read_bytes())
    http_server.add("/b.xml", body=(FEEDS / "seed_cnre.xml").read_bytes())
    async with app.sessions.begin() as session:
        session.add(Subscription(channel_id=42, keywords=[], created_at=START))
    quiet = await _add_source(app, http_server.url("/a.xml"))
    loud = await _add_source(app, http_server.url("/b.xml"), alert_backlog=True)

    reports = {r.source_id: r for r in await app.ingestor.poll_due()}

    assert not reports[quiet].alerts_enabled and reports[loud].alerts_enabled
    async with app.sessions() as session:
        alerted = set(await session.scalars(select(AlertEvent.event_id)))
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 1  # 1 article
    loud_events = {
        e.id
        for e in await app.timeline.all_matching(TimelineQuery(source_id=loud), viewer=EVERYTHING)
    }
    assert alerted == loud_events and len(alerted) == 2


async def test_same_event_from_two_sources_is_one_event(
    app: App, http_server: CannedServer
) -> None:
    feed = (FEEDS / "metals_wire.xml").read_text()
    http_server.add("/one.xml", body=feed)
    http_server.add(
        "/two.xml",
        body=feed.replace("metals-wire-000", "other-wire-000")
        .replace("metals-wire.example", "other-wire.example")
        .replace("<title>Metals Wire</title>", "<title>Other Wire</title>"),
    )
    await _add_source(app, http_server.url("/one.xml"))
    await _add_source(app, http_server.url("/two.xml"))

    await app.ingestor.poll_due()

    rows = await app.timeline.all_matching(TimelineQuery(), viewer=EVERYTHING)
    may = [r for r in rows if r.date_key == "2025-05-15"]
    assert len(may) == 1 and may[0].source_count == 2
    detail = await app.timeline.get(may[0].id, viewer=EVERYTHING)
    assert detail is not None and {a.source_name for a in detail.articles} == {
        "Metals Wire",
        "Other Wire",
    }


async def test_site_home_page_leads_to_its_feed(app: App, http_server: CannedServer) -> None:
    page = '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    http_server.add("/", body=page, content_type="text/html")
    http_server.add("/rss", body=(FEEDS / "metals_wire.xml").read_bytes())
    source_id = await _add_source(app, http_server.url("/"))

    report = await app.ingestor.poll(source_id)
    await app.ingestor.poll(source_id)

    assert report.outcome == "ok" and report.new_articles == 2
    async with app.sessions() as session:
        source = await session.get(Source, source_id)
        assert source is not None and source.feed_url == http_server.url("/rss")
    assert len(http_server.requests_for("/")) == 1


async def test_add_source_by_home_page_polls_once(app: App, http_server: CannedServer) -> None:
    page = (
        '<html><head><link rel="alternate" type="application/atom+xml" href="/feed"></head></html>'
    )
    http_server.add("/", body=page, content_type="text/html")
    http_server.add("/feed", body=(FEEDS / "seed_cnre.xml").read_bytes())

    added = await app.sources.add(http_server.url("/"), name="Seed")

    assert added.source.url == http_server.url("/feed")
    assert added.report.new_articles == 1 and len(added.report.new_event_ids) == 2
    assert not added.report.alerts_enabled


async def test_add_source_refuses_pages_without_feeds_and_local_files(
    app: App, http_server: CannedServer
) -> None:
    from bot.sources import SourceError

    http_server.add("/", body="<html><body>hello</body></html>", content_type="text/html")
    with pytest.raises(SourceError, match="neither a feed nor a page"):
        await app.sources.add(http_server.url("/"))
    with pytest.raises(SourceError, match="file: URLs"):
        await app.sources.add((FEEDS / "seed_cnre.xml").as_uri())
    assert await count(app, Source) == 0


async def test_private_addresses_are_refused_unless_allowed(database_url: str) -> None:
    from bot.sources import SourceError

    settings = Settings(database=DatabaseSettings(url=database_url))
    async with open_app(settings, clock=FakeClock(START)) as app:
        for url in ("http://127.0.0.1:9/feed", "http://[::1]/feed", "http://169.254.169.254/"):
            with pytest.raises(SourceError):
                await app.sources.add(url)


REPORTS = {
    "alpha": "Acme Metals will open its Nevada refinery on May 15, the company said.",
    "beta": "Acme Metals is set to open the Nevada refinery on May 15, its chief executive said.",
    "gamma": "Acme Metals opens the new Nevada refinery on May 15, state officials said.",
}


def _one_item_feed(name: str, text: str) -> str:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name} news</title>'
        f"<link>https://{name}.example/</link><item><title>Acme refinery</title>"
        f"<link>https://{name}.example/acme</link><guid>{name}-1</guid>"
        f"<pubDate>Wed, 02 Apr 2025 08:00:00 GMT</pubDate><description>{text}</description>"
        "</item></channel></rss>"
    )


@pytest.mark.parametrize("order", [("alpha", "beta", "gamma"), ("gamma", "alpha", "beta")])
async def test_merging_does_not_depend_on_the_order_articles_arrive(
    tmp_path: Path, order: tuple[str, str, str]
) -> None:
    """Same reports, another order: the same single event, title and source count."""
    timelines = []
    for run, names in enumerate([order, tuple(reversed(order))]):
        settings = _settings(f"sqlite:///{tmp_path / f'order-{run}.db'}")
        async with open_app(settings, clock=FakeClock(START)) as app:
            for name in names:
                feed = tmp_path / f"{name}.xml"
                feed.write_text(_one_item_feed(name, REPORTS[name]))
                await app.ingestor.poll(await _add_source(app, feed.as_uri()))
            rows = await app.timeline.all_matching(TimelineQuery(), viewer=EVERYTHING)
            timelines.append([(r.date_key, r.title, r.source_count) for r in rows])
    assert timelines[0] == timelines[1]
    assert [(key, count) for key, _, count in timelines[0]] == [("2025-05-15", 3)]


BATCH_REPORTS = [
    "Acme Metals will open its Nevada refinery on May 15, the company said.",
    "Acme Metals is set to open the Nevada refinery on May 15, its chief executive said.",
    "Borealis Mining will hold its annual shareholder meeting on June 3, the company said.",
    "Borealis Mining shareholders will meet on June 3 to vote on the dividend.",
    "Acme opens the new Nevada refinery on May 15, state officials said. Borealis Mining will "
    "hold its annual meeting on June 3.",
    "Cobalt Corp will start shipments to Rotterdam in July, the company said.",
    "Cobalt Corp will begin shipments to Rotterdam on July 9, a spokesperson said.",
]


def _feed_of(order: list[int]) -> str:
    items = "".join(
        f"<item><title>Wire {n}</title><link>https://wire.example/{n}</link><guid>w-{n}</guid>"
        f"<pubDate>Wed, 02 Apr 2025 08:00:00 GMT</pubDate>"
        f"<description>{BATCH_REPORTS[n]}</description></item>"
        for n in order
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://wire.example/</link>{items}</channel></rss>"
    )


async def test_one_poll_merges_the_same_way_whatever_the_feed_order(tmp_path: Path) -> None:
    """A poll is merged as one batch in a canonical order: the feed's order changes nothing."""
    forward = list(range(len(BATCH_REPORTS)))
    timelines = []
    for run, order in enumerate([forward, forward[::-1], [3, 0, 6, 2, 5, 1, 4]]):
        settings = _settings(f"sqlite:///{tmp_path / f'batch-{run}.db'}")
        async with open_app(settings, clock=FakeClock(START)) as app:
            feed = tmp_path / f"wire-{run}.xml"
            feed.write_text(_feed_of(order))
            report = await app.ingestor.poll(await _add_source(app, feed.as_uri()))
            assert report.new_articles == len(BATCH_REPORTS)
            async with app.sessions() as session:
                rows = await session.execute(
                    select(Event.date, Event.granularity, Event.title, Event.summary, Article.guid)
                    .join(EventMention, EventMention.event_id == Event.id)
                    .join(Article, Article.id == EventMention.article_id)
                )
                timelines.append(sorted(tuple(map(str, row)) for row in rows))
    assert timelines[0] == timelines[1] == timelines[2]
    assert len({row[:3] for row in timelines[0]}) < len(timelines[0])  # reports did merge


async def test_an_entry_that_cannot_be_stored_costs_only_itself(
    database_url: str, http_server: CannedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.ingest import pipeline

    # Extraction in a thread of this process (extract.workers = 0), where the patch applies.
    settings = _settings(database_url).model_copy(update={"extract": ExtractSettings(workers=0)})
    async with open_app(settings, clock=FakeClock(START)) as app:
        await _entry_that_cannot_be_stored(app, http_server, monkeypatch, pipeline)


async def _entry_that_cannot_be_stored(
    app: App, http_server: CannedServer, monkeypatch: pytest.MonkeyPatch, pipeline: Any
) -> None:
    from bot.extract import ExtractedEvent
    from bot.extract import extract_events as real_extract

    def extract_or_break(text: str, published: dt.date, **kwargs: Any) -> list[ExtractedEvent]:
        if "Borealis" in text:
            raise ValueError("extractor bug\nwith a second line")
        return real_extract(text, published, **kwargs)

    monkeypatch.setattr(pipeline, "extract_events", extract_or_break)
    http_server.add(
        "/feed.xml", body=(FEEDS / "metals_wire.xml").read_bytes(), headers={"ETag": '"v1"'}
    )
    source_id = await _add_source(app, http_server.url("/feed.xml"))

    report = await app.ingestor.poll(source_id)

    assert report.outcome == "ok" and report.new_articles == 1
    async with app.sessions() as session:
        source = await session.get(Source, source_id)
        assert source is not None and source.etag is None  # next poll fetches in full, retries

    monkeypatch.setattr(pipeline, "extract_events", real_extract)
    retried = await app.ingestor.poll(source_id)
    assert retried.new_articles == 1 and await count(app, Article) == 2
