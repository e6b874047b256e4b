"""Events, not dates: which mentions become events, their titles, and one event per date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.extract import ExtractedEvent, explain_mentions, extract_events
from tests.extract.helpers import accepted_values, event_dates

SEED = (Path(__file__).parent / "fixtures" / "seed_cnre.txt").read_text(encoding="utf-8")


def test_seed_article_gives_exactly_the_two_labelled_events() -> None:
    events = extract_events(SEED, date(2025, 3, 18))
    assert [(e.date, e.granularity) for e in events] == [
        ("2025-03-11", "day"),
        ("2025-03-14", "day"),
    ]
    assert "CNRE" in events[0].title and "meeting" in events[0].title
    assert "CNRE" in events[1].title and "Lecture Series" in events[1].title
    reports = explain_mentions(SEED, date(2025, 3, 18))
    rejected = {r.text: r.reason for r in reports if not r.accepted}
    assert "year only" in rejected["2025"]
    assert "ordinal" in rejected["20th"]


def test_events_carry_verbatim_evidence_and_spans() -> None:
    for event in extract_events(SEED, date(2025, 3, 18)):
        assert SEED[event.start : event.end] == event.evidence
        assert 0 < event.confidence <= 1
        assert len(event.title) <= 100


def test_first_day_of_day_and_month_events() -> None:
    day = ExtractedEvent("2025-03-11", "day", "t", "e", 0, 1, 0.9)
    month = ExtractedEvent("2025-06", "month", "t", "e", 0, 1, 0.7)
    assert day.first_day == date(2025, 3, 11)
    assert month.first_day == date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "published", "reason_part"),
    [
        (
            "SANTIAGO, Jan 26 (Reuters) - Codelco suspended mining at Andina.",
            "2017-01-26",
            "dateline",
        ),
        ("SYDNEY, May 18 — Lynas says it produced heavy rare earths.", "2025-05-18", "dateline"),
        (
            "SAN JOSE, Calif.--(BUSINESS WIRE)--April 15, 2025--Vellix Systems Inc. will hold a "
            "conference call.",
            "2025-04-15",
            "dateline",
        ),
        ("By Jane Roe, March 3, 2025", "2025-03-03", "byline"),
        ("Miners at the pit on March 2. (Photo: Jane Roe/AP)", "2025-03-03", "caption"),
        ("Smith, who was born on April 2, 1960, chairs the board.", "2025-03-03", "biography"),
        ("Inflation stood at 2.2% in March, the agency said.", "2025-04-20", "statistic"),
        ("Samsung usually holds this event in August.", "2025-04-20", "habitual"),
        ("Its share will grow from less than 2% today to 10% by 2035.", "2025-04-20", "nowadays"),
        ("The launch is planned for early September.", "2025-04-20", "early"),
    ],
)
def test_mentions_that_are_not_events(text: str, published: str, reason_part: str) -> None:
    reports = [r for r in explain_mentions(text, date.fromisoformat(published)) if r.value]
    assert reports and not any(r.accepted for r in reports)
    assert any(reason_part in r.reason for r in reports)


@pytest.mark.parametrize(
    "text",
    [
        "The firm unveiled its 2025 plan.",
        "Delegates gathered for the 20th National Congress.",
        "Shares rose to $27.",
        "Half the plants, or 1/2, are idle.",
        "Rates may fall.",
        "We sat through the meeting.",
        "The strike lasted for three days.",
        "Stocks fell last week and rose this fall.",
        "Revenue rose in the June quarter and in the first half.",
        "Profit fell in fiscal 2024.",
        "The mine closed two weeks ago.",
        "It expects growth in 2030.",
    ],
)
def test_non_dates_give_no_events(text: str) -> None:
    assert event_dates(text, "2025-03-18") == []


def test_one_event_per_date_in_an_article() -> None:
    text = (
        "Two workers died in an accident on Tuesday at the Chuquicamata mine. "
        "At around 1 p.m. on Tuesday, the workers were inside the mine, Codelco said."
    )
    assert event_dates(text, "2016-08-30") == ["2016-08-30"]


def test_month_restating_a_day_event_is_dropped() -> None:
    text = (
        "Samsung confirmed its Unpacked event falls on July 26. "
        "Samsung was expected to hold the Unpacked event in late July."
    )
    assert event_dates(text, "2023-07-06") == ["2023-07-26"]


def test_one_sentence_can_hold_two_events() -> None:
    text = "The ministry said on Monday it will stop nickel exports from Jan. 1, 2020."
    assert event_dates(text, "2019-09-04") == ["2019-09-02", "2020-01-01"]


def test_repeated_calendar_day_resolves_once() -> None:
    text = (
        "Samsung said its event falls on July 26. The July 26 date had been leaked some time ago."
    )
    assert event_dates(text, "2023-07-06") == ["2023-07-26"]


def test_events_are_ordered_by_position() -> None:
    text = "The plant will reopen on April 2. The plant closed on March 3."
    assert event_dates(text, "2025-03-18") == ["2025-04-02", "2025-03-03"]


def _title(text: str, published: str) -> str:
    (event,) = extract_events(text, date.fromisoformat(published))
    return event.title


@pytest.mark.parametrize(
    ("text", "published", "must_contain"),
    [
        (
            "At its March 11 meeting, Acme Chairman Bo Li outlined a cost-cutting drive.",
            "2025-03-18",
            ["Acme", "outlined", "drive", "meeting"],
        ),
        (
            "Chile's Codelco suspended mining at its Andina mine after a worker died, "
            "the company said on Thursday.",
            "2017-01-26",
            ["Codelco", "suspended", "Andina"],
        ),
        (
            "The People's Bank of China announced on Monday that it will reduce the reserve ratio.",
            "2019-05-06",
            ["People's Bank of China", "reduce", "reserve ratio"],
        ),
        (
            "Lynas produced dysprosium oxide in Malaysia, it said in a statement Friday.",
            "2025-05-18",
            ["Lynas", "dysprosium", "Malaysia"],
        ),
        (
            "On Monday, the Chinese government announced export controls on gallium.",
            "2023-07-04",
            ["China's government", "announced", "export controls"],
        ),
    ],
)
def test_titles_name_who_did_what(text: str, published: str, must_contain: list[str]) -> None:
    title = _title(text, published)
    assert len(title) <= 100
    for word in must_contain:
        assert word in title, (word, title)
    assert title != text[: len(title)] or len(title) < 60


def test_pronoun_subject_resolves_to_the_last_named_company() -> None:
    text = (
        "Anglo American rejected a takeover proposal from BHP. "
        "The company has negotiated an extension of the deadline to May 29, 2024."
    )
    title = _title(text, "2024-05-22")
    assert title.startswith("Anglo American")
    assert "extension" in title and "deadline" in title


def test_it_resolves_to_the_name_in_the_same_sentence() -> None:
    text = "Samsung has announced the date of its Unpacked event, and it falls on July 26."
    assert "Samsung" in _title(text, "2023-07-06")


def test_anaphoric_move_takes_the_previous_event() -> None:
    text = (
        "The People's Bank of China said on Monday that it will cut the reserve ratio. "
        "The move will take effect on May 15, Xinhua reported."
    )
    events = extract_events(text, date(2019, 5, 6))
    assert [e.date for e in events] == ["2019-05-06", "2019-05-15"]
    assert "reserve ratio" in events[1].title and "effect" in events[1].title


def test_month_development_is_an_event_but_a_level_is_not() -> None:
    assert accepted_values("Exports rebounded in July, up 2% on the year.", "2025-08-20") == [
        "2025-07"
    ]
    assert accepted_values("Copper output stood at 149,000 tonnes in July.", "2025-08-20") == []


def test_bad_date_order_is_refused() -> None:
    with pytest.raises(ValueError):
        extract_events("Signed on 03/04/2025.", date(2025, 5, 1), date_order="XYZ")


def test_harder_article_with_several_relative_days() -> None:
    text = (
        "NEW YORK, May 14 (Reuters) - Acme Corp said on Tuesday it will close its Ohio plant.\n\n"
        "Shares of Acme fell 5% on Wednesday. The company reports earnings Thursday, and a board "
        "vote is set for next Monday. In December, Acme had warned of weak demand. Analysts expect "
        "a recovery in the June quarter and in the first half of 2026. The strike ended last week."
    )
    events = extract_events(text, date(2025, 5, 14))
    assert [e.date for e in events] == [
        "2025-05-13",
        "2025-05-14",
        "2025-05-15",
        "2025-05-19",
        "2024-12",
    ]
    titles = [e.title for e in events]
    assert titles[2].startswith("Acme reports earnings")
    assert "board vote" in titles[3]


def test_comparison_reference_is_not_an_event() -> None:
    text = "The index rose 1.2% on Monday, its best day since Jan. 15."
    assert event_dates(text, "2025-03-18") == ["2025-03-17"]


def test_sentence_without_a_verb_still_gets_a_title() -> None:
    (event,) = extract_events("Deal closed: Dec. 31, 2024 at 11 p.m.", date(2025, 1, 8))
    assert event.date == "2024-12-31" and event.title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By March 14, the refinery will restart its second line.", ["2025-03-14"]),
        ("By Friday, the council will vote on the budget.", ["2025-03-07"]),
        (
            "Published March 3, 2025\nThe council voted on Monday to close the depot.",
            ["2025-03-03"],
        ),
    ],
)
def test_by_and_a_date_opens_a_sentence_not_a_byline(text: str, expected: list[str]) -> None:
    """One byline rule: "By <name>" and publication stamps are furniture; "By <date>" is not."""
    assert accepted_values(text, "2025-03-04") == expected
