"""Mentions resolve against the publication date, in the direction the tense points."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract import explain_mentions
from bot.extract.resolve import tense_direction
from tests.extract.helpers import accepted_values

# Publication weekdays used below: 2025-03-18 Tue, 2025-03-17 Mon, 2025-03-19 Wed,
# 2025-07-11 Fri, 2012-06-27 Wed, 2016-10-07 Fri, 2025-05-16 Fri, 2025-01-08 Wed, 2025-06-22 Sun.


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # weekdays, past
        ("MP Materials announced Thursday a deal with the Pentagon.", "2025-07-11", "2025-07-10"),
        (
            "A ministry official said on Friday that exports could resume.",
            "2016-10-07",
            "2016-10-07",
        ),
        (
            "The agency said in a statement on Saturday that stocks were high.",
            "2025-06-22",
            "2025-06-21",
        ),
        (
            "Two workers died in an accident on Tuesday, the company said.",
            "2025-03-18",
            "2025-03-18",
        ),
        ("The regulator fined the bank last Monday.", "2025-03-19", "2025-03-17"),
        ("The regulator fined the bank last Wednesday.", "2025-03-19", "2025-03-12"),
        ("On Monday, the ministry announced new export controls.", "2025-03-18", "2025-03-17"),
        ("Friday's announcement by Acme lifted its shares.", "2025-05-16", "2025-05-16"),
        ("The union voted Sunday night to end the strike.", "2025-03-18", "2025-03-16"),
        # weekdays, future
        (
            "Research In Motion reports earnings after the close Thursday.",
            "2012-06-27",
            "2012-06-28",
        ),
        ("The strike is set to end Wednesday.", "2025-03-17", "2025-03-19"),
        ("The new tariff takes effect next Monday.", "2025-03-19", "2025-03-24"),
        ("The festival will kick off on Friday in Austin.", "2025-03-18", "2025-03-21"),
        ("Acme will report results on Tuesday.", "2025-03-19", "2025-03-25"),
        ("The court is scheduled to rule on Thursday.", "2025-03-18", "2025-03-20"),
        # relative days
        ("The central bank cut rates yesterday.", "2025-03-18", "2025-03-17"),
        ("The minister will visit Paris tomorrow.", "2025-03-18", "2025-03-19"),
        ("Acme announced today that it will close two plants.", "2025-03-18", "2025-03-18"),
        # calendar days
        ("At its March 11 meeting, the board approved a buyback.", "2025-03-18", "2025-03-11"),
        ("The company introduced a lecture series on March 14.", "2025-03-18", "2025-03-14"),
        ("The move will take effect on May 15.", "2019-05-06", "2019-05-15"),
        ("Exporters will need a license starting August 1.", "2023-07-04", "2023-08-01"),
        ("The firm filed for bankruptcy on December 30.", "2025-01-08", "2024-12-30"),
        ("The tariff will rise on Jan. 5.", "2024-12-20", "2025-01-05"),
        ("Tariffs could kick in by Aug. 1.", "2025-07-11", "2025-08-01"),
        ("The extension runs to May 29, 2024.", "2024-05-22", "2024-05-29"),
        ("On 29 October 2024, the commission closed its probe.", "2024-10-30", "2024-10-29"),
        ("The ban was imposed on Feb. 22 to support prices.", "2025-06-22", "2025-02-22"),
        ("The fair will run March 11-14 in Hanover.", "2025-03-01", "2025-03-11"),
        # months
        ("Lynas expects to produce terbium in June.", "2025-05-16", "2025-06"),
        ("Exports ground to a near halt in December.", "2025-05-16", "2024-12"),
        ("Exports rebounded in July.", "2025-08-20", "2025-07"),
        ("Samsung will hold its event in late July 2023.", "2023-06-07", "2023-07"),
        ("Prices jumped in late February.", "2025-03-18", "2025-02"),
        ("The mine will restart in mid-April.", "2025-03-18", "2025-04"),
        ("The deal should close by the end of July.", "2025-03-18", "2025-07"),
        ("The plant opened in June 2024.", "2025-03-18", "2024-06"),
        ("Output fell sharply last month.", "2025-03-18", "2025-02"),
        ("The launch is planned for next month.", "2025-12-10", "2026-01"),
        ("The board meets again this month.", "2025-03-18", "2025-03"),
        ("Production resumed in November.", "2025-01-08", "2024-11"),
    ],
)
def test_resolves_in_the_direction_of_the_tense(
    sentence: str, published: str, expected: str
) -> None:
    assert accepted_values(sentence, published) == [expected]


def test_the_day_before_counts_from_the_last_date() -> None:
    text = "The talks collapsed on Thursday. The day before, both sides had met in Geneva."
    assert accepted_values(text, "2025-03-18") == ["2025-03-13", "2025-03-12"]


def test_numeric_dates_by_locale() -> None:
    assert accepted_values("The contract was signed on 03/04/2025.", "2025-05-01") == ["2025-03-04"]
    assert accepted_values("The contract was signed on 03/04/2025.", "2025-05-01", "DMY") == [
        "2025-04-03"
    ]
    assert accepted_values("The order was filed on 2025-02-11.", "2025-05-01") == ["2025-02-11"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The bank said it will cut rates", "future"),
        ("The bank cut rates", "past"),
        ("The plant is scheduled to reopen", "future"),
        ("The firm announced results", "past"),
        ("The panel meets", "future"),
        ("The panel", "neutral"),
    ],
)
def test_tense_direction(sentence: str, expected: str) -> None:
    text = f"{sentence} on Friday."
    start = text.index("Friday")
    assert tense_direction(text, start, start + len("Friday")) == expected


MONTH_NAMES = calendar.month_name
publication_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(published=publication_dates, month=st.integers(1, 12), day=st.integers(1, 28))
def test_past_tense_day_lies_within_the_year_before_publication(
    published: date, month: int, day: int
) -> None:
    text = f"The company signed the contract on {MONTH_NAMES[month]} {day}."
    (value,) = [m.value for m in explain_mentions(text, published) if m.accepted]
    assert value is not None
    resolved = date.fromisoformat(value)
    assert published - timedelta(days=366) <= resolved <= published


@given(
    published=publication_dates,
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    left=st.sampled_from(["", " ", "\n", "  \t"]),
    right=st.sampled_from(["", " ", "\n\n"]),
    case=st.sampled_from([str.lower, str.upper, str.title, str]),
)
def test_resolution_ignores_surrounding_whitespace_and_case(
    published: date, month: int, day: int, left: str, right: str, case
) -> None:  # type: ignore[no-untyped-def]
    sentence = f"The board approved the plan on {MONTH_NAMES[month]} {day}."
    plain = [m.value for m in explain_mentions(sentence, published)]
    varied = [m.value for m in explain_mentions(left + case(sentence) + right, published)]
    assert varied == plain
