"""Pytest fixtures for the fake Discord; register via ``pytest_plugins`` in the root conftest."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .server import FakeDiscord


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started fake Discord with discord.py pointed at it (restored afterwards)."""
    async with FakeDiscord() as server:
        with server.patch_client():
            yield server
    assert server.spec_errors == [], "bodies Discord would refuse:\n" + "\n".join(
        server.spec_errors
    )
