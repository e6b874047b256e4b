"""Exactly once across crashes: `dateline run` killed with SIGKILL again and again mid-burst.

Usage: python bench/crash_soak.py [--alerts 1000] [--kills 100] [--seed 1]

Queues a burst of alerts in a SQLite outbox, starts the real `dateline run` (a subprocess,
logged in to the fake Discord on 127.0.0.1) and kills it with SIGKILL at random moments,
restarting it each time, until it has been killed `--kills` times; then lets the last run
finish. Half of the kills land at the worst instant: inside Discord's handling of a message
create, after the message exists but before the bot hears the 2xx (so the row is not marked
sent); the others after a random delay. Prints how many alerts reached the channel once,
more than once (duplicates) and never (lost); exit status 1 unless duplicates and lost are 0.
The test suite runs a shorter version of the same soak (tests/discord/test_crash_soak.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bot.app import open_app  # noqa: E402
from bot.config import DatabaseSettings, Settings  # noqa: E402
from bot.db.models import (  # noqa: E402
    Article,
    Delivery,
    Event,
    EventMention,
    Source,
    Subscription,
)
from tests.fake_discord import FakeDiscord  # noqa: E402
from tests.fake_discord.payloads import JSON  # noqa: E402

EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
TITLE_PREFIX = "Crash soak event "
# Generous: a run that neither finishes nor gets killed within this long is a hang.
RUN_TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class SoakResult:
    alerts: int
    kills: int
    kills_in_window: int
    runs: int
    delivered_once: int
    duplicates: int
    lost: int
    nonce_repeats: int
    seconds: float

    def describe(self) -> str:
        return (
            f"{self.alerts} alerts, {self.runs} runs, {self.kills} SIGKILLs "
            f"({self.kills_in_window} between Discord's create and the bot's 2xx): "
            f"{self.delivered_once} delivered once, {self.duplicates} duplicates, "
            f"{self.lost} lost; {self.nonce_repeats} repeats answered from the nonce; "
            f"{self.seconds:.1f} s"
        )


async def queue_burst(database_url: str, channel_id: int, guild_id: int, alerts: int) -> None:
    """A subscription and `alerts` events, each with its queued, unsent alert row."""
    settings = Settings(database=DatabaseSettings(url=database_url))
    async with open_app(settings) as app, app.sessions.begin() as session:
        source = Source(url="https://soak.example/feed.xml", next_poll_at=EPOCH, created_at=EPOCH)
        subscription = Subscription(channel_id=channel_id, guild_id=guild_id, created_at=EPOCH)
        session.add_all([source, subscription])
        await session.flush()
        for number in range(alerts):
            title = f"{TITLE_PREFIX}{number:05d}"
            event = Event(
                date=dt.date(2025, 3, 1) + dt.timedelta(days=number % 300),
                granularity="day",
                title=title,
                summary=title,
                confidence=0.9,
                first_seen_at=EPOCH,
            )
            article = Article(
                source_id=source.id,
                guid=f"soak-{number}",
                url=f"https://soak.example/{number}",
                title=title,
                fetched_at=EPOCH,
                text=title,
                content_hash="x",
            )
            session.add_all([event, article])
            await session.flush()
            session.add(
                EventMention(
                    event_id=event.id,
                    article_id=article.id,
                    title=title,
                    evidence=title,
                    span_start=0,
                    span_end=len(title),
                    confidence=0.9,
                    created_at=EPOCH,
                )
            )
            session.add(
                Delivery(
                    kind="alert",
                    dedupe_key=f"alert:{subscription.id}:{event.id}",
                    channel_id=channel_id,
                    subscription_id=subscription.id,
                    event_id=event.id,
                    payload={},
                    created_at=EPOCH,
                    due_at=EPOCH,
                )
            )


def unsent_rows(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM deliveries WHERE sent_at IS NULL"
        ).fetchone()
    return int(count)


def delivered_titles(fake: FakeDiscord) -> Counter[str]:
    return Counter(
        embed["title"]
        for message in fake.messages
        for embed in message.sent.get("embeds") or []
        if str(embed.get("title", "")).startswith(TITLE_PREFIX)
    )


async def soak(workdir: Path, *, alerts: int, kills: int, seed: int) -> SoakResult:
    """Run the soak in `workdir`; the fake Discord lives in this process, the bot does not."""
    rng = random.Random(seed)
    started = time.monotonic()
    database = workdir / "soak.db"
    database_url = f"sqlite:///{database}"
    async with FakeDiscord() as fake:
        await queue_burst(database_url, fake.channel_id, fake.guild.id, alerts)
        config = workdir / "soak.toml"
        config.write_text(
            f'[database]\nurl = "{database_url}"\n'
            f"[discord]\nguild_ids = [{fake.guild.id}]\nguild_ready_timeout = 0.05\n"
            "[scheduler]\ndelivery_check_seconds = 0.2\n"
        )
        env = {
            **os.environ,
            "DATELINE_DISCORD_TOKEN": "fake-token",
            "DATELINE_DISCORD_API_BASE": fake.api_base,
            "DATELINE_DISCORD_GATEWAY_URL": fake.gateway_url,
        }
        env.pop("DATELINE_DATABASE_URL", None)
        env.pop("DATELINE_CONFIG", None)
        killed = in_window = runs = 0
        log = (workdir / "runs.log").open("ab")
        try:
            while True:
                runs += 1
                process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-c",
                    "import sys; from bot.cli import main; sys.exit(main())",
                    "run",
                    "--config",
                    str(config),
                    env=env,
                    cwd=REPO_ROOT,
                    stdout=log,
                    stderr=log,
                )
                outcome = await _one_run(fake, process, database, rng, last_run=killed >= kills)
                if outcome == "killed_in_window":
                    in_window += 1
                if outcome.startswith("killed"):
                    killed += 1
                if outcome == "finished":
                    break
                if runs > 3 * kills + 3:
                    raise RuntimeError(f"dateline run keeps exiting on its own; see {log.name}")
        finally:
            log.close()
        titles = delivered_titles(fake)
        once = sum(1 for n in titles.values() if n == 1)
        return SoakResult(
            alerts=alerts,
            kills=killed,
            kills_in_window=in_window,
            runs=runs,
            delivered_once=once,
            duplicates=sum(n - 1 for n in titles.values() if n > 1),
            lost=alerts - len(titles),
            nonce_repeats=fake.nonce_repeats,
            seconds=time.monotonic() - started,
        )


async def _one_run(
    fake: FakeDiscord,
    process: asyncio.subprocess.Process,
    database: Path,
    rng: random.Random,
    last_run: bool,
) -> str:
    """Let one `dateline run` deliver; kill it (unless `last_run`) and say how it ended:
    "finished" once every row is sent, else "killed", "killed_in_window" or "exited"."""
    sent_before = len(fake.messages)
    in_window = rng.random() < 0.5
    target = sent_before + rng.randint(1, 8)
    fired = False

    def kill_inside_create(message: JSON) -> None:
        nonlocal fired
        if not fired and in_window and len(fake.messages) >= target:
            fired = True
            os.kill(process.pid, signal.SIGKILL)  # Discord made it; the bot never hears 2xx

    if not last_run:
        fake.on_message_created = kill_inside_create
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    try:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                break
            if unsent_rows(database) == 0:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), RUN_TIMEOUT_SECONDS)
                return "finished"
            if not last_run and not in_window and len(fake.messages) > sent_before:
                await asyncio.sleep(rng.uniform(0, 0.25))  # a random moment mid-burst
                if process.returncode is None:
                    process.kill()
                    fired = True
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), 0.02)
        else:
            process.kill()
            raise RuntimeError("dateline run neither finished nor was killed in time")
    finally:
        fake.on_message_created = None
    await process.wait()
    if not fired:
        return "exited"
    return "killed_in_window" if in_window else "killed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        result = asyncio.run(
            soak(Path(workdir), alerts=args.alerts, kills=args.kills, seed=args.seed)
        )
    print(f"crash soak: {result.describe()}")
    return 0 if result.duplicates == 0 and result.lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
