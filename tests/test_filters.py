from __future__ import annotations

import pytest

from bot.filters import FilterError, matches, parse_keyword_list


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("nickel, cobalt", ["nickel", "cobalt"]),
        ("  rare earth ,, ", ["rare earth"]),
        ("/rare\\s+earth, metals?/, lithium", ["/rare\\s+earth, metals?/", "lithium"]),
        ("", []),
        (None, []),
    ],
)
def test_keyword_lists(text: str | None, keywords: list[str]) -> None:
    assert parse_keyword_list(text) == keywords


@pytest.mark.parametrize("text", ["/(/", "/" + "a" * 300 + "/"])
def test_bad_patterns_are_refused_up_front(text: str) -> None:
    with pytest.raises(FilterError):
        parse_keyword_list(text)


@pytest.mark.parametrize(
    ("keywords", "text", "expected"),
    [
        ([], "anything", True),
        (["Cobalt"], "Congo extends cobalt export ban", True),
        (["nickel"], "Congo extends cobalt export ban", False),
        (["/dysprosium|terbium/"], "Lynas ships TERBIUM oxide", True),
        (["/^ban/"], "export ban", False),
    ],
)
def test_matching(keywords: list[str], text: str, expected: bool) -> None:
    assert matches(keywords, text) is expected


def test_catastrophic_pattern_times_out_instead_of_hanging() -> None:
    assert matches(["/(a+)+$/"], "a" * 5000 + "!") is False


@pytest.mark.parametrize(
    ("keywords", "text", "expected"),
    [
        (["-rumour"], "Nickel plant to open", True),
        (["-rumour"], "Rumour: nickel plant to open", False),
        (["nickel", "-/price\\s+war/"], "Nickel price  war looms", False),
        (["nickel", "-/price\\s+war/"], "Nickel plant opens", True),
        (["cobalt", "-rumour"], "Nickel plant opens", False),
    ],
)
def test_exclusions_win_over_inclusions(keywords: list[str], text: str, expected: bool) -> None:
    assert matches(parse_keyword_list(", ".join(keywords)), text) is expected


def test_exclusion_lists_keep_commas_inside_patterns() -> None:
    assert parse_keyword_list("nickel, -/a, b/") == ["nickel", "-/a, b/"]


@pytest.mark.parametrize("text", ["-", "- ", "-/(/"])
def test_bad_exclusions_are_refused(text: str) -> None:
    with pytest.raises(FilterError):
        parse_keyword_list(text)
