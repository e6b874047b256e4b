"""One event, many articles: matching across articles and a stable preferred title."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract.merge import is_same_event, is_same_event_across_articles, preferred_title


@pytest.mark.parametrize(
    ("a_date", "a_title", "b_date", "b_title", "same"),
    [
        (
            "2025-07-10",
            "MP Materials announces Pentagon stake deal",
            "2025-07-10",
            "MP Materials announced agreement with Pentagon",
            True,
        ),
        (
            "2025-07",
            "Samsung to hold Unpacked in late July",
            "2025-07-26",
            "Samsung Unpacked foldable launch event",
            True,
        ),
        (
            "2025-07-26",
            "Samsung Unpacked foldable launch event",
            "2025-07",
            "Samsung to hold Unpacked in late July",
            True,
        ),
        (
            "2025-07-10",
            "MP Materials announces Pentagon stake deal",
            "2025-07-11",
            "MP Materials announces Pentagon stake deal",
            False,
        ),
        ("2025-07", "Samsung holds Unpacked", "2025-08-01", "Samsung holds Unpacked", False),
        (
            "2024-06-06",
            "ECB cuts interest rates",
            "2024-06-06",
            "Codelco halts Chuquicamata mine after accident",
            False,
        ),
        (
            "2024-06-06",
            "European Central Bank lowers rates for first time in five years",
            "2024-06-06",
            "ECB President Lagarde: European Central Bank cut is data-driven",
            True,
        ),
        # Two actors sharing only a place: two events, however alike the titles read.
        (
            "2025-05-14",
            "Norvale Metals will hold an investor day in Rotterdam",
            "2025-05-14",
            "Karbridge Energy will hold an investor day in Rotterdam",
            False,
        ),
        (
            "2025-05",
            "Velgate Mining plans to open a processing plant in Durban",
            "2025-05-20",
            "Torfield Chemicals starts shipments to customers in Durban",
            False,
        ),
        # The same actor under the same place: one event.
        (
            "2025-05-14",
            "Norvale Metals will hold an investor day in Rotterdam",
            "2025-05-14",
            "Norvale Metals to host Rotterdam investor day",
            True,
        ),
        # A name both mention, acting in only one of them, with titles loosely alike: two.
        (
            "2025-04-17",
            "Karvale Metals expects to close the acquisition of Normark Energy",
            "2025-04-17",
            "Normark Energy will vote on a special dividend",
            False,
        ),
        # Alike by their wording, but the name they share acts in only one: two.
        (
            "2025-07-08",
            "Mirwind Metals expects to close the acquisition of Norvale Energy",
            "2025-07-08",
            "Norvale Energy expects to close acquisition of Aelstone Metals",
            False,
        ),
        # The actor of an announced clause is an actor of the title.
        (
            "2025-06-20",
            "Arden announced Prime Minister Ana Roe will visit Keld",
            "2025-06-20",
            "Ana Roe to visit Keld",
            True,
        ),
        # One title's actor among the other's names is not a second actor.
        (
            "2025-05-14",
            "Lagarde says ECB will cut its deposit rate",
            "2025-05-14",
            "ECB cuts deposit rate",
            True,
        ),
    ],
)
def test_is_same_event_across_articles(
    a_date: str, a_title: str, b_date: str, b_title: str, same: bool
) -> None:
    assert is_same_event_across_articles(a_date, a_title, b_date, b_title) is same
    assert is_same_event_across_articles(b_date, b_title, a_date, a_title) is same


def test_within_one_article_a_restatement_may_name_its_actor_differently() -> None:
    first, again = "Norvale Metals delays the Durban plant opening", "Karl Brand delays opening"
    assert is_same_event("2025-05-14", first, "2025-05-14", again)
    assert not is_same_event_across_articles("2025-05-14", first, "2025-05-14", again)


def test_preferred_title_is_independent_of_order() -> None:
    titles = [
        "MP Materials announces Pentagon stake",
        "US rare earth company announced agreement with Pentagon",
        "MP Materials and Department of Defense agree multibillion-dollar partnership",
    ]
    choices = {preferred_title(order) for order in itertools.permutations(titles)}
    assert len(choices) == 1
    assert "MP Materials" in choices.pop()


def test_preferred_title_of_nothing_is_empty() -> None:
    assert preferred_title([]) == ""
    assert preferred_title(["", "  "]) == ""


@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=6), st.randoms())
def test_preferred_title_is_stable_under_shuffling(titles: list[str], rng) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(titles)
    rng.shuffle(shuffled)
    assert preferred_title(titles) == preferred_title(shuffled)
