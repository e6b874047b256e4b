"""Error classes found on the wire, local-news, court and sports sets (development data only),
each pinned by our own sentences: moves told in lists and with "now", plans in the past perfect
that a cancellation overtakes, spans with clock times, zones glossed with "or", windows of days,
series of past years' dates, and the tense of nominal and perfect-modal clauses.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import extract_events
from tests.extract.helpers import accepted_values


def _events(text: str, published: str) -> list[str]:
    """Dates of the events that happen (not the cancelled ones), sorted."""
    return sorted(
        e.date for e in extract_events(text, date.fromisoformat(published)) if not e.cancelled
    )


MOVES = [
    # "now scheduled for" is the new date of a move, not a plan the move overtook
    (
        "The county fair set for July 4 has been postponed, and the parade is now scheduled"
        " for July 11.",
        ["2024-07-11"],
    ),
    # a bare "had been due" names no move: another body's meeting that day still stands
    (
        "The regional council had been due to meet on July 8. The whole assembly has been"
        " called for July 8 instead of the council.",
        ["2024-07-08"],
    ),
    # a plan told in the past, restated without a tense of its own, still spreads
    (
        "The mayor was set to testify at a July 9 hearing. Lawyers asked to delay the July 9"
        " hearing.",
        [],
    ),
    # the next date of a list shares the fate of the first
    ("The bridge inspections scheduled for June 24 and July 1 have been delayed.", []),
    ("The lane closure planned for the weekend of June 22-23 has been postponed.", []),
    # a plan in the past perfect, active voice, overtaken by a cancellation after "but"
    (
        "Acme and Bolt had planned a launch party, Bolt Live, for June 27, but the firms said"
        " today the party has been cancelled.",
        ["2024-06-20"],
    ),
    # the plan's place before its day, and the list that continues it
    (
        "The carmaker scrapped test drives planned for Denver on Monday and Austin on Tuesday,"
        " a spokesman said.",
        [],
    ),
    # a list of new dates stays
    ("The vote will be held on July 2 and July 9.", ["2024-07-02", "2024-07-09"]),
]


@pytest.mark.parametrize(("text", "expected"), MOVES)
def test_moved_and_cancelled_plans_in_lists_and_with_now(text: str, expected: list[str]) -> None:
    assert _events(text, "2024-06-20") == expected


SPANS_GLOSSES_AND_WINDOWS = [
    # a clock time between "until" and the day: still the span's end
    ("The detour will run from 9:00 p.m. Friday until 6 a.m. Monday.", ["2024-06-21"]),
    ("The hall is booked from noon Saturday to midnight Sunday.", ["2024-06-22"]),
    # the same moment told again in another zone after "or"
    (
        "The statement came late Monday afternoon Washington time, or early Tuesday morning"
        " Seoul time.",
        ["2024-06-17"],
    ),
    # a window of days is no single day
    ("The court told the agency to hold the vote on any day between August 3 and August 10.", []),
    # a plain "between" span keeps its first day
    ("Voting runs between August 3 and August 10.", ["2024-08-03"]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS_GLOSSES_AND_WINDOWS)
def test_spans_with_clock_times_zone_glosses_and_windows(text: str, expected: list[str]) -> None:
    assert accepted_values(text, "2024-06-20") == expected


HISTORIES = [
    # days of earlier years listed in one sentence are a history to compare with
    (
        "The rains reached the coast on June 8 last year, May 29 in 2022, June 3 in 2021 and"
        " June 1 in 2020.",
        [],
    ),
    # the holder of a record
    (
        "Onset dates have varied, the earliest being May 11 in 1918 and the most delayed being"
        " June 18 in 1972.",
        [],
    ),
    # two dated milestones of a story are still events, and "in 2019" is the date's own year
    (
        "The plant opened on March 4 in 2019 and closed on May 2, 2023.",
        ["2019-03-04", "2023-05-02"],
    ),
    # this year's days are the news, however many years the sentence names
    (
        "The river crested on May 2, fell on May 9 and rose again on May 14.",
        ["2024-05-02", "2024-05-09", "2024-05-14"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HISTORIES)
def test_series_of_past_years_and_records_are_histories(text: str, expected: list[str]) -> None:
    assert accepted_values(text, "2024-05-19") == expected


TENSES = [
    # "to" before a determiner is a preposition, not an intent's infinitive
    (
        "2024-06-19",
        "The boards agreed to the merger in February which will create a giant.",
        ["2024-02"],
    ),
    # a fronted date before an active "scheduled <object>": the planning, told in the past
    (
        "2024-06-19",
        "At their spring meeting in March, the ministers scheduled the autumn review.",
        ["2024-03"],
    ),
    # ... while the plan's own date stays ahead
    ("2024-06-19", "The board scheduled a vote for Friday.", ["2024-06-21"]),
    ("2024-06-19", "The council has scheduled a hearing on July 2.", ["2024-07-02"]),
    # a modal before "have" tells a past possibility
    (
        "2024-06-19",
        "Anyone who could have been exposed on June 12 at the clinic should call.",
        ["2024-06-12"],
    ),
    ("2024-06-19", "The ferry may have sailed on June 12 without its papers.", ["2024-06-12"]),
    # "are not suspended" is a present passive: the coming Monday
    (
        "2024-06-16",
        "Classes in the city are not suspended on Monday despite the storm.",
        ["2024-06-17"],
    ),
    # a weekday without a tense is the one the article already read
    (
        "2024-06-20",
        "The fair will open Saturday and Sunday at the showground. Stalls at the hall on Saturday.",
        ["2024-06-22", "2024-06-22"],
    ),
]


@pytest.mark.parametrize(("published", "text", "expected"), TENSES)
def test_tense_of_prepositions_active_plans_perfect_modals_and_untensed_weekdays(
    published: str, text: str, expected: list[str]
) -> None:
    assert accepted_values(text, published) == expected


RANGES_AND_HABITS = [
    # two days in a row joined by "and" are one two-day happening, even in a move
    ("The round will be played on Saturday, August 31 and Sunday, September 1.", ["2024-08-31"]),
    ("The round was moved to Saturday, August 31 and Sunday, September 1.", ["2024-08-31"]),
    # days a week apart are two happenings
    ("Hearings are set for July 9 and July 16.", ["2024-07-09", "2024-07-16"]),
    # a distributive "each" after an amount is no habit
    ("On June 4, the rival opened its bid at $31.25 each for half of the shares.", ["2024-06-04"]),
    ("On June 4 the two firms paid 200 dollars each to settle.", ["2024-06-04"]),
    # "each Monday" still is one
    ("The team meets each Monday at the club.", []),
]


@pytest.mark.parametrize(("text", "expected"), RANGES_AND_HABITS)
def test_two_day_ranges_joined_by_and_and_distributive_each(text: str, expected: list[str]) -> None:
    assert accepted_values(text, "2024-07-04") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a publication's issue cited by its date and page
        ("Prices fell after the deal was struck (Oil Weekly, June 3, 2024, p. 12).", []),
        ("The ruling came after the hearing (Court Digest, May 28, pp. 4-5).", []),
        # a page number elsewhere leaves a date alone
        ("The report (page 4) was issued on June 3.", ["2024-06-03"]),
    ],
)
def test_a_cited_issue_is_no_event(text: str, expected: list[str]) -> None:
    assert accepted_values(text, "2024-06-20") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day of a statement whose content is reported: made, whatever the content's tense
        (
            "An announcement by Acme Ltd. on Tuesday that it won't be able to meet its contracts"
            " could mean higher prices.",
            ["2024-06-18"],
        ),
        ("A statement on Monday that the plant will close stunned the town.", ["2024-06-17"]),
        # a statement still to be made stays ahead
        (
            "The firm will make an announcement on Friday that it hopes will calm markets.",
            ["2024-06-21"],
        ),
    ],
)
def test_the_day_of_a_reported_statement_is_past(text: str, expected: list[str]) -> None:
    assert accepted_values(text, "2024-06-19") == expected
