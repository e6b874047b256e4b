"""Titles, tenth round: speakers that are a group named by whose they are, and the fit to 100
characters. Our own sentences; published Friday 2025-04-04.
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
            "Danish officials said Wednesday that the fishing talks would resume in Oslo.",
            "2025-04-02",
            "Danish officials said fishing talks would resume in Oslo",
        ),
        (
            "Harlow Valley University lecturers announced Tuesday they will walk out at all "
            "nine campuses.",
            "2025-04-01",
            "Harlow Valley University lecturers announced they will walk out at all nine campuses",
        ),
        (
            "Welsh researchers said Monday they would keep trying to reach their buoy.",
            "2025-03-31",
            "Welsh researchers would keep trying to reach their buoy",
        ),
    ],
)
def test_a_group_speaker_keeps_its_noun(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


def test_the_fit_counts_a_long_name_at_its_short_form() -> None:
    # "NASA" leaves room for the object the long name would have cut
    text = (
        "The National Aeronautics and Space Administration began receiving the first of some "
        "50 to 70 pictures from the Tarn lander's cameras late Saturday, after it touched down."
    )
    assert (
        titles_by_date(text, PUBLISHED)["2025-03-29"]
        == "NASA began receiving first of some 50 to 70 pictures from Tarn lander's cameras"
    )


@pytest.mark.parametrize(
    ("speaker", "title"),
    [
        # the date is the saying's: a short speaker keeps its place, the content gives up its end
        (
            "county officials",
            "Orvel Mining summoned leaders of unions at northern smelters to urgent, county "
            "officials said",
        ),
        # a short name fits whole after the fitted content
        (
            "Kestrel County's chief inspector Ana Roe",
            "Orvel Mining summoned leaders of unions at northern smelters to urgent meeting in "
            "Keld, Ana Roe said",
        ),
    ],
)
def test_a_dated_trailing_speaker_keeps_its_place_when_short(speaker: str, title: str) -> None:
    text = (
        "Orvel Mining has summoned the leaders of the unions at its northern smelters to an "
        f"urgent meeting Monday in Keld to discuss the job cuts, {speaker} said Thursday."
    )
    assert titles_by_date(text, PUBLISHED)["2025-04-03"] == title


def test_who_announced_what_another_will_do_stays() -> None:
    text = "Arden on Wednesday announced that Prime Minister Ana Roe will open the Keld bridge."
    assert (
        titles_by_date(text, PUBLISHED)["2025-04-02"]
        == "Arden announced Prime Minister Ana Roe will open Keld bridge"
    )
