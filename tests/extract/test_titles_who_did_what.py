"""Titles that say who did what: the whole subject, the names the event is about and the
object within 100 characters. Our own sentences; published Friday 2025-04-04.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract.titles.reference import subject_entity
from bot.extract.titles.tokens import tokenize
from tests.extract.helpers import titles_by_date

PUBLISHED = date(2025, 4, 4)


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "Halden chief executive Mara Olsen and finance director Tom Reyes were in Arden "
            "negotiating with the regulator on Tuesday.",
            "2025-04-01",
            "Halden chief executive Mara Olsen and finance director Tom Reyes were in Arden "
            "negotiating",
        ),
        (
            "A meeting on the budget on Wednesday produced no deal and the Vell bloc and Green "
            "Party, the ruling coalition, postponed further talks until Sunday.",
            "2025-04-06",
            "Vell bloc and Green Party postponed further talks",
        ),
        (
            "Ana Roe said the mayor and the council agreed on Tuesday to close the road.",
            "2025-04-01",
            "mayor and council agreed to close road",
        ),
    ],
)
def test_a_subject_of_two_noun_phrases_keeps_both(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        ("Sales fell 4% and the shares slid on Tuesday.", "2025-04-01", "shares slid"),
        (
            "Ana Roe resigned from the board, and Tom Ray took over as chairman on Tuesday.",
            "2025-04-01",
            "Tom Ray took over as chairman",
        ),
    ],
)
def test_an_and_between_clauses_still_starts_the_second_subject(
    text: str, day: str, title: str
) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("subject", "entity"),
    [
        ("Halden chief executive Mara Olsen and finance director Tom Reyes", "Tom Reyes"),
        ("the Vell bloc and Green Party", "Green Party"),
        ("the Food and Drug Administration", "Food and Drug Administration"),
        ("Arden Mining to restart output and end a strike at its Keld mine", "Arden Mining"),
    ],
)
def test_a_coordinated_subject_is_whose_its_last_named_part_is(subject: str, entity: str) -> None:
    assert subject_entity(tokenize(subject)) == entity


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "The Food and Drug Administration approved Halden Bio's new asthma drug on Tuesday.",
            "2025-04-01",
            "FDA approved Halden Bio's new asthma drug",
        ),
        (
            "General Motors will idle its Keld assembly plant on May 8.",
            "2025-05-08",
            "GM will idle its Keld assembly plant",
        ),
        (
            "The Organization of the Petroleum Exporting Countries's next meeting ended in "
            "disarray on Tuesday.",
            "2025-04-01",
            "OPEC's next meeting ended in disarray",
        ),
        (
            "The U.S. space agency wants to launch the Vanta probe on May 8.",
            "2025-05-08",
            "NASA wants to launch Vanta probe",
        ),
        (
            "General Motorsport Ltd will open a track on Tuesday.",
            "2025-04-08",
            "General Motorsport will open track",
        ),
    ],
)
def test_a_body_headlines_know_by_a_short_name_is_written_so(
    text: str, day: str, title: str
) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "Vell said on Tuesday it would scrap tariffs on 16 farm goods. The announcement comes "
            "a week after Norland announced plans for new trade talks next month.",
            "2025-05",
            "announcement comes week after Norland announced plans for new trade talks",
        ),
        (
            "Keld Oil said on Wednesday that repairs at its Arden refinery were complete. The "
            "repair report comes after two explosions were reported at the refinery on March 6.",
            "2025-03-06",
            # Rule SUBORDINATE_ACTION: the clause that holds the date, by its own subject
            "two explosions were reported at refinery",
        ),
        (
            # no clause of its own after "after": the announcement is the earlier story's
            "Vell said on Tuesday it would scrap tariffs on 16 farm goods. The announcement came "
            "on Wednesday after weeks of talks.",
            "2025-04-02",
            "Vell would scrap tariffs on 16 farm goods; announcement came after weeks of talks",
        ),
    ],
)
def test_a_date_in_a_subordinate_clause_titles_that_clause(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            "Norland will stop ore exports by May 9, Prime Minister Ana Ruiz said on Tuesday.",
            "2025-05-09",
            "Norland will stop ore exports, Prime Minister Ana Ruiz said",
        ),
        (
            "Vell Mining will close its Keld copper smelter and two nickel refineries near the "
            "port of Arden from April 14, union leader Tomas Berg said.",
            "2025-04-14",
            "Vell Mining will close its Keld copper smelter and two nickel refineries near port "
            "of Arden",
        ),
    ],
)
def test_a_trailing_speaker_gets_only_the_room_the_content_leaves(
    text: str, day: str, title: str
) -> None:
    # rule ATTRIBUTION_ROOM: who said it goes after the whole content, never in its place
    assert titles_by_date(text, PUBLISHED)[day] == title


def test_a_long_title_drops_the_be_verb_before_its_participle() -> None:
    # rule HEADLINE_TIGHTENING: "is then scheduled to" -> "scheduled to", so the name still fits
    text = (
        "A Falcon 9 rocket of the Vell Launch Company is then scheduled to lift off carrying an "
        "Arden weather satellite known as Vega-2 on Sunday."
    )
    assert titles_by_date(text, PUBLISHED)["2025-04-06"] == (
        "Falcon 9 rocket of Vell Launch Company scheduled to lift off carrying Arden weather "
        "satellite known"
    )


def test_a_date_phrase_after_a_relative_clause_goes_with_the_main_clause() -> None:
    # rule RELATIVE_THEN_PHRASE: not "Ranger and Scout models are built for last two weeks"
    text = (
        "Vell will also shut down the van plant in Keld where the Ranger and Scout models are "
        "built, for the last two weeks of June, affecting some 1,800 workers."
    )
    assert titles_by_date(text, PUBLISHED)["2025-06"].startswith(
        "Vell will shut down van plant in Keld"
    )


@pytest.mark.parametrize(
    ("text", "day", "title"),
    [
        (
            # rule OPENING_DATE_COMMA: the comma an opening date leaves is not the subject's end
            "On Wednesday, Oren Falk, the head of the county's water board, said the board "
            "will lift the hosepipe ban.",
            "2025-04-02",
            "Oren Falk said board will lift hosepipe ban",
        ),
        (
            # rule ROLE_THEN_NAME: the name an opening role glosses is who spoke
            "The head of the county's water board, Oren Falk, said on Wednesday the board "
            "will lift the hosepipe ban.",
            "2025-04-02",
            "Oren Falk said board will lift hosepipe ban",
        ),
        (
            "Meanwhile, the town's mayor, Petra Hahn, told reporters on Tuesday the bridge "
            "will stay shut.",
            "2025-04-01",
            "Petra Hahn told reporters bridge will stay shut",
        ),
        (
            # a role that names a body keeps it: the body is what readers look for
            "Meanwhile, the mayor of Lindau, Petra Hahn, told reporters on Tuesday the bridge "
            "will stay shut.",
            "2025-04-01",
            "mayor of Lindau told reporters bridge will stay shut",
        ),
    ],
)
def test_a_speaker_set_off_by_commas_is_named(text: str, day: str, title: str) -> None:
    assert titles_by_date(text, PUBLISHED)[day] == title
