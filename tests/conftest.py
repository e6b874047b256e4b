"""Shared fixtures: databases (SQLite always, PostgreSQL when DATELINE_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
from sqlalchemy.engine import URL, make_url

pytest_plugins = ["tests.fake_discord.pytest_plugin"]

POSTGRES_ENV = "DATELINE_TEST_POSTGRES_URL"
POSTGRES_SKIP_REASON = (
    f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/test); "
    ".ci/run sets it"
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Skips as one line per reason (71 PostgreSQL skips are one fact, not 71)."""
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    for reason, count in reasons.most_common():
        terminalreporter.write_line(f"{count} skipped: {reason}")


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    """A fresh, empty database per test: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dateline.db'}"
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(POSTGRES_SKIP_REASON)
    url = make_url(server)
    name = f"dateline_test_{uuid.uuid4().hex[:12]}"
    await _admin(url, f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    await _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(server: URL, statement: str) -> None:
    """Run one statement on the server's maintenance database (CREATE/DROP DATABASE)."""
    connection = await asyncpg.connect(
        user=server.username,
        host=server.host or "127.0.0.1",
        port=server.port or 5432,
        database=server.database,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(autouse=True)
def _no_ambient_config(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never pick up a developer's DATELINE_* environment by accident."""
    for key in list(os.environ):
        if key.startswith("DATELINE_") and key != POSTGRES_ENV:
            monkeypatch.delenv(key)
    yield
