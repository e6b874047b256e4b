"""Quality floor on the project's own labelled sets (fictional articles written for testing).

The acceptance metrics (tests/extract/scoring.py replicates the shared scorer's definitions) must
not slide below a floor; the sets and how they were written are described in
tests/fixtures/extraction/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extract.scoring import ours, replicated_score

REPO = Path(__file__).resolve().parents[2]
SETS = REPO / "tests" / "fixtures" / "extraction"


@pytest.mark.parametrize(
    ("name", "min_f1", "min_kw_title"),
    [("own_heldout.jsonl", 0.95, 0.85), ("blind2.jsonl", 0.93, 0.80)],
)
def test_event_date_f1_and_title_keywords_stay_above_the_floor(
    name: str, min_f1: float, min_kw_title: float
) -> None:
    records = [json.loads(line) for line in (SETS / name).read_text().splitlines() if line]
    gold = {r["id"]: r for r in records}
    predictions = {r["id"]: {"events": ours(r)} for r in records}
    score = replicated_score(gold, predictions)
    assert score["f1"] >= min_f1 and score["kw_title"] >= min_kw_title, score
    for record in records:
        for event in predictions[record["id"]]["events"]:
            assert event["evidence"] in record["text"] and len(event["title"]) <= 100
