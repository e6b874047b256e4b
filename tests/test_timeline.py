"""Timeline queries: ranges (month events overlap), words, sources, stable pages, details."""

from __future__ import annotations

import datetime as dt

import pytest

import bot.timeline as timeline_module
from bot.timeline import TimelineQuery
from bot.visibility import Viewer
from tests.support import FakeClock
from tests.timeline_support import EPOCH, add_event, app_at

EVERYTHING = Viewer.everything()


async def test_ranges_words_sources_and_pages(database_url: str) -> None:
    async with app_at(database_url, FakeClock(EPOCH)) as app:
        ids = {
            "feb": await add_event(app, dt.date(2025, 2, 27), "Lynas ships first dysprosium"),
            "mar-month": await add_event(
                app, dt.date(2025, 3, 1), "Codelco output falls", granularity="month"
            ),
            "mar11": await add_event(
                app, dt.date(2025, 3, 11), "CNRE board outlines reform drive", sources=("REE",)
            ),
            "mar14": await add_event(
                app, dt.date(2025, 3, 14), "CNRE starts lecture series", sources=("REE", "Wire")
            ),
            "apr": await add_event(app, dt.date(2025, 4, 2), "Fed holds rates"),
        }
        timeline = app.timeline

        march = await timeline.all_matching(
            TimelineQuery(since=dt.date(2025, 3, 10), until=dt.date(2025, 3, 31)),
            viewer=EVERYTHING,
        )
        assert [r.id for r in march] == [ids["mar-month"], ids["mar11"], ids["mar14"]]
        assert march[0].date_key == "2025-03" and march[2].source_count == 2

        words = await timeline.all_matching(TimelineQuery(text="cnre REFORM"), viewer=EVERYTHING)
        assert [r.id for r in words] == [ids["mar11"]]
        by_source = await timeline.all_matching(TimelineQuery(text="Wire"), viewer=EVERYTHING)
        assert {r.id for r in by_source} == {ids["feb"], ids["mar-month"], ids["mar14"], ids["apr"]}
        assert await timeline.all_matching(TimelineQuery(text="100%_"), viewer=EVERYTHING) == []

        first = await timeline.search(TimelineQuery(), viewer=EVERYTHING, page=1, per_page=2)
        last = await timeline.search(TimelineQuery(), viewer=EVERYTHING, page=3, per_page=2)
        assert (first.total, first.pages) == (5, 3)
        assert [r.id for r in first.items] == [ids["feb"], ids["mar-month"]]
        assert [r.id for r in last.items] == [ids["apr"]]

        upcoming = await timeline.upcoming(dt.date(2025, 3, 12), days=14, viewer=EVERYTHING)
        assert [r.id for r in upcoming] == [ids["mar-month"], ids["mar14"]]

        detail = await timeline.get(ids["mar14"], viewer=EVERYTHING)
        assert detail is not None
        assert {a.source_name for a in detail.articles} == {"REE", "Wire"}
        assert await timeline.get(999_999, viewer=EVERYTHING) is None
        suggestions = await timeline.title_suggestions("cnre", viewer=EVERYTHING)
        assert [r.id for r in suggestions] == [ids["mar14"], ids["mar11"]]


async def test_text_search_inside_chinese_titles_and_capped_counts(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app_at(database_url, FakeClock(EPOCH)) as app:
        rare = await add_event(app, dt.date(2025, 3, 3), "北方稀土开始出口镨钕")
        others = [
            await add_event(app, dt.date(2025, 3, day), f"Lynas ships cargo {day}")
            for day in (9, 5, 7)
        ]
        timeline = app.timeline
        assert [
            r.id
            for r in await timeline.all_matching(TimelineQuery(text="稀土开始"), viewer=EVERYTHING)
        ] == [rare]
        assert [
            r.id for r in await timeline.all_matching(TimelineQuery(text="出口"), viewer=EVERYTHING)
        ] == [rare]

        uncapped = await timeline.search(
            TimelineQuery(text="lynas cargo"), viewer=EVERYTHING, per_page=2
        )
        monkeypatch.setattr(timeline_module, "COUNT_CAP", 2)  # above it: the date-index plan
        capped = await timeline.search(
            TimelineQuery(text="lynas cargo"), viewer=EVERYTHING, per_page=2
        )
        assert (uncapped.total, uncapped.total_capped) == (3, False)
        assert (capped.total, capped.total_capped) == (2, True)
        assert (
            [r.id for r in capped.items]
            == [r.id for r in uncapped.items]
            == [
                others[1],
                others[2],
            ]
        )
