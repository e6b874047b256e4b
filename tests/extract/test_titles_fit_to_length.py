"""Titles composed to fit 100 characters: a long title drops the words a timeline line does not
need (rule FIT_TO_LENGTH and its steps) before the cut, so that it keeps its object. Our own
sentences; published Friday 2025-04-04.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract.titles.compose import cut, fitted
from tests.extract.helpers import titles_by_date

PUBLISHED = date(2025, 4, 4)


@pytest.mark.parametrize(
    ("text", "fit"),
    [
        # FIT_ARTICLES: a title taken from the sentence drops its articles, not "a week"
        (
            "The council said the collection of the old library will be packed up and moved to "
            "the new building a week later",
            "The council said collection of old library will be packed up and moved to new "
            "building a week later",
        ),
        # FIT_DATE_WORDS: when, which the timeline line already shows
        (
            "Arden is close to signing several fishing accords in coming weeks and will notify "
            "its neighbours of new quota limits",
            "Arden is close to signing several fishing accords and will notify its neighbours of "
            "new quota limits",
        ),
        (
            "Keld steel mills will have to keep their output plans in 2024 and curtail at least "
            "20% of nickel smelting",
            "Keld steel mills will have to keep their output plans and curtail at least 20% of "
            "nickel smelting",
        ),
        (
            "Ana Roe said the board had approved that morning a plan to merge the two harbour "
            "pilots' unions into one",
            "Ana Roe said the board had approved a plan to merge the two harbour pilots' unions "
            "into one",
        ),
        (
            "If last year is any guide, buyers will be able to place orders on Friday, September "
            "12, and receive Vell phones a week later",
            "If last year is any guide, buyers will be able to place orders, and receive Vell "
            "phones a week later",
        ),
        (
            "The council said the only hearing due to be held in the near future is that of the "
            "harbour planning committee",
            "The council said the only hearing due to be held is that of the harbour planning "
            "committee",
        ),
        (
            "Talks between the growers and the buyers continued at the weekend among all parties "
            "about a new price for wool",
            "Talks between the growers and the buyers continued among all parties about a new "
            "price for wool",
        ),
        (
            "Level 3 limits on garden hoses were imposed in November 2024, so residents can use "
            "buckets during restricted hours",
            "Level 3 limits on garden hoses were imposed, so residents can use buckets during "
            "restricted hours",
        ),
        (
            "That has made the Vell chain a likely takeover target as of late, while also leading "
            "to the exit of CEO Ana Roe",
            "That has made the Vell chain a likely takeover target, while also leading to the exit "
            "of CEO Ana Roe",
        ),
        # a bare day date, not an end's nor an occasion's
        (
            "New round of levies took effect Sept. 1, which Keld authorities asked Arden trade "
            "court to suspend for all goods",
            "New round of levies took effect, which Keld authorities asked Arden trade court to "
            "suspend for all goods",
        ),
        # FIT_FILLER_ADVERBS: "will then announce" -> "will announce"
        (
            "Vell central bank will wrap up two-day monetary policy meeting and then announce "
            "decision on lending rates",
            "Vell central bank will wrap up two-day monetary policy meeting and announce decision "
            "on lending rates",
        ),
        # FIT_THAT: "that" after a verb of saying or deciding
        (
            "District judge in Keld ruled that back pay owed to striking dock workers should go "
            "out to them within 48 hours",
            "District judge in Keld ruled back pay owed to striking dock workers should go out to "
            "them within 48 hours",
        ),
        # FIT_BE_BEFORE_ADJECTIVE: "is likely to" -> "likely to"
        (
            "Tropical storm over Vell Sea is likely to turn north and weaken into depression near "
            "Keld and Arden coasts",
            "Tropical storm over Vell Sea likely to turn north and weaken into depression near "
            "Keld and Arden coasts",
        ),
        # FIT_DURATION: how long goes last
        (
            "District judge in Keld agreed to postpone for three months fraud trial of several "
            "former managers of Vell Bank",
            "District judge in Keld agreed to postpone fraud trial of several former managers of "
            "Vell Bank",
        ),
        # FIT_POSSESSIVES: "its" / "their" before a noun phrase
        (
            "Orvane Lighting sold part of its business making acrylic sheet for street lamps to "
            "Brightmold Plastics",
            "Orvane Lighting sold part of business making acrylic sheet for street lamps to "
            "Brightmold Plastics",
        ),
    ],
)
def test_a_long_title_drops_what_a_timeline_line_does_not_need(text: str, fit: str) -> None:
    assert len(text) > 100
    assert fitted(text, 100) == fit


def test_fitting_stops_once_the_title_fits() -> None:
    # the date words alone make room: "its" stays
    text = (
        "Keld Ferries will cut its winter timetable this month and add two sailings to the "
        "Arden islands route"
    )
    assert fitted(text, 100) == (
        "Keld Ferries will cut its winter timetable and add two sailings to the Arden islands route"
    )
    assert fitted("Keld Ferries will cut its winter timetable this month", 100) == (
        "Keld Ferries will cut its winter timetable this month"
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a year that modifies a noun names the thing: "2026 local elections"
        (
            "The Arden constitutional court dismissed an application seeking to postpone the "
            "2026 local elections by a year",
            "2026 local elections",
        ),
        # an end or a deadline is more than the date: "until", "by"
        (
            "The Arden cabinet decided to extend the ban until August 5, 2026, on importing goods "
            "from Keld into Arden",
            "until August 5, 2026",
        ),
        (
            "Vell Motors must file its revised emission plans for all diesel engines by March, "
            "the Arden environment agency said",
            "by March",
        ),
        (
            "The Keld school board cut the budget by $4 million at the July 13 board meeting, and "
            "the teachers union objected",
            "July 13 board meeting",
        ),
        # "USA Today" is a name; "further" is an adjective
        (
            "Editors at USA Today said the newsroom will investigate further complaints about the "
            "paper's coverage of the vote",
            "USA Today said newsroom will investigate further complaints",
        ),
    ],
)
def test_fitting_keeps_names_and_modifiers(text: str, kept: str) -> None:
    assert len(text) > 100
    assert kept in fitted(text, 100)


def test_a_long_title_keeps_its_object_end_to_end() -> None:
    text = (
        "The Vell central bank will wrap up its two-day monetary policy meeting on Tuesday and "
        "then announce its decision on interest rates."
    )
    title = titles_by_date(text, PUBLISHED)["2025-04-08"]
    assert title.endswith("decision on interest rates")
    assert len(title) <= 100


def test_a_reason_clause_gives_way_to_the_speaker() -> None:
    # rule REASON_FOR_SPEAKER: who said it is worth more than why
    text = (
        "A Keld ban on exporting raw cocoa beans is unlikely to have a significant effect since "
        "the local mills already grind most of the crop, a union official said on Monday."
    )
    title = titles_by_date(text, PUBLISHED)["2025-03-31"]
    assert title.endswith(", union official said")
    assert "since" not in title


def test_a_title_taken_from_the_sentence_is_fitted_too() -> None:
    # the fallback title keeps the sentence's dates: cut() fits before it cuts
    sentence = (
        "If last year is a guide, buyers will be able to place orders on Friday, September 12, "
        "and receive the phones a week later."
    )
    assert cut(sentence.rstrip(".")) == (
        "If last year is a guide, buyers will be able to place orders, and receive the phones a "
        "week later"
    )


def test_fitting_makes_room_for_the_speaker() -> None:
    # rule SPEAKER_ROOM: without the fit, ", two sides said" would not fit after the content
    text = (
        "Vell Air and its pilots union will resume contract talks this week at an undisclosed "
        "site in Keld, the two sides said on Monday."
    )
    assert titles_by_date(text, PUBLISHED)["2025-03-31"] == (
        "Vell Air and its pilots union to resume contract talks at undisclosed site in Keld, two "
        "sides said"
    )
