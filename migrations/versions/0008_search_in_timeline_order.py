"""text search in timeline order, and two-character Chinese words through the index

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 20:20:00

`events.search_grams` holds the neighbouring character pairs of Chinese-like runs of title and
summary (`bot.db.search`), so a two-character word is one indexed token on both databases.

SQLite: 0004's two external-content FTS5 tables (ids in id order) become one contentless FTS5
table `events_text` whose rowid is the event's timeline key (day ordinal × 2³² + id): the
index returns matches in the order pages show them, so a page of a frequent word stops after
its rows, and a date range is a rowid range. Triggers keep it in step with every write to
`events` (a contentless table deletes by the values it was given: the trigger passes `old.*`).
PostgreSQL: a stored `search_vector` (words and pairs) with a GIN index replaces 0004's
expression indexes (the trigram one is no longer used): the planner may walk the date index
and test each row's stored vector, or read the GIN index and sort, by its own estimate.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.db.search import SQLITE_TIMELINE_KEY, search_grams

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_KEY = SQLITE_TIMELINE_KEY.format(date="new.date", id="new.id")
_OLD_KEY = SQLITE_TIMELINE_KEY.format(date="old.date", id="old.id")
_INSERT_NEW = (
    "INSERT INTO events_text(rowid, title, summary, grams) "
    f"VALUES ({_NEW_KEY}, new.title, new.summary, new.search_grams);"
)
_DELETE_OLD = (
    "INSERT INTO events_text(events_text, rowid, title, summary, grams) "
    f"VALUES ('delete', {_OLD_KEY}, old.title, old.summary, old.search_grams);"
)
_SQLITE_UP = (
    "CREATE VIRTUAL TABLE events_text USING fts5("
    "title, summary, grams, content='', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER events_text_insert AFTER INSERT ON events BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER events_text_delete AFTER DELETE ON events BEGIN {_DELETE_OLD} END",
    "CREATE TRIGGER events_text_update "
    "AFTER UPDATE OF date, title, summary, search_grams ON events "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    "INSERT INTO events_text(rowid, title, summary, grams) "
    f"SELECT {SQLITE_TIMELINE_KEY.format(date='date', id='id')}, title, summary, search_grams "
    "FROM events",
    # One b-tree instead of the many segments a bulk fill leaves: prefix queries merge less.
    "INSERT INTO events_text(events_text) VALUES ('optimize')",
)
_SQLITE_DOWN = (
    "DROP TRIGGER events_text_update",
    "DROP TRIGGER events_text_delete",
    "DROP TRIGGER events_text_insert",
    "DROP TABLE events_text",
)
_POSTGRES_UP = (
    "DROP INDEX ix_events_search_trgm",
    "DROP INDEX ix_events_search_words",
    # Stored, so walking the date index tests each row without rebuilding its vector.
    "ALTER TABLE events ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector("
    "'simple'::regconfig, title || ' ' || summary || ' ' || search_grams)) STORED",
    "CREATE INDEX ix_events_search_vector ON events USING gin (search_vector)",
)
_POSTGRES_DOWN = (
    "DROP INDEX ix_events_search_vector",
    "ALTER TABLE events DROP COLUMN search_vector",
    "CREATE INDEX ix_events_search_words ON events "
    "USING gin (to_tsvector('simple'::regconfig, title || ' ' || summary))",
    "CREATE INDEX ix_events_search_trgm ON events "
    "USING gin ((title || ' ' || summary) gin_trgm_ops)",
)

# 0004's SQLite tables, restored on the way down.
_SQLITE_0004 = {"events_words": "unicode61 remove_diacritics 2", "events_search": "trigram"}


def _sqlite_0004(table: str, tokenizer: str) -> tuple[str, ...]:
    return (
        f"CREATE VIRTUAL TABLE {table} USING fts5("
        f"title, summary, content='events', content_rowid='id', tokenize='{tokenizer}')",
        f"CREATE TRIGGER {table}_insert AFTER INSERT ON events BEGIN "
        f"INSERT INTO {table}(rowid, title, summary) VALUES (new.id, new.title, new.summary); "
        "END",
        f"CREATE TRIGGER {table}_delete AFTER DELETE ON events BEGIN "
        f"INSERT INTO {table}({table}, rowid, title, summary) "
        "VALUES ('delete', old.id, old.title, old.summary); END",
        f"CREATE TRIGGER {table}_update AFTER UPDATE OF title, summary ON events BEGIN "
        f"INSERT INTO {table}({table}, rowid, title, summary) "
        "VALUES ('delete', old.id, old.title, old.summary); "
        f"INSERT INTO {table}(rowid, title, summary) VALUES (new.id, new.title, new.summary); "
        "END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    )


def _drop_sqlite_0004(table: str) -> tuple[str, ...]:
    return (
        f"DROP TRIGGER {table}_update",
        f"DROP TRIGGER {table}_delete",
        f"DROP TRIGGER {table}_insert",
        f"DROP TABLE {table}",
    )


def _fill_search_grams() -> None:
    """The pairs of every stored event that has Chinese-like text, in batches."""
    connection = op.get_bind()
    events = sa.table(
        "events",
        sa.column("id"),
        sa.column("title"),
        sa.column("summary"),
        sa.column("search_grams"),
    )
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(events.c.id, events.c.title, events.c.summary)
            .where(events.c.id > last_id)
            .order_by(events.c.id)
            .limit(10_000)
        ).all()
        if not rows:
            return
        last_id = rows[-1].id
        changed = [
            {"event_id": row.id, "grams": grams}
            for row in rows
            if (grams := search_grams((row.title, row.summary or "")))
        ]
        if changed:
            connection.execute(
                events.update()
                .where(events.c.id == sa.bindparam("event_id"))
                .values(search_grams=sa.bindparam("grams")),
                changed,
            )


def upgrade() -> None:
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    if is_sqlite:
        for table in _SQLITE_0004:
            for statement in _drop_sqlite_0004(table):
                op.execute(statement)
    op.add_column("events", sa.Column("search_grams", sa.Text(), server_default="", nullable=False))
    _fill_search_grams()
    for statement in _SQLITE_UP if is_sqlite else _POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_DOWN if is_sqlite else _POSTGRES_DOWN[:2]:
        op.execute(statement)
    op.execute("ALTER TABLE events DROP COLUMN search_grams")
    if is_sqlite:
        for table, tokenizer in _SQLITE_0004.items():
            for statement in _sqlite_0004(table, tokenizer):
                op.execute(statement)
    else:
        for statement in _POSTGRES_DOWN[2:]:
            op.execute(statement)
