"""Cross-article de-duplication: the same event reported by several articles is stored once.

Pure functions so that ingest order never changes the outcome: `is_same_event` is symmetric
and `preferred_title` sorts its candidates before choosing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rapidfuzz import fuzz

from bot.extract.lexicon import CALENDAR_WORDS

SIMILAR_TITLE_SCORE = 70.0
# With a shared name, a looser similarity suffices ("Samsung to hold Unpacked" / "Samsung
# Unpacked launch event"); a shared country alone ("China ...") is not enough.
SIMILAR_WITH_SHARED_NAME_SCORE = 55.0
# Across articles a single shared name needs more: nothing else ties two reports of one actor
# on one day together ("Acme opens its refinery" / "Acme shareholders elect a chairman": 58).
SIMILAR_ACROSS_WITH_SHARED_NAME_SCORE = 60.0
_ENTITY = re.compile(
    r"\b(?:[A-Z][\w&'’.-]*[A-Za-z0-9]|[A-Z])(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w&'’.-]*)*"
)
_NOT_ENTITIES = frozenset(
    {
        "The",
        "A",
        "An",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "They",
        "We",
        "On",
        "In",
        "At",
        "By",
        "For",
        "From",
        "After",
        "Before",
        "As",
        "And",
        "But",
        "Today",
        "US",
        "U.S.",
        "UK",
        "EU",
    }
) | {word.title() for word in CALENDAR_WORDS}


def dates_compatible(a_date: str, b_date: str) -> bool:
    """Same date, or a month that contains the other's day."""
    if a_date == b_date:
        return True
    if len(a_date) == 7 and len(b_date) == 10:
        return b_date.startswith(a_date)
    if len(b_date) == 7 and len(a_date) == 10:
        return a_date.startswith(b_date)
    return False


def _names_in_order(title: str) -> Iterator[str]:
    """Capitalised names in a title, in order, minus sentence-initial function words and
    calendar words, lower-cased."""
    for match in _ENTITY.finditer(title):
        words = [w for w in match.group().split() if w not in _NOT_ENTITIES]
        if words:
            yield " ".join(words).lower().rstrip("'’s")


@lru_cache(maxsize=65_536)
def named_entities(title: str) -> frozenset[str]:
    """The names in a title (`_names_in_order`).

    Cached: merging compares a stored title with every new report that shares a name with it.
    """
    return frozenset(_names_in_order(title))


@lru_cache(maxsize=65_536)
def lead_name(title: str) -> str | None:
    """The title's first name: who acts, since titles say who did what ("Acme opens ...")."""
    return next(_names_in_order(title), None)


def is_same_event(a_date: str, a_title: str, b_date: str, b_title: str) -> bool:
    """Whether two dated titles describe one event: compatible dates and similar titles or names."""
    return _similar(a_date, a_title, b_date, b_title, SIMILAR_WITH_SHARED_NAME_SCORE)


def _similar(a_date: str, a_title: str, b_date: str, b_title: str, one_name_score: float) -> bool:
    """Compatible dates, and similar titles, or two shared names, or one and `one_name_score`."""
    if not dates_compatible(a_date, b_date):
        return False
    similarity = fuzz.token_set_ratio(a_title.lower(), b_title.lower())
    if similarity >= SIMILAR_TITLE_SCORE:
        return True
    shared = _shared_names(named_entities(a_title), named_entities(b_title))
    return shared >= 2 or shared == 1 and similarity >= one_name_score


def is_same_event_across_articles(a_date: str, a_title: str, b_date: str, b_title: str) -> bool:
    """`is_same_event` for reports from different articles, which also need a common actor
    (`_actors`) when both titles name one. Two companies' investor days in one city are two
    events, however alike the titles read; so are "Arvel Metals will buy Norm Energy" and
    "Norm Energy will buy Coast Mining" (the second company acts only in one); "Lagarde says
    ECB will cut" and "ECB cuts" are one. A report must not chain two events that are not one:
    the store folds the events a report matches (`timeline_store._fold`). (Within one article
    a restatement may name its actor differently: "His sentencing was moved" after "Morgan's
    sentencing was delayed".)"""
    a_actors, b_actors = _actors(a_title), _actors(b_title)
    if a_actors and b_actors and not _shared_names(a_actors, b_actors):
        return False
    return _similar(a_date, a_title, b_date, b_title, SIMILAR_ACROSS_WITH_SHARED_NAME_SCORE)


# Where a title hands over from a speaker to what was said ("ECB President Lagarde: ...",
# "Lagarde says ECB will cut", "Arden announced Ana Roe will visit"): the reported clause
# names its own actor.
_REPORTED_CLAUSE = re.compile(r":\s|\b(?:says|said|told|announces|announced)\s(?:that\s)?")


@lru_cache(maxsize=65_536)
def _actors(title: str) -> frozenset[str]:
    """Who acts in a title: its first name (`lead_name`: titles say who did what), and the
    name that opens a reported clause after its speaker ("said it will buy Acme": nobody new)."""
    actors = {lead_name(title)}
    reported = _REPORTED_CLAUSE.search(title)
    if reported:
        clause = title[reported.end() :].removeprefix("the ").removeprefix("The ")
        if _ENTITY.match(clause):
            actors.add(lead_name(clause))
    return frozenset(actor for actor in actors if actor is not None)


def _shared_names(a_names: frozenset[str], b_names: frozenset[str]) -> int:
    """Names of one title contained in a name of the other ("samsung" in "samsung unpacked")."""
    a_words = [frozenset(name.split()) for name in a_names]
    b_words = [frozenset(name.split()) for name in b_names]
    return sum(1 for a in a_words if any(a <= b or b <= a for b in b_words))


def preferred_title(titles: Iterable[str]) -> str:
    """Deterministic best title: most named entities, then length closest to 60 chars, then text."""
    candidates = sorted({t.strip() for t in titles if t and t.strip()})
    if not candidates:
        return ""
    return min(candidates, key=lambda t: (-len(named_entities(t)), abs(len(t) - 60), t))
