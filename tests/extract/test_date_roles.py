"""Dates whose role is not a happening: deadlines, fallbacks, any-weekdays and reference times.
Our own sentences; a mention whose role is unclear is no event.

Publication day: 2025-04-04, a Friday.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import explain_mentions, extract_events

# (text, published, the one event date left or None, the rejected mention, its reason's start)
NOT_EVENTS = [
    # a weekday in the name of a paper or a show; the date a document bears
    (
        "The Sunday Chronicle reported the deal, citing two people close to Vell Corp.",
        "2025-04-04",
        None,
        "Sunday",
        "a weekday in a name",
    ),
    (
        "On KTVA Sunday Morning, councillor Ana Roe said the vote will be held on May 6.",
        "2025-04-04",
        "2025-05-06",
        "Sunday Morning",
        "a weekday in a name",
    ),
    (
        "The court will hear the appeal on May 6, according to a filing dated March 28.",
        "2025-04-04",
        "2025-05-06",
        "March 28",
        "the date a document bears",
    ),
    (
        "Under the law the mayor has until 17 June to call a by-election.",
        "2025-04-04",
        None,
        "17 June",
        "a deadline",
    ),
    (
        "Tenants were given until Friday to respond to the notice.",
        "2025-04-04",
        None,
        "Friday",
        "a deadline",
    ),
    (
        "The launch of the Orra satellite is set for May 6, with a backup launch window on May 7.",
        "2025-04-04",
        "2025-05-06",
        "May 7",
        "a fallback date",
    ),
    (
        "No rule says a county vote has to be held on a Thursday.",
        "2025-04-04",
        None,
        "Thursday",
        "any such weekday",
    ),
    (
        "The board may open the tender between the 3rd of May and the 2nd of June.",
        "2025-04-04",
        "2025-05-03",
        "the 2nd of June",
        "end of a span",
    ),
    (
        "Regulators are weighing a delay, possibly pushing the decision into August.",
        "2025-04-04",
        None,
        "August",
        "a possibility",
    ),
    (
        "Airport checks were tightened in the post-Sept. 11 years.",
        "2025-04-04",
        None,
        "Sept. 11",
        "an era named by a date",
    ),
    (
        "If the Osprey probe leaves orbit on May 2 as planned, it would reach the comet on May 19.",
        "2025-04-04",
        "2025-05-02",
        "May 19",
        "the consequence of a condition",
    ),
    (
        "Kell Energy shares closed at $7.29 on the Toronto exchange on Friday.",
        "2025-04-04",
        None,
        "Friday",
        "price or rate quote",
    ),
    (
        "The pact cuts output by 1.2 million barrels a day from the October 2024 level.",
        "2025-04-04",
        None,
        "October 2024",
        "the date of a level or rate",
    ),
    (
        "In January the cartel extended the pact on the same terms through March 2026.",
        "2025-04-04",
        "2025-01",
        "March 2026",
        "the end of a period",
    ),
    (
        "Prices had already climbed (“Why Grain Got Dearer,” 17 May 2024).",
        "2025-04-04",
        None,
        "17 May 2024",
        "the date of a cited article",
    ),
    (
        "Brenmoor Foods shares were up 8% as of 11 a.m. EDT Friday.",
        "2025-04-04",
        None,
        "Friday",
        "a reference time",
    ),
    # a body's founding in an aside and a survey's fieldwork are background
    (
        "Tarvo Freight, founded in May 1998, said on Tuesday it will open a depot in Keld.",
        "2025-04-04",
        "2025-04-01",
        "May 1998",
        "background: a founding",
    ),
    (
        "The poll of 900 voters, conducted between March 3 and March 9, puts Ana Roe ahead.",
        "2025-04-04",
        None,
        "March 3",
        "background: a founding or a survey's fieldwork",
    ),
    # the other term of a comparison ("than in", "as in") and an opening "Today," before a
    # figure with no tense: a state of these days
    (
        "Exports from the Keld port rose 5% in March, faster than in February.",
        "2025-04-04",
        None,
        "February",
        "the time a figure is compared with",
    ),
    (
        "Today, more than 40% of the homes in Tarvo rely on private wells.",
        "2025-04-04",
        None,
        "Today",
        "'today' as 'nowadays'",
    ),
    # the end of a quarter told in a relative clause is the period's bound, as "quarter ended"
    (
        "Sales at Vell Corp in the first quarter, which ended March 31, rose 4%.",
        "2025-04-04",
        None,
        "March 31",
        "accounting date",
    ),
]


@pytest.mark.parametrize(("text", "published", "left", "mention", "reason"), NOT_EVENTS)
def test_a_date_with_another_role_is_no_event(
    text: str, published: str, left: str | None, mention: str, reason: str
) -> None:
    day = date.fromisoformat(published)
    assert [e.date for e in extract_events(text, day)] == ([left] if left else [])
    [report] = [r for r in explain_mentions(text, day) if r.text == mention]
    assert not report.accepted and report.reason.startswith(reason)


def test_a_time_limit_to_act_is_not_a_plan_but_a_plan_until_then_is() -> None:
    text = "The council will hold hearings until June 12 before it votes."
    assert [e.date for e in extract_events(text, date(2025, 4, 4))] == ["2025-06-12"]


def test_a_name_with_a_fallback_word_is_no_fallback() -> None:
    text = "The Reserve Bank of Ostrava on Friday raised its key rate by a quarter point."
    assert [e.date for e in extract_events(text, date(2025, 4, 4))] == ["2025-04-04"]


def test_an_indefinite_article_before_a_weekday_noun_is_one_day() -> None:
    text = "Harlow Mining said in a Friday statement that it had closed the Keld pit."
    assert [e.date for e in extract_events(text, date(2025, 4, 4))] == ["2025-04-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The county elections in 2019 were held on May 2, and the count ended on May 4.",
            ["2019-05-02", "2019-05-04"],
        ),
        ("In 2021 the Vell bridge closed in March for repairs.", ["2021-03"]),
        # a year compared with is no frame: "since 2008" leaves the day to the publication
        ("Vell shares had their best day since 2008 on April 2.", ["2025-04-02"]),
        # a year ahead of publication is a plan's horizon, not the year of the dates around it
        (
            "The line will carry twice as many riders in 2030, and it reopens on June 2.",
            ["2025-06-02"],
        ),
        # a year inside an aside set off by commas dates only the aside
        ("The Tarvo levy, passed in 2019, took effect in January.", ["2025-01"]),
        ("The Keld depot, which opened in 2010, was shut on March 3.", ["2025-03-03"]),
        # "As in 2019" compares: it is no frame
        ("As in 2019, the Tarvo fair will open on May 3.", ["2025-05-03"]),
    ],
)
def test_a_past_year_named_in_the_sentence_dates_its_calendar_mentions(
    text: str, expected: list[str]
) -> None:
    assert [e.date for e in extract_events(text, date(2025, 4, 4))] == expected


def test_an_opening_today_with_a_happening_is_still_the_day() -> None:
    for text in (
        "Today, 300 workers at Vell Corp walked off the job.",
        "Today, the Keld council votes on the budget.",
    ):
        assert [e.date for e in extract_events(text, date(2025, 4, 4))] == ["2025-04-04"]


def test_a_plant_closed_at_a_time_is_no_price_quote() -> None:
    text = "The Keld plant closed at 4 p.m. on Friday after a fire."
    assert [e.date for e in extract_events(text, date(2025, 4, 4))] == ["2025-04-04"]
