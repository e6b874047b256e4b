"""Date-resolution error classes of the second blind set, with our own sentences (table-driven).

Publication weekdays used (checked with datetime): 2014-03-10 Mon, 2016-06-24 Fri,
2018-11-20 Tue, 2019-01-30 Wed, 2021-02-17 Wed, 2022-05-12 Thu, 2022-07-15 Fri.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import explain_mentions
from bot.extract.resolve import tense_direction


def _values(text: str, published: str) -> list[str]:
    """Values of every day/month mention, accepted as an event or not."""
    return [
        m.value or ""
        for m in explain_mentions(text, date.fromisoformat(published))
        if m.granularity in {"day", "month"}
    ]


# 1. A date without a year takes the tense of its own clause, not of the reporting verb; no
# clear cue means the nearest candidate.
FUTURE_IN_REPORTED_CLAUSE = [
    ("The bourse will list a cash-settled nickel future on June 9.", "2022-05-12", ["2022-06-09"]),
    (
        "Officials said a rate rise was unlikely before the board's meeting in September.",
        "2022-07-15",
        ["2022-09"],
    ),
    ("Lines are scheduling extra sailings in August, brokers said.", "2022-07-15", ["2022-08"]),
    (
        "Sales dipped in June and are forecast to recover in August.",
        "2022-07-15",
        ["2022-06", "2022-08"],
    ),
    (
        "The cartel agreed on Tuesday to lift quotas from February 1.",
        "2018-11-20",
        ["2018-11-20", "2019-02-01"],
    ),
    ("A snap election was called for Jan. 14.", "2018-11-20", ["2019-01-14"]),
    ("The bank held rates and signalled a hike by October.", "2022-07-15", ["2022-10"]),
    ("The team returns in late August, the club said.", "2022-07-15", ["2022-08"]),
    (
        "The new tariffs were published on July 1 and apply from August 1.",
        "2022-07-15",
        ["2022-07-01", "2022-08-01"],
    ),
    ("The group hopes to publish its findings in September.", "2022-07-15", ["2022-09"]),
    ("The lease expires on Sept. 30, the landlord said.", "2022-05-12", ["2022-09-30"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), FUTURE_IN_REPORTED_CLAUSE)
def test_future_dates_follow_their_own_clause(
    text: str, published: str, expected: list[str]
) -> None:
    assert _values(text, published) == expected


PAST_STAYS_PAST = [
    ("The agency processed 2 million returns by May 3.", "2022-05-12", ["2022-05-03"]),
    (
        "The deal came after the crop report on Tuesday cut the estimate.",
        "2022-07-15",
        ["2022-07-12"],
    ),
    (
        "A loan matures on Sept. 30, which the bank has said it will extend.",
        "2022-05-12",
        ["2022-09-30"],
    ),
    ("In March, the insurer said it would sell its Asian unit.", "2022-07-15", ["2022-03"]),
    ("The lender had warned in May that profits could fall.", "2022-07-15", ["2022-05"]),
    ("Output slowed to 1.9% in June from 2.4% in May.", "2022-07-15", ["2022-06", "2022-05"]),
    ("The strike ran from Monday to Wednesday.", "2022-07-15", ["2022-07-11", "2022-07-13"]),
    ("The firm announced results on Tuesday.", "2022-07-15", ["2022-07-12"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), PAST_STAYS_PAST)
def test_past_cues_still_govern(text: str, published: str, expected: list[str]) -> None:
    assert _values(text, published) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Markets slump after Tuesday's vote to quit the bloc", "neutral"),
        ("The union voted to strike from midnight Tuesday", "future"),
        ("Analysts expect a rebound ahead of Tuesday's results", "future"),
        ("Tickets for Tuesday's concert sold out", "future"),
    ],
)
def test_weekday_direction(sentence: str, expected: str) -> None:
    start = sentence.index("Tuesday")
    end = start + len("Tuesday's" if "Tuesday's" in sentence else "Tuesday")
    assert tense_direction(sentence, start, end) == expected
