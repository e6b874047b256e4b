"""Reference: who a subject names. Named subjects, pronouns and "the company" / "the bank"
resolved to the article's organisation or a recent name, and the organisation an article is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.extract.lexicon import (
    ANAPHORIC_EVENT_NOUNS,
    DEMONYMS,
    GENERIC_SUBJECT_NOUNS,
    INSTITUTION_NOUNS,
    NUMBER_WORDS,
    PRONOUN_SUBJECTS,
)
from bot.extract.lexicon.function_words import (
    ARTICLES,
    COMMON_SENTENCE_OPENERS,
    DEFINITE_DETERMINERS,
)
from bot.extract.lexicon.nouns import PERSON_TITLES
from bot.extract.titles.clauses import Clause
from bot.extract.titles.tokens import Token, render

POSSESSED_WORDS = 3
_BASED = ("-based", "–based")


def subject_entity(subject: list[Token]) -> str | None:
    """The capitalised name inside a subject phrase, if any ("CNRE Chairman Liu Peixun"); in
    "its refinery in Wicklund, Aruba" the place is where, not whose."""
    subject = _last_conjunct(subject)
    if subject and subject[0].lower in _POSSESSIVE_PRONOUNS:
        subject = _before_place(subject)
    run: list[Token] = []
    best: list[Token] = []
    for index, token in enumerate(subject):
        if (
            # "Vienna-based OPEC": where a body sits is no part of its name
            (token.capitalised and token.lower not in ARTICLES and not token.lower.endswith(_BASED))
            or (run and token.lower in {"of", "for", "&", "and"})
            # "Monetary Policy Committee of the Reserve Bank of India": one name
            or (
                run
                and token.lower == "the"
                and run[-1].lower == "of"
                and index + 1 < len(subject)
                and subject[index + 1].capitalised
            )
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
        or (
            best[0].lower in NUMBER_WORDS and len(best) == 1
        )  # "Two workers", but "Three Mile Island"
        or best[0].lower in {"of", "for"}
    ):
        best = best[1:]
    while best and best[-1].lower in {"of", "for", "&", "and"}:
        best.pop()
    return " ".join(t.text for t in best) or None


def _last_conjunct(subject: list[Token]) -> list[Token]:
    """The noun phrase after the last "and" that joins two of them ("chief executive Ana Roe
    and finance director Tom Ray" -> "finance director Tom Ray"): its head, like a name at the
    end, says whose the clause is; an "and" between two name words is inside one name ("Food
    and Drug Administration", "Arden and Vell"). A last part that names no one, or is no noun
    phrase ("end a shutdown at its Keld mine"), leaves the whole to be read."""
    for index in range(len(subject) - 2, 0, -1):
        if subject[index].lower == "and" and not (
            _name_word(subject[index - 1]) and _name_word(subject[index + 1])
        ):
            last = subject[index + 1 :]
            name = next((i for i, t in enumerate(last) if t.capitalised), None)
            if name is None or any(t.lower in _NOT_IN_ROLES for t in last[:name]):
                return subject
            return last
    return subject


def _name_word(token: Token) -> bool:
    return token.capitalised or token.text[:1].isdigit()


_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
_NOT_IN_ROLES = _POSSESSIVE_PRONOUNS | {"at", "in", "on", "of", "to", "for", "from", "by", "with"}
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "at"})


def _before_place(subject: list[Token]) -> list[Token]:
    """The subject up to a place preposition before a capitalised word ("its refinery in")."""
    for index in range(1, len(subject) - 1):
        if subject[index].lower in _PLACE_PREPOSITIONS and subject[index + 1].capitalised:
            return subject[:index]
    return subject


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
    definite = subject[0].lower in DEFINITE_DETERMINERS or (
        not subject[0].capitalised and subject[0].lower == words[0]
    )
    if definite and (
        first in ANAPHORIC_EVENT_NOUNS or (words[-1] in ANAPHORIC_EVENT_NOUNS and len(words) <= 2)
    ):
        return "event"
    head = [t for t in subject if t.lower not in ARTICLES][-1]
    if head.lower in GENERIC_SUBJECT_NOUNS and not head.capitalised and len(words) <= 4:
        if any(t.capitalised and t.lower.endswith(("'s", "’s")) for t in subject):
            return None  # "China's commerce ministry": owned by a name, so a name itself
        named = any(t.capitalised for t in subject if t.lower not in ARTICLES)
        return "described" if named else "generic"
    return None


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


def head_noun(subject: list[Token]) -> str:
    return [t for t in subject if t.lower not in ARTICLES][-1].lower


def resolved_subject(clause: Clause, subjects: Subjects, speaker: str | None) -> str:
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
            return f"{name}'s {render(clause.subject[owner:])}"
        return render(clause.subject)
    kind = needs_antecedent(clause.subject)
    if kind == "pronoun":
        return speaker or subjects.last_entity or render(clause.subject)
    if kind == "generic":
        return antecedent(head_noun(clause.subject), subjects, speaker) or render(clause.subject)
    # "a US chip company" is the main organisation; "the Chinese government" is China's
    if kind == "described" and head_noun(clause.subject) in INSTITUTION_NOUNS:
        return _country_form(clause.subject)
    if kind == "described" and subjects.dominant:
        return subjects.dominant
    return render(clause.subject)


def _country_form(subject: list[Token]) -> str:
    """ "the Chinese commerce ministry" -> "China's commerce ministry"."""
    words = [t for t in subject if t.lower not in ARTICLES]
    if words and words[0].lower in DEMONYMS:
        return f"{DEMONYMS[words[0].lower]}'s {render(words[1:])}"
    return render(subject)


def _possessive_reference(subject: list[Token]) -> int:
    """Where the possessed noun starts in "Its shares" or "The miner's shares", else 0."""
    words = [t for t in subject if t.lower not in ARTICLES]
    if len(words) < 2:
        return 0
    first = words[0].lower
    if first in {"its", "their"}:
        return subject.index(words[0]) + 1
    stem = first.removesuffix("'s").removesuffix("’s")
    if (stem != first and stem in GENERIC_SUBJECT_NOUNS and not words[0].capitalised) or (
        stem != first and stem in GENERIC_SUBJECT_NOUNS and subject[0].lower in ARTICLES
    ):
        return subject.index(words[0]) + 1
    return 0


_NAME_WORD = re.compile(r"[a-z0-9][\w.&'’-]*")


def _name_words(text: str) -> set[str]:
    return {w.removesuffix("'s").removesuffix("’s") for w in _NAME_WORD.findall(text.lower())}


def names_in(text: str) -> set[str]:
    """Capitalised words of a phrase, possessives aside ("Codelco's mine" -> {"Codelco"})."""
    return {
        w.removesuffix("'s").removesuffix("’s")
        for w in re.findall(r"[A-Z][\w.&'’-]*", text)
        if w.lower().strip(".") not in PERSON_TITLES
    }


def shares_name(a: str, b: str) -> bool:
    """Whether two phrases share a word, possessives aside ("Codelco" / "Codelco's mine")."""
    return bool(_name_words(a) & _name_words(b))


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
