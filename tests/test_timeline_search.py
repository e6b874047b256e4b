"""Text search through the indexes on both databases: Chinese words of two characters, every
write path keeping the indexes in step, `since` inside a month across pages, and keys."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

import bot.timeline as timeline_module
from bot.app import App
from bot.db.models import Article, Event
from bot.db.search import is_unspaced, search_grams, timeline_key, unspaced_runs
from bot.extract import ExtractedEvent
from bot.timeline import TimelineQuery
from bot.timeline_store import ArticleEvents, TimelineChange, record_batch, record_events
from bot.visibility import Viewer
from tests.support import FakeClock
from tests.timeline_support import EPOCH, add_article, add_event, add_source, app_at

EVERYTHING = Viewer.everything()


def test_no_unspaced_letter_below_the_wide_blocks() -> None:
    """`unspaced_runs` looks only at characters from U+1100 on."""
    assert not [code for code in range(0x1100) if is_unspaced(chr(code))]


def test_pairs_of_unspaced_runs_and_keys_in_timeline_order() -> None:
    assert unspaced_runs("南岭锂业\N{FULLWIDTH COMMA}将于5月 open 新工厂") == [
        "南岭锂业",
        "将于",
        "月",
        "新工厂",
    ]
    assert search_grams(["南岭锂业\N{FULLWIDTH COMMA}将于", "锂业"]) == "南岭 岭锂 锂业 将于"
    assert search_grams(["Nickel output rises"]) == ""
    assert unspaced_runs("Café «Zürich» — 한국 회사 \N{FULLWIDTH DIGIT ONE}") == [
        "한국",
        "회사",
        "\N{FULLWIDTH DIGIT ONE}",
    ]
    keys = [
        timeline_key(dt.date(2025, 3, 1), 900),
        timeline_key(dt.date(2025, 3, 2), 1),
        timeline_key(dt.date(2025, 3, 2), 2),
    ]
    assert keys == sorted(keys)


async def _ids(app: App, text: str) -> list[int]:
    return [
        r.id for r in await app.timeline.all_matching(TimelineQuery(text=text), viewer=EVERYTHING)
    ]


def _report(day: str, title: str, evidence: str, confidence: float) -> ExtractedEvent:
    return ExtractedEvent(
        date=day,
        granularity="day",
        title=title,
        evidence=evidence,
        start=0,
        end=len(evidence),
        confidence=confidence,
    )


async def _record_report(
    app: App, source_id: int, guid: str, report: ExtractedEvent
) -> list[TimelineChange]:
    """One new article with one report, through the batch writer (bulk INSERT or UPDATE)."""
    article = await add_article(app, source_id, guid)
    async with app.sessions.begin() as session:
        return await record_batch(
            session, [ArticleEvents(article.id, source_id, guid, [report])], EPOCH
        )


async def test_two_character_chinese_words_through_every_write_path(database_url: str) -> None:
    async with app_at(database_url, FakeClock(EPOCH)) as app:
        first = await add_source(app, "https://first.example/feed.xml")
        second = await add_source(app, "https://second.example/feed.xml")
        title = "南岭锂业宣布扩建选矿厂"
        # bulk INSERT
        [created] = await _record_report(
            app,
            first,
            "batch",
            _report(
                "2025-07-08",
                title,
                f"{title}\N{FULLWIDTH COMMA}工厂预计年底完工。",
                0.7,
            ),
        )
        event_id = created.event_id
        assert await _ids(app, "锂业") == [event_id]
        assert await _ids(app, "年底") == [event_id]  # a word of the summary
        assert await _ids(app, "锂业宣布") == [event_id]
        assert await _ids(app, "业宣布扩") == [event_id]
        assert await _ids(app, "宣扩") == []  # both characters occur, never side by side
        assert await _ids(app, "完工厂") == []  # both pairs occur, the word does not

        # bulk UPDATE: a surer report's summary
        await _record_report(
            app,
            second,
            "update",
            _report(
                "2025-07-08",
                title,
                f"{title}\N{FULLWIDTH COMMA}投资额达到九亿。",
                0.95,
            ),
        )
        assert await _ids(app, "九亿") == [event_id]
        assert await _ids(app, "年底") == []

        async with app.sessions.begin() as session:  # an ORM write of the event
            event = await session.get(Event, event_id)
            assert event is not None
            event.summary = "北方稀土暂停部分产线。"
            event.date = dt.date(2025, 8, 1)
        assert await _ids(app, "稀土") == [event_id]
        assert await _ids(app, "九亿") == []
        in_august = TimelineQuery(text="稀土", since=dt.date(2025, 8, 1))
        assert [r.id for r in await app.timeline.all_matching(in_august, viewer=EVERYTHING)] == [
            event_id
        ]

        edited = await add_article(app, first, "edited")
        async with app.sessions.begin() as session:  # one article at a time (ORM)
            stored = await session.get(Article, edited.id)
            assert stored is not None
            [change] = await record_events(
                session,
                stored,
                [_report("2025-09-02", "西部能源开始出口", "西部能源开始出口。", 0.9)],
                EPOCH,
            )
        assert await _ids(app, "出口") == [change.event_id]

        async with app.sessions.begin() as session:
            await session.execute(delete(Event).where(Event.id == event_id))
        assert await _ids(app, "稀土") == []
        async with app.sessions() as session:
            assert await session.scalar(
                select(Event.search_grams).where(Event.id == change.event_id)
            ) == ("西部 部能 能源 源开 开始 始出 出口")


async def test_since_inside_a_month_pages_through_its_month_then_the_rest(
    database_url: str,
) -> None:
    async with app_at(database_url, FakeClock(EPOCH)) as app:
        month = await add_event(
            app, dt.date(2025, 3, 1), "Nickel quota for March", granularity="month"
        )
        await add_event(app, dt.date(2025, 3, 1), "Nickel smelter closes")
        await add_event(app, dt.date(2025, 3, 4), "Nickel auction held")
        later = [
            await add_event(app, dt.date(2025, 3, day), f"Nickel shipment {day}")
            for day in (12, 10, 20)
        ]
        await add_event(app, dt.date(2025, 4, 2), "Nickel tariffs start")
        expected = [month, later[1], later[0], later[2]]
        for text in (None, "nickel"):
            query = TimelineQuery(text=text, since=dt.date(2025, 3, 10), until=dt.date(2025, 3, 31))
            pages = [
                await app.timeline.search(query, viewer=EVERYTHING, page=n, per_page=3)
                for n in (1, 2)
            ]
            assert [(p.total, p.pages) for p in pages] == [(4, 2), (4, 2)]
            assert [r.id for p in pages for r in p.items] == expected
            one = await app.timeline.after(query, None, viewer=EVERYTHING, limit=1)
            rest = await app.timeline.after(
                query, (one[0].date, one[0].id), viewer=EVERYTHING, limit=10
            )
            assert [r.id for r in one + rest] == expected
            suggestions = await app.timeline.title_suggestions("nickel", viewer=EVERYTHING, limit=2)
            assert [r.date for r in suggestions] == [dt.date(2025, 4, 2), dt.date(2025, 3, 20)]


async def test_typed_prefixes_through_the_stored_words_on_every_write_path(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typed word matches from a word's start through `search_words`, which every write keeps
    complete: bulk insert, bulk update, ORM write; a prefix no stored word starts finds no
    text (but still a source's name), and one starting many words keeps the prefix match."""
    async with app_at(database_url, FakeClock(EPOCH)) as app:
        source = await add_source(app, "https://wire.example/feed.xml")
        title = "Quarrington Mining approves dividend"
        [created] = await _record_report(  # bulk INSERT
            app, source, "batch", _report("2025-07-08", title, f"{title} for shareholders.", 0.7)
        )
        event_id = created.event_id
        for typed in ("quarr", "Quarrington", "QUARRINGTON mining", "divid sharehold"):
            assert await _ids(app, typed) == [event_id], typed
        for typed in ("Quarringtons", "dividends", "arrington", "xyzzy", "quarr xyzzy"):
            assert await _ids(app, typed) == [], typed
        page = await app.timeline.search(TimelineQuery(text="xyzzy"), viewer=EVERYTHING)
        assert (page.total, page.items) == (0, [])

        # bulk UPDATE: a surer report's summary
        await _record_report(
            app,
            source,
            "update",
            _report("2025-07-08", title, f"{title}, Zephyrine Bank said.", 0.95),
        )
        assert await _ids(app, "zephyr") == [event_id]

        async with app.sessions.begin() as session:  # an ORM write of the event
            event = await session.get(Event, event_id)
            assert event is not None
            event.summary = "Ottavio Resources of Zürich agreed the payout."
        assert await _ids(app, "otta") == [event_id]
        assert await _ids(app, "zephyr") == []  # its word is still stored: matches nothing
        assert await _ids(app, "Zür") == [event_id]  # a letter FTS5 folds: its prefix match

        named = await add_event(app, dt.date(2025, 7, 9), "Mill restarts", sources=("Xyzzy Wire",))
        assert await _ids(app, "xyzzy") == [named]  # no stored word, but a source's name

        karcrest = await add_event(app, dt.date(2025, 7, 10), "Karcrest lifts output")
        kardex = await add_event(app, dt.date(2025, 7, 11), "Kardex cuts output")
        assert await _ids(app, "kar") == [karcrest, kardex]
        monkeypatch.setattr(timeline_module, "MAX_STORED_WORDS", 1)  # the index's prefix match
        assert await _ids(app, "kar") == [karcrest, kardex]
        assert await _ids(app, "karc") == [karcrest]
