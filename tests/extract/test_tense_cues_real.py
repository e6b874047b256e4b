"""Tense cues that real news misled: a participle coordinated after "to be", "the last match"
(an order, not a past) and "toward <day>". Our own sentences; Wednesday 2025-04-02 unless named.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import extract_events


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The merger will now go back to the court to be signed off and approved on Friday.",
            "2025-04-02",
            ["2025-04-04"],
        ),
        (
            "Vell Rovers will need a win in their last match of the season here on Saturday.",
            "2025-04-02",
            ["2025-04-05"],
        ),
        (
            "The countdown for the Orra probe ticks smoothly toward launch Thursday.",
            "2025-04-02",
            ["2025-04-03"],
        ),
        # a past participle after "and" with no "be" before it is still a past
        ("The council met and approved the budget on Monday.", "2025-04-02", ["2025-03-31"]),
        # "last" as an adverb or a time word is still a past
        ("The plant last operated on Monday.", "2025-04-02", ["2025-03-31"]),
        # a schedule word that is a noun: the subject of a past verb, or reports by the press
        (
            "Local media reports on Monday said the Keld smelter had been sold.",
            "2025-04-02",
            ["2025-03-31"],
        ),
        ("The vote on Sunday ended in chaos in Tarvo.", "2025-04-02", ["2025-03-30"]),
        (
            "The Keld smelter was sold, according to press reports on Monday.",
            "2025-04-02",
            ["2025-03-31"],
        ),
        # the new month of a move told with "into", or with "slipped" / "bumped", is ahead
        (
            "The Orra agency pushed the probe's launch into January on Tuesday.",
            "2025-04-02",
            ["2025-04-01", "2026-01"],
        ),
        ("The launch of the Orra probe slipped into January.", "2025-04-02", ["2026-01"]),
        # a schedule verb with its own object still looks ahead
        ("Vell Corp reports earnings on Thursday.", "2025-04-02", ["2025-04-03"]),
    ],
)
def test_the_cue_of_the_date_clause(text: str, published: str, expected: list[str]) -> None:
    assert [e.date for e in extract_events(text, date.fromisoformat(published))] == expected
