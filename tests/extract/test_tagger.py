"""The grammar finds every kind of date mention and labels the look-alikes it rejects."""

from __future__ import annotations

import re
import string

import pytest

from bot.extract.tagger import (
    _TRIGGER,
    CURRENCY_PREFIXES,
    CURRENCY_SIGNS,
    GRAMMAR,
    RULES,
    tag,
)


def kinds(text: str, date_order: str = "MDY") -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in tag(text, date_order)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board met on March 11.", [("March 11", "full")]),
        ("Sales start Feb. 28 in Ohio.", [("Feb. 28", "full")]),
        ("The vote is on Sept. 3.", [("Sept. 3", "full")]),
        ("It opened on 29 October 2024.", [("29 October 2024", "full")]),
        ("Talks ran on the 5th of May.", [("the 5th of May", "full")]),
        ("The fair runs March 11-14.", [("March 11-14", "full")]),
        ("Meetings are set for July 25–26.", [("July 25–26", "full")]),
        ("The summit runs Feb. 28-March 2.", [("Feb. 28-March 2", "full")]),
        ("The filing is dated 2024-03-11.", [("2024-03-11", "full")]),
        ("Filed on 3/11/2024 in court.", [("3/11/2024", "full")]),
        ("Monday, March 10, 2025 was busy.", [("Monday, March 10, 2025", "full")]),
        ("It grew in June.", [("June", "month")]),
        ("Prices rose in late February.", [("late February", "month")]),
        ("Work resumes mid-April.", [("mid-April", "month")]),
        ("The deal closes by the end of July.", [("the end of July", "month")]),
        ("The plant opened in June 2024.", [("June 2024", "month")]),
        ("Output fell last month.", [("last month", "relative_month")]),
        ("It lands next month.", [("next month", "relative_month")]),
        ("He resigned on Friday.", [("Friday", "weekday")]),
        ("She spoke last Monday.", [("last Monday", "weekday")]),
        ("Friday's announcement surprised traders.", [("Friday's", "weekday")]),
        ("It closed yesterday.", [("yesterday", "relative_day")]),
        ("The talks resume tomorrow.", [("tomorrow", "relative_day")]),
        ("The day before, the bank cut rates.", [("The day before", "anchored_day")]),
    ],
)
def test_finds_date_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "rejected", "reason_part"),
    [
        ("The group adopted its 2025 plan.", "2025", "year only"),
        ("Delegates met at the 20th National Congress.", "20th", "ordinal"),
        ("Shares fell to $27 on the news.", "$27", "money"),
        ("Only 1/2 of the plants run.", "1/2", "fraction"),
        ("Prices may rise again.", "may", "verb"),
        ("The strike lasted for three days.", "for three days", "duration"),
        ("It signed a 10-year deal.", "10-year", "duration"),
        ("Stocks slid last week.", "last week", "not a single day or month"),
        ("The launch slipped to this fall.", "this fall", "not a single day or month"),
        ("Profit rose in the June quarter.", "the June quarter", "fiscal"),
        ("Output rose in the first half.", "first half", "fiscal"),
        ("Revenue grew in fiscal 2013.", "fiscal 2013", "fiscal"),
        ("The mine shut two weeks ago.", "two weeks ago", "not a single day or month"),
    ],
)
def test_labels_look_alikes_as_non_dates(text: str, rejected: str, reason_part: str) -> None:
    found = [m for m in tag(text) if m.text == rejected]
    assert found and found[0].kind == "nondate"
    assert reason_part in (found[0].reject_reason or "")


@pytest.mark.parametrize(
    "text", ["We sat down and talked.", "we sat on the panel", "Wed like that"]
)
def test_weekday_lookalikes_are_not_weekdays(text: str) -> None:
    assert not [m for m in tag(text) if m.kind == "weekday"]


def test_numeric_dates_follow_the_configured_order() -> None:
    mdy = next(tag("Signed 03/04/2025 here."))
    dmy = next(tag("Signed 03/04/2025 here.", "DMY"))
    assert (mdy.month, mdy.day) == (3, 4)
    assert (dmy.month, dmy.day) == (4, 3)


def test_impossible_numeric_date_is_rejected() -> None:
    assert next(tag("Ref 13/45/2024.")).kind == "nondate"


def test_range_keeps_its_end() -> None:
    mention = next(tag("The show runs March 11-14."))
    assert (mention.day, mention.range_end) == (11, "14")


def test_trigger_always_group_marks_signs_digits_and_fy_words_only() -> None:
    """The trigger's `always` group stands in for testing each word's characters: it must split
    the text into the same words as the plain pattern and catch exactly the currency signs,
    digits (any script's) and words opening with "FY"."""
    plain = re.compile(r"(?=[$€£¥\dA-Za-z])(?:[$€£¥]|(?<!\d)\d|\b[A-Za-z][A-Za-z0-9]*)")
    text = (
        "FY2025 fy25 Fyodor fY3 F y $5 €3 £2 ¥9 US$4 \u0663 \u06f5 2025 covid19 Q3 H1 the "
        "Earth’s fiscal-year FYI 3rd x9y fy"
    )
    assert [m.span() for m in _TRIGGER.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for match in _TRIGGER.finditer(text):
        raw = match[0]
        expected = not raw[0].isalpha() or raw.lower().startswith("fy")
        assert (match.lastindex is not None) == expected, raw


def test_currency_prefix_gate_skips_only_what_the_grammar_cannot_match() -> None:
    """The words tried only before a currency sign: the money rule's prefixes (besides "A"), and
    the grammar matches nothing that opens with one of them followed by anything else."""
    money = next(rule for rule in RULES if rule.name == "money")
    assert money.pattern.startswith(r"(?:US|A|C|HK|S)?[$€£¥]")
    assert {"us", "c", "hk", "s"} == CURRENCY_PREFIXES
    assert set(CURRENCY_SIGNS) == set("$€£¥")
    after = [c for c in string.printable if not c.isalnum()] + list("’‘“”—–…\u00a0\u2009")
    rests = ["", "5", "5 2025", " 2025", " March 3, 2025", ".5", " the 5th", " 3 days", "-5"]
    for word in CURRENCY_PREFIXES:
        for spelling in (word, word.upper(), word.capitalize()):
            for sign in CURRENCY_SIGNS:
                assert kinds(f"It cost {spelling}{sign}5 million.")
            for char in after:
                if char in CURRENCY_SIGNS:
                    continue
                for rest in rests:
                    assert GRAMMAR.match(spelling + char + rest) is None, spelling + char + rest
