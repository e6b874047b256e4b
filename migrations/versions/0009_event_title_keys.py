"""event_title_keys: the names and words of events' titles by date, to find merge candidates

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 20:15:00

Merging a new report reads only the events that share a name (or, without names, a word) with
it at a compatible date (`bot.title_words`), instead of every event of its day: at 1M events a
day holds ~140.
A trigger keeps each row's date equal to its event's date when the event moves.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.title_words import index_keys

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_TRIGGER = (
    "CREATE TRIGGER event_title_keys_follow_date AFTER UPDATE OF date ON events "
    "WHEN old.date IS NOT new.date BEGIN "
    "UPDATE event_title_keys SET date = new.date WHERE event_id = new.id; END"
)
_POSTGRES_TRIGGER = (
    "CREATE FUNCTION event_title_keys_follow_date() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE event_title_keys SET date = NEW.date WHERE event_id = NEW.id; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER event_title_keys_follow_date AFTER UPDATE OF date ON events "
    "FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date) "
    "EXECUTE FUNCTION event_title_keys_follow_date()",
)
_BACKFILL_CHUNK = 10_000


def upgrade() -> None:
    op.create_table(
        "event_title_keys",
        sa.Column("title_key", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_title_keys_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("title_key", "date", "event_id", name=op.f("pk_event_title_keys")),
    )
    with op.batch_alter_table("event_title_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_title_keys_event_id"), ["event_id"], unique=False
        )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(_SQLITE_TRIGGER)
    else:
        for statement in _POSTGRES_TRIGGER:
            op.execute(statement)
    _backfill(bind)


def _backfill(bind: sa.Connection) -> None:
    """Index the titles of every stored report (each event's title is one of them)."""
    keys = sa.table(
        "event_title_keys", sa.column("title_key"), sa.column("date"), sa.column("event_id")
    )
    reports = bind.execute(
        sa.text(
            "SELECT m.event_id, e.date, m.title FROM event_mentions m "
            "JOIN events e ON e.id = m.event_id ORDER BY m.event_id"
        )
    )
    rows: dict[tuple[str, object, int], None] = {}
    last_event = None
    for event_id, date, title in reports:
        if event_id != last_event and len(rows) >= _BACKFILL_CHUNK:  # an event's rows together
            _insert(bind, keys, rows)
            rows = {}
        last_event = event_id
        rows.update(dict.fromkeys((key, date, event_id) for key in index_keys(title)))
    _insert(bind, keys, rows)


def _insert(
    bind: sa.Connection, keys: sa.TableClause, rows: dict[tuple[str, object, int], None]
) -> None:
    if rows:
        bind.execute(
            keys.insert(), [{"title_key": k, "date": d, "event_id": e} for k, d, e in rows]
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER event_title_keys_follow_date")
    else:
        op.execute("DROP TRIGGER event_title_keys_follow_date ON events")
        op.execute("DROP FUNCTION event_title_keys_follow_date()")
    with op.batch_alter_table("event_title_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_title_keys_event_id"))
    op.drop_table("event_title_keys")
