"""The scheduler adapter: every job coalesces, never overlaps itself, and runs late, not never."""

from __future__ import annotations

import asyncio
import datetime as dt

from apscheduler.schedulers.base import STATE_PAUSED
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduling import DIGESTS_JOB, POLL_JOB, REMINDERS_JOB, Jobs
from tests.support import FakeClock, wait_for
from tests.timeline_support import app_at, deliveries

NOW = dt.datetime(2025, 10, 27, 8, 30, tzinfo=dt.UTC)  # Monday 09:30 in Berlin


async def test_jobs_share_the_policy(database_url: str) -> None:
    async with app_at(database_url, FakeClock(NOW), plan_seconds=45, check_seconds=20) as app:
        jobs = Jobs(app)
        jobs.add_polling()
        jobs.add_planning()
        found = {job.id: job for job in jobs.scheduler.get_jobs()}
    assert set(found) == {POLL_JOB, REMINDERS_JOB, DIGESTS_JOB}
    for job_id, job in found.items():
        seconds = 20 if job_id == POLL_JOB else 45
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time == seconds
        assert isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval == dt.timedelta(seconds=seconds)


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
        jobs = Jobs(app)
        jobs.add_planning()
        jobs.start()
        try:
            await wait_for(app.outbox_wakeup.is_set, what="the digest planner to run")
        finally:
            await jobs.stop()
        [digest] = await deliveries(app, "digest")
    assert digest.dedupe_key == "digest:10:2025-W44"


async def test_stop_lets_a_running_job_finish_and_cancels_one_past_the_grace(
    database_url: str,
) -> None:
    async with app_at(database_url, FakeClock(NOW)) as app:
        started, release = asyncio.Event(), asyncio.Event()
        finished: list[str] = []

        async def slow(name: str) -> None:
            started.set()
            await release.wait()
            finished.append(name)

        jobs = Jobs(app)
        jobs.every(lambda: slow("first"), job_id="slow", seconds=3600)
        jobs.start()
        await wait_for(started.is_set, what="the job to start")
        stopping = asyncio.create_task(jobs.stop(grace_seconds=30))
        await wait_for(lambda: jobs.scheduler.state == STATE_PAUSED, what="the pause")
        release.set()
        await asyncio.wait_for(stopping, 5)
        assert finished == ["first"] and not jobs.scheduler.running

        started.clear()
        release.clear()
        jobs = Jobs(app)
        jobs.every(lambda: slow("second"), job_id="stuck", seconds=3600)
        jobs.start()
        await wait_for(started.is_set, what="the stuck job to start")
        await asyncio.wait_for(jobs.stop(grace_seconds=0.05), 5)
        assert finished == ["first"] and not jobs.scheduler.running
