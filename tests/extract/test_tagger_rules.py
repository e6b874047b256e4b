"""Every rule of the tagger's table matches its own example phrases, whole and by that rule
(HeidelTime's habit: the grammar documents itself, and a test keeps it honest)."""

from __future__ import annotations

import pytest

from bot.extract.tagger import GRAMMAR, RULES

EXAMPLES = [(rule.name, example) for rule in RULES for example in rule.examples]


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_every_rule_matches_its_examples(name: str, example: str) -> None:
    match = GRAMMAR.match(example)
    assert match is not None
    assert (match.lastgroup, match.group()) == (name, example)


def test_every_rule_has_examples_and_a_unique_name() -> None:
    assert all(rule.examples for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)
