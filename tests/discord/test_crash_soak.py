"""Exactly once across crashes: `dateline run` SIGKILLed 20 times during a burst of 300 alerts.

The real `dateline run` (a subprocess) posts to the fake Discord; about half the kills land
after Discord created a message and before the bot heard the 2xx, the rest at random moments.
Every message create carries a nonce derived from its outbox row (`enforce_nonce`), which the
fake Discord honours as Discord does, so a repeat after a restart returns the first message.
The longer soak is `python bench/crash_soak.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.crash_soak import soak


# 21 starts of a real `dateline run` (about 2 s each on an idle machine): more than the suite's
# per-test limit on a loaded CI runner, so this one test gets its own.
@pytest.mark.timeout(480)
async def test_sigkill_during_a_burst_neither_duplicates_nor_loses(tmp_path: Path) -> None:
    result = await soak(tmp_path, alerts=300, kills=20, seed=20261129)
    print(f"\ncrash soak: {result.describe()}")
    assert result.kills >= 20 and result.kills_in_window >= 1
    assert result.duplicates == 0 and result.lost == 0
    assert result.delivered_once == 300
    assert result.nonce_repeats >= result.kills_in_window
