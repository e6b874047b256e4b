"""Score the mention tagger's normalised values against a TimeML-style gold set.

Usage: python bench/mention_values.py [FILE] [--errors N]   (default FILE:
tests/fixtures/extraction/timex.jsonl relative to the repository root).

Each gold line is {"id", "published", "text", "timex": [{"start", "end", "text", "value"}]}
listing every DATE-type temporal expression of day (YYYY-MM-DD) or month (YYYY-MM)
granularity. Predictions come from the public `bot.extract.explain_mentions`; every reported
mention whose granularity is "day" or "month" is kept, whether or not it was accepted as an
event. A prediction matches a gold timex when their character spans overlap and their values
are equal; matching is one-to-one. Prints precision, recall and F1 (percent) and up to N
mismatches of each kind: missed gold, spurious predictions and value disagreements (a
prediction that overlaps a gold timex but carries a different value).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bot.extract import explain_mentions  # noqa: E402

DEFAULT_DATA = REPO_ROOT / "tests" / "fixtures" / "extraction" / "timex.jsonl"
SCORED_GRANULARITIES = ("day", "month")


@dataclass(frozen=True)
class Span:
    """A temporal mention: character offsets, surface text and normalised value."""

    start: int
    end: int
    text: str
    value: str

    def overlaps(self, other: Span) -> bool:
        """True when the two character ranges share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass
class Result:
    """Counts and mismatch lists accumulated over the whole file."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0
    missed: list[tuple[str, str, Span, str]] = field(default_factory=list)
    spurious: list[tuple[str, str, Span, str]] = field(default_factory=list)
    disagree: list[tuple[str, str, Span, Span, str]] = field(default_factory=list)


def load(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL gold file, checking that every span matches its text."""
    records = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            for t in rec["timex"]:
                if rec["text"][t["start"] : t["end"]] != t["text"]:
                    raise ValueError(f"{rec['id']}: span {t} does not match its text")
            records.append(rec)
    return records


def predict(text: str, published: date) -> list[Span]:
    """Day- and month-granularity mentions reported by the tagger, accepted or not."""
    return [
        Span(m.start, m.end, m.text, m.value)
        for m in explain_mentions(text, published)
        if m.granularity in SCORED_GRANULARITIES and m.value
    ]


def match(
    gold: list[Span], pred: list[Span]
) -> tuple[list[tuple[Span, Span]], list[Span], list[Span]]:
    """One-to-one pairs (overlap and equal value); returns pairs, unmatched gold, unmatched pred."""
    pairs: list[tuple[Span, Span]] = []
    free = list(pred)
    missed = []
    for g in gold:
        hit = next((p for p in free if p.overlaps(g) and p.value == g.value), None)
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            pairs.append((g, hit))
    return pairs, missed, free


def context(text: str, span: Span, width: int = 40) -> str:
    """The mention in its sentence neighbourhood, marked with [brackets]."""
    a, b = max(0, span.start - width), min(len(text), span.end + width)
    return (
        text[a : span.start] + "[" + text[span.start : span.end] + "]" + text[span.end : b]
    ).replace("\n", " ")


def score(records: list[dict[str, Any]]) -> Result:
    """Run the tagger over every passage and accumulate matches and mismatches."""
    res = Result()
    for rec in records:
        text = rec["text"]
        published = date.fromisoformat(rec["published"])
        gold = [Span(t["start"], t["end"], t["text"], t["value"]) for t in rec["timex"]]
        pred = predict(text, published)
        pairs, missed, extra = match(gold, pred)
        res.tp += len(pairs)
        res.n_gold += len(gold)
        res.n_pred += len(pred)
        for g in missed:
            wrong = next((p for p in extra if p.overlaps(g)), None)
            if wrong is not None:
                extra.remove(wrong)
                res.disagree.append((rec["id"], rec["published"], g, wrong, context(text, g)))
            else:
                res.missed.append((rec["id"], rec["published"], g, context(text, g)))
        for p in extra:
            res.spurious.append((rec["id"], rec["published"], p, context(text, p)))
    return res


def report(res: Result, n_errors: int) -> None:
    """Print the score line and up to n_errors mismatches of each kind."""
    p = res.tp / res.n_pred if res.n_pred else 0.0
    r = res.tp / res.n_gold if res.n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"mention values: P {100 * p:.1f}%  R {100 * r:.1f}%  F1 {100 * f:.1f}%  "
        f"(tp {res.tp}, gold {res.n_gold}, pred {res.n_pred}; "
        f"missed {len(res.missed)}, spurious {len(res.spurious)}, "
        f"value disagreements {len(res.disagree)})"
    )
    if n_errors <= 0:
        return
    print(f"\nmissed gold ({len(res.missed)}):")
    for aid, pub, g, ctx in res.missed[:n_errors]:
        print(f"  {aid} pub {pub}  {g.text!r} = {g.value}  | {ctx}")
    print(f"\nspurious predictions ({len(res.spurious)}):")
    for aid, pub, s, ctx in res.spurious[:n_errors]:
        print(f"  {aid} pub {pub}  {s.text!r} = {s.value}  | {ctx}")
    print(f"\nvalue disagreements ({len(res.disagree)}):")
    for aid, pub, g, s, ctx in res.disagree[:n_errors]:
        print(
            f"  {aid} pub {pub}  gold {g.text!r} = {g.value}  pred {s.text!r} = {s.value}  | {ctx}"
        )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT_DATA, help="gold timex JSONL")
    ap.add_argument("--errors", type=int, default=20, help="mismatches to list per kind")
    args = ap.parse_args(argv)
    report(score(load(args.file)), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
