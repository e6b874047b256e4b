"""Which stored events a new report is compared with when merging (`timeline_store`).

Two titles are compared (`merge.is_same_event`) only when they share a name the way merging
counts names: a name of one contained in a name of the other ("Acme" in "Acme Metals"), by
`merge.named_entities`. A title without names is compared with titles that share one of its
words. Each title gives *index keys* (stored in `event_title_words`, by date) and *probe keys*
(what a new report looks up); a probe key of one title meets an index key of the other exactly
when that condition holds, whichever of the two came first, so merging stays independent of
the order articles arrive in. Changing the keys needs a migration that rebuilds the table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from bot.extract.merge import named_entities

_WORD = re.compile(r"[^\W_]{3,}")
# A name of more words than this is keyed by its single words (a looser pre-selection): the
# subsets of a name's words are its keys, and they double with every word.
LONGEST_KEYED_NAME = 4
# Keys are stored cut to this length (the column's size): a cut key only widens the selection.
KEY_CHARS = 64


def _subsets(words: tuple[str, ...]) -> list[str]:
    return [
        " ".join(part) for size in range(1, len(words) + 1) for part in combinations(words, size)
    ]


def _name_word_sets(title: str) -> list[tuple[str, ...]]:
    return sorted({tuple(sorted(set(name.split()))) for name in named_entities(title)})


@lru_cache(maxsize=65_536)
def index_keys(title: str) -> frozenset[str]:
    """What a stored title is found by: `s:` every part of each name (a new report's whole name
    contained in it), `e:` each whole name (a new report's name containing it), `w:` its words
    when it has no names."""
    names = _name_word_sets(title)
    if not names:
        return _cut({f"w:{word}" for word in _WORD.findall(title.lower())})
    keys = set()
    for words in names:
        if len(words) > LONGEST_KEYED_NAME:
            keys |= {f"{kind}:{word}" for word in words for kind in ("s", "e")}
        else:
            keys |= {f"s:{part}" for part in _subsets(words)} | {f"e:{' '.join(words)}"}
    return _cut(keys)


@lru_cache(maxsize=65_536)
def probe_keys(title: str) -> frozenset[str]:
    """What a new title looks up (see `index_keys`): its whole names among stored names' parts,
    its names' parts among stored whole names; name words among the words of titles without
    names, and, without names, its words among both."""
    names = _name_word_sets(title)
    if not names:
        plain = _WORD.findall(title.lower())
        return _cut({f"w:{word}" for word in plain} | {f"s:{word}" for word in plain})
    keys = set()
    for words in names:
        keys |= {f"w:{word}" for word in words}
        if len(words) > LONGEST_KEYED_NAME:
            keys |= {f"{kind}:{word}" for word in words for kind in ("s", "e")}
        else:
            keys |= {f"s:{' '.join(words)}"} | {f"e:{part}" for part in _subsets(words)}
    return _cut(keys)


def _cut(keys: set[str]) -> frozenset[str]:
    return frozenset(key[:KEY_CHARS] for key in keys)
