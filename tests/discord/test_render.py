"""Pure rendering: Discord's limits always hold, long text is cut with a link, mentions break."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from bot.discord.render import (
    CONTENT_LIMIT,
    EMBED_TOTAL_LIMIT,
    EMBEDS_PER_MESSAGE,
    alert_embed,
    cut,
    discord_date,
    embed_size,
    fit_embed,
    fit_message,
    neutralise_mentions,
)
from bot.timeline import EventDetail, EventRow, SourceArticle

LINK = "https://news.example/story"


def row(**fields: object) -> EventRow:
    values: dict[str, object] = {
        "id": 7,
        "date": dt.date(2025, 3, 11),
        "date_key": "2025-03-11",
        "granularity": "day",
        "title": "CNRE outlines reform plan",
        "summary": "At its March 11 meeting, CNRE outlined a plan.",
        "confidence": 0.9,
        "first_seen_at": dt.datetime(2025, 3, 18, tzinfo=dt.UTC),
        "source_count": 2,
    }
    values.update(fields)
    return EventRow(**values)  # type: ignore[arg-type]


def detail(**fields: object) -> EventDetail:
    article = SourceArticle("Reform push", LINK, "Rare Earth Exchanges", None, "evidence")
    return EventDetail(event=row(**fields), articles=[article])


def test_cut_keeps_short_text_and_cuts_long_text_with_a_link() -> None:
    assert cut("short", 10, LINK) == "short"
    long = cut("word " * 1000, 500, LINK)
    assert len(long) <= 500 and long.endswith(f"… [more]({LINK})")
    assert cut("word " * 10, 20, LINK).endswith("…")  # no room for the link: ellipsis only
    assert len(cut("x" * 10, 3)) == 3 and cut("x", 0) == ""


def test_mentions_are_broken_with_a_zero_width_space() -> None:
    text = neutralise_mentions("@everyone @here <@123> <@!4> <@&5>")
    assert "@everyone" not in text and "@here" not in text and "<@1" not in text
    assert "<@&" not in text and text.count("\u200b") == 5


def test_day_events_are_dates_in_words_and_month_events_month_names() -> None:
    assert discord_date(row()) == "Tuesday 11 March 2025"
    assert discord_date(row(), "de") == "Dienstag, 11. März 2025"
    assert discord_date(row(granularity="month", date=dt.date(2025, 3, 1))) == "March 2025"


def test_alert_has_title_date_summary_source_link_and_source_count() -> None:
    embed = alert_embed(detail())
    assert embed["title"] == "CNRE outlines reform plan" and embed["url"] == LINK
    assert (
        embed["description"]
        == "**Tuesday 11 March 2025**\nAt its March 11 meeting, CNRE outlined a plan."
    )
    assert embed["fields"] == [
        {"name": "Source", "value": f"[Reform push]({LINK}) — Rare Earth Exchanges"}
    ]
    assert embed["footer"]["text"] == "reported by 2 sources · event #7"


def test_every_embed_limit_is_enforced() -> None:
    huge = {
        "title": "t" * 500,
        "url": LINK,
        "description": "d" * 10_000,
        "fields": [{"name": "n" * 300, "value": "v" * 2000} for _ in range(30)],
        "footer": {"text": "f" * 3000},
        "author": {"name": "a" * 300},
    }
    embed = fit_embed(huge)
    assert len(embed["title"]) <= 256 and len(embed["description"]) <= 4096
    assert len(embed["fields"]) <= 25
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in embed["fields"])
    assert len(embed["footer"]["text"]) <= 2048 and len(embed["author"]["name"]) <= 256
    assert embed_size(embed) <= EMBED_TOTAL_LIMIT


def test_a_message_keeps_ten_embeds_and_6000_characters_in_all() -> None:
    message = fit_message(
        {"content": "c" * 5000, "embeds": [{"description": "d" * 3000} for _ in range(12)]}
    )
    assert len(message["content"]) == CONTENT_LIMIT
    assert len(message["embeds"]) <= EMBEDS_PER_MESSAGE
    assert sum(embed_size(e) for e in message["embeds"]) <= EMBED_TOTAL_LIMIT


@given(
    title=st.text(max_size=400),
    description=st.text(max_size=7000),
    fields=st.lists(st.tuples(st.text(max_size=300), st.text(max_size=1500)), max_size=30),
    embeds=st.integers(min_value=1, max_value=12),
    content=st.text(max_size=2500),
)
def test_any_message_fits_discord_limits(
    title: str, description: str, fields: list[tuple[str, str]], embeds: int, content: str
) -> None:
    embed = {
        "title": title,
        "url": LINK,
        "description": description,
        "fields": [{"name": n, "value": v} for n, v in fields],
        "footer": {"text": "reported by 1 source"},
    }
    message = fit_message({"content": content, "embeds": [embed] * embeds})
    assert len(message["content"]) <= CONTENT_LIMIT
    assert len(message["embeds"]) <= EMBEDS_PER_MESSAGE
    assert sum(embed_size(e) for e in message["embeds"]) <= EMBED_TOTAL_LIMIT
    for part in message["embeds"]:
        assert len(part["title"]) <= 256 and len(part["description"]) <= 4096
        assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in part["fields"])
