"""The scheduler adapter: every job coalesces, never overlaps itself, and runs late, not never."""

from __future__ import annotations

import datetime as dt

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduling import DIGESTS_JOB, REMINDERS_JOB, add_planning_jobs
from tests.support import FakeClock, wait_for
from tests.timeline_support import app_at, deliveries

NOW = dt.datetime(2025, 10, 27, 8, 30, tzinfo=dt.UTC)  # Monday 09:30 in Berlin


async def test_planning_jobs_share_the_policy(database_url: str) -> None:
    async with app_at(database_url, FakeClock(NOW), plan_seconds=45) as app:
        scheduler = AsyncIOScheduler(timezone=dt.UTC)
        add_planning_jobs(scheduler, app)
        jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {REMINDERS_JOB, DIGESTS_JOB}
    for job in jobs.values():
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time == 45
        assert isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval == dt.timedelta(seconds=45)


async def test_a_started_scheduler_queues_a_due_digest_and_wakes_the_worker(
    database_url: str,
) -> None:
    clock = FakeClock(dt.datetime(2025, 10, 22, tzinfo=dt.UTC))
    async with app_at(database_url, clock) as app:
        await app.digests.set(
            channel_id=10,
            guild_id=1,
            weekday=0,
            local_time="09:00",
            timezone="Europe/Berlin",
            include_empty=True,
        )
        clock.current = NOW
        scheduler = AsyncIOScheduler(timezone=dt.UTC)
        add_planning_jobs(scheduler, app)
        scheduler.start()
        try:
            await wait_for(app.outbox_wakeup.is_set, what="the digest planner to run")
        finally:
            scheduler.shutdown(wait=False)
        [digest] = await deliveries(app, "digest")
    assert digest.dedupe_key == "digest:10:2025-W44"
