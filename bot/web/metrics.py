"""Prometheus metrics: polls and their outcomes, stored articles and events, the outbox,
event-loop lag and poll pass duration. Counts kept in the database are read at scrape time;
no label or value ever carries a secret or feed text."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import Article, Event
from bot.ingest.pipeline import PollReport
from bot.outbox.store import outbox_stats

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LAG_PROBE_SECONDS = 1.0


class Metrics:
    """One registry per process (not the library's global one), so tests stay independent."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.polls = Counter(
            "dateline_polls", "Source polls by outcome", ["outcome"], registry=self.registry
        )
        self.poll_pass_seconds = Histogram(
            "dateline_poll_pass_seconds",
            "Duration of one pass over the sources due for polling",
            registry=self.registry,
        )
        self.articles = Gauge("dateline_articles", "Articles stored", registry=self.registry)
        self.events = Gauge("dateline_events", "Timeline events stored", registry=self.registry)
        self.deliveries = Gauge(
            "dateline_deliveries",
            "Outbox rows: queued (unsent), failed (unsent after a failed attempt), sent",
            ["state"],
            registry=self.registry,
        )
        self.outbox_age = Gauge(
            "dateline_outbox_oldest_age_seconds",
            "Age of the oldest due, unsent delivery (0 when none waits)",
            registry=self.registry,
        )
        self.loop_lag = Gauge(
            "dateline_event_loop_lag_seconds",
            "How late the last event-loop probe woke up",
            registry=self.registry,
        )
        self.requests = Counter(
            "dateline_web_requests", "Web requests by status", ["status"], registry=self.registry
        )

    def observe_poll_pass(self, reports: Sequence[PollReport], seconds: float) -> None:
        for report in reports:
            self.polls.labels(outcome=report.outcome).inc()
        self.poll_pass_seconds.observe(seconds)

    async def refresh(self, sessions: async_sessionmaker[AsyncSession], now: dt.datetime) -> None:
        """Read the stored counts; called before each scrape."""
        async with sessions() as session:
            self.articles.set(await session.scalar(select(func.count(Article.id))) or 0)
            self.events.set(await session.scalar(select(func.count(Event.id))) or 0)
        outbox = await outbox_stats(sessions, now)
        self.deliveries.labels(state="queued").set(outbox.queued)
        self.deliveries.labels(state="failed").set(outbox.failing)
        self.deliveries.labels(state="sent").set(outbox.sent)
        oldest = outbox.oldest_due_at
        self.outbox_age.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    async def watch_loop_lag(self) -> None:
        """Runs until cancelled: how much later than asked the loop wakes a sleeper."""
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(LAG_PROBE_SECONDS)
            self.loop_lag.set(max(0.0, loop.time() - started - LAG_PROBE_SECONDS))
