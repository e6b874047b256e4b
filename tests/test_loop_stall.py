"""A burst of 500 new articles must not freeze the event loop: measured and reported here.

The timing bound lives in bench/loop_stall.py (timings are machine-dependent, so this test only
checks the ingestion and prints the longest stall for the record); both use tests/burst.py.
"""

from __future__ import annotations

from pathlib import Path

from tests.burst import ingest_burst


async def test_500_article_burst_keeps_the_loop_responsive(tmp_path: Path) -> None:
    result = await ingest_burst(f"sqlite:///{tmp_path / 'burst.db'}", tmp_path, 500)
    print(f"\nloop stall during a 500-article burst: {result.describe()}")
    assert result.new_articles == 500 and result.new_events > 0
    assert result.ticks > 100  # the probe kept running throughout the ingestion
