from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

import bot.db.engine as engine_module
from bot.db.engine import DatabaseUrlError, async_database_url, create_engine


@pytest.mark.parametrize(
    ("plain", "async_url"),
    [
        ("sqlite:///dateline.db", "sqlite+aiosqlite:///dateline.db"),
        ("sqlite:////var/lib/x.db", "sqlite+aiosqlite:////var/lib/x.db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgres://u:pw@h:5433/db", "postgresql+asyncpg://u:pw@h:5433/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_plain_urls_get_async_drivers(plain: str, async_url: str) -> None:
    assert async_database_url(plain) == async_url


@pytest.mark.parametrize(
    ("url", "message"),
    [("mysql://u@h/db", "supports sqlite and postgresql"), ("not a url", "is not a URL")],
)
def test_unusable_urls_are_one_line_errors(url: str, message: str) -> None:
    with pytest.raises(DatabaseUrlError, match=message):
        async_database_url(url)


async def _server_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(text("SELECT pg_backend_pid()")) or 0)


async def _terminate(database_url: str, pid: int) -> None:
    """What a server restart does to a pooled connection."""
    connection = await asyncpg.connect(
        make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    )
    try:
        await connection.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await connection.close()


async def test_a_connection_closed_by_the_server_is_replaced_after_idling(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restarted server costs no failed command: a connection idle for long is pinged
    before use, and a dead one is replaced."""
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite file has no server connection to lose")
    engine = create_engine(database_url)
    try:
        first = await _server_pid(engine)
        await _terminate(database_url, first)
        monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING_SECONDS", 0.0)  # idle long enough
        assert await _server_pid(engine) not in (0, first)
    finally:
        await engine.dispose()


async def test_a_connection_in_steady_use_is_not_pinged(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ping is a round trip per session: only a new connection or one idle for long pays it."""
    if database_url.startswith("sqlite"):
        pytest.skip("a SQLite file has no server connection to ping")
    pings: list[object] = []
    real_ping = AsyncAdapt_asyncpg_connection.ping

    def counted(connection: AsyncAdapt_asyncpg_connection) -> None:
        pings.append(connection)
        real_ping(connection)

    monkeypatch.setattr(AsyncAdapt_asyncpg_connection, "ping", counted)
    engine = create_engine(database_url)
    try:
        for _ in range(5):
            await _server_pid(engine)
        assert len(pings) == 1
        monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING_SECONDS", 0.0)
        await _server_pid(engine)
        assert len(pings) == 2
    finally:
        await engine.dispose()
