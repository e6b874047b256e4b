"""How Dateline's periodic jobs sit in APScheduler 3.11's `AsyncIOScheduler`.

The scheduler only says "look now"; every job reads what is due from the database (next poll
times, the outbox, each channel's last digest week), so the scheduler keeps no state worth
losing. Every job therefore uses the same policy: `coalesce` (runs missed while the loop was busy
collapse into one), `max_instances=1` (a slow run is never overlapped by the next) and a
`misfire_grace_time` of one interval (a late run still happens, it is not dropped).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

if TYPE_CHECKING:
    from bot.app import App
    from bot.ingest.pipeline import PollReport

log = logging.getLogger(__name__)

POLL_JOB = "poll-sources"
REMINDERS_JOB = "plan-reminders"
DIGESTS_JOB = "plan-digests"


class Jobs:
    """The process's scheduler: every job under the shared policy, and a stop that lets a
    running job finish before the database closes (cancelling one mid-query can wedge a
    SQLite connection)."""

    def __init__(self, app: App) -> None:
        self.scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._app = app
        self._running: set[asyncio.Task[object]] = set()

    def every(
        self,
        job: Callable[[], Awaitable[object]],
        *,
        job_id: str,
        seconds: float,
        first_run: dt.datetime | None = None,
    ) -> None:
        """Run `job` every `seconds` (first at `first_run`, default now)."""

        async def tracked() -> object:
            task = asyncio.current_task()
            assert task is not None
            self._running.add(task)
            try:
                return await job()
            finally:
                self._running.discard(task)

        self.scheduler.add_job(
            tracked,
            IntervalTrigger(seconds=seconds),
            id=job_id,
            name=job_id,
            replace_existing=True,
            next_run_time=first_run or dt.datetime.now(dt.UTC),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=max(1, int(seconds)),
        )

    def add_polling(self, observe: Callable[[list[PollReport], float], None] | None = None) -> None:
        """Poll the sources whose next poll time (kept in the database) has come; `observe`
        gets each pass's reports and duration in seconds (the web server's metrics)."""
        ingestor = self._app.ingestor

        async def poll_pass() -> list[PollReport]:
            started = time.perf_counter()
            reports = await ingestor.poll_due()
            if observe is not None:
                observe(reports, time.perf_counter() - started)
            return reports

        self.every(poll_pass, job_id=POLL_JOB, seconds=self._app.settings.scheduler.check_seconds)

    @property
    def running(self) -> bool:
        return bool(self.scheduler.running)

    def add_planning(self) -> None:
        """Reminders and weekly digests: each run queues what has come due into the outbox."""
        app = self._app

        async def plan_reminders() -> None:
            # The Events tab rides along: both follow moved, cancelled and passing events.
            if await app.reminders.plan() + await app.events_tab.plan():
                app.outbox_wakeup.set()

        async def plan_digests() -> None:
            queued = await app.digests.plan()
            if queued:
                log.info("queued %d weekly digest(s)", queued)
                app.outbox_wakeup.set()

        seconds = app.settings.scheduler.plan_seconds
        self.every(plan_reminders, job_id=REMINDERS_JOB, seconds=seconds)
        self.every(plan_digests, job_id=DIGESTS_JOB, seconds=seconds)

    def start(self) -> None:
        self.scheduler.start()

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """No new runs; wait up to `grace_seconds` for running ones, then cancel the rest."""
        if not self.scheduler.running:
            return
        self.scheduler.pause()
        if self._running:
            await asyncio.wait(set(self._running), timeout=grace_seconds)
        self.scheduler.shutdown(wait=False)
