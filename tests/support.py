"""Small shared test helpers: a clock tests can move, polling instead of sleeping."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable


class FakeClock:
    """A `Clock` that only moves when the test says so."""

    def __init__(self, start: dt.datetime) -> None:
        assert start.tzinfo is not None
        self.current = start

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, **kwargs: float) -> dt.datetime:
        self.current += dt.timedelta(**kwargs)
        return self.current


async def wait_for(
    predicate: Callable[[], bool | Awaitable[bool]], *, timeout: float = 5.0, what: str = ""
) -> None:
    """Poll `predicate` every 10 ms until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if asyncio.iscoroutine(result) or isinstance(result, Awaitable):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        await asyncio.sleep(0.01)
