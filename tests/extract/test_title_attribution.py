"""Titles of sentences whose attribution trails the content (", the city announced"): the
content is the title, the speaker never becomes the object, and a "with" clause names its own
subject. Our own sentences; published Friday 2025-04-04.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import extract_events

PUBLISHED = date(2025, 4, 4)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "The Bank of Vell decided to keep its key rate unchanged at 4%, governor Ana Ruiz "
            "announced on Thursday after the policy meeting.",
            {
                "2025-04-03": "Bank of Vell decided to keep its key rate unchanged at 4%, "
                "governor Ana Ruiz announced"
            },
        ),
        (
            "The Keld pit will close on May 2, Tarvo Mining announced on Monday.",
            {
                "2025-03-31": "Keld pit will close, Tarvo Mining announced",
                "2025-05-02": "Keld pit will close, Tarvo Mining announced",
            },
        ),
        (
            "Corran's long-delayed town library will officially open on May 14, the council "
            "announced.",
            {
                "2025-05-14": "Corran's long-delayed town library will officially open, "
                "council announced"
            },
        ),
        (
            "Norland will stop ore exports by May 9, Prime Minister Ana Ruiz said on Tuesday, "
            "with the new levies set to take effect on June 1.",
            {
                "2025-05-09": "Norland will stop ore exports, Prime Minister Ana Ruiz said",
                "2025-06-01": "new levies set to take effect",
            },
        ),
    ],
)
def test_a_trailing_attribution_leaves_the_content_as_the_title(
    text: str, titles: dict[str, str]
) -> None:
    built = {e.date: e.title for e in extract_events(text, PUBLISHED)}
    assert {day: built.get(day) for day in titles} == titles


def test_a_plus_sign_stays_part_of_a_name() -> None:
    text = "OPEC+ ministers will meet on Thursday to discuss output cuts."
    [event] = extract_events(text, PUBLISHED)
    assert event.title == "OPEC+ ministers will meet to discuss output cuts"


@pytest.mark.parametrize(
    ("text", "date_", "expected"),
    [
        # a speech verb in the perfect reports like the simple past: the content is the title
        (
            "The Arden Competition Board has said it will wait until the end of July to make a "
            "decision on whether to impose extra fines on Vell Corp.",
            "2025-07",
            "Arden Competition Board will wait to make decision on whether to impose extra fines",
        ),
        ("Vell Corp has said it will close the Keld plant in June.", "2025-06", "Vell will close"),
    ],
)
def test_a_perfect_speech_verb_reports_its_content(text: str, date_: str, expected: str) -> None:
    titles = {e.date: e.title for e in extract_events(text, PUBLISHED)}
    assert titles[date_].startswith(expected)
