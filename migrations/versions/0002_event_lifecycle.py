"""event lifecycle: moved and cancelled events keep their id

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 17:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("previous_granularity", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("revision")
        batch_op.drop_column("cancelled_at")
        batch_op.drop_column("moved_at")
        batch_op.drop_column("previous_granularity")
        batch_op.drop_column("previous_date")
