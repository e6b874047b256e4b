"""The look-ahead gates in front of sentence-wide searches (`\\b(?=[acrsw])`) must let through
every word the alternation behind them can start with; otherwise a new verb added to the
alternation would never be found."""

from __future__ import annotations

import re
import re._parser as sre_parse  # the standard library's own reading of a pattern
from typing import Any

import pytest

from bot.extract.events import (
    _ACCOUNTING_BEFORE,
    _ATTRIBUTIVE_DATE,
    _BACKGROUND_VERB,
    _BIO,
    _DEADLINE_BEFORE,
    _FILING,
    _FILING_PARTS,
    _LEVEL_FIGURE,
    _NEWSROOM_NOTE,
    _NEWSROOM_NOTE_PARTS,
    _POLICY_ACTION,
    _POSSIBLY,
    _PRICE_QUOTE,
)
from bot.extract.lifecycle import (
    _ACT_BEFORE,
    _INSTEAD_BEFORE,
    _MAY_CHANGE,
    _MAY_CHANGE_PARTS,
    _ORIGINAL_BEFORE,
    _PLANNED_BEFORE,
    _PLANNED_FOR_BEFORE,
    CANCELLATION,
    CANCELLATION_PARTS,
    RESCHEDULE,
    status,
)
from bot.extract.sentences import _CAPTION, CAPTION_PARTS

# The gate opens the pattern, after a word boundary or (for a search that ends at the date,
# "said on ", "the ") alone.
_GATE = re.compile(r"^(?:\\b)?\(\?=\[(?P<letters>[a-z]+)\]\)")


def _first_letters(items: Any) -> set[str]:
    """Lower-case letters a parsed pattern can start with (zero-width items skipped)."""
    for op, value in items:
        if op in (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            continue
        if op is sre_parse.LITERAL:
            return {chr(value).lower()}
        if op is sre_parse.IN:
            letters: set[str] = set()
            for kind, item in value:
                assert kind is sre_parse.LITERAL, "a gated alternative opens with a range"
                letters.add(chr(item).lower())
            return letters
        if op is sre_parse.BRANCH:
            return set().union(*(_first_letters(branch) for branch in value[1]))
        if op is sre_parse.SUBPATTERN:
            return _first_letters(value[3])
        raise AssertionError(f"a gated alternative opens with {op}")
    raise AssertionError("an alternative may be empty")


@pytest.mark.parametrize(
    "pattern",
    [
        CANCELLATION,
        _MAY_CHANGE,
        _BIO,
        _ACCOUNTING_BEFORE,
        RESCHEDULE,
        _ACT_BEFORE,
        _PLANNED_FOR_BEFORE,
        _PLANNED_BEFORE,
        _ORIGINAL_BEFORE,
        _INSTEAD_BEFORE,
        _POSSIBLY,
        _DEADLINE_BEFORE,
        _BACKGROUND_VERB,
        _LEVEL_FIGURE,
        _PRICE_QUOTE,
        _ATTRIBUTIVE_DATE,
        _POLICY_ACTION,
        pytest.param(
            _NEWSROOM_NOTE,
            marks=pytest.mark.xfail(
                reason="the gate lacks 'i': 'inquiries for comment' is never read (kept so that "
                "outputs stay byte-identical; a fix is a behaviour change to measure)",
                strict=True,
            ),
        ),
    ],
)
def test_gate_lets_every_alternative_through(pattern: re.Pattern[str]) -> None:
    gate = _GATE.match(pattern.pattern)
    assert gate is not None
    behind = sre_parse.parse(pattern.pattern[gate.end() :], pattern.flags)
    assert _first_letters(behind.data) <= set(gate["letters"])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The parade set for May 4 was Axed by the council.", "cancelled"),
        ("The concert on May 4 drew a Record crowd.", "event"),
        ("The vote, Originally set for June 5, now falls on June 12.", "superseded"),
    ],
)
def test_gated_searches_still_read_capitals(sentence: str, expected: str) -> None:
    start = sentence.index("May 4") if "May 4" in sentence else sentence.index("June 5")
    assert status(sentence, start, start + 5) == expected


# Phrases for each alternative of a searched pattern with a substring gate in front (one per
# spelling the alternative allows).
_GATED_PHRASES: dict[str, tuple[re.Pattern[str], tuple[str, ...], list[tuple[str, ...]]]] = {
    "caption": (
        _CAPTION,
        CAPTION_PARTS,
        [
            ("photo: A. Smith",),
            ("Photo by A. Smith",),
            ("a file photo of the plant",),
            ("(Photo: A. Smith)",),
            ("Pictured: the site",),
            ("Image: the site",),
            ("Credit: A. Smith",),
            ("Getty Images",),
            ("(AP Photo/A. Smith)",),
            ("REUTERS/A. Smith",),
        ],
    ),
    "filing": (
        _FILING,
        _FILING_PARTS,
        [
            ("its annual report on Form 10-K", "a Form 10-Q"),
            ("a report filed with the SEC", "filed with the Securities and Exchange Commission"),
            ("© 2025 Harlow Media",),
            ("Copyright 2025 Harlow Media",),
            ("(c) 2025 Harlow Media",),
        ],
    ),
    "cancellation": (
        CANCELLATION,
        CANCELLATION_PARTS,
        [
            ("the strike was called off",),
            ("they call off the strike", "calls off", "calling off"),
            ("cancel", "cancelled", "canceled", "cancels", "cancelling", "canceling"),
            ("scrap", "scrapped", "scraps", "scrapping"),
            ("axed",),
            ("shelved",),
            ("withdrew", "withdrawn", "withdraw"),
            ("withdraws",),
            ("withdrawing",),
            ("revoked",),
            ("rescinded",),
            ("will not take place", "would not go ahead"),
            ("won't take place", "won’t go ahead"),
            ("will not be played", "would not be held"),
        ],
    ),
    "newsroom note": (
        _NEWSROOM_NOTE,
        _NEWSROOM_NOTE_PARTS,
        [
            ("declined to comment", "refused comment", "declining to comment"),
            ("requests for comment", "request for comment"),  # "inquiry": see the xfail above
            (
                "did not respond",
                "didn't reply",
                "didn’t return",
                "could not be reached",
                "couldn't immediately respond",
                "couldn’t be reached",
            ),
            ("not immediately available", "not available for comment"),
            (
                "This story was updated",
                "the article has been published",
                "the report is corrected",
                "this post was first amended",
                "the story was originally posted",
            ),
            ("Editor's note:", "Editor’s note"),
            (
                "contributed to this report",
                "contributed to this story",
                "contributed to this article",
            ),
        ],
    ),
}
# What IGNORECASE reads as "i" or "s" although lower() keeps it apart.
_ODD_CAPITALS = {"i": ("\u0130", "\u0131"), "s": ("\u017f",), "k": ("\u212a",)}


def _spellings(phrase: str) -> list[str]:
    """The phrase as written, in capitals, and with each letter's odd capital in turn."""
    return [phrase, phrase.upper(), phrase.lower()] + [
        phrase[:index] + odd + phrase[index + 1 :]
        for index, char in enumerate(phrase)
        for odd in _ODD_CAPITALS.get(char.lower(), ())
    ]


def _alternatives(pattern: re.Pattern[str]) -> int:
    """How many alternatives the pattern's top-level branch has."""
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    return len(next(value[1] for op, value in items if op is sre_parse.BRANCH))


@pytest.mark.parametrize("name", sorted(_GATED_PHRASES))
def test_substring_gate_lets_every_alternative_through(name: str) -> None:
    pattern, parts, phrases = _GATED_PHRASES[name]
    assert _alternatives(pattern) == len(phrases), "phrases for each alternative"
    for spellings in phrases:
        for phrase in spellings:
            assert pattern.search(phrase), phrase
            for spelling in _spellings(phrase):
                if pattern.search(spelling):
                    assert any(part in spelling.lower() for part in parts), spelling


_MOVES = (
    *("push", "pushed", "pushes", "pushing", "postponed", "delay", "delayed", "delays"),
    *("delaying", "defer", "deferred", "defers", "deferring", "move", "moved", "moves"),
    *("moving", "rescheduled", "brought forward", "bring forward", "brings forward"),
    *("bringing forward", "put off", "shift", "shifted", "shifts", "shifting", "pull forward"),
    *("pulled forward", "pulls forward", "pulling forward"),
)
_MAY_CHANGE_PHRASES = [
    tuple(phrase for spellings in _GATED_PHRASES["cancellation"][2] for phrase in spellings),
    _MOVES,
    (
        *("instead of", "rather than", "in place of", "original", "originally", "initially"),
        *("previously", "first"),
    ),
    tuple(
        f"{be} {plan}"
        for be in ("had been", "was", "were")
        for plan in (
            "due",
            "scheduled",
            "set",
            "slated",
            "planned",
            "expected",
            "supposed",
            "meant",
        )
    ),
    tuple(
        f"{verb} {pronoun} {particle}"
        for verb in (
            *("put", "puts", "putting", "push", "pushed", "pushes", "pushing", "brought"),
            *("bring", "brings", "bringing", "move", "moved", "moves", "moving"),
        )
        for pronoun in ("it", "them")
        for particle in ("off", "back", "forward", "up")
    ),
]


def test_ascii_gate_of_the_lifecycle_search() -> None:
    """Every spelling of every alternative of _MAY_CHANGE passes its gate in ASCII text (other
    text is searched without it)."""
    assert _alternatives(_MAY_CHANGE) == len(_MAY_CHANGE_PHRASES), "phrases for each alternative"
    for spellings in _MAY_CHANGE_PHRASES:
        for phrase in spellings:
            assert _MAY_CHANGE.search(phrase), phrase
            for spelling in (phrase, phrase.upper(), phrase.title()):
                assert any(part in spelling.lower() for part in _MAY_CHANGE_PARTS), spelling
