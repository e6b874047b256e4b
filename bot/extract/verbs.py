"""The verb reader shared by tense resolution (`resolve`) and titles (`titles`).

No parser: a word is read as a verb by its form and the word before it. The forms
(`is_modal`, `is_past_form`...) are defined once here, and so are the two readings built on
them: whether a word heads a finite verb group (titles pick a clause's verb with it) and
whether a past form is a past-tense verb where it stands (resolution takes tense from it).
"""

from __future__ import annotations

from functools import lru_cache

from bot.extract.lexicon.function_words import ARTICLES
from bot.extract.lexicon.verbs import (
    ADJECTIVE_CONTEXT,
    AUXILIARIES,
    IRREGULAR_PAST,
    MODALS,
    NOT_PAST_ED,
    PERFECT_AUXILIARIES,
    PRESENT_VERBS,
)

# After these a verb-looking word is the object of a determiner or a preposition ("the cut",
# "its launch"), or the second word of a verb group ("will need", "to cut").
_NOT_A_VERB_GROUP_HEAD_AFTER = MODALS | AUXILIARIES | ARTICLES | {"to", "its"}
_NOMINAL_AFTER = ARTICLES | {"its", "their", "his", "her", "of"}
_FINITE_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were"})


def is_modal(word: str) -> bool:
    """ "will", "would", "could", "'ll" ... (lower-case word)."""
    return word in MODALS or word.endswith(("'ll", "’ll"))


def is_regular_past(word: str) -> bool:
    """An -ed form that is a verb's past or participle, not an adjective or noun ("indeed")."""
    return word.endswith("ed") and len(word) > 4 and word not in NOT_PAST_ED


def is_past_form(word: str) -> bool:
    """A past or participle form, regular or irregular."""
    return word in IRREGULAR_PAST or is_regular_past(word)


def past_tense(word: str, previous: str) -> bool | None:
    """Whether a past form is a past-tense verb where it stands: yes after "has"/"was" or
    alone, no after a participle context ("the proposed deal"); None if word is no past form."""
    if word in IRREGULAR_PAST:
        return True
    if not is_regular_past(word):
        return None
    if previous in PERFECT_AUXILIARIES or previous in {"was", "were"}:
        return True
    return previous not in ADJECTIVE_CONTEXT


# Every word that can head a verb group, besides regular pasts and "'ll" (VERB_HEAD_ENDINGS):
# callers skip every other word without asking (most words of a sentence are no verb).
VERB_HEAD_WORDS = MODALS | _FINITE_AUXILIARIES | IRREGULAR_PAST | PRESENT_VERBS
VERB_HEAD_ENDINGS = ("ed", "'ll", "’ll")


@lru_cache(maxsize=8192)
def heads_verb_group(word: str, previous: str, capitalised: bool, first: bool) -> bool:
    """Whether the word heads a finite verb group ("will need to", "has announced", "cut"),
    judging by its form and the word before it; capitalised words inside a sentence are
    names, not verbs."""
    if capitalised and not first:
        return False
    if is_modal(word):
        return True
    if previous in _NOT_A_VERB_GROUP_HEAD_AFTER:
        return False
    if word in _FINITE_AUXILIARIES:
        return True
    if word in IRREGULAR_PAST or word in PRESENT_VERBS:
        return previous not in _NOMINAL_AFTER and not previous.endswith(("'s", "’s"))
    return is_regular_past(word) and previous not in ADJECTIVE_CONTEXT and not capitalised
