"""alert shapes: per-article alerts, templates, caps, webhooks, forums, Discord scheduled events

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 17:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("per", sa.String(length=8), server_default="article", nullable=False)
        )
        batch_op.add_column(
            sa.Column("only", sa.String(length=8), server_default="all", nullable=False)
        )
        batch_op.add_column(sa.Column("template", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("min_confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("hourly_cap", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("target", sa.String(length=8), server_default="channel", nullable=False)
        )
        batch_op.add_column(sa.Column("webhook_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("webhook_token", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("webhook_name", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("webhook_avatar_url", sa.String(length=2048), nullable=True))
    with op.batch_alter_table("guild_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=16), server_default="en", nullable=False)
        )
        batch_op.add_column(sa.Column("events_tab_days", sa.Integer(), nullable=True))
    op.create_table(
        "alert_events",
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["deliveries.id"],
            name=op.f("fk_alert_events_delivery_id_deliveries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_alert_events_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("delivery_id", "event_id", name=op.f("pk_alert_events")),
    )
    op.create_index(op.f("ix_alert_events_event_id"), "alert_events", ["event_id"], unique=False)
    op.create_table(
        "guild_scheduled_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("discord_event_id", sa.BigInteger(), nullable=False),
        sa.Column("synced_revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_guild_scheduled_events_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guild_scheduled_events")),
        sa.UniqueConstraint(
            "guild_id", "event_id", name=op.f("uq_guild_scheduled_events_guild_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("guild_scheduled_events")
    op.drop_index(op.f("ix_alert_events_event_id"), table_name="alert_events")
    op.drop_table("alert_events")
    with op.batch_alter_table("guild_settings", schema=None) as batch_op:
        batch_op.drop_column("events_tab_days")
        batch_op.drop_column("language")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        for column in (
            "webhook_avatar_url",
            "webhook_name",
            "webhook_token",
            "webhook_id",
            "target",
            "hourly_cap",
            "min_confidence",
            "template",
            "only",
            "per",
        ):
            batch_op.drop_column(column)
