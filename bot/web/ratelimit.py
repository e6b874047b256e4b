"""Per-client request limits: a token bucket per client address, refilled continuously.

The clock is passed in (monotonic seconds), so tests step it instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_TRACKED_CLIENTS = 10_000


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """`per_minute` requests a minute per client, with bursts up to the same number."""

    def __init__(self, per_minute: int, monotonic: Callable[[], float]) -> None:
        self._capacity = float(per_minute)
        self._refill_per_second = per_minute / 60.0
        self._monotonic = monotonic
        self._buckets: dict[str, _Bucket] = {}

    def check(self, client: str) -> float:
        """0 when the request may go ahead (and is counted), else the seconds to wait."""
        now = self._monotonic()
        bucket = self._buckets.get(client)
        if bucket is None:
            if len(self._buckets) >= MAX_TRACKED_CLIENTS:
                self._forget_full_buckets(now)
            bucket = self._buckets[client] = _Bucket(self._capacity, now)
        bucket.tokens = min(
            self._capacity, bucket.tokens + (now - bucket.updated) * self._refill_per_second
        )
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self._refill_per_second

    def _forget_full_buckets(self, now: float) -> None:
        """Clients idle long enough to be back at full capacity need no memory."""
        refill_time = self._capacity / self._refill_per_second
        self._buckets = {
            client: bucket
            for client, bucket in self._buckets.items()
            if now - bucket.updated < refill_time
        }
