"""Titles of dates in a document's attribution ("according to a statement issued by the
ministry on Monday": who issued what, then what it says), in an "after <gerund>" phrase, and in
a list under an occasion ("- April 29 – Keld College" is a hearing). Our own sentences;
published Wednesday 2025-04-09.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.helpers import titles_by_date

PUBLISHED = date(2025, 4, 9)


@pytest.mark.parametrize(
    ("text", "date_", "expected"),
    [
        # the agent after "by" issued the document
        (
            "Ferry operators will have to cut fares by 10% from May 1, according to a statement "
            "issued by the Transport Ministry of Arden on Monday.",
            "2025-04-07",
            "Transport Ministry of Arden issued statement: Ferry operators will have to cut fares",
        ),
        # no agent: the document and its participle
        (
            "Tolls on the Kell bridge will rise on June 1, according to a notice posted on "
            "Tuesday.",
            "2025-04-08",
            "notice posted: Tolls on Kell bridge will rise",
        ),
        # a doer before the participle, no "that"
        (
            "Exports of barley will be halted from May 3, according to a decree the ministry "
            "published on Saturday.",
            "2025-04-05",
            "ministry published decree: Exports of barley will be halted",
        ),
        # the possessor is the sentence's subject
        (
            "The Arden government has approved a list of goods that will be banned from May 3, "
            "according to the government's decree published on Saturday.",
            "2025-04-05",
            "Arden government's decree published: Arden government approved list of goods",
        ),
    ],
)
def test_the_day_of_a_document_names_the_document(text: str, date_: str, expected: str) -> None:
    assert titles_by_date(text, PUBLISHED)[date_].startswith(expected)


def test_what_the_document_says_keeps_its_own_title() -> None:
    text = (
        "Ferry operators will have to cut fares by 10% from May 1, according to a statement "
        "issued by the Transport Ministry of Arden on Monday."
    )
    assert (
        titles_by_date(text, PUBLISHED)["2025-05-01"]
        == "Ferry operators will have to cut fares by 10%"
    )


@pytest.mark.parametrize(
    ("text", "date_", "expected"),
    [
        # the date is in an "after <gerund>" phrase: the phrase joins the clause's title
        (
            "Interest rates are now the main tool for the Arden central bank after dropping "
            "the currency cap in April.",
            "2025-04",
            "Interest rates are now main tool for Arden central bank after dropping currency cap",
        ),
        (
            "Ana Roe won the Keld marathon after overtaking two rivals on Sunday.",
            "2025-04-06",
            "Ana Roe won Keld marathon after overtaking two rivals",
        ),
    ],
)
def test_a_date_in_a_gerund_phrase_keeps_the_phrase(text: str, date_: str, expected: str) -> None:
    assert titles_by_date(text, PUBLISHED)[date_] == expected


def test_a_gerund_phrase_that_does_not_fit_leaves_the_clause_whole() -> None:
    text = (
        "Directors of the Tarvo Valley Water and Drainage Cooperative voted unanimously for "
        "the long-delayed eastern reservoir lining project after inspecting three flooded "
        "pumping stations on Monday."
    )
    title = titles_by_date(text, PUBLISHED)["2025-04-07"]
    assert "after inspecting" not in title and "Tarvo Valley" in title


LIST = (
    "The Tarvo water board will hold three public hearings on the reservoir plan. Each hearing "
    "will begin at 6 p.m. The dates and places are as follows:\n"
    "- April 29 – Keld College, Hall B, 12 Main St.\n"
    "- May 4 – Arden Town Hall, 4 Bridge Rd.\n\n"
    "Written comments may be sent to the board by mail."
)


def test_a_dated_list_item_names_the_occasion_told_before_the_list() -> None:
    titles = titles_by_date(LIST, PUBLISHED)
    assert titles["2025-04-29"] == "hearing: Keld College, Hall B, 12 Main St"
    assert titles["2025-05-04"] == "hearing: Arden Town Hall, 4 Bridge Rd"


def test_a_list_item_with_a_verb_keeps_its_own_title() -> None:
    text = (
        "The Tarvo water board will hold a public hearing on the reservoir plan. Key dates:\n"
        "- The board votes on the plan on May 6.\n\n"
        "Written comments may be sent to the board by mail."
    )
    assert not titles_by_date(text, PUBLISHED)["2025-05-06"].startswith("hearing")
