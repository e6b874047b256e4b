"""event_title_keys mark each title's actor: its first name is keyed `ls:`/`le:`, not `s:`/`e:`

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 04:40:00

Reports from different articles merge only when one title's actor (its first name: titles say
who did what) is among the other's names (`merge.is_same_event_across_articles`): two companies'
investor days in one city are two events. Keyed by every name alike, a report also read every
stored event of its day sharing only a place: at 1M events 43,000 candidates per 1,000 articles,
none of which may merge now. With the actor's keys apart, a report probes the actor keys with all
its names and every name key with its own actor only (`bot.title_words`).

The keys are rebuilt from every stored report's title, a page of events at a time in date
order (rows of one date share pages; memory stays flat). Measured at 1M events (5.3M keys) on
the 2-core bench machine: 140 s on SQLite, 219 s on PostgreSQL, 300 MB peak RSS. The downgrade
renames the actor's keys back (`ls:` → `s:`, `le:` → `e:`), which restores 0012's keys but for
names over 61 characters, whose cut keys then end one character earlier (they only widen the
candidates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

from bot.title_words import index_keys

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Events read per page (with their reports): pages keep memory flat at any size.
_PAGE = 20_000
_INSERT = sa.text(
    "INSERT INTO event_title_keys (date, granularity, title_key, event_id) "
    "VALUES (:date, :granularity, :title_key, :event_id) ON CONFLICT DO NOTHING"
)
_REPORTS = (
    sa.text(
        "SELECT e.date, e.id, e.granularity, m.title FROM (SELECT id, date, granularity "
        "FROM events WHERE (date, id) > (:date, :id) ORDER BY date, id LIMIT :page) AS e "
        "JOIN event_mentions AS m ON m.event_id = e.id ORDER BY e.date, e.id"
    )
    .bindparams(sa.bindparam("date", type_=sa.Date()))
    .columns(sa.column("date", sa.Date()), sa.column("id", sa.Integer()))
)


def upgrade() -> None:
    bind = op.get_bind()
    op.execute("DELETE FROM event_title_keys")
    for rows in _keys_of_reports(bind):
        bind.execute(_INSERT, rows)


def _keys_of_reports(bind: sa.Connection) -> Iterator[list[dict[str, object]]]:
    """The keys of every stored report's title at its event's date, a page of events at a
    time in timeline order (the index on (date, id) serves the pages)."""
    after: tuple[object, int] = (dt.date.min, 0)
    while reports := bind.execute(
        _REPORTS, {"date": after[0], "id": after[1], "page": _PAGE}
    ).all():
        rows = {
            (date, granularity, key, event_id)
            for date, event_id, granularity, title in reports
            for key in index_keys(title)
        }
        yield [
            {"date": d, "granularity": g, "title_key": k, "event_id": e}
            for d, g, k, e in sorted(rows)
        ]
        after = (reports[-1][0], reports[-1][1])


def downgrade() -> None:
    for new, old in (("ls:", "s:"), ("le:", "e:")):
        op.execute(
            "INSERT INTO event_title_keys (date, granularity, title_key, event_id) "
            f"SELECT date, granularity, '{old}' || substr(title_key, 4), event_id "
            f"FROM event_title_keys WHERE title_key LIKE '{new}%' ON CONFLICT DO NOTHING"
        )
        op.execute(f"DELETE FROM event_title_keys WHERE title_key LIKE '{new}%'")
