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
