"""The extraction processes never outlive the bot: killed with SIGKILL (no clean-up runs), the
bot's workers end by themselves instead of holding their memory until the machine restarts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# A process that starts the extraction pool as `dateline run` does, says so, and waits.
_HOLDS_A_POOL = """
import asyncio, sys
from bot.ingest.pipeline import start_extraction
asyncio.run(start_extraction(2))
print("ready", flush=True)
sys.stdin.read()
"""


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent to read its status."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_workers_end_when_the_bot_is_killed() -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDS_A_POOL],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        workers = _children(holder.pid)
        assert len(workers) >= 2  # two workers (and multiprocessing's resource tracker)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)  # polling the process table: there is nothing to wait on
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        holder.kill()
        holder.wait(timeout=30)
