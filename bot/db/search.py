"""What the text indexes store besides the words themselves, computed the same way on both sides.

Chinese and Japanese write words without spaces, so a word tokenizer sees a whole clause as one
token and a two-character word inside it is never found. Every pair of neighbouring characters
of such a run is stored as a word of its own (`search_grams`): "北方稀土" also reads "北方 方稀
稀土", and a typed "稀土" is one indexed token. Longer typed words are all their pairs, checked
against the text afterwards (the pairs may sit in different places).

SQLite's text index is keyed by timeline order (`timeline_key`): the index hands rows out in
the order pages show them, and a date range is a range of keys.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

# Keys are day ordinal × 2³² + event id: event ids stay below 2³² (4 billion).
KEY_DAY_SHIFT = 32
KEY_ID_MASK = (1 << KEY_DAY_SHIFT) - 1
# The same key in SQLite: julianday() of 0001-01-01 is 1721425.5, Python's ordinal 1.
SQLITE_TIMELINE_KEY = "(CAST(julianday({date}) - 1721424.5 AS INTEGER) * 4294967296 + {id})"


def is_unspaced(character: str) -> bool:
    """A letter or digit of a script written without spaces (Chinese, Japanese, …)."""
    return unicodedata.east_asian_width(character) in "WF" and character.isalnum()


# Every wide or full-width letter or digit sits at U+1100 or above (checked by a test): only
# stretches of those are looked at character by character (a Latin title is one regex search).
_FROM_WIDE_BLOCKS = re.compile("[\u1100-\U0010ffff]+")


def unspaced_runs(text: str) -> list[str]:
    """The maximal runs of unspaced-script letters in `text`."""
    runs: list[str] = []
    for stretch in _FROM_WIDE_BLOCKS.findall(text):
        current: list[str] = []
        for character in stretch:
            if is_unspaced(character):
                current.append(character)
            elif current:
                runs.append("".join(current))
                current = []
        if current:
            runs.append("".join(current))
    return runs


def pairs(run: str) -> list[str]:
    """Neighbouring character pairs of one run ("稀土开" → ["稀土", "土开"])."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def search_grams(texts: Iterable[str]) -> str:
    """The `events.search_grams` value: every distinct pair of every run, space-separated."""
    seen: dict[str, None] = {}
    for text in texts:
        for run in unspaced_runs(text):
            seen.update(dict.fromkeys(pairs(run)))
    return " ".join(seen)


def timeline_key(day: dt.date, event_id: int = 0) -> int:
    """The SQLite text index's key of an event: sorts like (date, id)."""
    return (day.toordinal() << KEY_DAY_SHIFT) + event_id
