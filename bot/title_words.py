"""Which stored events a new report is compared with when merging (`timeline_store`).

Two titles are compared (`merge.is_same_event_across_articles`) only when one title's actor
(its first name, `merge.lead_name`) meets a name of the other, a name meeting a name the way
merging counts them: one contained in the other ("Acme" in "Acme Metals", by
`merge.named_entities`). Two titles that share only a place are not compared: their actors
differ. A title without names is compared with titles that share one of its words. Each title
gives *index keys* (stored in `event_title_keys`, by date) and *probe keys* (what a new report
looks up); a probe key of one title meets an index key of the other exactly when that
condition holds, whichever of the two came first, so merging stays independent of the order
articles arrive in. Changing the keys needs a migration that rebuilds the table.

The kinds: `ls:`/`le:` key the actor, `s:`/`e:` the other names (`s:` a part of a stored name,
for a new name contained in it; `e:` a whole stored name, for a new name containing it), `w:`
words. A new title probes the actor keys with all its names, and the other names' keys with its
actor only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations

from bot.extract.merge import lead_name, named_entities

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
    """What a stored title is found by: every part of each name (a new report's whole name
    contained in it) and each whole name (a new report's name containing it), the actor's
    apart from the others' (`ls:`, `le:` / `s:`, `e:`); its words (`w:`) when it has no names."""
    names = _name_word_sets(title)
    if not names:
        return _cut({f"w:{word}" for word in _WORD.findall(title.lower())})
    lead = _lead_words(title)
    keys = set()
    for words in names:
        keys |= _contained_keys(words, *(("ls", "le") if words == lead else ("s", "e")))
    return _cut(keys)


def _contained_keys(words: tuple[str, ...], part_kind: str, whole_kind: str) -> set[str]:
    """A stored name's keys: its parts and itself whole."""
    if len(words) > LONGEST_KEYED_NAME:
        return {f"{kind}:{word}" for word in words for kind in (part_kind, whole_kind)}
    return {f"{part_kind}:{part}" for part in _subsets(words)} | {f"{whole_kind}:{' '.join(words)}"}


def _containing_keys(words: tuple[str, ...], part_kind: str, whole_kind: str) -> set[str]:
    """What a new name looks up: itself among stored parts, its parts among stored wholes."""
    if len(words) > LONGEST_KEYED_NAME:
        return {f"{kind}:{word}" for word in words for kind in (part_kind, whole_kind)}
    return {f"{part_kind}:{' '.join(words)}"} | {f"{whole_kind}:{part}" for part in _subsets(words)}


def _lead_words(title: str) -> tuple[str, ...]:
    lead = lead_name(title)
    return tuple(sorted(set(lead.split()))) if lead else ()


@lru_cache(maxsize=65_536)
def probe_keys(title: str) -> frozenset[str]:
    """What a new title looks up (see `index_keys`): each of its names among the stored actors'
    keys, its actor among the other names' keys too; name words among the words of titles
    without names, and, without names, its words among all of them."""
    names = _name_word_sets(title)
    if not names:
        plain = _WORD.findall(title.lower())
        return _cut({f"{kind}:{word}" for word in plain for kind in ("w", "s", "ls")})
    lead = _lead_words(title)
    keys = set()
    for words in names:
        keys |= {f"w:{word}" for word in words} | _containing_keys(words, "ls", "le")
        if words == lead:
            keys |= _containing_keys(words, "s", "e")
    return _cut(keys)


def _cut(keys: set[str]) -> frozenset[str]:
    return frozenset(key[:KEY_CHARS] for key in keys)
