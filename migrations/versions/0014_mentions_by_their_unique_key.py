"""event_mentions lose their event_id index: the (event_id, article_id) unique key serves it

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 05:00:00

Every lookup of an event's mentions by `event_id` is served by the leading column of the unique
key on (event_id, article_id). The separate index on `event_id` was a third b-tree written for
each mention: at 1M events a report merging into a stored event writes its rows at a random
place of it (a page dirtied, then written to the WAL and checkpointed, per mention).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index(op.f("ix_event_mentions_event_id"), table_name="event_mentions")


def downgrade() -> None:
    op.create_index(
        op.f("ix_event_mentions_event_id"), "event_mentions", ["event_id"], unique=False
    )
