"""Tokens of a sentence for titles: words and punctuation, with dates, parentheticals and
asides taken out so that names and actions fit in the title.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.extract.lexicon import (
    PRONOUN_SUBJECTS,
)
from bot.extract.lexicon.function_words import (
    ARTICLES,
    ASIDE_STARTS,
    DEFINITE_DETERMINERS,
    LEADING_ADVERBS,
    RELATIVE_PRONOUNS,
    TIME_PREPOSITIONS,
)
from bot.extract.lexicon.nouns import LEGAL_FORMS, PERSON_TITLES

TITLE_MAX = 100


# Only the dash token starts with a space: the look-ahead sends the spaces between words
# straight to it instead of through every alternative.
_TOKEN = re.compile(
    r"(?! )(?:[A-Za-z](?:\.[A-Za-z])+\.?|(?:US)?[$€£][\d.,]*\d|\d{1,3}(?:,\d{3})+(?:\.\d+)?%?"
    # a plus ending a word is part of it: "OPEC+", "Disney+"
    r"|[A-Za-z0-9][\w'’.&/-]*[\w%](?:\+(?![\w+]))?"
    r"|[A-Za-z0-9%$]|[,;:()\"“”—–])| - "
)
_DOUBLE_HYPHEN = re.compile(r"--+")


CLAUSE_END = frozenset({";", "—", "–", " - ", ":"})


_ASIDE_OPENERS = ASIDE_STARTS | RELATIVE_PRONOUNS


_AGE = re.compile(r"\d{1,3}")
_POSSESSIVE_DETERMINERS = frozenset({"its", "his", "her", "their"})
_DESCRIPTION_REACH = 8


class Token(NamedTuple):
    """A word or punctuation mark; lower-case form and capitalisation are computed once.

    A named tuple, not a frozen dataclass: articles make tens of thousands of tokens and a
    tuple is several times cheaper to build.
    """

    text: str
    start: int  # offset in the sentence
    lower: str
    capitalised: bool


def tokenize(sentence: str) -> list[Token]:
    if "`" in sentence or "''" in sentence:
        # old wire copy: ``quoted'' and "the union`s" (same lengths, so offsets hold)
        sentence = sentence.replace("``", '""').replace("''", '""').replace("`", "'")
    if "--" in sentence:
        # "1998--Vellix" is two words (same length, so offsets hold)
        sentence = _DOUBLE_HYPHEN.sub(lambda m: " " * len(m.group()), sentence)
    tokens: list[Token] = []
    append = tokens.append
    make = tuple.__new__  # a named tuple built without its keyword handling: tokens are many
    for match in _TOKEN.finditer(sentence):
        text = match[0]
        append(make(Token, (text, match.start(), text.lower(), text[0].isupper())))
    return tokens


LONG_NAME_WORDS = 4


def _initials_of(name: list[Token], acronym: str) -> bool:
    """Rule ACRONYM_KEPT: whether the acronym spells the initials of the name's capitalised
    words ("the International Comet Explorer (ICE)", "Harbour Trades Council (HTC)"); a name
    of at most LONG_NAME_WORDS then keeps its acronym after it, which readers may know it by."""
    initials = "".join(t.text[0] for t in name if t.capitalised and t.lower not in ARTICLES)
    return len(acronym) >= 2 and initials.upper() == acronym.upper()


def _strip_parentheticals(tokens: list[Token]) -> list[Token]:
    """Drop "( ... )"; an acronym after a long name replaces that name ("... Markets (ARECOMS)"),
    one after a short name that spells its initials stays after it (ACRONYM_KEPT)."""
    kept: list[Token] = []
    depth = 0
    inside: list[Token] = []
    for token in tokens:
        if token.text == "(":
            depth += 1
            inside = []
            continue
        if token.text == ")" and depth:
            depth -= 1
            if len(inside) == 1 and inside[0].text.isupper() and len(inside[0].text) >= 2:
                name_start = len(kept)
                while name_start and (
                    kept[name_start - 1].capitalised
                    or kept[name_start - 1].lower in {"of", "for", "and", "the", "on"}
                ):
                    name_start -= 1
                if len(kept) - name_start > LONG_NAME_WORDS:
                    del kept[name_start:]
                    kept.append(inside[0])
                elif _initials_of(kept[name_start:], inside[0].text):
                    acronym = inside[0]
                    kept.append(acronym._replace(text=f"({acronym.text})", capitalised=True))
            continue
        if depth:
            inside.append(token)
        else:
            kept.append(token)
    return kept


def _aside_end(tokens: list[Token], comma: int) -> int | None:
    """Index of the comma closing an aside opened at comma, or None if none starts there."""
    following = tokens[comma + 1] if comma + 1 < len(tokens) else None
    if following is None:
        return None
    closing = next((j for j in range(comma + 1, len(tokens)) if tokens[j].text == ","), None)
    if following.lower in _ASIDE_OPENERS:
        return closing if closing is not None else len(tokens)
    if _AGE.fullmatch(following.text) and closing == comma + 2:
        return closing  # "Helen Ruiz, 51, as head of": an age
    if following.lower in PERSON_TITLES and comma and tokens[comma - 1].capitalised:
        return closing  # "Mara Ellison, chairman of the Harlow Reserve, attended": a role
    if (
        following.lower in _POSSESSIVE_DETERMINERS
        and comma
        and tokens[comma - 1].capitalised
        and closing is not None
        and closing - comma <= _DESCRIPTION_REACH
        and not any(t.text in CLAUSE_END for t in tokens[comma:closing])
    ):
        return closing  # "Dunlow, its retail empire in tatters, filed": a description
    return None


def _drop_asides(tokens: list[Token], dates: frozenset[int] = frozenset()) -> list[Token]:
    """Drop ", presumably X and Y," style asides, ages and ", which ...," relative clauses so
    the object continues after them; an aside that holds a date (index in dates) stays."""
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        if (
            tokens[i].text == ","
            and kept
            and kept[-1].capitalised
            and i + 1 < len(tokens)
            and tokens[i + 1].lower in LEGAL_FORMS
        ):
            i += 2  # "Halvorsen Instruments, Inc., a maker of ...": the legal form says nothing
            continue
        end = _aside_end(tokens, i) if tokens[i].text == "," else None
        if end is not None and not any(i < d <= end for d in dates):
            i = end + 1
            continue
        kept.append(tokens[i])
        i += 1
    return kept


def render(tokens: list[Token]) -> str:
    words: list[str] = []
    for token in tokens:
        if token.lower in ARTICLES or token.text in {'"', "“", "”"}:
            continue
        if token.text in {",", ";", ":"} and words:
            words[-1] += token.text
            continue
        words.append(token.text.strip())
    return " ".join(words).strip(" ,;:")


# Openers that are no name for "X, a maker of ..., announced" ("Elsewhere, a ...", "In May, a ...").
NOT_NAMES = (
    LEADING_ADVERBS | TIME_PREPOSITIONS | DEFINITE_DETERMINERS | PRONOUN_SUBJECTS | {"further"}
)


# A clock time with its zone ("at 1:35 a.m. ET", "3 pm", "at 10:30 GMT"): when, not what; its
# colon would otherwise end the clause.
_HOUR = r"\d{1,2}(?::\d{2})?\s*(?:[aApP]\.[mM]\.|[aApP][mM]\b)"
# Most sentences hold no clock time: a few substring tests (cheaper than any regex scan) say
# whether to look for one ("1:35", "a.m.", "3 pm", "10 AM", "local time").
_CLOCK_MARKS = (":", ".m.", ".M.", "am ", "pm ", "AM", "PM", "am,", "pm,", "local time")


def _may_hold_clock(sentence: str) -> bool:
    return any(mark in sentence for mark in _CLOCK_MARKS) or sentence.endswith(("am", "pm"))


_CLOCK_TIME = re.compile(
    rf"(?:\b(?:at|from|between|until|till|by|before|after)\s+)?\b"
    rf"(?:{_HOUR}\s*(?:-|–|to|until|and)\s*)?{_HOUR}"
    r"(?:\s+(?:[A-Z]{2,4}\b|local time))?"
    r"|\bat\s+\d{1,2}:\d{2}\b(?:\s+[A-Z]{2,4}\b)?"
    r"|,?\s*\blocal time\b"
)


# Bounds said of a date: "no earlier than Jan. 6", "as early as June".
_BOUNDS = frozenset(
    {
        ("no", "earlier", "than"),
        ("no", "later", "than"),
        ("as", "early", "as"),
        ("as", "soon", "as"),
    }
)


def clean_tokens(
    sentence: str, temporal_spans: list[tuple[int, int]], skip_before: int = 0
) -> tuple[list[Token], dict[int, int]]:
    """Tokens without dateline, parentheticals, asides, clock times and date phrases; plus where
    each date was.

    The second value maps a date phrase's start offset to its index in the cleaned tokens.
    """
    kept: list[Token] = []
    positions: dict[int, int] = {}
    spans = sorted(temporal_spans)  # date phrases never overlap: walk them along the tokens
    next_span = 0
    clocks = [m.span() for m in _CLOCK_TIME.finditer(sentence)] if _may_hold_clock(sentence) else []
    for token in tokenize(sentence):
        if token.start < skip_before or (clocks and any(a <= token.start < b for a, b in clocks)):
            continue
        while next_span < len(spans) and spans[next_span][1] <= token.start:
            next_span += 1
        inside = (
            spans[next_span]
            if next_span < len(spans) and spans[next_span][0] <= token.start
            else None
        )
        if inside is None:
            kept.append(token)
            continue
        if inside[0] not in positions:
            if kept and kept[-1].lower in TIME_PREPOSITIONS:
                kept.pop()
            elif len(kept) > 2 and (kept[-3].lower, kept[-2].lower, kept[-1].lower) in _BOUNDS:
                del kept[-3:]  # "will occur no earlier than [Jan. 6]": the bound goes too
            positions[inside[0]] = len(kept)
    without_brackets = _strip_parentheticals(kept)
    if not positions:  # no date to keep track of (a lead window)
        return _drop_asides(without_brackets), positions
    index_of = {id(t): i for i, t in enumerate(without_brackets)}
    date_indices = frozenset(
        next((index_of[id(t)] for t in kept[index:] if id(t) in index_of), len(without_brackets))
        for index in positions.values()
    )
    cleaned = _drop_asides(without_brackets, date_indices)
    shift = {id(t): i for i, t in enumerate(cleaned)}
    for start, index in positions.items():
        later = [shift[id(t)] for t in kept[index:] if id(t) in shift]
        positions[start] = later[0] if later else len(cleaned)
    return cleaned, positions
