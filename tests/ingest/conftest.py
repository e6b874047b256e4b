"""Fixtures for the ingest tests; ``http_server`` is meant to move to tests/conftest.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.httpserver import CannedServer

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


@pytest.fixture
async def http_server() -> AsyncIterator[CannedServer]:
    """A started ``CannedServer`` on 127.0.0.1, closed after the test."""
    async with CannedServer() as server:
        yield server


@pytest.fixture
def feeds_dir() -> Path:
    """Directory of the fixture feeds written for these tests."""
    return FEEDS
