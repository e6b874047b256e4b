"""search indexes, (date, id) order, poller leases and outbox claims

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-29 17:10:00

SQLite: an FTS5 table with the trigram tokenizer over events' title and summary (external
content, so the text is stored once), kept in step by triggers on `events`: it finds any run of
three or more characters, so words inside Chinese titles (no spaces) are found too. PostgreSQL:
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
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE events_search USING fts5("
    "title, summary, content='events', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_search(rowid, title, summary) VALUES (new.id, new.title, new.summary); "
    "END",
    "CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_search(events_search, rowid, title, summary) "
    "VALUES ('delete', old.id, old.title, old.summary); END",
    "CREATE TRIGGER events_search_update AFTER UPDATE OF title, summary ON events BEGIN "
    "INSERT INTO events_search(events_search, rowid, title, summary) "
    "VALUES ('delete', old.id, old.title, old.summary); "
    "INSERT INTO events_search(rowid, title, summary) VALUES (new.id, new.title, new.summary); "
    "END",
    "INSERT INTO events_search(events_search) VALUES ('rebuild')",
)
_SQLITE_DOWN = (
    "DROP TRIGGER events_search_update",
    "DROP TRIGGER events_search_delete",
    "DROP TRIGGER events_search_insert",
    "DROP TABLE events_search",
)
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
