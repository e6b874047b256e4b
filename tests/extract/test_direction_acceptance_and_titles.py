"""Which way a date points, which mentions are events, and who-did-what titles (table-driven).

Future and past dates, weekdays and relative days; month-only and background mentions; years,
fiscal periods, statistics and durations that are not events; same-day splits; titles.

Publication weekdays used: 2024-02-28 Wed, 2024-12-27 Fri, 2024-12-30 Mon, 2025-01-02 Thu,
2025-01-31 Fri, 2025-03-17 Mon, 2025-03-18 Tue, 2025-03-19 Wed, 2025-03-20 Thu, 2025-03-27 Thu,
2025-06-06 Fri, 2025-11-28 Fri, 2025-12-29 Mon, 2026-01-09 Fri (checked with datetime).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import explain_mentions, extract_events
from tests.extract.helpers import accepted_values, event_dates


def _check(text: str, published: str, expected: list[str]) -> None:
    assert accepted_values(text, published) == expected, explain_mentions(
        text, date.fromisoformat(published)
    )


EXPLICIT_FUTURE = [
    (
        "Harbor Power said on Wednesday it expects to restart the reactor on April 7, "
        "after an outage that began in February.",
        "2025-03-27",
        ["2025-03-26", "2025-04-07", "2025-02"],
    ),
    (
        "The regulator extended its review by three months, pushing the decision date to Aug. 9.",
        "2024-04-22",
        ["2024-08-09"],
    ),
    ("The vote was delayed until Jan. 15.", "2024-12-20", ["2025-01-15"]),
    ("The launch has been postponed to March 3.", "2025-02-10", ["2025-03-03"]),
    ("The company plans to list its shares on Feb. 3.", "2025-12-29", ["2026-02-03"]),
    ("The minister is to visit Paris on June 2.", "2025-05-20", ["2025-06-02"]),
    ("The firm aims to complete the sale by Jan. 31.", "2025-02-03", ["2026-01-31"]),
    ("Officials said the border would stay closed until Jan. 5.", "2024-12-28", ["2025-01-05"]),
    ("Acme targets first output in September.", "2025-10-02", ["2026-09"]),
    ("Bids are due on Jan. 10.", "2024-12-18", ["2025-01-10"]),
    ("Summit: April 7 in Geneva.", "2025-03-27", ["2025-04-07"]),
    ("Summit: Jan. 4 in Geneva.", "2024-12-30", ["2025-01-04"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), EXPLICIT_FUTURE)
def test_explicit_future_dates_land_ahead(text: str, published: str, expected: list[str]) -> None:
    _check(text, published, expected)


FUTURE_WEEKDAYS = [
    ("Acme reports earnings Thursday.", "2025-03-18", ["2025-03-20"]),
    ("The strike is set to end Wednesday.", "2025-01-02", ["2025-01-08"]),
    ("The new tariff takes effect next Monday.", "2024-12-27", ["2024-12-30"]),
    ("The new rules are effective next Monday.", "2025-12-29", ["2026-01-05"]),
    ("The board will vote on Friday.", "2024-12-30", ["2025-01-03"]),
    ("Ministers are scheduled to meet on Tuesday.", "2025-12-29", ["2025-12-30"]),
    ("The company is expected to announce results on Wednesday.", "2025-12-29", ["2025-12-31"]),
    ("Pre-orders open on Friday.", "2025-03-18", ["2025-03-21"]),
    ("Voting closes Sunday.", "2025-06-06", ["2025-06-08"]),
    ("The central bank meets Thursday to set rates.", "2025-01-31", ["2025-02-06"]),
    ("Trading resumes on Monday, the exchange said.", "2025-11-28", ["2025-12-01"]),
    ("The minister will visit Beijing on Saturday.", "2026-01-09", ["2026-01-10"]),
    ("The merger is due to close on Monday.", "2025-06-06", ["2025-06-09"]),
    ("The court would rule on Tuesday, a spokesman said.", "2024-02-28", ["2024-03-05"]),
    ("The union plans to strike from Monday.", "2025-03-18", ["2025-03-24"]),
    ("The offer expires Friday.", "2024-12-30", ["2025-01-03"]),
    ("The phones go on sale Saturday in Seoul.", "2025-03-18", ["2025-03-22"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), FUTURE_WEEKDAYS)
def test_future_weekdays_look_ahead(text: str, published: str, expected: list[str]) -> None:
    _check(text, published, expected)


RELATIVE_DAYS = [
    ("The central bank cut rates yesterday.", "2025-01-01", ["2024-12-31"]),
    ("Shares fell 3% yesterday.", "2025-03-01", ["2025-02-28"]),
    ("Acme said yesterday that it would close the plant.", "2024-03-01", ["2024-02-29"]),
    (
        "The talks collapsed on Thursday. The day before, both sides had met in Geneva.",
        "2025-01-02",
        ["2025-01-02", "2025-01-01"],
    ),
    (
        "The ministry approved the permit on Jan. 2. The day before, protesters blocked the road.",
        "2025-01-08",
        ["2025-01-02", "2025-01-01"],
    ),
    (
        "The strike began on Monday. The following day, the company cut its forecast.",
        "2025-03-19",
        ["2025-03-17", "2025-03-18"],
    ),
    (
        "Acme unveiled its phone a day after Rival launched its own on Tuesday.",
        "2025-03-20",
        ["2025-03-19", "2025-03-18"],
    ),
    ("The vote came a day before the deadline.", "2025-03-18", []),
    ("Shipments resumed on Saturday, a day earlier than planned.", "2025-03-18", ["2025-03-15"]),
    ("Two days ago, the regulator fined the bank.", "2025-01-01", ["2024-12-30"]),
    ("The day before yesterday, the mine flooded.", "2025-03-01", ["2025-02-27"]),
    (
        "On Dec. 31 the firm filed for bankruptcy; the day after, its shares were suspended.",
        "2025-01-05",
        ["2024-12-31", "2025-01-01"],
    ),
    ("Police arrested two men yesterday, a day after the attack.", "2025-03-18", ["2025-03-17"]),
    ("The company reported a loss yesterday.", "2026-01-01", ["2025-12-31"]),
    ("Stocks rallied yesterday after the Fed held rates.", "2025-06-19", ["2025-06-18"]),
    ("Chair Ana Ruiz will address shareholders in Madrid today.", "2025-03-18", ["2025-03-18"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), RELATIVE_DAYS)
def test_relative_and_anchored_days(text: str, published: str, expected: list[str]) -> None:
    _check(text, published, expected)


MONTH_ONLY = [
    ("Lynas expects to produce terbium in June.", "2025-05-16", ["2025-06"]),
    ("The plant will reopen in January.", "2025-11-28", ["2026-01"]),
    ("The company launched the drug in December.", "2026-01-09", ["2025-12"]),
    ("Exports rebounded in July.", "2025-08-20", ["2025-07"]),
    ("Production resumed last month.", "2025-01-08", ["2024-12"]),
    ("The deal is expected to close next month.", "2025-12-10", ["2026-01"]),
    ("The regulator approved the merger in mid-March.", "2025-03-18", ["2025-03"]),
    ("The mine will restart by the end of February.", "2025-01-31", ["2025-02"]),
    ("Deliveries are due to begin in March.", "2025-12-29", ["2026-03"]),
    ("The bank cut rates by a quarter point in September.", "2025-10-02", ["2025-09"]),
    ("The central bank raised its key rate to 4.5% in March.", "2025-04-10", ["2025-03"]),
    ("The treasury trimmed its deficit target to 3% last month.", "2025-07-15", ["2025-06"]),
    (
        "The bank held rates, pausing after a half-point hike in December.",
        "2026-01-14",
        ["2025-12"],
    ),
    ("The firm said it would open a plant in Texas in April.", "2025-12-10", ["2026-04"]),
    ("Tariffs took effect in late November.", "2026-01-05", ["2025-11"]),
    ("The union called off the strike this month.", "2025-03-18", ["2025-03"]),
    ("The factory shut in October after a fire.", "2025-01-08", ["2024-10"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), MONTH_ONLY)
def test_month_only_mentions(text: str, published: str, expected: list[str]) -> None:
    _check(text, published, expected)


PAST_YEAR_MONTHS = [
    ("The plant opened in June 2024.", "2025-03-18", ["2024-06"]),
    ("In December, Acme had warned of weak demand.", "2025-05-14", ["2024-12"]),
    ("Exports ground to a near halt in November.", "2025-02-10", ["2024-11"]),
    ("The last severe frost struck in July 1994.", "2025-06-20", ["1994-07"]),
    ("The ban was first imposed in October.", "2025-01-20", ["2024-10"]),
    ("Sales collapsed in September, when the subsidy ended.", "2025-03-01", ["2024-09"]),
    ("Acme cut 2,000 jobs in February 2023.", "2025-03-01", ["2023-02"]),
    ("The shutdown in May cost the firm $40 million.", "2025-09-01", ["2025-05"]),
    ("Regulators fined the bank in December 2022.", "2025-03-01", ["2022-12"]),
    ("The company listed its shares in Hong Kong in April.", "2026-01-05", ["2025-04"]),
    ("Mr Li became chairman in January.", "2025-12-29", ["2025-01"]),
    ("The previous strike ended in May 2021.", "2025-03-01", ["2021-05"]),
    ("Output peaked in October before falling.", "2025-01-08", ["2024-10"]),
    ("The miner halted output in August.", "2025-02-10", ["2024-08"]),
    ("The board approved the merger in late December.", "2025-01-02", ["2024-12"]),
]


@pytest.mark.parametrize(("text", "published", "expected"), PAST_YEAR_MONTHS)
def test_past_year_months(text: str, published: str, expected: list[str]) -> None:
    _check(text, published, expected)


PERIOD_DISTRACTORS = [
    "Revenue rose in the June quarter.",
    "Profit doubled in the first half.",
    "The company expects growth in fiscal 2025.",
    "Sales fell 4% in Q3.",
    "Margins improved in Q3 2024.",
    "The plan runs until 2030.",
    "In 2021, the firm moved to Austin.",
    "Output will rise next year.",
    "Earnings beat forecasts in the second quarter.",
    "H1 2024 revenue grew.",
    "The group reported record FY24 results.",
    "The September quarter was weak.",
    "Last year the bank cut rates twice.",
    "The mine has run for 30 years.",
    "Demand has grown since 2019.",
    "Exports rose in the third quarter of 2024.",
    "The mine will close later this year.",
    "The firm expects a recovery in the second half of next year.",
]


@pytest.mark.parametrize("text", PERIOD_DISTRACTORS)
def test_years_and_fiscal_periods_are_not_events(text: str) -> None:
    assert event_dates(text, "2025-03-18") == []


BACKGROUND = [
    (
        "Consumer prices rose 2.9% in April from a year earlier.",
        "2025-05-14",
        "2025-04",
        "statistic",
    ),
    ("Inflation eased to 7.9% in February.", "2023-03-09", "2023-02", "statistic"),
    ("The firm had $80 million in cash at the end of June.", "2025-08-01", "2025-06", "statistic"),
    ("Rainfall was the lowest for August in 30 years.", "2025-09-05", "2025-08", "statistic"),
    ("Copper prices have fallen 12% since April.", "2025-07-01", "2025-04", "statistic"),
    ("The chairman, who turned 70 in March, will retire.", "2025-05-01", "2025-03", "biography"),
    ("Inflation stood at 2.2% in March.", "2025-04-20", "2025-03", "statistic"),
]


@pytest.mark.parametrize(("text", "published", "value", "reason"), BACKGROUND)
def test_background_months_keep_their_value_but_are_not_events(
    text: str, published: str, value: str, reason: str
) -> None:
    (report,) = [r for r in explain_mentions(text, date.fromisoformat(published)) if r.value]
    assert (report.value, report.granularity, report.accepted) == (value, "month", False)
    assert reason in report.reason


def test_a_statistic_and_its_previous_month_are_both_rejected() -> None:
    text = "Unemployment was 4.1% in May, down from 4.3% in April, the office said on Tuesday."
    assert accepted_values(text, "2025-06-11") == ["2025-06-10"]


SAME_DAY = [
    (
        "LME copper futures jumped 4% on Friday. Separately, Acme Mining said on Friday it would "
        "cut output.",
        "2025-06-06",
        ["2025-06-06", "2025-06-06"],
    ),
    (
        "Westfield Power won a contract on Monday. Chairman Tom Reed will address "
        "shareholders in Leeds today.",
        "2025-03-17",
        ["2025-03-17", "2025-03-17"],
    ),
    (
        "Acme announced a buyback on Tuesday. The announcement on Tuesday lifted its shares.",
        "2025-03-18",
        ["2025-03-18"],
    ),
    (
        "Acme Corp cut its dividend on Tuesday. Acme said on Tuesday the cut would save cash.",
        "2025-03-18",
        ["2025-03-18"],
    ),
    (
        "Rival Bank raised rates on Thursday. Thursday's increase was the first in a year.",
        "2025-03-21",
        ["2025-03-20"],
    ),
    (
        "Two miners died on Tuesday. At around noon on Tuesday, the miners were underground, "
        "Codelco said.",
        "2025-03-18",
        ["2025-03-18"],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), SAME_DAY)
def test_same_day_events_split_only_when_subjects_differ(
    text: str, published: str, expected: list[str]
) -> None:
    assert event_dates(text, published) == expected


MENTION_VALUES = [
    ("Inflation stood at 2.2% in March.", "2025-04-20", "March", "2025-03", "month", False),
    ("In 2024 the firm grew.", "2025-01-08", "2024", "2024", "year", False),
    ("Margins improved in Q3 2024.", "2025-01-08", "Q3 2024", "2024-Q3", "quarter", False),
    ("Sales fell last year.", "2025-01-08", "last year", "2024", "year", False),
    (
        "The mine shut three months ago.",
        "2025-01-08",
        "three months ago",
        "2024-10",
        "month",
        False,
    ),
    ("January's figures were weak.", "2025-03-18", "January", "2025-01", "month", False),
    (
        "The launch is planned for early September.",
        "2025-04-20",
        "early September",
        "2025-09",
        "month",
        False,
    ),
    (
        "SYDNEY, May 18 — Lynas says it produced oxide.",
        "2025-05-18",
        "May 18",
        "2025-05-18",
        "day",
        False,
    ),
    ("Exports rebounded in July.", "2025-08-20", "July", "2025-07", "month", True),
]


@pytest.mark.parametrize(
    ("text", "published", "mention", "value", "granularity", "accepted"), MENTION_VALUES
)
def test_every_date_mention_has_a_value(
    text: str, published: str, mention: str, value: str, granularity: str, accepted: bool
) -> None:
    reports = {r.text: r for r in explain_mentions(text, date.fromisoformat(published))}
    report = reports[mention]
    assert (report.value, report.granularity, report.accepted) == (value, granularity, accepted)


@pytest.mark.parametrize(
    "text", ["The strike lasted for three days.", "It signed a 10-year deal.", "Rates may rise."]
)
def test_durations_and_verbs_have_no_value(text: str) -> None:
    assert all(r.value is None for r in explain_mentions(text, date(2025, 3, 18)))


TITLES = [
    (
        "Norvik Mining won a permit. Its shares rose 8% in Oslo on Monday.",
        "2025-03-19",
        ["Norvik Mining's shares", "rose"],
    ),
    (
        "Peru's energy ministry said on Monday it would suspend the tender.",
        "2025-03-19",
        ["Peru's energy ministry", "suspend", "tender"],
    ),
    (
        "Acme Bio said on Monday the U.S. Food and Drug Administration had approved its pill.",
        "2025-03-19",
        # the whole name, in the short form headlines use (rule SHORT_NAME)
        ["Acme Bio", "U.S. FDA approved", "pill"],
    ),
    (
        "Borealis Motors said on Tuesday it would recall 214,000 cars.",
        "2025-03-19",
        ["Borealis Motors", "recall", "214,000 cars"],
    ),
    (
        "The Bank of Lorna held rates. Consumer prices rose 2% in June. "
        "Governor Ivo Tal said on Monday the bank was ready to act.",
        "2025-07-15",
        ["Bank of Lorna", "ready to act"],
    ),
    (
        "Halvorsen Energy posted a loss. Dealers were gloomy. "
        "The company on Friday named Ada Berg as finance chief.",
        "2025-03-19",
        ["Halvorsen Energy", "named Ada Berg"],
    ),
]


@pytest.mark.parametrize(("text", "published", "must_contain"), TITLES)
def test_titles_keep_full_names_and_resolve_references(
    text: str, published: str, must_contain: list[str]
) -> None:
    events = extract_events(text, date.fromisoformat(published))
    title = events[-1].title
    assert len(title) <= 100
    for part in must_contain:
        assert part in title, (part, title)
