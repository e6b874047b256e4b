"""Sentence spans and the page furniture (datelines, bylines, captions) that carries no events.

Spans are offsets into the original text so that evidence is always a verbatim substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.extract.lexicon.calendar import MONTH_NAMES, WEEKDAY_NAMES
from bot.extract.lexicon.function_words import ABBREVIATIONS

# Sentence punctuation before a capital or a digit, a paragraph break, a line break. Written to
# open with the class of its first character ([.!?\n], the rest told apart by a look-behind):
# a pattern that opens with one class is searched for that class alone, three times faster
# over an article than trying each alternative at every position.
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*['\"”’)]*(?=\s+['\"“‘(]?[A-Z0-9])|(?<=\n)\s*\n|(?<=\n))"
)
_TOKEN_BEFORE_DOT = re.compile(r"([A-Za-z.]+)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its character span in the article."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot_end: int) -> bool:
    match = _TOKEN_BEFORE_DOT.search(text[max(0, dot_end - 12) : dot_end])
    if not match:
        return False
    token = match.group(1).lower()
    return token in ABBREVIATIONS or len(token) == 1 or token.count(".") >= 1


def split_sentences(text: str) -> list[Sentence]:
    """Split on sentence punctuation and line breaks, keeping abbreviations like "Feb." intact."""
    sentences: list[Sentence] = []
    begin = 0
    for boundary in _BOUNDARY.finditer(text):
        punctuation = boundary.group()
        if punctuation.startswith(".") and _is_abbreviation(text, boundary.start() + 1):
            continue
        _append(sentences, text, begin, boundary.end())
        begin = boundary.end()
    _append(sentences, text, begin, len(text))
    return sentences


# Longer runs without sentence punctuation (tables, flattened pages) are cut at a space, so
# the work per sentence is bounded and extraction stays linear in the text length.
MAX_SENTENCE = 1000


def _append(sentences: list[Sentence], text: str, begin: int, end: int) -> None:
    while end - begin > MAX_SENTENCE:
        cut = text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
        cut = cut + 1 if cut >= 0 else begin + MAX_SENTENCE
        _append(sentences, text, begin, cut)
        begin = cut
    chunk = text[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start = begin + chunk.index(stripped)
    sentences.append(Sentence(start, start + len(stripped), stripped))


# "SANTIAGO, Jan 26 (Reuters) -", "SYDNEY, May 18 —", "JAKARTA Oct 7": an upper-case place,
# then the date the story was filed; the date is the page's, not an event's.
_DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?,?\s*$"
)
# "SAN JOSE, Calif.--(BUSINESS WIRE)--April 15, 1998--": a place and a wire's name before the
# filing date.
_WIRE_PREFIX = re.compile(
    r"^[A-Z][A-Za-z .'’-]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:--|[—–])?\s*"
    r"\([A-Z][A-Za-z .&]*\)\s*(?:--|[—–])\s*$"
)
# "Vienna, Nov 28 (IANS)", "SIBU (Jan 13):": a place, then the filing date in or before an
# agency's parentheses.
_PLACE_BEFORE = re.compile(r"^[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+)?(?:,\s*|\s*\()$")
_AGENCY_AFTER = re.compile(r"^\s*(?:\(\s*[A-Z][A-Za-z]*\s*\)|\)\s*[:—–-])")
# A byline: "By Jane Doe", "Published 3 March", "Updated: …". Not "By March 14, the plant …" or
# "By the end of June …": a date or an article after "By" opens a sentence, not a byline. The one
# rule for both furniture (a mention on such a line is no event) and lead-entity detection.
_BYLINE = re.compile(
    r"^(?:By\s+(?!(?:"
    + "|".join(name.capitalize() for name in (*MONTH_NAMES, *WEEKDAY_NAMES))
    + r"|The|A|An|Early|Mid|Late|End|Next|This|Last)\b)[A-Z]"
    r"|(?i:published|updated|posted|last\s+updated|first\s+published)\b)"
)


def is_byline(line: str) -> bool:
    """Whether a line (or a sentence opening one) is a byline or a publication stamp."""
    return _BYLINE.match(line) is not None


# The look-ahead for the phrases' first characters rejects most positions of a long line with
# one test instead of trying every phrase there.
_CAPTION = re.compile(
    r"(?=[pfic(gr])(?:photo:|photo by|file photo|\(photo|pictured|image:|credit:|getty images"
    r"|\(ap photo|reuters/)",
    re.IGNORECASE,
)
# A piece of each caption phrase, looked for in the lower-cased line before the search. No "i"
# or "s" in them: IGNORECASE reads a dotted capital I or a long s as those, lower() does not; so
# a line the search matches always holds one (tests/extract/test_search_gates.py).
CAPTION_PARTS = ("photo", "ctured", "mage:", "cred", "getty", "reuter")
_LIST_HEADING = re.compile(
    r"^(?:related|more news|read more|see also|recommended|trending"
    r"|most read|you may also like)",
    re.IGNORECASE,
)


def _line_around(text: str, start: int, end: int) -> str:
    """The line holding [start, end), at most MAX_SENTENCE characters either side."""
    floor = max(0, start - MAX_SENTENCE)
    ceiling = min(len(text), end + MAX_SENTENCE)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    line_end = text.find("\n", end, ceiling)
    return text[line_start : line_end if line_end >= 0 else ceiling]


def furniture_reason(
    text: str, sentence: Sentence, mention_start: int, mention_end: int
) -> str | None:
    """Why a mention sits in page furniture (dateline, byline, caption, list), or None."""
    before = sentence.text[: mention_start - sentence.start]
    after = sentence.text[mention_end - sentence.start :]
    # "KIEV, January 2. /TASS/.": the agency may follow a full stop
    if _DATELINE_PREFIX.match(before) and (
        re.match(r"^\.?\s*(?:\(|[-—–/]|[A-Z])", after) or not after.strip()
    ):
        return "dateline"
    if not before.strip() and re.match(r"^\s*(?:,\s*\d{4})?\s*(?:\(|[-—–/|]|$)", after):
        return "dateline"
    if _PLACE_BEFORE.match(before) and _AGENCY_AFTER.match(after):
        return "dateline"
    if (
        before.rstrip().endswith(("--", "—", "–"))
        and _WIRE_PREFIX.match(before)
        and re.match(r"^\s*(?:,\s*\d{4})?\s*(?:--|[—–/]|$)", after)
    ):
        return "dateline"
    return _line_furniture(_line_around(text, mention_start, mention_end).strip())


@lru_cache(maxsize=64)
def _line_furniture(line: str) -> str | None:
    """Which furniture a line is, if any; read once for all the dates on one line."""
    if is_byline(line):
        return "byline"
    lowered = line.lower()
    if any(part in lowered for part in CAPTION_PARTS) and _CAPTION.search(line):
        return "photo caption"
    if _LIST_HEADING.match(line):
        return "related-articles list"
    return None
