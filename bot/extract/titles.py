"""Short "who did what" titles built from a sentence's subject, verb and object.

There is no parser here: a verb is recognised by its form (modal + verb, -ed, irregular past,
common present forms), the subject is the noun phrase before it within its clause, the object
what follows it up to the clause end. Dates, parentheticals, asides and articles are dropped so
that the names and the action fit in the first 100 characters, where readers (and the scorer)
look.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from bot.extract.lexicon import (
    ANAPHORIC_EVENT_NOUNS,
    AUXILIARIES,
    DEMONYMS,
    GENERIC_SUBJECT_NOUNS,
    INSTITUTION_NOUNS,
    MODALS,
    NUMBER_WORDS,
    PRONOUN_SUBJECTS,
    SPEECH_VERBS,
)
from bot.extract.lexicon.function_words import (
    APPOSITIVE_ARTICLES,
    ARTICLES,
    ASIDE_STARTS,
    BARE_PRONOUNS,
    CLAUSE_OPENERS,
    COMMON_SENTENCE_OPENERS,
    DANGLING_WORDS,
    DEFINITE_DETERMINERS,
    FRAGMENT_OPENERS,
    LEADING_ADVERBS,
    OBJECT_STOPS,
    RELATIVE_PRONOUNS,
    REPORTED_CLAUSE_OPENERS,
    TIME_PREPOSITIONS,
)
from bot.extract.lexicon.nouns import EVENT_NOUNS, LEGAL_FORMS, PERSON_TITLES, VENUE_NOUNS
from bot.extract.lexicon.verbs import ANNOUNCE_VERBS
from bot.extract.verbs import heads_verb_group

TITLE_MAX = 100

_TOKEN = re.compile(
    r"[A-Za-z](?:\.[A-Za-z])+\.?|(?:US)?[$€£][\d.,]*\d|\d{1,3}(?:,\d{3})+(?:\.\d+)?%?"
    r"|[A-Za-z0-9][\w'’.&/-]*[\w%]"
    r"|[A-Za-z0-9%$]|[,;:()\"“”—–]| - "
)
_CLAUSE_END = frozenset({";", "—", "–", " - ", ":"})
_ASIDE_OPENERS = ASIDE_STARTS | RELATIVE_PRONOUNS
_AGE = re.compile(r"\d{1,3}")


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
    return [
        Token(text, match.start(), text.lower(), text[:1].isupper())
        for match in _TOKEN.finditer(sentence)
        for text in (match.group(),)
    ]


def _is_verb(tokens: list[Token], index: int) -> bool:
    """Whether the token heads a finite verb group (the shared verb reader decides)."""
    token = tokens[index]
    previous = tokens[index - 1].lower if index else ""
    return heads_verb_group(token.lower, previous, token.capitalised, index == 0)


def verb_indices(tokens: list[Token]) -> list[int]:
    return [i for i in range(len(tokens)) if _is_verb(tokens, i)]


def first_verb(tokens: list[Token]) -> int | None:
    """Index of the first verb: a subject needs no look at the verbs after it."""
    return next((i for i in range(len(tokens)) if _is_verb(tokens, i)), None)


_VERB_GROUP_WORDS = AUXILIARIES | MODALS | LEADING_ADVERBS | {"not", "be", "been"}
# Words after which a lower-case word still belongs to the verb group ("to apply", "be held").
_VERB_GROUP_CONTINUERS = AUXILIARIES | MODALS | {"been", "be", "to", "not"}


def _verb_group_end(tokens: list[Token], index: int) -> int:
    """Index after the verb group starting at index ("will need to apply", "has announced")."""
    end = index + 1
    while end < len(tokens) and (
        tokens[end].lower in _VERB_GROUP_WORDS
        or (
            tokens[end - 1].lower in _VERB_GROUP_CONTINUERS
            and tokens[end].text[:1].islower()
            and tokens[end].lower not in ARTICLES
        )
    ):
        end += 1
    return end


def _clause_start(tokens: list[Token], verb: int) -> int:
    """Start of the subject: after the last clause break or introductory phrase before the verb."""
    start = 0
    for i in range(verb - 1, -1, -1):
        if tokens[i].text in _CLAUSE_END or tokens[i].text == ",":
            start = i + 1
            break
        if tokens[i].lower in SPEECH_VERBS and i < verb - 1:
            start = i + 1  # "Halden said the FDA had extended": the reported clause's subject
            break
        inside_name = (
            tokens[i].lower == "and"
            and 0 < i < verb - 1
            and tokens[i - 1].capitalised
            and tokens[i + 1].capitalised
        )  # "Food and Drug Administration"
        if (
            tokens[i].lower in {"that", "and", "but", "while", "when", "after", "as"}
            and i < verb - 1
            and not inside_name
        ):
            start = i + 1
            break
    return start


LONG_NAME_WORDS = 4


def _strip_parentheticals(tokens: list[Token]) -> list[Token]:
    """Drop "( ... )"; an acronym after a long name replaces that name ("... Markets (ARECOMS)")."""
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


def _render(tokens: list[Token]) -> str:
    words: list[str] = []
    for token in tokens:
        if token.lower in ARTICLES or token.text in {'"', "“", "”"}:
            continue
        if token.text in {",", ";", ":"} and words:
            words[-1] += token.text
            continue
        words.append(token.text.strip())
    return " ".join(words).strip(" ,;:")


@dataclass(frozen=True, slots=True)
class Clause:
    """Subject, verb group and object of the clause that reports an event."""

    subject: list[Token]
    verb: list[Token]
    obj: list[Token]

    @property
    def verb_word(self) -> str:
        return self.verb[-1].lower if self.verb else ""


def _comma_ends_object(tokens: list[Token], obj: list[Token], comma: Token) -> bool:
    """A comma inside a short adjective list ("a structured, state-backed drive") continues it."""
    following = next((t for t in tokens if t.start > comma.start), None)
    if following is None or len(obj) >= 3:
        return True
    return (
        following.lower.endswith("ing")
        or following.lower in CLAUSE_OPENERS
        or following.capitalised
    )


def _short_appositive(tokens: list[Token], comma: int) -> int:
    """ ", terbium," : a name of at most three words between commas, kept in the object; the
    index of the closing comma, or -1."""
    closing = next(
        (i for i in range(comma + 1, min(comma + 5, len(tokens))) if tokens[i].text == ","), None
    )
    fits = (
        closing is not None
        and all(
            t.capitalised or t.lower not in CLAUSE_OPENERS or j == 0 and t.lower in ARTICLES
            for j, t in enumerate(tokens[comma + 1 : closing])
        )  # ", terbium," / ", the Vanta,"
        and not any(_is_verb(tokens, i) for i in range(comma + 1, closing))
    )
    return closing if fits and closing is not None else -1


_ROLES = frozenset({"head", "member", "interim", "acting", "new", "its", "their"})


def _role_after_as(tokens: list[Token], index: int) -> bool:
    """ "named Ana Cruz as head of ...": "as" introduces a role, not a clause."""
    if tokens[index].lower != "as":
        return False
    after = index + 1
    if after < len(tokens) and tokens[after].lower in ARTICLES:
        after += 1
    if after >= len(tokens):
        return False
    word = tokens[after].lower
    return word in _ROLES or word.strip(".") in PERSON_TITLES


def _object(tokens: list[Token], begin: int, stop_at_comma: bool = False) -> list[Token]:
    """What follows the verb group up to a clause stop; a relative clause ends at its comma."""
    obj: list[Token] = []
    appositive_end = -1
    for index in range(begin, len(tokens)):
        token = tokens[index]
        if token.text in _CLAUSE_END or (
            token.lower in OBJECT_STOPS and obj and not _role_after_as(tokens, index)
        ):
            break
        if token.text == "," and index != appositive_end:
            following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
            if not obj and following in CLAUSE_OPENERS:
                break  # "Operations will resume [on Monday], the company said"
            if not obj:
                continue
            if stop_at_comma:
                break
            appositive_end = _short_appositive(tokens, index)
            if _comma_ends_object(tokens, obj, token) and appositive_end < 0:
                break
        obj.append(token)
    return obj


# A title's verb group leaves these out unless they are its last word ("has announced").
_NOT_IN_VERB_TITLE = LEADING_ADVERBS | {"has", "have", "had"}


def _subject_at(tokens: list[Token], verb: int) -> tuple[list[Token], bool]:
    """Subject of the clause headed by verb, and whether that clause is a relative one."""
    start = _clause_start(tokens, verb)
    subject = [t for t in tokens[start:verb] if t.lower not in LEADING_ADVERBS]
    relative = False
    if len(subject) > 1 and subject[-1].lower in {"that", "which", "who"}:
        subject = subject[:-1]  # "an outage that began"
        relative = True
    elif [t.lower for t in subject] in (["which"], ["who"], ["that"]) and start:
        # "tariffs on cars, which took effect" / "an outage that began": the noun before it
        before = start - 1 if tokens[start - 1].text == "," else start
        subject = tokens[_clause_start(tokens, before) : before]
        relative = True
    elif not subject and start and tokens[start - 1].lower in {"that", "which", "who"}:
        subject = tokens[_clause_start(tokens, start - 1) : start - 1]
        relative = True
    elif not subject and start and tokens[start - 1].text == ",":
        if tokens[verb].lower.endswith("ed"):
            # "The original suspension, imposed on Feb. 22, ...": the noun before the comma
            subject = tokens[_clause_start(tokens, start - 1) : start - 1]
        else:
            # "Acme's chief executive, Jane Roe, 54, told ...": the sentence's opening phrase
            first_comma = next(i for i, t in enumerate(tokens) if t.text == ",")
            subject = tokens[:first_comma]
    if len(subject) > 1 and subject[0].lower in APPOSITIVE_ARTICLES:
        # "Halvorsen Instruments, a maker of sensors, announced": the name, not its description
        comma = tokens.index(subject[0]) - 1
        name = tokens[_clause_start(tokens, comma) : comma] if comma > 0 else []
        if (
            name
            and tokens[comma].text == ","
            and all(t.capitalised or t.lower in {"&", "and", "of"} for t in name)
            and name[0].lower not in _NOT_NAMES
            and not name[0].lower.endswith(("ly", "where"))
        ):
            subject = name
    return subject, relative


def clause_at(tokens: list[Token], verb: int) -> Clause:
    subject, relative = _subject_at(tokens, verb)
    end = _verb_group_end(tokens, verb)
    group = tokens[verb:end]
    verb_group = [
        t
        for i, t in enumerate(group)
        if t.lower not in _NOT_IN_VERB_TITLE
        or t is tokens[end - 1]
        # "has been kept": without "has" the passive is no verb ("been kept")
        or (i + 1 < len(group) and group[i + 1].lower == "been")
    ]
    return Clause(subject, verb_group, _object(tokens, end, stop_at_comma=relative))


class Analysis:
    """A cleaned sentence's tokens with their verbs, and each verb's clause worked out once.

    A title asks the same questions of a sentence several times (which words are verbs, what a
    verb's clause is, whether it reports speech); the tokens never change after cleaning and
    nothing edits a clause, so the answers are kept while the sentence is being titled.
    """

    __slots__ = ("tokens", "verbs", "_clauses")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.verbs = verb_indices(tokens)
        self._clauses: dict[int, Clause] = {}

    def clause(self, verb: int) -> Clause:
        """clause_at(tokens, verb), computed on the first request."""
        clause = self._clauses.get(verb)
        if clause is None:
            clause = self._clauses[verb] = clause_at(self.tokens, verb)
        return clause


POSSESSED_WORDS = 3


def subject_entity(subject: list[Token]) -> str | None:
    """The capitalised name inside a subject phrase, if any ("CNRE Chairman Liu Peixun")."""
    run: list[Token] = []
    best: list[Token] = []
    for token in subject:
        if (
            token.capitalised
            and token.lower not in ARTICLES
            or run
            and token.lower in {"of", "for", "&", "and"}
        ):
            run.append(token)
        else:
            if len(run) > len(best):
                best = run
            run = []
    if len(run) >= len(best):
        best = run  # a name at the end is the head and wins a tie: "Potash producer Agrivest"
    if best and best[-1].lower.endswith(("'s", "’s")):
        # "China's commerce ministry": the possessed noun phrase is part of the name
        tail = subject[subject.index(best[-1]) + 1 :]
        if 0 < len(tail) <= POSSESSED_WORDS and not any(t.capitalised for t in tail):
            best = best + tail
    while best and (
        best[0].lower in COMMON_SENTENCE_OPENERS
        or best[0].lower in PRONOUN_SUBJECTS
        or best[0].lower in DEFINITE_DETERMINERS
        or best[0].lower in NUMBER_WORDS
        and len(best) == 1  # "Two workers", but "Three Mile Island"
        or best[0].lower in {"of", "for"}
    ):
        best = best[1:]
    while best and best[-1].lower in {"of", "for", "&", "and"}:
        best.pop()
    return " ".join(t.text for t in best) or None


def needs_antecedent(subject: list[Token]) -> str | None:
    """How a subject refers back: 'pronoun' (it), 'generic' (the company), 'described'
    (the South Korean major: a description, not a name) or 'event' (the move); None for a name."""
    words = [t.lower for t in subject if t.lower not in ARTICLES]
    if not words:
        return None
    if len(words) == 1 and words[0] in PRONOUN_SUBJECTS:
        return "pronoun"
    first = words[0].removesuffix("'s").removesuffix("’s")
    # "The move", "This decision", "[Friday's] announcement by X": definite, so it refers back
    definite = (
        subject[0].lower in DEFINITE_DETERMINERS
        or not subject[0].capitalised
        and subject[0].lower == words[0]
    )
    if definite and (
        first in ANAPHORIC_EVENT_NOUNS or words[-1] in ANAPHORIC_EVENT_NOUNS and len(words) <= 2
    ):
        return "event"
    head = [t for t in subject if t.lower not in ARTICLES][-1]
    if head.lower in GENERIC_SUBJECT_NOUNS and not head.capitalised and len(words) <= 4:
        if any(t.capitalised and t.lower.endswith(("'s", "’s")) for t in subject):
            return None  # "China's commerce ministry": owned by a name, so a name itself
        named = any(t.capitalised for t in subject if t.lower not in ARTICLES)
        return "described" if named else "generic"
    return None


# Legal-form suffixes say nothing a reader needs: "Kestrel Semiconductor Corp" -> "Kestrel
# Semiconductor", "Lumenix Corp's console" -> "Lumenix's console".
# The leading look-ahead (a suffix starts at a comma or a space) rejects most positions with one
# test before the look-behind and the alternatives are tried.
_LEGAL_SUFFIX = re.compile(
    r"(?=[,\s])(?<=[A-Za-z0-9])(?:,?\s+&\s+Co\b\.?|,?\s+(?:Corp|Corporation|Inc|Ltd|Limited|Co|PLC|plc"
    r"|AG|SA|NV|BV|AB|ASA|LLC|SpA)\b\.?)(?!\s+(?:of|and|&)\b)"
)

_SPACES = re.compile(r"\s+")


# "X says Y would ...", "X announced it will ...": the future stays a reported one
_SPEECH_FRAME = re.compile(r"\b(?:says|tells|announced it)\b")


def _headline_future(verb: list[Token]) -> bool:
    """ "would halt" / "will be released": a future a headline writes as "to halt"."""
    return (
        len(verb) > 1
        and verb[0].lower in {"would", "will"}
        and not any(t.lower in {"not", "have", "has"} for t in verb)
    )


def compose(subject: str, clause: Clause, limit: int = TITLE_MAX) -> str:
    """Join subject, verb and object into a title within the character limit, cut at a word."""
    verb = _render(clause.verb)
    text = " ".join(part for part in (subject, verb, _render(clause.obj)) if part)
    text = _LEGAL_SUFFIX.sub("", _SPACES.sub(" ", text)).strip(" ,;:")
    if (
        len(text) > limit
        and subject
        and _headline_future(clause.verb)
        and not _SPEECH_FRAME.search(subject)
    ):
        # headline style when room is short: "Acme would halt shipments" -> "Acme to halt ..."
        verb = " ".join(["to", *verb.split()[1:]])
        text = " ".join(part for part in (subject, verb, _render(clause.obj)) if part)
        text = _LEGAL_SUFFIX.sub("", _SPACES.sub(" ", text)).strip(" ,;:")
    if len(text) > limit:
        text = text[: limit + 1].rsplit(" ", 1)[0]
    words = text.rstrip(" ,;:").split()
    while words and words[-1].lower().strip(",;:") in DANGLING_WORDS:
        words.pop()
    return " ".join(words).rstrip(" ,;:")


def speech_content_clause(tokens: list[Token], speech_verb: int, verbs: list[int]) -> int | None:
    """Verb of the reported clause for "X did Y, the company said" or "X said that Y did Z"."""
    before = [v for v in verbs if v < speech_verb and tokens[v].lower not in SPEECH_VERBS]
    after = [v for v in verbs if v > speech_verb and tokens[v].lower not in SPEECH_VERBS]
    commas_before = [i for i in range(speech_verb) if tokens[i].text == ","]
    if before and commas_before and not after:
        return before[0]
    if after:
        return after[0]
    if before:
        return before[0]
    return None


# Openers that are no name for "X, a maker of ..., announced" ("Elsewhere, a ...", "In May, a ...").
_NOT_NAMES = (
    LEADING_ADVERBS | TIME_PREPOSITIONS | DEFINITE_DETERMINERS | PRONOUN_SUBJECTS | {"further"}
)


def clean_tokens(
    sentence: str, temporal_spans: list[tuple[int, int]], skip_before: int = 0
) -> tuple[list[Token], dict[int, int]]:
    """Tokens without dateline, parentheticals, asides and date phrases; plus where each date was.

    The second value maps a date phrase's start offset to its index in the cleaned tokens.
    """
    kept: list[Token] = []
    positions: dict[int, int] = {}
    for token in tokenize(sentence):
        if token.start < skip_before:
            continue
        inside = (
            next((s for s in temporal_spans if s[0] <= token.start < s[1]), None)
            if temporal_spans
            else None
        )
        if inside is None:
            kept.append(token)
            continue
        if inside[0] not in positions:
            if kept and kept[-1].lower in TIME_PREPOSITIONS:
                kept.pop()
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


@dataclass(frozen=True, slots=True)
class Subjects:
    """What a referring subject can be resolved to."""

    last_entity: str | None  # most recent named subject in the article
    previous_core: str | None  # what the previous sentence reported, for "The move ..."
    recent: tuple[str, ...] = ()  # named subjects so far, most recent first
    main: Callable[[], str | None] = lambda: None  # the organisation the article is about

    @property
    def dominant(self) -> str | None:
        return self.main()

    def after(self, entity: str | None, previous_core: str | None) -> Subjects:
        """The state after a sentence whose named subject was entity."""
        recent = (entity, *(r for r in self.recent if r != entity)) if entity else self.recent
        return Subjects(entity or self.last_entity, previous_core, recent[:RECENT_NAMES], self.main)


RECENT_NAMES = 6
# Words a name of each kind of body contains: "the bank" is "Reserve Bank of ..." or the Fed.
_NAME_CUES = {"bank": ("bank", "reserve", "fed"), "government": ("government", "state")}


def _is_person(name: str | None) -> bool:
    if not name:
        return False
    return any(word.lower().strip(".") in PERSON_TITLES for word in name.split())


def antecedent(noun: str, subjects: Subjects, speaker: str | None = None) -> str | None:
    """Who "the company" or "the ministry" is. A company noun is the speaker or the article's
    main organisation; an institution noun only a recent name that contains it ("the bank" is
    "Bank of Lorna"), since the last name is often another party."""
    if noun in INSTITUTION_NOUNS:
        cues = _NAME_CUES.get(noun, (noun,))
        candidates = (speaker, *subjects.recent, subjects.last_entity, subjects.dominant)
        return next(
            (c for c in candidates if c and any(w in cues for w in c.lower().split())), None
        )
    if speaker and not _is_person(speaker):
        return speaker
    return subjects.dominant or subjects.last_entity


def _head_noun(subject: list[Token]) -> str:
    return [t for t in subject if t.lower not in ARTICLES][-1].lower


def _resolved_subject(clause: Clause, subjects: Subjects, speaker: str | None) -> str:
    """Name for a referring subject: "it" is the speaker, "the company" the main organisation,
    "the bank" a bank named before (else it stays "bank"), "its shares" / "the miner's shares"
    that name's, "a US chip company" the article's main organisation."""
    owner = _possessive_reference(clause.subject)
    if owner:
        first = clause.subject[owner - 1].lower
        stem = first.removesuffix("'s").removesuffix("’s")
        if first in {"its", "their"}:
            name = speaker if speaker and not _is_person(speaker) else subjects.last_entity
        else:
            name = antecedent(stem, subjects, speaker)
        if name:
            return f"{name}'s {_render(clause.subject[owner:])}"
        return _render(clause.subject)
    kind = needs_antecedent(clause.subject)
    if kind == "pronoun":
        return speaker or subjects.last_entity or _render(clause.subject)
    if kind == "generic":
        return antecedent(_head_noun(clause.subject), subjects, speaker) or _render(clause.subject)
    # "a US chip company" is the main organisation; "the Chinese government" is China's
    if kind == "described" and _head_noun(clause.subject) in INSTITUTION_NOUNS:
        return _country_form(clause.subject)
    if kind == "described" and subjects.dominant:
        return subjects.dominant
    return _render(clause.subject)


def _country_form(subject: list[Token]) -> str:
    """ "the Chinese commerce ministry" -> "China's commerce ministry"."""
    words = [t for t in subject if t.lower not in ARTICLES]
    if words and words[0].lower in DEMONYMS:
        return f"{DEMONYMS[words[0].lower]}'s {_render(words[1:])}"
    return _render(subject)


def _possessive_reference(subject: list[Token]) -> int:
    """Where the possessed noun starts in "Its shares" or "The miner's shares", else 0."""
    words = [t for t in subject if t.lower not in ARTICLES]
    if len(words) < 2:
        return 0
    first = words[0].lower
    if first in {"its", "their"}:
        return subject.index(words[0]) + 1
    stem = first.removesuffix("'s").removesuffix("’s")
    if (
        stem != first
        and stem in GENERIC_SUBJECT_NOUNS
        and not words[0].capitalised
        or (stem != first and stem in GENERIC_SUBJECT_NOUNS and subject[0].lower in ARTICLES)
    ):
        return subject.index(words[0]) + 1
    return 0


def _clause_verb(tokens: list[Token], verbs: list[int], position: int) -> int:
    """First verb of the comma-delimited clause holding the date, else of the next or previous."""
    breaks = [i for i, t in enumerate(tokens) if t.text in _CLAUSE_END or t.text == ","]
    begin = max((b + 1 for b in breaks if b < position), default=0)
    end = min((b for b in breaks if b >= position), default=len(tokens))
    inside = [v for v in verbs if begin <= v < end]
    if inside:
        return inside[0]
    following = [v for v in verbs if v >= end]
    if following:
        return following[0]
    last = verbs[-1]
    clause_begin = max((b + 1 for b in breaks if b < last), default=0)
    return next(v for v in verbs if v >= clause_begin)


def _is_speech(sentence: Analysis, verb: int) -> bool:
    """Speech verbs report another clause; "announced X" with a noun object is an event itself."""
    tokens = sentence.tokens
    word = tokens[verb].lower
    if not sentence.clause(verb).subject or verb and tokens[verb - 1].text == ",":
        return False  # "..., announced on April 25": a participle, not a speech verb
    if word in ANNOUNCE_VERBS:
        following = tokens[verb + 1] if verb + 1 < len(tokens) else None
        return (
            following is None
            or following.lower in REPORTED_CLAUSE_OPENERS
            or following.text in {",", ";"}
        )
    return word in SPEECH_VERBS


_NAME_WORD = re.compile(r"[a-z0-9][\w.&'’-]*")


def _name_words(text: str) -> set[str]:
    return {w.removesuffix("'s").removesuffix("’s") for w in _NAME_WORD.findall(text.lower())}


def _names_in(text: str) -> set[str]:
    """Capitalised words of a phrase, possessives aside ("Codelco's mine" -> {"Codelco"})."""
    return {
        w.removesuffix("'s").removesuffix("’s")
        for w in re.findall(r"[A-Z][\w.&'’-]*", text)
        if w.lower().strip(".") not in PERSON_TITLES
    }


def _shares_name(a: str, b: str) -> bool:
    """Whether two phrases share a word, possessives aside ("Codelco" / "Codelco's mine")."""
    return bool(_name_words(a) & _name_words(b))


SPEAKER_WORDS = 5


def _speaker(clause: Clause) -> str | None:
    """Named speaker of a speech clause, with a short role ("Union leader Jorge Saavedra") so
    that a person is known as one; a generic one ("the South Korean major") does not count."""
    if needs_antecedent(clause.subject):
        return None
    name = subject_entity(clause.subject)
    words = [t for t in clause.subject if t.lower not in ARTICLES]
    if name and len(words) <= SPEAKER_WORDS and any(t.lower in PERSON_TITLES for t in words):
        return _render(words)
    return name


def _venue(tokens: list[Token], verb: int, content_start: int) -> str:
    """ "said in a speech" / "told a grower meeting in Wagga Wagga": where it was said, when
    that is an occasion (a statement is not worth the room)."""
    span = [t for t in tokens[verb + 1 : content_start] if t.lower != "that"]
    if not any(t.lower in VENUE_NOUNS for t in span):
        return ""
    return _render(span)


_ARTICLES_AND_PRONOUNS = ARTICLES | PRONOUN_SUBJECTS


def _speaker_label(clause: Clause, named: str | None, subjects: Subjects) -> str | None:
    """Who speaks (clause: the speech clause; named: its named speaker): a name (with a short
    role), "the company" resolved, or the plain noun ("union", "statistics office", "an
    official"); None for "it said"."""
    if named or not clause.subject:
        return named
    kind = needs_antecedent(clause.subject)
    if kind == "pronoun":
        return None
    words = [t for t in clause.subject if t.lower not in _ARTICLES_AND_PRONOUNS]
    if kind == "generic":
        name = antecedent(_head_noun(clause.subject), subjects)
        if name:
            return name
    elif kind == "described":
        return _resolved_subject(clause, subjects, None)
    return _render(words) if 0 < len(words) <= SPEAKER_WORDS else None


def _content_start(tokens: list[Token], clause: Clause, content: int) -> int:
    return tokens.index(clause.subject[0]) if clause.subject else content


def _speech_title(
    sentence: Analysis,
    verb: int,
    subjects: Subjects,
    limit: int,
    content: int | None = None,
) -> tuple[str, str | None] | None:
    """Title of what a speech verb reports, naming the speaker when the content has no name.

    content is given for a speech clause after its content ("X did Y, the union said"); the
    speaker is then named after a named content, where it costs the least room."""
    tokens = sentence.tokens
    if content is None:
        content = speech_content_clause(tokens, verb, sentence.verbs)
    if content is None or _is_speech(sentence, content):
        return None
    after = content < verb
    speech_clause = sentence.clause(verb)
    named_speaker = _speaker(speech_clause)
    speaker = _speaker_label(speech_clause, named_speaker, subjects)
    clause = sentence.clause(content)
    content_entity = (
        subject_entity(clause.subject) if not needs_antecedent(clause.subject) else None
    )
    subject = _resolved_subject(clause, subjects, named_speaker)
    speech = "tells" if tokens[verb].lower in {"told", "tells"} else "says"
    venue = "" if after else _venue(tokens, verb, _content_start(tokens, clause, content))
    title: str | None = None
    if tokens[verb].lower in ANNOUNCE_VERBS:
        announcer = named_speaker or content_entity or subjects.last_entity
        if announcer and content_entity in {None, announcer}:
            # "X announced that it will ..." -> "X announced it will"; a content subject of
            # its own stays: "X announced the repo rate has been kept unchanged"
            pronoun = needs_antecedent(clause.subject) == "pronoun" or not subject
            subject = f"{announcer} announced {'it' if pronoun else subject}"
    elif speaker and _names_in(speaker) & _names_in(f"{subject} {_render(clause.obj)}"):
        pass  # "Benthos Pharma's drug failed", "... at Codelco's mine": already named
    elif speaker and not content_entity and needs_antecedent(clause.subject) != "pronoun":
        subject = " ".join(part for part in (speaker, speech, venue, subject) if part)
    elif speaker and content_entity and after:
        suffix = f", {speaker} {speech}"
        title = compose(subject, clause, limit - len(suffix)) + suffix
    elif speaker and content_entity and not _shares_name(speaker, content_entity):
        subject = f"{speaker}: {subject}"  # "Halden Bio: FDA extended its review"
    return title or compose(subject, clause, limit), content_entity or speaker


def _speech_after(tokens: list[Token], verbs: list[int], chosen: int) -> int | None:
    """A speech verb that follows the chosen clause after a comma: "..., the union said"."""
    for verb in verbs:
        if verb <= chosen or tokens[verb].lower not in SPEECH_VERBS:
            continue
        start = _clause_start(tokens, verb)
        if start and tokens[start - 1].text == "," and start < verb:
            return verb
    return None


def core(
    sentence: Analysis, subjects: Subjects, verb: int | None = None, limit: int = TITLE_MAX
) -> tuple[str, str | None]:
    """Title of the clause headed by verb (default: the first verb) and its named subject."""
    tokens, verbs = sentence.tokens, sentence.verbs
    if not verbs:
        return compose("", Clause([], [], tokens), limit), subject_entity(tokens)
    chosen = verbs[0] if verb is None else verb
    if _is_speech(sentence, chosen):
        spoken = _speech_title(sentence, chosen, subjects, limit)
        if spoken:
            return spoken
    clause = sentence.clause(chosen)
    speech = _speech_after(tokens, verbs, chosen)
    if speech is not None and needs_antecedent(clause.subject) != "event":
        spoken = _speech_title(sentence, speech, subjects, limit, content=chosen)
        if spoken:
            return spoken
    entity = subject_entity(clause.subject) if needs_antecedent(clause.subject) is None else None
    if needs_antecedent(clause.subject) == "event" and subjects.previous_core:
        lead = f"{entity}: " if entity else ""
        tail = compose("", clause, 30)
        head = compose(lead + subjects.previous_core, Clause([], [], []), limit - len(tail) - 2)
        return f"{head}; {tail}", entity
    return compose(_resolved_subject(clause, subjects, None), clause, limit), entity


MIN_USEFUL_TITLE = 30


def event_title(
    sentence: Analysis, mention_position: int, mention_text: str, subjects: Subjects
) -> str:
    """Title for the event whose date phrase sat at mention_position among the cleaned tokens."""
    tokens, verbs = sentence.tokens, sentence.verbs
    verb = _clause_verb(tokens, verbs, mention_position) if verbs else None
    title, _ = core(sentence, subjects, verb)
    first_clause = core(sentence, subjects) if verbs and verb != verbs[0] else None
    first_entity = first_clause[1] if first_clause else None
    if first_entity and first_entity not in title:
        # "Samsung announced the date, and it falls on July 26": "it" is Samsung, not an older name
        title, _ = core(sentence, subjects.after(first_entity, subjects.previous_core), verb)
    clause_subject = sentence.clause(verb).subject if verb is not None else []
    if (
        len(title) < MIN_USEFUL_TITLE
        and first_clause is not None
        and needs_antecedent(clause_subject) == "pronoun"
    ):
        # "..., and it falls on July 26": the first clause says what "it" is
        title = first_clause[0]
    following = tokens[mention_position] if mention_position < len(tokens) else None
    possessive = mention_text.endswith(("'s", "’s"))
    if (
        following is not None
        and following.lower in EVENT_NOUNS
        and not possessive
        and following.lower not in title.lower()
    ):
        suffix = f" at {mention_text} {following.text}"
        title = compose(title, Clause([], [], []), TITLE_MAX - len(suffix)) + suffix
    return title


def is_well_formed(title: str) -> bool:
    """Whether a title can stand alone: at least two words, not opening with a fragment word
    nor with a pronoun that names no one (a subject and a verb, or a headline noun phrase)."""
    words = [token for token in tokenize(title) if token.text[:1].isalnum()]
    if len(words) < 2:
        return False
    return words[0].lower not in FRAGMENT_OPENERS and words[0].lower not in BARE_PRONOUNS


_LEADING_PHRASE = re.compile(
    r"^(?:[^,]{0,60},\s+|(?:In|On|By|Since|From|Until|After|Before)\s+[A-Z]\w*\.?(?:\s+\d{1,2})?\s+)"
    r"(?=[A-Z])"
)


def fallback_title(title: str, evidence: str, main: str | None) -> str:
    """A title that stands alone when the built one does not: a pronoun subject replaced by
    the article's organisation, else the evidence sentence without an opening phrase ("In
    April, ..."), cut at a word within TITLE_MAX characters."""
    words = title.split(maxsplit=1)
    if len(words) == 2 and words[0].lower() in BARE_PRONOUNS and main:
        candidate = f"{main} {words[1]}"
        if is_well_formed(candidate):
            return _cut(candidate)
    sentence = _LEADING_PHRASE.sub("", evidence.strip(), count=1)
    return _cut(sentence.rstrip("."))


def _cut(text: str) -> str:
    if len(text) <= TITLE_MAX:
        return text
    return text[: text.rfind(" ", 0, TITLE_MAX + 1)].rstrip(" ,;:")


LEAD_WINDOW = 160


def lead_entity(sentence: str) -> str | None:
    """Named subject of a sentence's first clause, read from its opening characters only."""
    tokens, _ = clean_tokens(sentence[:LEAD_WINDOW], [])
    verb = first_verb(tokens)
    if verb is None:
        return None
    subject, _ = _subject_at(tokens, verb)
    return subject_entity(subject) if needs_antecedent(subject) is None else None


def subject_name(title: str) -> str | None:
    """The named subject a title opens with ("Westerly Renewables said ..."), if it has one."""
    tokens = tokenize(title)
    verb = first_verb(tokens)
    subject = tokens[:verb] if verb is not None else tokens
    return subject_entity(subject) if needs_antecedent(subject) is None else None


def dominant_entity(leads: list[str | None]) -> str | None:
    """The organisation an article is mostly about: the named subject (by its first word, so
    "Harlow Rare Metals" and "Harlow" count together) that opens the most sentences, ties going
    to the earliest; people are left out, since "the company" never means them."""
    counts: dict[str, int] = {}
    first_form: dict[str, str] = {}
    for name in leads:
        if not name or _is_person(name):
            continue
        key = name.split()[0].lower().removesuffix("'s").removesuffix("’s")
        counts[key] = counts.get(key, 0) + 1
        first_form.setdefault(key, name)
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])  # max keeps the first of equal counts
    return first_form[best]
