"""Error classes found on real news (development data only), each pinned by our own sentences:
statistics opened by a month, dates restated in brackets, reading times, plans overtaken or
delayed, past 'when' clauses, quote days, title particles. Every rule is named in
docs/EXTRACTION.md.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import extract_events


def _dates(text: str, published: str) -> list[str]:
    return [e.date for e in extract_events(text, date.fromisoformat(published))]


OPENING_MONTH = [
    # an opening "In May," before a figure told with "be" up or down is the period the
    # figure covers, even after a semicolon
    ("In May, retail sales were up 1.2 percent on the month.", []),
    (
        "Norland publishes June retail sales on Friday; in May, sales were up 1.2 percent.",
        ["2024-06-21"],
    ),
    (
        "In May, consumer prices were down 0.3% on the year; the bank meets on Friday.",
        ["2024-06-21"],
    ),
    # an action with a figure is still an event
    ("In April, the cartel agreed to cut output by 4% to 12 million barrels a day.", ["2024-04"]),
    (
        "The agency will publish its report on Friday; in May, the council approved the budget.",
        ["2024-05", "2024-06-21"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OPENING_MONTH)
def test_an_opening_month_before_a_change_told_with_be_is_a_statistic(
    text: str, expected: list[str]
) -> None:
    assert sorted(_dates(text, "2024-06-20")) == expected


def test_a_date_spelt_out_in_brackets_shares_the_fate_of_the_date_before() -> None:
    # the end of a range, spelt out again, is still the end of the range
    text = "The agency issued a flood warning from yesterday until today (Jan 13)."
    assert _dates(text, "2022-01-13") == ["2022-01-12"]
    # a gloss of a kept date is one event with it
    assert _dates("The board meets on Monday (Jan 17) to vote.", "2022-01-13") == ["2022-01-17"]


@pytest.mark.parametrize(
    "text",
    [
        "As of 7.10am today, the number of evacuees at the school remained unchanged.",
        "As of 9:30 a.m. Friday, the river stood at 4 metres.",
    ],
)
def test_a_reading_time_written_with_a_dot_is_no_happening(text: str) -> None:
    assert _dates(text, "2022-01-13") == []


def test_readiness_for_a_day_then_delayed_is_a_moved_plan() -> None:
    text = (
        "The unit was ready by Friday to resume production, but the restart was delayed by a "
        "day because of an outage, the sources said."
    )
    assert _dates(text, "2017-09-19") == []
    # readiness without a delay is still the day's news
    assert _dates("The unit was ready on Friday to resume production.", "2017-09-19") == [
        "2017-09-15"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the "when" clause after an "until" date tells what happened that day
        ("The road stayed closed until Monday, when crews reopened it.", ["2019-08-12"]),
        ("The vote was delayed until March, when the council dropped its plan.", ["2019-03"]),
        # told ahead, it stays ahead
        ("The road stays closed until Monday, when crews will reopen it.", ["2019-08-19"]),
    ],
)
def test_a_past_when_clause_after_until_dates_the_day_back(text: str, expected: list[str]) -> None:
    assert _dates(text, "2019-08-14") == expected


def _titles(text: str, published: str) -> list[str]:
    return [e.title for e in extract_events(text, date.fromisoformat(published))]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a verb's particle is no dangling word once the date after it is dropped
        ("The talks are expected to wrap up by Friday.", "talks are expected to wrap up"),
        ("The board will step up checks on Monday.", "board will step up checks"),
        # a holiday names the occasion: it stays in the title, the weekday goes
        (
            "The library will be closed on Monday for Labor Day.",
            "library will be closed for Labor Day",
        ),
        # "known as" a name keeps the name
        (
            "A rocket is scheduled to launch a weather satellite known as Zephyr-2 on Sunday.",
            "rocket is scheduled to launch weather satellite known as Zephyr-2",
        ),
    ],
)
def test_titles_keep_particles_holidays_and_names_after_known_as(text: str, title: str) -> None:
    assert _titles(text, "2023-03-01") == [title]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day a direct quote was said, told last, is no happening
        ('"We are going to see heavy flooding," the state governor said today.', []),
        ('We will rebuild every road," the mayor said on Tuesday.', []),
        # a reported statement is the day's news, and so is a quote with more after its day
        ("The governor said today that the state would ask for aid.", ["1999-09-16"]),
        ('"We will rebuild," the mayor said Tuesday as crews cleared roads.', ["1999-09-14"]),
    ],
)
def test_the_day_of_a_direct_quote_is_no_event(text: str, expected: list[str]) -> None:
    assert _dates(text, "1999-09-16") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an expectation told in the past for a day still ahead is one the news overtook
        (
            "The firm filed in the summer, but a ruling from the agency wasn't expected until "
            "Feb. 28, 2018.",
            [],
        ),
        # in reported speech, or told in the present, it still holds
        ("The firm said a ruling from the agency was not expected until Feb. 28.", ["2018-02-28"]),
        ("The firm noted a ruling from the agency was not expected until Feb. 28.", ["2018-02-28"]),
        ("A ruling from the agency is not expected until Feb. 28.", ["2018-02-28"]),
    ],
)
def test_an_expectation_told_in_the_past_for_a_day_ahead_is_overtaken(
    text: str, expected: list[str]
) -> None:
    assert _dates(text, "2017-12-22") == expected
