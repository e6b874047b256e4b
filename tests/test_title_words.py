"""Merge candidates are pre-selected by shared names; the keys must agree both ways round."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract.merge import is_same_event_across_articles, named_entities
from bot.title_words import LONGEST_KEYED_NAME, index_keys, probe_keys

TITLES = [
    "Brightwater Mining opens its Ontario mill",
    "Brightwater to open the new mill",
    "Ontario approves the Brightwater mill",
    "Kestrel Foods reports quarterly sales",
    "Kestrel Foods Group reports quarterly sales",
    "quarterly sales figures due from the grocer",
    "grocer figures slip",
    "Bank of Upper Rhine Valley Savings Cooperative sets its rate",
    "Rhine shipping resumes",
    "北岭化工发布季度报告",
]


def _meets(new: str, stored: str) -> bool:
    return not probe_keys(new).isdisjoint(index_keys(stored))


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(TITLES, 2)))
def test_whichever_title_came_first_the_pair_is_compared_or_not(a: str, b: str) -> None:
    assert _meets(a, b) == _meets(b, a)


@pytest.mark.parametrize(
    ("a", "b", "compared"),
    [
        # A name inside the other's name: compared.
        ("Brightwater Mining opens its Ontario mill", "Brightwater to open the new mill", True),
        ("Kestrel Group reports quarterly sales", "Kestrel Group Holdings reports sales", True),
        # Two companies that only share a generic word of their names: not compared.
        ("Kestrel Foods reports quarterly sales", "Osprey Foods reports quarterly sales", False),
        # Without names, a shared word is enough; and a name word among plain words.
        ("quarterly sales figures due", "sales figures slip", True),
        ("Kestrel Foods reports quarterly sales", "kestrel sales slip", True),
        ("grocer figures slip", "Kestrel Foods reports", False),
        # Two actors sharing only a place: not compared (`merge` would not merge them).
        ("Kestrel Foods opens its Ontario mill", "Osprey Mining opens an Ontario plant", False),
        # An actor among the other title's names: compared, whichever came first.
        ("Ontario approves the Brightwater mill", "Brightwater Mining opens its mill", True),
        ("kestrel shares slip", "Kestrel Foods reports quarterly sales", True),
        # A very long name is keyed by its single words.
        ("Bank of Upper Rhine Valley Savings Cooperative sets rate", "Rhine shipping", True),
    ],
)
def test_pairs_are_compared_when_they_share_a_name(a: str, b: str, compared: bool) -> None:
    assert _meets(a, b) is compared


def test_a_long_name_is_keyed_by_single_words() -> None:
    long_name = "Alder Birch Cedar Dogwood Elm Fir"
    assert len(long_name.split()) > LONGEST_KEYED_NAME
    assert {key for key in index_keys(f"{long_name} opens") if " " in key} == set()


_WORDS = st.sampled_from(
    ["Alder", "Birch", "Cedar", "works", "opens", "mill", "Dogwood", "the", "alder", "in"]
)


@given(st.lists(_WORDS, min_size=1, max_size=7), st.lists(_WORDS, min_size=1, max_size=7))
def test_keys_are_symmetric_for_any_titles(a: list[str], b: list[str]) -> None:
    first, second = " ".join(a), " ".join(b)
    assert _meets(first, second) == _meets(second, first)


@given(st.lists(_WORDS, min_size=1, max_size=7), st.lists(_WORDS, min_size=1, max_size=7))
def test_every_pair_of_named_titles_that_may_merge_is_compared(a: list[str], b: list[str]) -> None:
    first, second = " ".join(a), " ".join(b)
    both_named = named_entities(first) and named_entities(second)
    if both_named and is_same_event_across_articles("2025-06-03", first, "2025-06-03", second):
        assert _meets(first, second)
