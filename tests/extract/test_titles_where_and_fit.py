"""Titles, twelfth round: a where-clause's own subject (WHERE_SUBJECT), a listener's "X of Y"
name kept whole (LISTENER_NAME), a long earlier conjunct giving way (EARLIER_CONJUNCT), an
acronym of a short name (ACRONYM_KEPT), a dated noun phrase after "of" (NOMINAL_AFTER_OF) and
a dated "having" phrase (HAVING_PARTICIPLE). Our own sentences; published Friday 2025-04-04.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract.helpers import titles_by_date

PUBLISHED = date(2025, 4, 4)


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "Delegates from nine ports gathered in Varrow, where Ines Maro will open the "
            "shipping summit on Monday.",
            "2025-04-07",
            "Ines Maro will open shipping summit",
        ),
        (
            "The royal tour ends in Ostby, where the crown princess will unveil a memorial to "
            "the drowned fishermen on April 9.",
            "2025-04-09",
            "crown princess will unveil memorial to drowned fishermen",
        ),
    ],
)
def test_a_dated_where_clause_tells_who_does_what_there(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


def test_a_where_clause_with_a_bare_noun_keeps_its_place() -> None:
    # "where workers ..." has no name nor article: the place stays
    titles = titles_by_date(
        "The mill closes in Harnsey, where workers were told the line will stop on April 18.",
        PUBLISHED,
    )
    assert "Harnsey" in titles["2025-04-18"]


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "Arden envoys told Minister of Fisheries Lena Korr on Tuesday that the quota talks "
            "had failed.",
            "2025-04-01",
            "Arden envoys told Minister of Fisheries Lena Korr quota talks failed",
        ),
        (
            # "of" after a lower-case noun still ends the listener: the room, not the listener
            "Tom Ray told the head of the dock union on Tuesday that the port would reopen.",
            "2025-04-01",
            "Tom Ray told head port would reopen",
        ),
    ],
)
def test_a_listener_named_x_of_y_is_kept_whole(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            # Rule EARLIER_CONJUNCT: the whole would be cut; the dated conjunct keeps its object
            "Storm Lira was moving west at 20 kilometres an hour far from the mainland coast of "
            "the island and could leave the Keld area of responsibility by Saturday.",
            "2025-04-05",
            "Storm Lira could leave Keld area of responsibility",
        ),
        (
            # a short first conjunct stays: the whole fits
            "Storm Lira was moving west and could leave the Keld area by Saturday.",
            "2025-04-05",
            "Storm Lira was moving west and could leave Keld area",
        ),
    ],
)
def test_a_long_earlier_conjunct_gives_way(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "With its radio tone beeping faintly, the Tarn Comet Explorer (TCE) flew past the "
            "asteroid Delmor on Wednesday.",
            "2025-04-02",
            "Tarn Comet Explorer (TCE) flew past asteroid Delmor",
        ),
        (
            # not the initials: the bracket goes as before
            "The Varrow Pilots Guild (Union 4) walked off the job on Wednesday.",
            "2025-04-02",
            "Varrow Pilots Guild walked off job",
        ),
    ],
)
def test_a_short_name_keeps_the_acronym_of_its_initials(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            # Rule NOMINAL_AFTER_OF: a dated noun phrase naming an action after "of"/"despite"
            "Factories of Arden's three largest carmakers have been shut because of a lack of "
            "parts after the damage to a piston maker's plant in Varrow, near the epicentre of "
            "the magnitude 6.1 earthquake on March 16.",
            "2025-03-16",
            "Factories of Arden's three largest carmakers have been shut because of magnitude 6.1 "
            "earthquake",
        ),
        (
            "The Varrow mill kept running despite the strike on Monday.",
            "2025-03-31",
            "Varrow mill kept running despite strike",
        ),
        (
            # an "after/following" phrase before the "of" keeps the whole phrase
            "Ferries resumed service following the cancellation of the meeting on Monday.",
            "2025-03-31",
            "Ferries resumed service following cancellation of meeting",
        ),
    ],
)
def test_a_dated_noun_phrase_after_of_tells_the_day(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


def test_a_dated_perfect_participle_takes_the_sentence_subject() -> None:
    # Rule HAVING_PARTICIPLE: "..., having asked ..." shares the subject of the first verb
    titles = titles_by_date(
        "Keld Public Libraries, the region's largest lending network, was eager to reopen its "
        "branches as soon as possible, having asked a county judge to declare the strike illegal "
        "on March 31, 2025.",
        PUBLISHED,
    )
    assert (
        titles["2025-03-31"] == "Keld Public Libraries asked county judge to declare strike illegal"
    )
