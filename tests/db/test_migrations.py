"""Migrations go up, down and up again on both databases, and match the models exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, bindparam, inspect, text

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
    adds each event's granularity)."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0007")
        async with engine.begin() as connection:
            for statement in (
                "INSERT INTO sources (id, url, interval_minutes, full_text, alert_backlog, "
                "from_config, consecutive_errors, gone, failure_notice_sent, initial_poll_done, "
                "next_poll_at, created_at) VALUES (1, 'http://127.0.0.1/f', 30, false, false, "
                "false, 0, false, false, true, '2025-01-01', '2025-01-01')",
                "INSERT INTO articles (id, source_id, guid, title, text, content_hash, "
                "fetched_at) VALUES (1, 1, 'g', 't', '', '', '2025-01-01')",
                "INSERT INTO events (id, date, granularity, title, summary, confidence, "
                "first_seen_at, revision) VALUES (1, '2025-06-03', 'day', "
                "'Brightwater Mining opens mill', '', 0.9, '2025-01-01', 0)",
                "INSERT INTO event_mentions (id, event_id, article_id, title, evidence, "
                "span_start, span_end, confidence, created_at) VALUES (1, 1, 1, "
                "'Brightwater Mining opens mill', '', 0, 1, 0.9, '2025-01-01')",
            ):
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
            ("e:brightwater mining", "2025-06-03", "day", 1),
            ("s:brightwater", "2025-06-03", "day", 1),
            ("s:brightwater mining", "2025-06-03", "day", 1),
            ("s:mining", "2025-06-03", "day", 1),
        ]
        if database_url.startswith("sqlite"):  # two b-trees a row, not three (0011)
            async with engine.connect() as connection:
                table = await connection.scalar(
                    text("SELECT sql FROM sqlite_master WHERE name = 'event_title_keys'")
                )
            assert str(table).rstrip().endswith("WITHOUT ROWID")
    finally:
        await engine.dispose()
