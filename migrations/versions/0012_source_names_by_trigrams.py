"""PostgreSQL: trigram indexes on source names and titles, for text search's source branch

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 03:05:00

A text query also finds the events of sources whose name or title contains the typed text
(`ILIKE '%text%'`). Without an index that was a scan of every source on each query: about 1 ms
for 2,000 sources, a twentieth of the query's budget. `pg_trgm` (a trusted extension: a
database owner may create it) serves `ILIKE` with a GIN index. SQLite scans its sources table
in C, well under a millisecond, and gets nothing here.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("name", "title"):
        op.execute(
            f"CREATE INDEX ix_sources_search_{column} ON sources USING gin ({column} gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in ("name", "title"):
        op.execute(f"DROP INDEX ix_sources_search_{column}")
