"""How Dateline's periodic jobs sit in APScheduler 3.11's `AsyncIOScheduler`.

The scheduler only says "look now"; every job reads what is due from the database (next poll
times, the outbox, each channel's last digest week), so the scheduler keeps no state worth
losing. Every job therefore uses the same policy: `coalesce` (runs missed while the loop was busy
collapse into one), `max_instances=1` (a slow run is never overlapped by the next) and a
`misfire_grace_time` of one interval (a late run still happens, it is not dropped).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

REMINDERS_JOB = "plan-reminders"
DIGESTS_JOB = "plan-digests"


def add_periodic_job(
    scheduler: AsyncIOScheduler,
    job: Callable[[], Awaitable[object]],
    *,
    job_id: str,
    seconds: float,
    first_run: dt.datetime | None = None,
) -> None:
    """Run `job` every `seconds` (first at `first_run`, default now) under the shared policy."""
    scheduler.add_job(
        job,
        IntervalTrigger(seconds=seconds),
        id=job_id,
        name=job_id,
        replace_existing=True,
        next_run_time=first_run or dt.datetime.now(dt.UTC),
        coalesce=True,
        max_instances=1,
        misfire_grace_time=max(1, int(seconds)),
    )


def add_planning_jobs(scheduler: AsyncIOScheduler, app: App) -> None:
    """Reminders and weekly digests: each run queues what has come due into the outbox."""

    async def plan_reminders() -> None:
        if await app.reminders.plan():
            app.outbox_wakeup.set()

    async def plan_digests() -> None:
        queued = await app.digests.plan()
        if queued:
            log.info("queued %d weekly digest(s)", queued)
            app.outbox_wakeup.set()

    seconds = app.settings.scheduler.plan_seconds
    add_periodic_job(scheduler, plan_reminders, job_id=REMINDERS_JOB, seconds=seconds)
    add_periodic_job(scheduler, plan_digests, job_id=DIGESTS_JOB, seconds=seconds)
