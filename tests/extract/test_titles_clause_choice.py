"""Titles name the clause that holds the date and the actors it names (kw@title round on real
text). Our own sentences; published Friday 2025-04-04.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.helpers import titles_by_date

PUBLISHED = date(2025, 4, 4)


@pytest.mark.parametrize(
    ("text", "date_", "expected"),
    [
        # a clause joined by "and" with its own subject is the date's clause
        (
            "The Harbin Hawks will rest on Thursday and they can secure a playoff place on "
            "April 20 if they beat the Ostend Owls.",
            "2025-04-20",
            "Harbin Hawks can secure playoff place if they beat Ostend Owls",
        ),
        # "Meanwhile, a meeting ... was held": an opening adverb is no name for the subject
        (
            "Meanwhile, a meeting between Tarvo Water Board and Keld Farmers Union officials was "
            "held on Wednesday to discuss the drought.",
            "2025-04-02",
            "meeting between Tarvo Water Board and Keld Farmers Union officials was held",
        ),
    ],
)
def test_title_tells_the_clause_that_holds_the_date(text: str, date_: str, expected: str) -> None:
    titles = titles_by_date(text, PUBLISHED)
    assert date_ in titles, titles
    assert titles[date_].startswith(expected), titles[date_]


def test_headline_does_not_replace_a_title_that_names_more() -> None:
    text = (
        "The long weekend stayed calm for crews, but as night fell one man was taken to the "
        "hospital on Saturday night after a brawl broke out at Dunmore Park.\n"
        "Crews also answered two small grass fires."
    )
    titles = titles_by_date(text, PUBLISHED, headline="Emergency crews enjoy a calm long weekend")
    assert "Dunmore Park" in titles["2025-03-29"]


def test_headline_still_titles_a_lead_event_whose_title_names_no_one() -> None:
    text = (
        "The overnight closure of the river bridge will be enforced on Monday to allow "
        "inspections.\nDrivers should use the bypass."
    )
    headline = "Overnight closure for Pellow Bridge on Monday"
    assert titles_by_date(text, PUBLISHED, headline=headline)["2025-04-07"] == headline


@pytest.mark.parametrize(
    ("text", "date_", "expected"),
    [
        # "of the" inside a name keeps the name whole
        (
            "The Monetary Board of the Central Bank of Ardena on Friday announced that the "
            "policy rate has been kept unchanged.",
            "2025-04-04",
            "Monetary Board of the Central Bank of Ardena announced policy rate",
        ),
        # a description opened by "its" after a name is an aside
        (
            "Dunlow, its retail empire in tatters, filed for bankruptcy protection on Sunday "
            "and sued rival Kessel Stores for breach of contract.",
            "2025-03-30",
            "Dunlow filed for bankruptcy protection and sued rival Kessel Stores",
        ),
        # a short title is filled with the rest of its clause, up to the attribution
        (
            "The first lane closure is scheduled to begin Monday when crews will start laying "
            "a new culvert near the southern end of the works, officials said.",
            "2025-04-07",
            "officials said first lane closure is scheduled to begin when crews will start "
            "laying new culvert",
        ),
        # a relative clause's subject is the noun phrase after the verb before it
        (
            "The slow work of choosing a bilingual panel could mean a delay in the hearing of "
            "witnesses, which is scheduled to start next Monday.",
            "2025-04-07",
            "delay in hearing of witnesses is scheduled to start",
        ),
        # "the deal, which was announced": the event noun stays with its verb
        (
            "Pellow Foods agreed to buy Marn Dairy for $2 billion last week.\n"
            "Regulators must still approve the deal, which was announced on March 3.",
            "2025-03-03",
            "Pellow Foods agreed to buy Marn Dairy for $2 billion last week; deal was announced",
        ),
    ],
)
def test_title_keeps_names_and_nouns_that_say_what_happened(
    text: str, date_: str, expected: str
) -> None:
    titles = titles_by_date(text, PUBLISHED)
    assert date_ in titles, titles
    assert titles[date_].startswith(expected), titles[date_]


def test_the_storm_is_the_named_storm_told_before() -> None:
    text = (
        "Hurricane Selma weakened over the warm sea on Tuesday.\n"
        "The hurricane was expected to cross the northern coast of Arlen early on Saturday."
    )
    assert titles_by_date(text, PUBLISHED)["2025-04-05"].startswith(
        "Hurricane Selma was expected to cross"
    )


def test_a_clause_without_a_finite_verb_stays_in_the_subject() -> None:
    text = (
        "A company spokeswoman, Lia Marsh, said the plant's restart after being flooded on "
        "March 12 by the storm is going well."
    )
    assert (
        "plant's restart after being flooded by storm is going well"
        in (titles_by_date(text, PUBLISHED)["2025-03-12"])
    )


def test_an_opening_connective_is_no_speaker() -> None:
    text = (
        "However, the head of the Marlow Growers Union, Tom Reyes, said on Monday that farm "
        "gate prices will rise."
    )
    assert titles_by_date(text, PUBLISHED)["2025-03-31"].startswith(
        "head of Marlow Growers Union said"
    )


def test_a_short_title_is_filled_with_a_reported_cause() -> None:
    text = (
        "On Friday, the markets staged a small rally after the statistics office reported a "
        "drop in rents."
    )
    assert titles_by_date(text, PUBLISHED)["2025-04-04"] == (
        "markets staged small rally after statistics office reported drop in rents"
    )


def test_a_long_passive_is_written_headline_style() -> None:
    text = (
        "Chilean copper miner Corvo Resources has been authorized to partially resume wet "
        "processing operations at its Serra Alta complex, the company said on Tuesday."
    )
    assert titles_by_date(text, PUBLISHED)["2025-04-01"].startswith(
        "Chilean copper miner Corvo Resources authorized to partially resume"
    )
    assert titles_by_date("The harbour bridge was reopened on Tuesday.", PUBLISHED)[
        "2025-04-01"
    ] == ("harbour bridge was reopened")


def test_a_date_before_an_occasion_names_the_occasion() -> None:
    text = (
        "In the March monetary policy statement, the central bank had said growth would slow "
        "to 2 per cent."
    )
    assert titles_by_date(text, PUBLISHED)["2025-03"].endswith("at March monetary policy statement")


def test_who_after_a_described_name_is_the_name() -> None:
    text = (
        "Two brothers – Dale Orrin, his cousin Ray Orrin and a neighbour – are accused of "
        "robbing Tamsin Vey, a 30-year-old nurse who was cycling home on March 2 near the "
        "river."
    )
    assert titles_by_date(text, PUBLISHED)["2025-03-02"].startswith("Tamsin Vey was cycling home")


def test_who_after_according_to_is_the_source() -> None:
    text = (
        "Closing statements in the Dunmore fraud trial will begin on Monday, according to "
        "Judge Hal Presk who made the announcement in court on Thursday."
    )
    assert titles_by_date(text, PUBLISHED)["2025-04-03"].startswith(
        "Judge Hal Presk made announcement in court"
    )
