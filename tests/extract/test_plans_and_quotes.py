"""Moved and cancelled dates, reported futures and the resolution rules of real news, with our
own sentences (table-driven; every publication weekday checked with datetime).

Publication days: 2025-04-04 Fri, 2025-02-20 Thu, 2025-09-10 Wed, 2025-04-20 Sun,
2025-05-20 Tue, 2025-06-01 Sun, 2025-06-10 Tue, 2025-06-12 Thu, 2025-02-12 Wed, 2025-12-29 Mon,
2026-01-05 Mon, 2023-06-22 Thu.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from bot.extract import explain_mentions, extract_events
from bot.extract.events import MAX_TEXT

# (text, published, [(date, replaces)] of the events; the old date is never an event)
MOVED = [
    (
        "Harbor Rail pushed its product launch back to October 8 from September 24.",
        "2025-09-10",
        [("2025-10-08", "2025-09-24")],
    ),
    (
        "The vote, originally set for May 2, is now expected on May 16.",
        "2025-04-20",
        [("2025-05-16", "2025-05-02")],
    ),
    (
        "The festival, which was due to open on June 5, will now start on June 12.",
        "2025-05-20",
        [("2025-06-12", "2025-06-05")],
    ),
    (
        "The cartel has postponed its meeting, originally scheduled for June 1, to June 5.",
        "2025-05-20",
        [("2025-06-05", "2025-06-01")],
    ),
    (
        "The board will meet on June 9 instead of June 2.",
        "2025-05-20",
        [("2025-06-09", "2025-06-02")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), MOVED)
def test_a_moved_date_is_carried_by_the_new_event(
    text: str, published: str, expected: list[tuple[str, str]]
) -> None:
    events = extract_events(text, date.fromisoformat(published))
    assert [(e.date, e.replaces) for e in events] == expected
    reasons = {m.value: m.reason for m in explain_mentions(text, date.fromisoformat(published))}
    assert reasons[expected[0][1]] == "superseded"


def test_a_date_restated_after_its_move_is_no_event_either() -> None:
    text = (
        "The regional summit opens on March 3. "
        "Organisers pushed the summit back to March 17 from March 3 after floods."
    )
    events = extract_events(text, date(2025, 2, 20))
    assert [(e.date, e.replaces) for e in events] == [("2025-03-17", "2025-03-03")]


CANCELLED = [
    ("The June 5 rally was called off.", "2025-06-01", "2025-06-05"),
    ("Organisers cancelled the June 14 concert.", "2025-06-01", "2025-06-14"),
    ("Saturday's match was scrapped because of the storm.", "2025-06-12", "2025-06-14"),
    ("The strike, planned for Friday, was called off.", "2025-06-10", "2025-06-13"),
    ("The water cut scheduled for Thursday has been withdrawn.", "2025-06-10", "2025-06-12"),
]


@pytest.mark.parametrize(("text", "published", "cancelled"), CANCELLED)
def test_a_cancelled_date_is_a_cancellation_not_an_event(
    text: str, published: str, cancelled: str
) -> None:
    events = extract_events(text, date.fromisoformat(published))
    assert [(e.date, e.cancelled) for e in events] == [(cancelled, True)]
    reports = explain_mentions(text, date.fromisoformat(published))
    assert [(m.value, m.accepted, m.reason) for m in reports] == [(cancelled, False, "cancelled")]


# The act of cancelling or announcing is dated by its own day: an ordinary event.
NOT_CANCELLED = [
    ("The union called off the strike on Monday.", "2025-06-10", "2025-06-09"),
    ("Flightline said on Friday it had cancelled 600 flights.", "2025-06-10", "2025-06-06"),
    (
        "Launch firm Orvale called off the first flight of its rocket on Tuesday.",
        "2025-06-12",
        "2025-06-10",
    ),
]


@pytest.mark.parametrize(("text", "published", "event"), NOT_CANCELLED)
def test_the_day_of_the_cancelling_act_stays_an_event(
    text: str, published: str, event: str
) -> None:
    events = extract_events(text, date.fromisoformat(published))
    assert [(e.date, e.cancelled) for e in events] == [(event, False)]


# Reported futures: the clause holding the date decides; "would" is future from the report.
REPORTED_FUTURE = [
    (
        "The regulator said on Monday that the spectrum auction will take place on April 9.",
        "2025-04-04",
        ["2025-03-31", "2025-04-09"],
    ),
    ("The minister said the bridge would open on March 3.", "2025-02-20", ["2025-03-03"]),
    (
        "Tarn Minerals said on Wednesday it would restart the mine in September.",
        "2025-02-12",
        ["2025-02-12", "2025-09"],
    ),
    (
        "The agency said in January that the plant would reopen on Feb. 10.",
        "2025-02-20",
        ["2025-01", "2025-02-10"],
    ),
    ("Officials said the rule would apply from Jan. 5.", "2025-12-29", ["2026-01-05"]),
    ("The launch will occur no earlier than Jan. 6.", "2025-12-29", ["2026-01-06"]),
    ("A strike vote will be held on Tuesday at the town hall.", "2025-06-12", ["2025-06-17"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), REPORTED_FUTURE)
def test_reported_futures_resolve_forward(text: str, published: str, expected: list[str]) -> None:
    values = [m.value for m in explain_mentions(text, date.fromisoformat(published)) if m.accepted]
    assert values == expected


# (text, published, accepted values): how a reader resolves each date.
RESOLUTION = [
    ("Saturday's storm knocked out power to 20,000 homes.", "2025-06-10", ["2025-06-07"]),
    ("The plant was shut three days ago.", "2025-06-10", ["2025-06-07"]),
    (
        "The deal was signed on 28/04/2025. The plant opens on 06/05/2025.",
        "2025-04-29",
        ["2025-04-28", "2025-05-06"],
    ),
    ("The contract expired on Dec. 30, the company said.", "2026-01-05", ["2025-12-30"]),
    ("The new levy takes effect on Jan. 2.", "2025-12-29", ["2026-01-02"]),
    ("The fair runs from Monday June 9 to Friday June 13.", "2025-06-01", ["2025-06-09"]),
    ("The festival is being moved to October 29, 30, 31, 2026.", "2025-06-01", ["2026-10-29"]),
    ("Central banks raised rates one after another on the 22nd.", "2023-06-22", ["2023-06-22"]),
    ("The library was to open in November of 2024.", "2025-06-01", ["2024-11"]),
    (
        "In the October policy statement, the bank had said growth would slow.",
        "2025-12-04",
        ["2025-10"],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), RESOLUTION)
def test_dates_resolve_as_a_reader_would(text: str, published: str, expected: list[str]) -> None:
    values = [m.value for m in explain_mentions(text, date.fromisoformat(published)) if m.accepted]
    assert values == expected


def test_a_source_order_applies_only_when_the_article_does_not_show_its_own() -> None:
    text = "The plant opens on 06/05/2025."
    published = date(2025, 4, 29)
    assert [e.date for e in extract_events(text, published)] == ["2025-06-05"]
    assert [e.date for e in extract_events(text, published, date_order="DMY")] == ["2025-05-06"]
    shown = text + " Talks began on 04/28/2025."
    assert [e.date for e in extract_events(shown, published, date_order="DMY")] == [
        "2025-06-05",
        "2025-04-28",
    ]


# Price and rate quotes, and the period a report covers, are statistics: value, no event.
STATISTICS = [
    ("Copper settled at $9,120 a tonne on Tuesday.", "2025-06-12", "2025-06-10"),
    ("Monday's close was the lowest in a month.", "2025-06-12", "2025-06-09"),
    ("The rupee was quoted at 83.2 per dollar on Wednesday.", "2025-06-12", "2025-06-11"),
    ("The monthly oil report for May trimmed demand forecasts.", "2025-06-12", "2025-05"),
    ("The consumer price index (CPI) for May was 8.7%.", "2025-06-12", "2025-05"),
]


@pytest.mark.parametrize(("text", "published", "value"), STATISTICS)
def test_quotes_and_report_periods_are_statistics(text: str, published: str, value: str) -> None:
    reports = explain_mentions(text, date.fromisoformat(published))
    dated = [m for m in reports if m.value]
    assert [(m.value, m.accepted) for m in dated] == [(value, False)]
    assert "statistic" in dated[0].reason


DATELINES = [
    "Lindau, Nov 28 (IANS) The council approved the budget on Wednesday.",
    "KORVA (Nov 28): The council approved the budget on Wednesday.",
]


@pytest.mark.parametrize("text", DATELINES)
def test_agency_datelines_are_not_events(text: str) -> None:
    assert [e.date for e in extract_events(text, date(2024, 11, 28))] == ["2024-11-27"]


def test_long_input_is_capped_and_the_cap_is_reported() -> None:
    opening = "The council approved the budget on Wednesday and will vote on March 3. "
    filler = "Members spoke for and against the plan at length. "
    text = opening + filler * (2 * MAX_TEXT // len(filler))
    events = extract_events(text, date(2025, 2, 20))
    assert [e.date for e in events] == ["2025-02-19", "2025-03-03"]
    last = explain_mentions(text, date(2025, 2, 20))[-1]
    assert last.value is None and not last.accepted
    assert last.reason.startswith("not read: only the first 100,000 characters")
    assert last.end == len(text)


def test_text_without_sentence_punctuation_is_cut_into_bounded_sentences() -> None:
    text = " ".join(["the council met on Wednesday"] + ["and members talked"] * 3000)
    events = extract_events(text, date(2025, 2, 20))
    assert events and all(len(e.evidence) <= 1000 for e in events)


def test_cli_lists_cancellations_apart_from_events(tmp_path: object) -> None:
    record = {
        "id": "a1",
        "published": "2025-06-01",
        "text": "The June 5 rally was called off. The march on June 9 will go ahead.",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "extract", "--jsonl", "-"],
        input=json.dumps(record) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    line = json.loads(result.stdout)
    assert [e["date"] for e in line["events"]] == ["2025-06-09"]
    assert [e["date"] for e in line["cancelled"]] == ["2025-06-05"]


# Comparisons, spans and remarks: the value stays, no event.
NOT_EVENTS = [
    ("Prices were 2% higher than expected the previous day.", "2025-06-12"),
    ("Turnover fell sharply from the previous day.", "2025-06-12"),
    ("The bank has raised rates by 250 points since May 2024.", "2025-06-12"),
    ('"Today marks a milestone for the town," the mayor said.', "2025-06-12"),
    ("Analysts blamed Friday's sell-off on the jobs data.", "2025-06-12"),
]


@pytest.mark.parametrize(("text", "published"), NOT_EVENTS)
def test_comparisons_spans_and_remarks_are_not_events(text: str, published: str) -> None:
    assert extract_events(text, date.fromisoformat(published)) == []


def test_the_end_of_a_span_is_not_an_event() -> None:
    text = "Starting Monday, June 16 and continuing through mid-September, the hall will close."
    assert [e.date for e in extract_events(text, date(2025, 6, 12))] == ["2025-06-16"]


def test_a_date_naming_an_event_told_before_restates_it() -> None:
    text = (
        "Orvale will launch its rocket no earlier than Jan. 6. "
        "The Jan. 6 launch is scheduled for dawn, ground controllers said."
    )
    assert [e.date for e in extract_events(text, date(2025, 12, 29))] == ["2026-01-06"]


def test_a_plan_moved_in_the_same_sentence_is_superseded() -> None:
    text = (
        "The council voted to postpone its meeting scheduled for December 21 to one week "
        "later, December 28."
    )
    events = extract_events(text, date(2025, 12, 19))
    assert [(e.date, e.replaces) for e in events] == [("2025-12-28", "2025-12-21")]


def test_a_plan_for_today_moved_and_restated_tonight() -> None:
    text = (
        "A school board meeting scheduled for today has been postponed for a week. "
        "Two trustees are ill and cannot attend tonight's meeting."
    )
    assert extract_events(text, date(2025, 4, 3)) == []


def test_a_possible_slip_does_not_move_a_plan() -> None:
    text = "The product ramp is slated for June 3; any slip would push revenue into autumn."
    assert [e.date for e in extract_events(text, date(2025, 4, 3))] == ["2025-06-03"]


def test_the_new_date_of_a_move_told_in_the_past_is_not_a_year_back() -> None:
    text = (
        "The council approved a motion on Thursday to postpone the hearing scheduled for "
        "Dec. 21 to one week later, Dec. 28, after concerns were raised."
    )
    events = extract_events(text, date(2025, 12, 22))
    assert ("2025-12-28", "2025-12-21") in [(e.date, e.replaces) for e in events]


def test_the_week_of_a_day_is_a_week_not_that_day() -> None:
    text = "A grand jury is scheduled to consider the case the week of Aug. 8."
    reports = explain_mentions(text, date(2025, 7, 14))
    assert [(m.text, m.accepted, m.reason) for m in reports] == [
        ("the week of Aug. 8", False, "a week, not a single day")
    ]


NOT_HAPPENING = [
    ("The game will not take place today and will be rearranged.", "2025-06-10"),
    ("The final will not be played on Saturday.", "2025-06-14"),
]


@pytest.mark.parametrize(("text", "cancelled"), NOT_HAPPENING)
def test_the_day_something_will_not_happen_is_cancelled(text: str, cancelled: str) -> None:
    events = extract_events(text, date(2025, 6, 10))
    assert [(e.date, e.cancelled) for e in events] == [(cancelled, True)]


def test_a_move_between_weekdays_is_a_move_not_a_range() -> None:
    text = (
        "An evacuation of the island will begin on Thursday. "
        "The harbour concert was pushed from Friday to Thursday because of the storm."
    )
    events = extract_events(text, date(2025, 7, 2))
    assert [(e.date, e.replaces) for e in events] == [
        ("2025-07-03", None),
        ("2025-07-03", "2025-07-04"),
    ]


def test_by_a_weekday_without_tense_is_ahead() -> None:
    text = "Forecasts show the centre of the storm over land by Saturday morning."
    assert [e.date for e in extract_events(text, date(2025, 9, 8))] == ["2025-09-13"]


def test_a_past_form_in_the_infinitive_place_is_no_past() -> None:
    text = "The hurricane is expected to made landfall Thursday."
    assert [e.date for e in extract_events(text, date(2025, 9, 9))] == ["2025-09-11"]


def test_a_place_dateline_without_a_date_is_not_in_the_title() -> None:
    text = "PORT ELLIS, N.C. -- Hurricane Vela will make landfall on Thursday, forecasters said."
    (event,) = extract_events(text, date(2025, 9, 9))
    assert event.title.startswith("Hurricane Vela")


def test_a_possessive_month_names_the_day_event_of_that_month() -> None:
    text = (
        "The new library will open on Sept. 14, the city said. "
        "Next month's opening, however, appears to be a sure thing."
    )
    assert [e.date for e in extract_events(text, date(2025, 8, 14))] == ["2025-09-14"]


def test_has_without_a_participle_is_present_and_a_weekday_looks_ahead() -> None:
    text = "The county health department said it has openings available Wednesday."
    assert [e.date for e in extract_events(text, date(2025, 4, 1))] == ["2025-04-02"]


def test_a_date_before_a_noun_is_that_things_date_not_the_verbs() -> None:
    text = "A judge on Thursday set a July 18 hearing for the defendant."
    values = [m.value for m in explain_mentions(text, date(2025, 6, 20)) if m.accepted]
    assert values == ["2025-06-19", "2025-07-18"]


def test_asked_to_is_a_request_still_ahead() -> None:
    text = "Prosecutors had asked the judge to begin the sentencing phase on July 30."
    assert [e.date for e in extract_events(text, date(2025, 6, 20))] == ["2025-07-30"]


def test_a_move_pairs_only_dates_told_close_together() -> None:
    text = (
        "In September the defence filed a motion to delay the trial until September 2026, "
        "but the judge kept the venue and, after a long hearing on many other motions that "
        "day, did reschedule it from November 2025 to early January."
    )
    events = extract_events(text, date(2025, 12, 18))
    assert all(e.replaces is None for e in events)


INFINITIVES = [
    # the date belongs to the infinitive's clause, not to the past verb before it
    ("MPs have passed a bill to call a general election on 12 December.", ["2025-12-12"]),
    ("The leaders agreed on March 17 as the date for elections.", ["2026-03-17"]),
    # a purpose infinitive after a past verb leaves a weekday looking back
    ("The minister travelled to Tarvo to meet farmers on Monday.", ["2025-10-27"]),
]


@pytest.mark.parametrize(("text", "expected"), INFINITIVES)
def test_a_date_in_an_infinitive_clause_is_not_dated_by_the_verb_before(
    text: str, expected: list[str]
) -> None:
    assert [e.date for e in extract_events(text, date(2025, 10, 29))] == expected


def test_a_naming_participle_is_no_past() -> None:
    text = "The agency will discuss the launch of the mission called Tessera on March 28."
    assert [e.date for e in extract_events(text, date(2025, 3, 27))] == ["2025-03-28"]


def test_a_moved_event_is_titled_by_its_own_sentence() -> None:
    text = (
        "The June 5 rally was called off. "
        "The vote, originally set for May 2, is now expected on May 16."
    )
    events = extract_events(text, date(2025, 4, 20))
    assert [(e.title, e.cancelled) for e in events] == [
        ("rally was called off", True),
        ("vote is now expected", False),
    ]


POSSIBILITIES_AND_LEVELS = [
    ("The bank is getting ready to consider a rate hike as early as June.", "2025-06"),
    ("Partners that do not deal will go back to the April 2 tariff level.", "2025-04-02"),
]


@pytest.mark.parametrize(("text", "value"), POSSIBILITIES_AND_LEVELS)
def test_possibilities_and_dated_levels_are_not_events(text: str, value: str) -> None:
    reports = explain_mentions(text, date(2025, 3, 15 if value == "2025-06" else 20))
    assert [(m.value, m.accepted) for m in reports if m.value] == [(value, False)]
