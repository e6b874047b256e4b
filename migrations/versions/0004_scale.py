"""search indexes, (date, id) order, poller leases and outbox claims

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 17:10:00

SQLite: FTS5 tables for words (unicode61) and for any run of three or more characters
(trigram), so words inside Chinese titles (no spaces) are found too; triggers on `events` keep
them in step. PostgreSQL:
a full-text GIN index (the `simple` configuration: no stemming, any language) for words, and a
pg_trgm GIN index for runs of Chinese-like characters. `(date, id)` is the timeline's order.
Leases (`sources.lease_*`) and claims (`deliveries.claimed_*`) let several processes share one
PostgreSQL database.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Two FTS5 tables over events' title and summary (external content: the text is stored once):
# `events_words` (unicode61: words, prefix queries) and `events_search` (trigram: any run of 3+
# characters, for Chinese-like text). Triggers keep both in step with every write to `events`.
_SQLITE_TABLES = {"events_words": "unicode61 remove_diacritics 2", "events_search": "trigram"}


def _sqlite_up(table: str, tokenizer: str) -> tuple[str, ...]:
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


def _sqlite_down(table: str) -> tuple[str, ...]:
    return (
        f"DROP TRIGGER {table}_update",
        f"DROP TRIGGER {table}_delete",
        f"DROP TRIGGER {table}_insert",
        f"DROP TABLE {table}",
    )


_SQLITE_UP = tuple(sql for table, tok in _SQLITE_TABLES.items() for sql in _sqlite_up(table, tok))
_SQLITE_DOWN = tuple(sql for table in _SQLITE_TABLES for sql in _sqlite_down(table))
_POSTGRES_UP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_events_search_words ON events "
    "USING gin (to_tsvector('simple'::regconfig, title || ' ' || summary))",
    "CREATE INDEX ix_events_search_trgm ON events "
    "USING gin ((title || ' ' || summary) gin_trgm_ops)",
)
_POSTGRES_DOWN = ("DROP INDEX ix_events_search_trgm", "DROP INDEX ix_events_search_words")


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_owner", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_date")
        batch_op.create_index("ix_events_date_id", ["date", "id"], unique=False)
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_UP if is_sqlite else _POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_DOWN if is_sqlite else _POSTGRES_DOWN:
        op.execute(statement)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_date_id")
        batch_op.create_index("ix_events_date", ["date"], unique=False)
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")
