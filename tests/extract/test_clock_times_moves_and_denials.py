"""Error classes found on the newest development sets (science, health, politics, finance),
each pinned by our own sentences: a clock time between a plan word and its day, a move told as
a span ("from May 3 to June 9"), an invitation's long object, a weekday glossed by its date in
brackets, the day of what cannot happen, and a short weekday form that is a noun.
"""

from __future__ import annotations

import pytest

from tests.extract.helpers import accepted_values, event_dates

CASES = [
    # a clock time between "for" and the day: the hearing is ahead (a Tuesday article)
    (
        "Judge Rhea Calloway scheduled a hearing on the motion for 9:30 am on Thursday.",
        "2024-03-12",
        ["2024-03-14"],
    ),
    # the old plan's cue reaches across "a.m." and a zone gloss: superseded, no event
    (
        "A vote on the draft was originally scheduled for 10 a.m. EST (1500 GMT) Thursday.",
        "2024-03-12",
        [],
    ),
    # an invitation's object may be long: the occasion it invites to is ahead
    (
        "Mayor Lina Ostrova said she had invited council leader Tom Reyes of Eastfield and"
        " opposition leader Ada Kimura of Westbury to come to Brussels for the signing of the"
        " charter on Thursday.",
        "2024-03-12",
        ["2024-03-14"],
    ),
    # the day of what cannot happen is no event
    (
        "Opposition leader Dara Quint said the motion needs seven days' notice so it can't be"
        " debated on Monday.",
        "2024-06-05",
        [],
    ),
    # ... nor is its bracketed gloss; the gloss decides the weekday
    (
        "Residents won't be able to use the Elm Street pool Saturday (June 8) because of repairs.",
        "2024-06-05",
        [],
    ),
    # "until" dates what happens then
    ("The bridge can't reopen until Monday, officials said.", "2024-06-05", ["2024-06-10"]),
    # a weekday glossed by its date is that day, whatever the tense
    (
        "The city will close Elm Street on Saturday (June 8) for repairs.",
        "2024-06-05",
        ["2024-06-08"],
    ),
    # "the Sun." is the star, not Sunday
    (
        "The probe passed within 900 kilometers of the comet on the side facing the Sun.",
        "2024-03-12",
        [],
    ),
    ("The council met Sun. to vote on the budget.", "2024-03-12", ["2024-03-10"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_roles_and_tenses(text: str, published: str, expected: list[str]) -> None:
    assert sorted(set(event_dates(text, published))) == expected


def test_a_move_told_as_a_span_names_the_new_date() -> None:
    text = (
        "However, the regulator shifted the hearing on the tariff, which is likely to run two"
        " days, from April 9 to May 14."
    )
    assert accepted_values(text, "2024-03-12") == ["2024-05-14"]


def test_a_span_that_moves_nothing_stays_one_span() -> None:
    assert accepted_values("The exhibition runs from April 9 to May 14.", "2024-03-12") == [
        "2024-04-09"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nouns between a holiday and a period still make a period
        ("The walkout falls in the busy Thanksgiving holiday travel week.", []),
        ("Offices close on Memorial Day weekend.", []),
        # "this week" is no period of the holiday: the holiday is the day
        ("The parade returns on Labor Day this week.", ["2018-09-03"]),
    ],
)
def test_a_holiday_before_a_period_is_the_period(text: str, expected: list[str]) -> None:
    assert accepted_values(text, "2018-08-30") == expected
