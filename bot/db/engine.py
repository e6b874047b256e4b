"""Engine creation from the plain URLs users write (`sqlite:///x.db`, `postgresql://u@h/db`)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
}


class DatabaseUrlError(ValueError):
    """The database URL cannot be used; the message is one line for the user."""


def async_database_url(url: str) -> str:
    """Pick the async driver ourselves so users never have to know driver names."""
    if url.startswith("postgres://"):  # Heroku-style alias SQLAlchemy does not accept
        url = "postgresql://" + url.removeprefix("postgres://")
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError(
            f"database.url {url!r} is not a URL like sqlite:///dateline.db "
            "or postgresql://user@host/db"
        ) from None
    backend = parsed.get_backend_name()
    driver = parsed.get_driver_name()
    if backend not in _ASYNC_DRIVERS:
        raise DatabaseUrlError(
            f"database.url uses {backend!r}; Dateline supports sqlite and postgresql"
        )
    if driver in ("aiosqlite", "asyncpg"):
        return parsed.render_as_string(hide_password=False)
    target = _ASYNC_DRIVERS[backend]
    return parsed.set(drivername=target).render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # WAL lets the CLI read while the bot writes; NORMAL sync is durable across app crashes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# A server connection idle this long is pinged before it serves a session: a restart or an
# idle timeout may have closed it. One in steady use is not: a ping is a round trip per session,
# 1.5-4 ms of a text query's 20 ms at 1M events (SQLAlchemy's `pool_pre_ping` pings every time).
IDLE_BEFORE_PING_SECONDS = 30.0


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """Pool checkout: ping a connection idle for long; a dead one is replaced by the pool."""
    checked_in = record.info.get("checked_in_at")
    if checked_in is not None and time.monotonic() - checked_in < IDLE_BEFORE_PING_SECONDS:
        return
    try:
        dbapi_connection.ping()
    except Exception as error:
        raise DisconnectionError(f"database connection lost: {error}") from error


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info["checked_in_at"] = time.monotonic()


def create_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys, WAL and a busy timeout (bot and CLI share it)."""
    database_url = async_database_url(url)
    is_sqlite = make_url(database_url).get_backend_name() == "sqlite"
    # LIFO: the connection used last (its page cache warm) serves the next session.
    engine = create_async_engine(database_url, pool_use_lifo=True)
    if is_sqlite:  # a file: no server to restart, nothing to ping
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    else:
        event.listen(engine.sync_engine.pool, "checkout", _ping_if_idle)
        event.listen(engine.sync_engine.pool, "checkin", _note_checkin)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
