"""Migrations go up, down and up again on both databases, and match the models exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, bindparam, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine, session_factory
from bot.db.migrate import SchemaMismatchError, downgrade, schema_state, upgrade
from bot.db.models import Base, UTCDateTime, is_modelled
from bot.timeline import TimelineQuery, TimelineService
from bot.visibility import Viewer
from tests.timeline_support import EPOCH


def _tables(connection: Connection) -> set[str]:
    names = set(inspect(connection).get_table_names()) - {"alembic_version"}
    return {name for name in names if is_modelled(name, "table", {})}


def _drift(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_name": is_modelled}
    )
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_downgrade_upgrade_and_no_drift(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        state = await upgrade(engine)
        assert state.up_to_date
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_drift) == []
    finally:
        await engine.dispose()


async def test_database_from_unknown_revision_is_refused(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE alembic_version SET version_num = 'ffffffff'"))
        state = await schema_state(engine)
        assert not state.known
        with pytest.raises(SchemaMismatchError, match="does not know"):
            await upgrade(engine)
    finally:
        await engine.dispose()


async def test_0008_indexes_the_events_already_stored(database_url: str) -> None:
    """Events written before 0008 get their character pairs and are found by short words."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0007")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO events (id, date, granularity, title, summary, confidence, "
                    "first_seen_at, revision) VALUES (:id, :date, 'day', :title, '', 0.9, "
                    ":seen, 0)"
                ).bindparams(bindparam("seen", EPOCH, type_=UTCDateTime())),
                [
                    {"id": 7, "date": dt.date(2025, 5, 6), "title": "东方化工召开股东大会"},
                    {"id": 8, "date": dt.date(2025, 5, 4), "title": "Brightford plant opens"},
                ],
            )
        await upgrade(engine)
        timeline = TimelineService(session_factory(engine))
        everything = Viewer.everything()
        for word, found in (("化工", [7]), ("股东大会", [7]), ("bright", [8]), ("化", [7])):
            rows = await timeline.all_matching(TimelineQuery(text=word), viewer=everything)
            assert [r.id for r in rows] == found, word
    finally:
        await engine.dispose()


async def test_title_keys_are_filled_for_events_stored_before_them(database_url: str) -> None:
    """0009 indexes the reports already stored, so their events stay merge candidates (0011
    adds each event's granularity, 0013 keys the actor apart)."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0007")
        async with engine.begin() as connection:
            for statement in _one_report("Brightwater Mining opens mill"):
                await connection.execute(text(statement))
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text(
                        "SELECT title_key, date, granularity, event_id FROM event_title_keys "
                        "ORDER BY 1"
                    )
                )
            ).all()
        assert [(key, str(day), kind, event) for key, day, kind, event in rows] == [
            ("le:brightwater mining", "2025-06-03", "day", 1),
            ("ls:brightwater", "2025-06-03", "day", 1),
            ("ls:brightwater mining", "2025-06-03", "day", 1),
            ("ls:mining", "2025-06-03", "day", 1),
        ]
        if database_url.startswith("sqlite"):  # two b-trees a row, not three (0011)
            async with engine.connect() as connection:
                table = await connection.scalar(
                    text("SELECT sql FROM sqlite_master WHERE name = 'event_title_keys'")
                )
            assert str(table).rstrip().endswith("WITHOUT ROWID")
    finally:
        await engine.dispose()


async def test_0013_keys_the_actor_of_stored_reports_apart_and_back(database_url: str) -> None:
    """0012's keys of a stored report (every name alike) become the actor's `ls:`/`le:` keys
    and the place's `s:`/`e:` keys; the downgrade gives 0012's back."""
    engine = create_engine(database_url)
    old_keys = ["e:brightwater mining", "e:ontario", "s:brightwater", "s:brightwater mining"]
    old_keys += ["s:mining", "s:ontario"]
    try:
        await upgrade(engine, "0012")
        async with engine.begin() as connection:
            for statement in _one_report("Brightwater Mining opens its Ontario mill"):
                await connection.execute(text(statement))
            await connection.execute(text("DELETE FROM event_title_keys"))
            for key in old_keys:
                await connection.execute(
                    text(
                        "INSERT INTO event_title_keys (date, granularity, title_key, event_id) "
                        "VALUES ('2025-06-03', 'day', :key, 1)"
                    ),
                    {"key": key},
                )
        await upgrade(engine)
        assert await _title_keys(engine) == [
            "e:ontario",
            "le:brightwater mining",
            "ls:brightwater",
            "ls:brightwater mining",
            "ls:mining",
            "s:ontario",
        ]
        await downgrade(engine, "0012")
        assert await _title_keys(engine) == sorted(old_keys)
    finally:
        await engine.dispose()


def _one_report(title: str) -> list[str]:
    """A source, an article and one event on 2025-06-03 with one report titled `title`, in
    columns every revision since 0007 has."""
    return [
        "INSERT INTO sources (id, url, interval_minutes, full_text, alert_backlog, "
        "from_config, consecutive_errors, gone, failure_notice_sent, initial_poll_done, "
        "next_poll_at, created_at) VALUES (1, 'http://127.0.0.1/f', 30, false, false, "
        "false, 0, false, false, true, '2025-01-01', '2025-01-01')",
        "INSERT INTO articles (id, source_id, guid, title, text, content_hash, "
        "fetched_at) VALUES (1, 1, 'g', 't', '', '', '2025-01-01')",
        "INSERT INTO events (id, date, granularity, title, summary, confidence, "
        f"first_seen_at, revision) VALUES (1, '2025-06-03', 'day', '{title}', '', 0.9, "
        "'2025-01-01', 0)",
        "INSERT INTO event_mentions (id, event_id, article_id, title, evidence, "
        f"span_start, span_end, confidence, created_at) VALUES (1, 1, 1, '{title}', '', 0, 1, "
        "0.9, '2025-01-01')",
    ]


async def _title_keys(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        keys = await connection.scalars(
            text("SELECT title_key FROM event_title_keys ORDER BY title_key")
        )
        return list(keys)
