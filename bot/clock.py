"""The injected clock: the timeline, ingest, outbox and Discord code read time only via `Clock`.

Two wall-clock reads stay outside it on purpose, both about real time rather than the
timeline's: APScheduler's first run of a job (`scheduling.py`), and `parse_retry_after`'s
default `now` when comparing an HTTP-date Retry-After (`ingest/fetch.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """An aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
