"""Weekdays read in their week and periods glossed in brackets (the eighth events round). Our
own sentences, one or two per rule; each rule is named in docs/EXTRACTION.md.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import explain_mentions, extract_events

# Publication weekdays below: 2024-07-04 Thu, 2025-03-17 Mon, 2025-03-20 Thu, 2025-06-05 Thu.


def _dates(text: str, published: str) -> list[str]:
    return [e.date for e in extract_events(text, date.fromisoformat(published))]


def _value(text: str, published: str, mention: str) -> str | None:
    reports = explain_mentions(text, date.fromisoformat(published))
    return next(r.value for r in reports if r.text == mention)


def _reason(text: str, published: str, mention: str) -> str:
    reports = explain_mentions(text, date.fromisoformat(published))
    return next(r.reason for r in reports if r.text == mention)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # rule "this <weekday> is a day of the publication's week": a past verb does not send
        # a Saturday still ahead in a Thursday article back to the week before
        ("Two derbies were in doubt this Saturday after the rain.", "2024-07-04", "2024-07-06"),
        ("Harlow Town hosts Kembry this Saturday at noon.", "2024-07-04", "2024-07-06"),
        # a weekday already past in the week stays behind when the verb is past
        ("The Marlow council voted this Monday to close the pool.", "2025-03-20", "2025-03-17"),
        # the day before a Monday article is still "this Sunday"
        ("The Tarvo ferry sank this Sunday off the cape.", "2025-03-17", "2025-03-16"),
    ],
)
def test_this_weekday_is_a_day_of_the_publication_week(
    sentence: str, published: str, expected: str
) -> None:
    assert _dates(sentence, published) == [expected]


def test_weekdays_joined_to_this_share_its_week() -> None:
    # rule "weekdays share their modifier", and two days in a row joined by "and" are one
    # happening told by its first day, also in a sentence that moves another date
    text = (
        "Two rounds were earlier moved to a spare weekend, while the Corran fixtures were in "
        "doubt this Saturday and Sunday."
    )
    assert _value(text, "2024-07-04", "Sunday") == "2024-07-07"
    assert _dates(text, "2024-07-04") == ["2024-07-06"]


PERIOD_GLOSSES = [
    # rule "a period spelt out in brackets": a quarter, half or week glossed by its dates
    (
        "Kessler Freight expects to close the purchase in the third quarter (between July and "
        "September).",
        "July",
    ),
    ("Dunmere will restart the smelter in the first half (from January to June).", "January"),
    (
        '"We will inspect the stands during the week before (May 3rd to 9th)," the steward said.',
        "May 3rd to 9th",
    ),
]


@pytest.mark.parametrize(("text", "mention"), PERIOD_GLOSSES)
def test_a_period_spelt_out_in_brackets_is_no_event(text: str, mention: str) -> None:
    assert _reason(text, "2025-03-20", mention).startswith("a period spelt out in brackets")
    assert _dates(text, "2025-03-20") == []


def test_a_weekend_or_a_month_spelt_out_in_brackets_names_its_days() -> None:
    text = "The semi-finals were moved to a spare weekend next month (April 12-13)."
    assert _dates(text, "2025-03-20") == ["2025-04-12"]


def test_a_weekday_of_the_range_just_named_is_that_day() -> None:
    # rule "a weekday of the range just named": the weekday in the next sentence falls inside
    # the range, not in the week of publication
    text = (
        "The resurfacing of Orley Road has been moved to the weekend of June 20-23. "
        "Crews will work from 7 p.m. Friday until 6 a.m. Monday."
    )
    assert _value(text, "2025-06-05", "Friday") == "2025-06-20"
    assert _value(text, "2025-06-05", "Monday") == "2025-06-23"
    assert _dates(text, "2025-06-05") == ["2025-06-20"]
    # the range is the event; its weekday told again is no second report of it
    assert _reason(text, "2025-06-05", "Friday").startswith("a day of the range just named")
    titles = [e.title for e in extract_events(text, date(2025, 6, 5))]
    assert "moved" in titles[0]


def test_a_weekday_outside_the_range_just_named_reads_from_publication() -> None:
    text = "The Harlow fair ran June 2-3. The council met on Thursday to count the takings."
    assert _value(text, "2025-06-05", "Thursday") == "2025-06-05"


def test_a_statement_month_is_no_statistic_of_its_figure() -> None:
    # rule "a statement's month": the figure is what was said, the month when it was said
    text = "Kessler Foods said in November it pays 30 percent more for grain than its rivals."
    assert _dates(text, "2025-03-20") == ["2024-11"]
    # a figure for the month itself stays a statistic
    assert _dates("Grain prices rose 30 percent in November.", "2025-03-20") == []


def test_a_month_after_a_possessive_before_a_noun_is_a_month() -> None:
    # "Vell's August invasion": an attributive month after a possessive, like "its March meeting"
    text = "Shortly after Vell's August invasion of Tarvo, the league suspended its quotas."
    assert _dates(text, "2025-03-20") == ["2024-08"]
    # a statistic noun after it stays no event
    assert _dates("Vell's August exports were the highest on record.", "2025-03-20") == []


@pytest.mark.parametrize(
    "text",
    [
        "Turnover reached 210 million shares, down from 245 million Wednesday.",
        "The rand traded at 18.40 to the dollar, up from 18.10 on Thursday.",
    ],
)
def test_the_day_of_a_figure_a_change_is_measured_from_is_no_event(text: str) -> None:
    # "the day of a figure compared with": "up from" / "down from" name the other term too
    assert _dates(text, "2025-03-21") == []


def test_a_change_told_with_from_and_its_day_stays_an_event() -> None:
    text = "The Arden central bank raised its rate to 5.25 percent from 5 percent on Wednesday."
    assert _dates(text, "2025-03-21") == ["2025-03-19"]


def test_a_day_after_a_clause_is_not_counted_from_the_name_it_opens_with() -> None:
    # rule "a clause is no named event": "a day after Arden said ..." tells when Arden spoke,
    # which is not the day Arden's name was told with in the sentence before
    text = (
        "Arden Motors said on Thursday it will idle two plants. The shutdowns come a day "
        "after Arden said it would drop its oldest brand."
    )
    assert _dates(text, "2000-12-14") == ["2000-12-14"]
    # an event named by its noun is still found
    text = "Workers began a walkout on Thursday. The day after the walkout, managers met."
    assert _dates(text, "2000-12-16") == ["2000-12-14", "2000-12-15"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a present verb of a plural subject schedules its weekday, like "reopens"
        ("Schools in Kelmarsh reopen Monday after the storm.", "2025-06-23"),
        ("The first grain ships arrive Friday at the Vell terminal.", "2025-06-20"),
        ("The Arden cup final airs Sunday on channel four.", "2025-06-22"),
    ],
)
def test_present_schedule_verbs_of_plural_subjects_look_ahead(sentence: str, expected: str) -> None:
    assert _dates(sentence, "2025-06-18") == [expected]
