"""Schema migrations with Alembic, run from code on the app's own async engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


class SchemaMismatchError(Exception):
    """The database was written by another version of Dateline; the message says what to do."""


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    known: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _state(connection: Connection) -> SchemaState:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None, "migrations/ holds no revision"
    current = MigrationContext.configure(connection).get_current_revision()
    known = current is None or _revision_exists(script, current)
    return SchemaState(current=current, head=head, known=known)


def _revision_exists(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several types for unknown ids
        return False


async def schema_state(engine: AsyncEngine) -> SchemaState:
    async with engine.connect() as connection:
        return await connection.run_sync(_state)


def _upgrade(connection: Connection, revision: str) -> None:
    command.upgrade(alembic_config(connection), revision)


def _downgrade(connection: Connection, revision: str) -> None:
    command.downgrade(alembic_config(connection), revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> SchemaState:
    """Bring the schema to `revision`, refusing databases from a newer or diverged Dateline."""
    state = await schema_state(engine)
    if not state.known:
        raise SchemaMismatchError(
            f"the database is at schema revision {state.current}, which this version of Dateline "
            "does not know (it was written by a newer or different version); upgrade Dateline "
            "or use another database"
        )
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)
    return await schema_state(engine)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade, revision)
