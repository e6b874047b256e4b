"""Rule SUBORDINATE_ACTION: a date inside a `when/after/as/while/where/although` clause, after
that clause's own verb and in any tense, titles that clause by its own subject; a pronoun
subject or a reported clause keeps the main clause. Our own sentences; published Friday
2025-04-04.
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
            "Rail fares will top the agenda when Ana Roe meets Monday with Transport Minister "
            "Tom Ray.",
            "2025-04-07",
            "Ana Roe meets with Transport Minister Tom Ray",
        ),
        (
            "The launch was scrubbed after the Keld refinery blast killed four workers on "
            "March 12.",
            "2025-03-12",
            "Keld refinery blast killed four workers",
        ),
        (
            "The city is not expected to act further, although Mayor Jan Holt will make a "
            "statement against the levy on Monday.",
            "2025-04-07",
            "Mayor Jan Holt will make statement against levy",
        ),
        (
            "Ana Roe said the Greens would back the motion when the Keld council resumes Monday.",
            "2025-04-07",
            "Keld council resumes",
        ),
    ],
)
def test_a_dated_subordinate_clause_tells_the_day(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            # a pronoun subject goes on with the main clause's story
            "Crowds on the pier watched the old ferries as they made their last crossing on "
            "Sunday.",
            "2025-03-30",
            "Crowds on pier watched old ferries as they made their last crossing",
        ),
        (
            # "as soon as": no clause
            "Brindle Foods will reopen the plant as soon as inspectors approve it on Monday.",
            "2025-04-07",
            "Brindle Foods will reopen plant as soon as inspectors approve it",
        ),
    ],
)
def test_a_pronoun_or_no_clause_keeps_the_main_clause(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "Dock workers at Keld Mills have turned down a three-year pay offer reached with "
            "the owners and plan to walk out at 6 a.m. Monday, the Harbour Workers union says.",
            "2025-04-07",
            "Dock workers at Keld Mills plan to walk out",
        ),
        (
            # one day for both parts: the whole
            "Tarvo Group closed the Keld plant and laid off 300 workers on Friday.",
            "2025-04-04",
            "Tarvo Group closed Keld plant and laid off 300 workers",
        ),
    ],
)
def test_the_conjunct_that_holds_the_date_gives_the_verb(text: str, day: str, title: str) -> None:
    """Rule DATED_CONJUNCT: a present conjunct after a past one, with the date, is the event."""
    assert titles_by_date(text, PUBLISHED)[day] == title


def test_a_dated_heading_is_titled_by_the_line_after_it() -> None:
    """Rule DATED_HEADING: a chronology's heading says where; the next line who did what."""
    text = (
        "Here is a list of the accords:\n\n"
        "- Keld, May 4-6, 1961:\n\n"
        "Prime Minister Ana Roe and Tom Ray of the Vell Republic sign the Keld fishing accord.\n\n"
        "- Arden, Norland, Sept. 12, 1964:\n\n"
        "Roe meets Norland's premier Jan Holt to settle the river border.\n"
    )
    assert titles_by_date(text, date(1970, 1, 1)) == {
        "1961-05-04": "Keld: Prime Minister Ana Roe and Tom Ray of Vell Republic sign Keld "
        "fishing accord",
        "1964-09-12": "Arden, Norland: Roe meets Norland's premier Jan Holt to settle river border",
    }


def test_a_list_after_of_stays_in_the_subject() -> None:
    """Rule SUBJECT_LIST: the commas of "output of barley, rye, oats and ..." do not start the
    subject (the year inside the subject phrase stays with it)."""
    text = "The first estimates of 2026 output of barley, rye, oats and other grains will be "
    text += "issued April 14."
    assert titles_by_date(text, PUBLISHED)["2025-04-14"] == (
        "first estimates of 2026 output of barley, rye, oats and other grains will be issued"
    )
