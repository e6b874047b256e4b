"""The acceptance metrics, replicated (event-date F1, kw@title) for tests and bench/extraction.py.

Same definitions as the shared scorer (score_events.py): dates match as a multiset per article,
and kw@title is the share of a gold event's keywords found in the matched prediction's title.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from bot.extract import extract_events

TITLE_MAX = 100

Record = dict[str, Any]
Predictions = dict[str, Record]


def _kw_share(keywords: list[str], text: str) -> float:
    text = text.lower()
    return sum(1 for k in keywords if k.lower() in text) / max(1, len(keywords))


def replicated_score(gold: dict[str, Record], pred: Predictions) -> dict[str, Any]:
    """Same definitions as score_events.py: multiset date match per article, kw@title on pairs."""
    tp = n_pred = n_gold = 0
    kw_title: list[float] = []
    for article_id, record in gold.items():
        predicted = [e for e in pred.get(article_id, {}).get("events", []) if e.get("date")]
        n_gold += len(record["events"])
        n_pred += len(predicted)
        by_date: dict[str, list[Record]] = defaultdict(list)
        for event in predicted:
            by_date[event["date"]].append(event)
        for gold_event in record["events"]:
            candidates = by_date.get(gold_event["date"], [])
            if not candidates:
                continue
            keywords: list[str] = gold_event["keywords"]
            shares = [
                _kw_share(keywords, p.get("title", "") + " " + p.get("evidence", ""))
                for p in candidates
            ]
            best = candidates[shares.index(max(shares))]
            candidates.remove(best)
            tp += 1
            kw_title.append(_kw_share(keywords, (best.get("title") or "")[:TITLE_MAX]))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "kw_title": round(sum(kw_title) / len(kw_title), 4) if kw_title else 0.0,
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


def ours(record: Record) -> list[Record]:
    events = extract_events(record["text"], date.fromisoformat(record["published"]))
    return [
        {"date": e.date, "granularity": e.granularity, "title": e.title, "evidence": e.evidence}
        for e in events
    ]
