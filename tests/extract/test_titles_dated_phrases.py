"""Titles of the phrase that holds the date: a `when` clause, a gerund or a noun phrase tell
what happened that day, not the sentence's main clause; and a title fitted to 100 characters
keeps its names. Our own sentences; published Friday 2025-04-04.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.helpers import titles_by_date

PUBLISHED = date(2025, 4, 4)


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "The dispute at the Harlow smelter turned violent on Tuesday when a crowd of "
            "Harlow strikers blocked the main road into the town, provoking clashes with police.",
            "2025-04-01",
            "crowd of Harlow strikers blocked main road into town provoking clashes with police",
        ),
        (
            "The takeover cleared its last big obstacle on Wednesday when 92 percent of Brindle "
            "Bank shareholders voted in favour of the deal at a meeting in Leeds.",
            "2025-04-02",
            "92 percent of Brindle Bank shareholders voted in favour of deal at meeting in Leeds",
        ),
        (
            "Fresh signs that the housing market is cooling arrived on Monday, when Tarvo Homes "
            "announced that it was cutting 300 jobs in four regions and closing its two oldest "
            "sales offices.",
            "2025-03-31",
            "Tarvo Homes announced it was cutting 300 jobs in four regions and closing two "
            "oldest sales offices",
        ),
    ],
)
def test_a_when_clause_with_a_named_subject_tells_the_day(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        ("The storm hit on Monday, when most residents were asleep.", "2025-03-31", "storm hit"),
        (
            "Vell Air took full control of the Keld terminal on Monday when it and Orvel Group "
            "ended a ten-year partnership.",
            "2025-03-31",
            "Vell Air took full control of Keld terminal",
        ),
        (
            "Hopes for a deal rose on Tuesday when the union offered to accept lower pay scales.",
            "2025-04-01",
            "Hopes for deal rose",
        ),
    ],
)
def test_a_when_clause_of_a_state_or_a_pronoun_leaves_the_main_clause(
    text: str, day: str, title: str
) -> None:
    assert titles_by_date(text, PUBLISHED)[day].startswith(title)


def test_a_dated_gerund_keeps_its_place_when_the_clause_is_long() -> None:
    titles = titles_by_date(
        "Members of the Dock Workers Local 12 set up picket lines at the port's three main "
        "terminals at 6 a.m. Monday, after flatly rejecting the port authority's pay offer on "
        "Tuesday.",
        PUBLISHED,
    )
    assert titles["2025-04-01"].endswith("after flatly rejecting port authority's pay offer")
    assert titles["2025-04-01"].startswith("Members of Dock Workers Local 12 set up")
    assert titles["2025-03-31"] == (
        "Members of Dock Workers Local 12 set up picket lines at port's three main terminals"
    )


@pytest.mark.parametrize(
    ("text", "day", "phrase"),
    [
        (
            "Since the introduction of stage 3 water limits on March 3, the town of Keld has cut "
            "its daily use to around 140 litres per person.",
            "2025-03-03",
            "since introduction of stage 3 water limits",
        ),
        (
            "Shares of Vell Mining closed up 2 percent at 14.10 after a 5 percent gain on Monday.",
            "2025-03-31",
            "after 5 percent gain",
        ),
    ],
)
def test_a_dated_noun_phrase_of_an_action_joins_the_title(text: str, day: str, phrase: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day].endswith(phrase)


def test_a_dated_noun_phrase_of_no_action_is_not_added() -> None:
    titles = titles_by_date(
        "Vell Air will move its head office from Arden to the new tower on Keld Street after "
        "the first week of March.",
        PUBLISHED,
    )
    assert titles == {
        "2026-03": "Vell Air will move its head office from Arden to new tower on Keld Street"
    }
