"""Data for bench/scale.py, all generated here: articles, feeds, a feed server, big timelines.

Nothing is third-party text: company names, places and sentences are composed from the short
word lists below, so the articles read like wire copy (dated plans, past results, figures)
without being anyone's writing. The feed server listens on 127.0.0.x addresses only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

from bot.db.search import SQLITE_TIMELINE_KEY, search_grams
from bot.title_words import index_keys

PUBLISHED = dt.datetime(2025, 4, 3, 9, tzinfo=dt.UTC)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_STEMS = [
    "Nor",
    "Ael",
    "Kar",
    "Vel",
    "Tor",
    "Mir",
    "Sol",
    "Quen",
    "Bram",
    "Dal",
    "Oster",
    "Fen",
    "Hald",
    "Ivar",
    "Jun",
    "Lum",
]
_ENDINGS = [
    "dex",
    "tron",
    "vale",
    "mark",
    "gate",
    "field",
    "wind",
    "stone",
    "light",
    "bridge",
    "ford",
    "crest",
]
_KINDS = ["Metals", "Energy", "Mining", "Chemicals", "Logistics", "Materials"]
COMPANIES = tuple(f"{s}{e} {k}" for s in _STEMS for e in _ENDINGS for k in _KINDS[:2])
# The actors of the big timeline's month events: none of them acts in a day event, so no month
# event is a report of a day event of its month (see `timeline_rows`).
MONTH_COMPANIES = tuple(f"{s}{e} {k}" for s in _STEMS for e in _ENDINGS for k in _KINDS[2:4])
PLACES = [
    "Kalgoorlie",
    "Rotterdam",
    "Baotou",
    "Antofagasta",
    "Durban",
    "Gdansk",
    "Busan",
    "Houston",
    "Perth",
    "Bilbao",
]
_PLANS = (
    "will hold its annual shareholder meeting",
    "plans to open its new processing plant in {place}",
    "will report second-quarter results",
    "is set to begin commercial production at {place}",
    "will vote on a special dividend",
    "expects to close the acquisition of {other}",
    "will start shipments to customers in {place}",
    "will hold an investor day in {place}",
)
_PAST = (
    "signed a supply agreement with {other}",
    "halted output at its {place} smelter after a fire",
    "completed the sale of its {place} terminal",
    "raised its full-year guidance",
)
_FILLER = (
    "Revenue rose {n} percent to {m} million dollars in the quarter, while costs fell {k} "
    "percent as the company renegotiated freight contracts.",
    "Analysts at {other} said demand from battery and magnet makers remained firm, although "
    "prices for the lighter oxides have slipped by about {k} percent since the start of the year.",
    "The company employs about {m} people across {k} sites and sells most of its output under "
    "long-term contracts with manufacturers in Europe and Asia.",
    "Shares of {company} closed {k} percent higher at {n}.{k} dollars, valuing the group at "
    "roughly {m} million dollars.",
    "A spokesperson declined to comment on the talks beyond the statement, citing rules on "
    "market-sensitive information.",
    "Industry data showed inventories at the main ports rising for a {ordinal} straight week, "
    "with {m} tonnes waiting for clearance.",
)
_ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]
# Chinese titles: composed from short, generic words (no spaces between words, as in Chinese).
_ZH_NAMES = ["华金", "中海", "江山", "北方", "东方", "新城", "南岭", "西部"]
_ZH_KINDS = ["矿业", "能源", "稀土", "材料", "化工"]
_ZH_ACTIONS = ["召开股东大会", "发布季度报告", "开始出口", "暂停生产", "签署供应协议", "开设新工厂"]


def _date_phrase(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def article_text(i: int, target_chars: int = 4000) -> tuple[str, str]:
    """Title and ~`target_chars` of wire-style text with several dated plans and reports."""
    rng = random.Random(i)
    company = COMPANIES[i % len(COMPANIES)]
    other = COMPANIES[(i * 7 + 3) % len(COMPANIES)]
    title = f"{company} {rng.choice(_PLANS).format(place=rng.choice(PLACES), other=other)}"
    paragraphs: list[str] = []
    length = 0
    while length < target_chars:
        day = PUBLISHED.date() + dt.timedelta(days=rng.randint(-60, 200))
        place = rng.choice(PLACES)
        if day > PUBLISHED.date():
            plan = rng.choice(_PLANS).format(place=place, other=other)
            dated = f"{company} {plan} on {_date_phrase(day)}, the company said on Thursday."
        else:
            past = rng.choice(_PAST).format(place=place, other=other)
            dated = f"On {_date_phrase(day)}, {company} {past}."
        filler = " ".join(
            rng.choice(_FILLER).format(
                n=rng.randint(2, 90),
                m=rng.randint(100, 9000),
                k=rng.randint(2, 30),
                other=rng.choice(COMPANIES),
                company=company,
                ordinal=rng.choice(_ORDINALS),
            )
            for _ in range(3)
        )
        paragraph = f"{dated} {filler}"
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return title, "\n\n".join(paragraphs)


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, text) items, text in full in the description."""
    published = format_datetime(PUBLISHED)
    body = "".join(
        f"<item><title>{escape(t)}</title><link>https://wire.example/{escape(g)}</link>"
        f"<guid>{escape(g)}</guid><pubDate>{published}</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for g, t, text in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://wire.example/</link>{body}</channel></rss>"
    ).encode()


@dataclass
class FeedServer:
    """Feeds on 127.0.0.1–127.0.0.`hosts` (one port): `/news/{n}.xml` carries articles,
    `/quiet/{n}.xml` three short undated items. ETags make unchanged feeds answer 304."""

    news_feeds: int
    articles_per_feed: int
    hosts: int = 16
    port: int = 0
    _runner: web.AppRunner | None = None

    def __post_init__(self) -> None:
        self._bodies: dict[str, bytes] = {}
        for feed in range(self.news_feeds):
            items = []
            for k in range(self.articles_per_feed):
                n = feed * self.articles_per_feed + k
                title, text = article_text(n)
                items.append((f"news-{n}", title, text))
            self._bodies[f"news/{feed}"] = rss(f"Wire {feed}", items)

    def body(self, kind: str, n: int) -> bytes:
        key = f"{kind}/{n}"
        if key not in self._bodies:
            items = [
                (f"quiet-{n}-{k}", f"Notice {k} from desk {n}", "Office hours.") for k in (1, 2, 3)
            ]
            self._bodies[key] = rss(f"Desk {n}", items)
        return self._bodies[key]

    def url(self, kind: str, n: int) -> str:
        return f"http://127.0.0.{1 + n % self.hosts}:{self.port}/{kind}/{n}.xml"

    async def _handle(self, request: web.Request) -> web.Response:
        kind = request.match_info["kind"]
        body = self.body(kind, int(request.match_info["n"]))
        etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def __aenter__(self) -> FeedServer:
        app = web.Application()
        app.router.add_get("/{kind}/{n}.xml", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        first = web.TCPSite(self._runner, "127.0.0.1", 0)
        await first.start()
        self.port = first._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        for host in range(2, self.hosts + 1):
            await web.TCPSite(self._runner, f"127.0.0.{host}", self.port).start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._runner is not None
        await self._runner.cleanup()


# -- a big timeline, written in bulk ------------------------------------------------------------

TIMELINE_SOURCES = 2000
EVENTS_PER_ARTICLE = 4
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = 365 * 20
FIRST_SEEN = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def timeline_event(i: int, rng: random.Random) -> tuple[dt.date, str, str, str, str]:
    """(date, granularity, title, summary, actor) of the i-th generated event; 1 in 20 is
    Chinese (its actor: the whole title, as merging finds no name in it)."""
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    granularity = "month" if i % 25 == 0 else "day"
    if granularity == "month":
        day = day.replace(day=1)
    if i % 20 == 7:
        name = rng.choice(_ZH_NAMES) + rng.choice(_ZH_KINDS)
        title = f"{name}{rng.choice(_ZH_ACTIONS)}"
        return (
            day,
            granularity,
            title,
            f"{title}\N{FULLWIDTH COMMA}公司在{day.year}年{day.month}月表示。",
            title,
        )
    company = rng.choice(MONTH_COMPANIES if granularity == "month" else COMPANIES)
    plan = rng.choice(_PLANS).format(place=rng.choice(PLACES), other=rng.choice(COMPANIES))
    summary = f"{company} {plan} on {_date_phrase(day)}, the company said in a statement."
    return day, granularity, f"{company} {plan}"[:200], summary, company


def timeline_rows(events: int) -> Iterator[tuple[str, tuple[object, ...]]]:
    """(table name, row) in insertion order (parents first).

    A timeline the store could have written: no actor has two events on one day (or two month
    events in one month), which the store would have merged into one. A timeline with such
    pairs makes new reports fold them (`timeline_store._fold`): repair work a real timeline
    never needs, which would be counted as the cost of its size."""
    rng = random.Random(20251129)
    for s in range(1, TIMELINE_SOURCES + 1):
        yield "sources", (s, f"https://wire-{s}.example/feed", f"Wire {s:04d}", FIRST_SEEN)
    for a in range(1, events // EVENTS_PER_ARTICLE + 2):
        yield "articles", (a, (a % TIMELINE_SOURCES) + 1, f"a-{a}", f"Article {a}", FIRST_SEEN)
    acting: set[tuple[dt.date, str, str]] = set()  # (date, granularity, actor)
    for e in range(1, events + 1):
        day, granularity, title, summary, actor = timeline_event(e, rng)
        while (day, granularity, actor) in acting:
            day, granularity, title, summary, actor = timeline_event(e, rng)
        acting.add((day, granularity, actor))
        yield (
            "events",
            (e, day, granularity, title, summary, FIRST_SEEN, search_grams((title, summary))),
        )
        article = (e - 1) // EVENTS_PER_ARTICLE + 1
        yield "event_mentions", (e, e, article, title, summary, FIRST_SEEN)
        for key in sorted(index_keys(title)):
            yield "event_title_keys", (key, day, granularity, e)


_COLUMNS = {
    "sources": "id, url, name, next_poll_at",
    "articles": "id, source_id, guid, title, fetched_at",
    "events": "id, date, granularity, title, summary, first_seen_at, search_grams",
    "event_mentions": "id, event_id, article_id, title, evidence, created_at",
    "event_title_keys": "title_key, date, granularity, event_id",
}
# Columns the bench leaves at a fixed value (the generated rows set only what queries read).
_SQLITE_CONSTANTS = {
    "sources": (
        ", interval_minutes, full_text, alert_backlog, from_config, consecutive_errors, gone,"
        " failure_notice_sent, initial_poll_done, created_at",
        ", 30, 1, 0, 0, 0, 1, 0, 1, '2025-01-01 00:00:00.000000'",
    ),
    "articles": (", text, content_hash", ", '', ''"),
    "events": (", confidence, revision", ", 0.9, 0"),
    "event_mentions": (", span_start, span_end, confidence", ", 0, 1, 0.9"),
    "event_title_keys": ("", ""),
}


def _sqlite_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fill_sqlite(path: str, events: int) -> None:
    """Insert the generated timeline into a migrated SQLite file in one transaction."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=OFF")  # a bench file: rebuilt if anything fails
    connection.execute("PRAGMA synchronous=OFF")
    triggers = [
        sql
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name IN ('events_text_insert', 'search_words_insert')"
        )
    ]
    connection.execute("DROP TRIGGER events_text_insert")  # one pass at the end instead
    connection.execute("DROP TRIGGER search_words_insert")
    batches: dict[str, list[tuple[object, ...]]] = {name: [] for name in _COLUMNS}

    def flush(name: str) -> None:
        extra_columns, extra_values = _SQLITE_CONSTANTS[name]
        marks = ", ".join("?" for _ in _COLUMNS[name].split(","))
        connection.executemany(
            f"INSERT INTO {name} ({_COLUMNS[name]}{extra_columns}) VALUES ({marks}{extra_values})",
            [tuple(_sqlite_value(v) for v in row) for row in batches[name]],
        )
        batches[name].clear()

    with connection:
        for name, row in timeline_rows(events):
            batches[name].append(row)
            if len(batches[name]) >= 20_000:
                for pending in _COLUMNS:  # parents first: the tables are listed in that order
                    flush(pending)
        for name in _COLUMNS:
            flush(name)
        key = SQLITE_TIMELINE_KEY.format(date="date", id="id")
        connection.execute(
            "INSERT INTO events_text(rowid, title, summary, grams) "
            f"SELECT {key}, title, summary, search_grams FROM events"
        )
        connection.execute("INSERT INTO events_text(events_text) VALUES ('optimize')")
        connection.execute(
            "CREATE VIRTUAL TABLE temp.events_text_terms USING fts5vocab(main, events_text, row)"
        )
        connection.execute("INSERT INTO search_words(word) SELECT term FROM temp.events_text_terms")
        for trigger in triggers:
            connection.execute(trigger)
    connection.close()


async def fill_postgres(url: str, events: int) -> None:
    """COPY the generated timeline into a migrated PostgreSQL database; indexes built after."""
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        async with connection.transaction():
            await connection.execute("DROP INDEX ix_events_search_vector")
            await connection.execute("DROP INDEX ix_events_date_id")
            await connection.execute("DROP INDEX ix_event_title_keys_event_id")
            await connection.execute(
                "ALTER TABLE event_title_keys DROP CONSTRAINT pk_event_title_keys"
            )
            batches: dict[str, list[tuple[object, ...]]] = {name: [] for name in _COLUMNS}
            defaults = {
                "sources": {
                    "interval_minutes": 30,
                    "full_text": True,
                    "alert_backlog": False,
                    "from_config": False,
                    "consecutive_errors": 0,
                    "gone": True,
                    "failure_notice_sent": False,
                    "initial_poll_done": True,
                    "created_at": FIRST_SEEN,
                },
                "articles": {"text": "", "content_hash": ""},
                "events": {"confidence": 0.9, "revision": 0},
                "event_mentions": {"span_start": 0, "span_end": 1, "confidence": 0.9},
                "event_title_keys": {},
            }

            async def flush(name: str) -> None:
                columns = [c.strip() for c in _COLUMNS[name].split(",")] + list(defaults[name])
                constant = tuple(defaults[name].values())
                await connection.copy_records_to_table(
                    name, records=[row + constant for row in batches[name]], columns=columns
                )
                batches[name].clear()

            for name, row in timeline_rows(events):
                batches[name].append(row)
                if len(batches[name]) >= 50_000:
                    for pending in _COLUMNS:  # parents first: the tables are listed in that order
                        await flush(pending)
            for name in _COLUMNS:
                await flush(name)
            for name in _COLUMNS:
                if not _COLUMNS[name].startswith("id,"):
                    continue  # no serial id
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"
                )
            await connection.execute("SET maintenance_work_mem = '512MB'")
            await connection.execute("CREATE INDEX ix_events_date_id ON events (date, id)")
            await connection.execute(
                "CREATE INDEX ix_events_search_vector ON events USING gin (search_vector)"
            )
            await connection.execute(
                "ALTER TABLE event_title_keys ADD CONSTRAINT pk_event_title_keys "
                "PRIMARY KEY (date, granularity, title_key, event_id)"
            )
            await connection.execute(
                "CREATE INDEX ix_event_title_keys_event_id ON event_title_keys (event_id)"
            )
        await connection.execute("VACUUM ANALYZE")  # what autovacuum leaves behind
    finally:
        await connection.close()
