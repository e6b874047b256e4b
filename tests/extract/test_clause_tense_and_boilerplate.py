"""A date follows the tense of its own clause; boilerplate and accounting dates are not events.

Table-driven, with our own sentences.

Publication weekdays used (checked with datetime): 2014-03-10 Mon, 2016-06-24 Fri,
2018-11-20 Tue, 2019-01-30 Wed, 2021-02-17 Wed, 2022-05-12 Thu, 2022-07-15 Fri.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import explain_mentions, extract_events
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


def _accepted(text: str, published: str) -> list[str]:
    return [
        m.value or "" for m in explain_mentions(text, date.fromisoformat(published)) if m.accepted
    ]


# 2. Relative and named months reported as developments stay events next to unrelated figures.
DEVELOPMENTS = [
    (
        "Negotiations broke down last month after the airline proposed raising the age to 67.",
        "2022-07-15",
        ["2022-06"],
    ),
    (
        "Its market share fell to 3.2%, and the firm cut 2,400 jobs in March.",
        "2022-07-15",
        ["2022-03"],
    ),
    (
        "Shares closed at $51.20 on Friday, having risen 12% since the firm issued a warning "
        "in May.",
        "2022-07-15",
        ["2022-07-15", "2022-05"],
    ),
]
# 3. Accounting periods, filings and press-release boilerplate are not events.
BOILERPLATE = [
    ("As of June 30, 2022, the lender had assets of $4.1 billion.", "2022-07-15"),
    ("Analysts expect a profit for the quarter ended April 30.", "2022-05-12"),
    ("Lending grew 9 percent in the twelve months to May.", "2022-07-15"),
    (
        "Risks are listed in the Annual Report on Form 10-K filed with the SEC on March 2, 2022.",
        "2022-07-15",
    ),
    ("Buyers who needed corn for March delivery were covered.", "2022-01-20"),
    ("Pilots will strike on Monday and Tuesday.", "2022-07-15"),
]


@pytest.mark.parametrize(("text", "published", "expected"), DEVELOPMENTS)
def test_developments_stay_events(text: str, published: str, expected: list[str]) -> None:
    assert _accepted(text, published) == expected


@pytest.mark.parametrize(("text", "published"), BOILERPLATE)
def test_accounting_and_boilerplate_dates(text: str, published: str) -> None:
    accepted = _accepted(text, published)
    assert accepted == (["2022-07-18"] if "strike" in text else [])
    assert all(
        m.value for m in explain_mentions(text, date.fromisoformat(published)) if m.granularity
    )


def test_sections_after_a_boilerplate_heading_are_not_events() -> None:
    text = (
        "Corvant said on Monday it had won approval for its pump.\n\n"
        "About Corvant\nCorvant, founded on May 3, 2001, makes pumps.\n\n"
        "Forward-Looking Statements\nResults may differ from plans announced on June 2."
    )
    assert _accepted(text, "2022-07-15") == ["2022-07-11"]


# 4./7. Weekday with an explicit date is one mention; sets, first names and the verb "may"
# carry no value; "tonight" is a time of day.
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Minutes will be published on Thursday 4 August.", "2022-07-15", ["2022-08-04"]),
        ("The bazaar opens every Saturday.", "2022-07-15", []),
        ("The fund pays coupons each March and September.", "2022-07-15", []),
        ("June Osei, the mayor's aide, declined to comment.", "2022-07-15", []),
        ("The insurer may still post a loss.", "2022-07-15", []),
        ("May sales beat forecasts, the trade body said.", "2022-07-15", ["2022-05"]),
        ("The council votes tonight.", "2022-07-15", []),
    ],
)
def test_mention_values(text: str, published: str, expected: list[str]) -> None:
    assert _values(text, published) == expected


def test_headline_restating_a_body_event_is_dropped() -> None:
    text = (
        "Corvant to present trial data at congress on Oct. 4\n"
        "- Company to host investor call Oct. 4 -\n\n"
        "Corvant Inc. said on Monday it will present its trial data at a congress on Oct. 4."
    )
    events = extract_events(text, date(2022, 9, 19))
    assert [e.date for e in events] == ["2022-09-19", "2022-10-04"]
    assert all(e.start >= text.index("Corvant Inc.") for e in events)
