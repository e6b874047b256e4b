from __future__ import annotations

import pytest

from bot.db.engine import DatabaseUrlError, async_database_url


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
