"""Titles: who did what, from the clause that holds the date, within 100 characters.

Each row is our own sentence for one behaviour: (text, published, event date, parts the title
must contain, parts it must not contain).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract import extract_events

TITLES: list[tuple[str, str, str, list[str], list[str]]] = [
    # asides: ages, locations and non-restrictive relative clauses do not cut the object
    (
        "Brightline Foods on Friday named Ana Cruz, 47, as head of its Canadian unit.",
        "2025-03-15",
        "2025-03-14",
        ["Brightline Foods", "Ana Cruz", "head of its Canadian unit"],
        ["47"],
    ),
    (
        "Osaki Works said on Monday that output at its plant in Ota, west of Tokyo, "
        "would return to normal next week.",
        "2025-03-18",
        "2025-03-17",
        ["Osaki Works", "output", "return to normal"],
        ["west of Tokyo"],
    ),
    (
        "Mayor Lena Fox, who took office last year, opened the new bridge on Saturday.",
        "2025-03-18",
        "2025-03-15",
        ["Lena Fox", "opened", "bridge"],
        ["took office"],
    ),
    # the date inside a relative clause: the clause's subject is the noun before it
    (
        "Canada's levies on imported steel, which took effect on Feb. 3, raised prices.",
        "2025-03-18",
        "2025-02-03",
        ["levies on imported steel", "took effect"],
        ["which", "raised"],
    ),
    (
        "Pell Energy expects to restart the unit, after a repair outage that began in January.",
        "2025-03-18",
        "2025-01",
        ["repair outage", "began"],
        ["that"],
    ),
    # a short appositive name stays inside the object
    (
        "Avalon Cars plans to build its first van, the Otter, at its Texas plant in May.",
        "2025-03-18",
        "2025-05",
        ["Avalon Cars", "Otter", "Texas plant"],
        [],
    ),
]


@pytest.mark.parametrize(("text", "published", "day", "present", "absent"), TITLES)
def test_title(text: str, published: str, day: str, present: list[str], absent: list[str]) -> None:
    events = {e.date: e for e in extract_events(text, date.fromisoformat(published))}
    title = events[day].title
    assert len(title) <= 100
    for part in present:
        assert part in title, (part, title)
    for part in absent:
        assert part not in title, (part, title)
