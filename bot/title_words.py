"""The words two titles must share before merging compares them (`timeline_store`).

A pair of reports is compared with `merge.is_same_event` only when their titles share one of
these words; the `event_title_words` table indexes them by date, so a new report's candidates
are found without reading every event of its day. Changing what counts as a word needs a
migration that rebuilds that table.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Capitalised words: the names a pair of titles must share (a cheap stand-in for
# `named_entities`, run on every candidate of a poll).
_NAME_WORD = re.compile(r"\b[A-Z][^\W_]{2,}")
_WORD = re.compile(r"[^\W_]{3,}")
# Longer words are stored cut to this length (the column's size); the cut only widens the
# pre-selection, which the comparison in Python then narrows with the whole words.
INDEXED_WORD_CHARS = 64


@lru_cache(maxsize=65_536)
def title_words(title: str) -> frozenset[str]:
    """The title's capitalised words, lower-cased; all its words when it has none."""
    names = _NAME_WORD.findall(title)
    return frozenset(w.lower() for w in names) if names else frozenset(_WORD.findall(title.lower()))


def indexed_words(title: str) -> frozenset[str]:
    """`title_words` as stored in `event_title_words`."""
    return frozenset(word[:INDEXED_WORD_CHARS] for word in title_words(title))
