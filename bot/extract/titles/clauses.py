"""Clauses: a sentence's verbs (read by the shared verb reader), and for each verb its subject,
verb group and object, worked out once per sentence (`Analysis`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.extract.lexicon import (
    AUXILIARIES,
    MODALS,
    SPEECH_VERBS,
)
from bot.extract.lexicon.function_words import (
    APPOSITIVE_ARTICLES,
    ARTICLES,
    CLAUSE_OPENERS,
    CONNECTIVES,
    DEFINITE_DETERMINERS,
    LEADING_ADVERBS,
    OBJECT_STOPS,
    TIME_PREPOSITIONS,
)
from bot.extract.lexicon.nouns import PERSON_TITLES
from bot.extract.lexicon.verbs import ANNOUNCE_VERBS
from bot.extract.titles.tokens import CLAUSE_END, NOT_NAMES, Token
from bot.extract.verbs import (
    VERB_HEAD_ENDINGS,
    VERB_HEAD_WORDS,
    heads_verb_group,
    is_past_form,
)


def _is_verb(tokens: list[Token], index: int) -> bool:
    """Whether the token heads a finite verb group (the shared verb reader decides)."""
    token = tokens[index]
    if token.lower not in VERB_HEAD_WORDS and not token.lower.endswith(VERB_HEAD_ENDINGS):
        return False
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


def _name_word(token: Token) -> bool:
    """A word that can be part of a name: capitalised or a number ("Chapter 78")."""
    return token.capitalised or token.text[:1].isdigit()


_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "of", "outside"})


def _place_comma(tokens: list[Token], comma: int, verb: int) -> bool:
    """A comma inside "in Wicklund, Aruba" right before the verb: a place and its region."""
    region = tokens[comma + 1 : verb]
    if not region or len(region) > 2 or not all(t.capitalised for t in region):
        return False
    place = comma - 1
    while place >= 0 and tokens[place].capitalised:
        place -= 1
    return place >= 0 and place < comma - 1 and tokens[place].lower in _PLACE_PREPOSITIONS


_LIST_ITEM_WORDS = 3
_NOT_LIST_WORDS = TIME_PREPOSITIONS | {"which", "that", "who", "where", "to", "with", "for"}


def _list_comma(tokens: list[Token], comma: int, verb: int) -> bool:
    """Rule SUBJECT_LIST: a comma between lower-case items of a list that ends with "and"
    right before the verb ("output of corn, soybeans, oats and other crops will be issued"):
    part of the subject, not its start."""
    back = comma - 1
    while (
        back > 0
        and back > comma - 12
        and (tokens[back].text == "," or tokens[back].text[:1].islower())
    ):
        if tokens[back].lower == "of":
            break
        if tokens[back].lower in _NOT_LIST_WORDS:
            return False  # "pieces of equipment from which doors, fenders and ... are"
        back -= 1
    if back == comma - 1 or tokens[back].lower != "of":
        return False
    item = 0
    for token in tokens[comma + 1 : verb]:
        if token.text == ",":
            if not item:
                return False
            item = 0
            continue
        if token.lower in {"and", "or"}:
            return 0 < item <= _LIST_ITEM_WORDS
        if not token.text[:1].islower() or item == _LIST_ITEM_WORDS:
            return False
        item += 1
    return False


def clause_start(tokens: list[Token], verb: int) -> int:
    """Start of the subject: after the last clause break or introductory phrase before the verb."""
    start = 0
    for i in range(verb - 1, -1, -1):
        if tokens[i].text == "," and _place_comma(tokens, i, verb):
            continue  # "its refinery in Wicklund, Aruba was shut down": one place
        if tokens[i].text == "," and _list_comma(tokens, i, verb):
            continue  # "The first estimates of output of corn, soybeans, oats and rye will be"
        if tokens[i].text in CLAUSE_END or tokens[i].text == ",":
            start = i + 1
            break
        if tokens[i].lower in SPEECH_VERBS and i < verb - 1:
            start = i + 1  # "Halden said the FDA had extended": the reported clause's subject
            break
        inside_name = (
            tokens[i].lower == "and"
            and 0 < i < verb - 1
            and _name_word(tokens[i - 1])
            and _name_word(tokens[i + 1])
        )  # "Food and Drug Administration", "Chapter 78 and 78a"
        # "the restart after being shut by the storm is progressing": a clause without a
        # finite verb of its own is part of the subject
        participle = tokens[i + 1].lower.endswith("ing") and tokens[i].lower not in _COORDINATORS
        if (
            tokens[i].lower in _SUBJECT_BREAKS
            and tokens[i + 1].lower != "of"  # "because of", not a clause
            and i < verb - 1
            and not inside_name
            and not participle
            and not (tokens[i].lower == "and" and _joins_noun_phrases(tokens, i))
        ):
            start = i + 1
            break
    return start


# Words after which a subject starts: "that", "and", the subordinators ("although Ana Roe
# will speak": Ana Roe). Not "where" ("Keld, where workers were told ...": the place stays;
# with it real_d lost a keyword) nor "because", "before", "until", "once" (same loss).
_SUBJECT_BREAKS = frozenset(
    {"that", "and", "but", "while", "when", "after", "as"} | {"although", "though"}
)


_NOUN_PHRASE_BREAKS = frozenset(
    {"that", "which", "who", "while", "when", "after", "as", "but", "and"}
)


def _joins_noun_phrases(tokens: list[Token], conjunction: int) -> bool:
    """Rule COORDINATED_SUBJECT: an "and" with no verb before it in its clause joins two noun
    phrases of one subject ("Vell's chief Ana Roe and finance director Tom Ray were in
    Arden", "The Keld bloc and Green Party, the coalition, postponed"), not two clauses ("Sales
    fell and the shares slid", "Roe quit, and Ray stayed"). A speech verb before it opens the
    reported clause ("Roe said the mayor and the council agreed"): the subject starts there."""
    if conjunction and tokens[conjunction - 1].text == ",":
        return False
    for index in range(conjunction - 1, -1, -1):
        token = tokens[index]
        if token.text in CLAUSE_END or token.text == "," or token.lower in _NOUN_PHRASE_BREAKS:
            return True
        if _is_verb(tokens, index):
            return token.lower in SPEECH_VERBS
    return True


@dataclass(frozen=True, slots=True)
class Clause:
    """Subject, verb group and object of the clause that reports an event."""

    subject: list[Token]
    verb: list[Token]
    obj: list[Token]
    # what the sentence says after the object, up to a clause end: room left in a short title
    # is filled with it ("Blair conceded it was time to let people have a final say" + "on the
    # EU constitution in a referendum")
    rest: list[Token] = field(default_factory=list)

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
            t.capitalised or t.lower not in CLAUSE_OPENERS or (j == 0 and t.lower in ARTICLES)
            for j, t in enumerate(tokens[comma + 1 : closing])
        )  # ", terbium," / ", the Vanta,"
        and not any(_is_verb(tokens, i) for i in range(comma + 1, closing))
    )
    return closing if fits and closing is not None else -1


_ROLES = frozenset({"head", "member", "interim", "acting", "new", "its", "their"})


def _role_after_as(tokens: list[Token], index: int) -> bool:
    """ "named Ana Cruz as head of ...": "as" introduces a role, not a clause; so does "known
    as" a name ("a satellite known as Zephyr-2")."""
    if tokens[index].lower != "as":
        return False
    if index and tokens[index - 1].lower == "known":
        return True
    after = index + 1
    if after < len(tokens) and tokens[after].lower in ARTICLES:
        after += 1
    if after >= len(tokens):
        return False
    word = tokens[after].lower
    return word in _ROLES or word.strip(".") in PERSON_TITLES


_SPEAKER_REACH = 6


def _speech_follows(tokens: list[Token], comma: int) -> bool:
    """A speech verb within a few words after the comma, before any other break: the words
    after the comma are a trailing attribution (", Tarvo Mining announced"), not an object."""
    for token in tokens[comma + 1 : comma + 1 + _SPEAKER_REACH]:
        if token.text in CLAUSE_END or token.text == ",":
            return False
        if token.lower in SPEECH_VERBS or token.lower in ANNOUNCE_VERBS:
            return True
    return False


def _object(tokens: list[Token], begin: int, stop_at_comma: bool = False) -> list[Token]:
    """What follows the verb group up to a clause stop; a relative clause ends at its comma."""
    obj: list[Token] = []
    appositive_end = -1
    for index in range(begin, len(tokens)):
        token = tokens[index]
        if token.text in CLAUSE_END or (
            token.lower in OBJECT_STOPS and obj and not _role_after_as(tokens, index)
        ):
            break
        if token.text == "," and index != appositive_end:
            following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
            if not obj and (following in CLAUSE_OPENERS or _speech_follows(tokens, index)):
                break  # "Operations will resume [on Monday], the company said / Acme said"
            if stop_at_comma and (obj or (index + 1 < len(tokens) and _is_verb(tokens, index + 1))):
                break  # "The strike, which began [March 1], ended Tuesday": the aside ends
            if not obj:
                continue
            appositive_end = _short_appositive(tokens, index)
            if _comma_ends_object(tokens, obj, token) and appositive_end < 0:
                break
        obj.append(token)
    return obj


# A title's verb group leaves these out unless they are its last word ("has announced").
_NOT_IN_VERB_TITLE = LEADING_ADVERBS | {"has", "have", "had"}


_NOUN_PHRASE_OPENERS = ARTICLES | DEFINITE_DETERMINERS | {"its", "their", "his", "her"}


def _antecedent(tokens: list[Token], begin: int, end: int) -> list[Token]:
    """The noun phrase a relative pronoun at end refers to, within tokens[begin:end]: what
    follows the last verb group there ("could mean a delay in the presentation of evidence,
    which is scheduled": "a delay in the presentation of evidence"), else all of it."""
    whole = [t for t in tokens[begin:end] if t.lower not in LEADING_ADVERBS]
    if [t.lower for t in whole[:2]] == ["according", "to"]:
        whole = whole[2:]  # "according to Judge Ana Roe who made the announcement"
    if (
        whole
        and whole[0].lower in APPOSITIVE_ARTICLES
        and begin > 1
        and tokens[begin - 1].text == ","
        and tokens[begin - 2].capitalised
    ):
        # "killing Arbery, a 25-year-old man who was jogging": the name the description glosses
        name_start = begin - 2
        while name_start and tokens[name_start - 1].capitalised:
            name_start -= 1
        return tokens[name_start : begin - 1]
    last = next((i for i in range(end - 1, begin - 1, -1) if _is_verb(tokens, i)), None)
    if last is None:
        return whole
    after = _verb_group_end(tokens, last)
    if tokens[after - 1].lower in LEADING_ADVERBS and after < end:
        after += 1  # "must still approve the deal": the verb after the adverb
    if after < end and tokens[after].lower in _NOUN_PHRASE_OPENERS:
        return tokens[after:end]
    return whole  # "levies on imported steel, which": a participle before a noun, no verb


_NOUN_PHRASE_REACH = 6
_RELATIVES = frozenset({"who", "which", "that", "whose"})


def _noun_phrase_before(tokens: list[Token], end: int) -> list[Token]:
    """The noun phrase right before a relative pronoun, from its determiner ("the next
    ministerial meeting that"), if one opens it within a few words with no verb, comma or
    preposition (but "of") between and it glosses no name before a comma; else nothing."""
    for index in range(end - 1, max(-1, end - 1 - _NOUN_PHRASE_REACH), -1):
        token = tokens[index]
        if token.lower in _NOUN_PHRASE_OPENERS:
            if index < end - 1 and not (index and tokens[index - 1].text == ","):
                return tokens[index:end]
            return []  # "Tamsin Vey, a nurse who": the name the description glosses
        if (
            not token.text[:1].isalnum()
            or _is_verb(tokens, index)
            or (token.lower in TIME_PREPOSITIONS | {"with", "for", "to"})
        ):
            return []
    return []


def subject_at(tokens: list[Token], verb: int) -> tuple[list[Token], bool]:
    """Subject of the clause headed by verb, and whether that clause is a relative one."""
    start = clause_start(tokens, verb)
    subject = [t for t in tokens[start:verb] if t.lower not in LEADING_ADVERBS]
    if [t.lower for t in subject] in (["and"], ["but"], ["having"]):
        # "Construction begins Monday, March 6, and is expected to wrap up": the verb shares
        # the subject of the sentence's first verb; so does a perfect participle's (rule
        # HAVING_PARTICIPLE: "..., having asked a judge to declare the strike illegal")
        shared = next((v for v in range(start) if _is_verb(tokens, v)), None)
        return subject_at(tokens, shared) if shared is not None else ([], False)
    if len(subject) > 1 and subject[0].lower == "with":
        subject = subject[1:]  # "..., with the new levies set to take effect": the levies
    relative = False
    if len(subject) > 1 and subject[-1].lower in {"that", "which", "who"}:
        pronoun = tokens.index(subject[-1])
        # "an outage that began", "... at the next meeting that opens June 25"
        subject = _noun_phrase_before(tokens, pronoun) or _antecedent(tokens, start, pronoun)
        relative = True
    elif [t.lower for t in subject] in (["which"], ["who"], ["that"]) and start:
        # "tariffs on cars, which took effect" / "an outage that began": the noun before it
        before = start - 1 if tokens[start - 1].text == "," else start
        subject = _antecedent(tokens, clause_start(tokens, before), before)
        relative = True
    elif not subject and start and tokens[start - 1].lower in {"that", "which", "who"}:
        subject = _antecedent(tokens, clause_start(tokens, start - 1), start - 1)
        relative = True
    elif not subject and start and tokens[start - 1].text == ",":
        if tokens[verb].lower.endswith("ed"):
            # "The original suspension, imposed on Feb. 22, ...": the noun before the comma
            aside = clause_start(tokens, start - 1)
            subject = tokens[aside : start - 1]
            opens_aside = tokens[aside].lower in _RELATIVES or tokens[aside].lower.endswith("ed")
            if aside >= 2 and opens_aside and tokens[aside - 1].text == ",":
                # "Ana Roe, who was born in 1950, died", "The suspension, imposed on Feb. 22,
                # expired": the noun before the aside
                subject = tokens[clause_start(tokens, aside - 1) : aside - 1]
        else:
            # "Acme's chief executive, Jane Roe, 54, told ...": the sentence's opening phrase
            # a comma that opens the tokens is what an opening date left ("On Thursday, Jay
            # Roe, the centre's manager, said" -> ", Jay Roe, ..."): the phrase follows it
            opening = next((i for i, t in enumerate(tokens) if t.text != ","), start)
            commas = [i for i, t in enumerate(tokens[:start]) if t.text == "," and i > opening]
            subject = tokens[opening : commas[0]]
            if len(subject) == 1 and len(commas) > 1 and _connective(subject[0]):
                # "However, the chairman of the union, Ana Ruiz, said": not the connective
                subject = tokens[commas[0] + 1 : commas[1]]
            if len(commas) > 1 and commas[-1] == start - 1 and subject and _describes(subject[0]):
                # "The chairman of the union, Ana Ruiz, said": the name the opening role glosses,
                # right before the verb, when the role names no one ("the head of the Marlow
                # Growers Union, Tom Reyes," keeps the union)
                named = tokens[commas[-2] + 1 : commas[-1]]
                if (
                    tokens[commas[-2] - 1] is subject[-1]
                    and not any(t.capitalised for t in subject[1:])
                    and named
                    and _is_name(named)
                ):
                    subject = named
    if (
        len(subject) > 1
        and _describes(subject[0])
        and tokens[tokens.index(subject[-1]) + 1].text == ","
    ):
        # "Halvorsen Instruments, a maker of sensors, announced", "The Likud bloc and Labor
        # Party, Israel's ruling coalition, postponed": the name, not its description (set off
        # by commas on both sides: "Meanwhile, a discussion ... was held" has none)
        comma = tokens.index(subject[0]) - 1
        name = tokens[clause_start(tokens, comma) : comma] if comma > 0 else []
        if name and name[0].lower in ARTICLES:
            name = name[1:]
        if name and tokens[comma].text == "," and _is_name(name):
            subject = name
    return _without_where(subject), relative


def _without_where(subject: list[Token]) -> list[Token]:
    """Rule WHERE_SUBJECT: "Delegates gathered in Keld, where Ana Roe will open the summit": a
    where-clause with a subject of its own that names someone, a name ("where Ana Roe") or a
    noun phrase opened by an article ("where the prime minister"), tells who does what there; a
    pronoun, "there" or a bare noun ("Keld, where workers were told": real_d lost a keyword)
    keeps the place."""
    if len(subject) < 2 or subject[0].lower != "where":
        return subject
    first = subject[1]
    if first.lower in _PRONOUNS or first.lower in {"there", "that", "which"}:
        return subject
    return subject[1:] if first.capitalised or first.lower in WHERE_ARTICLES else subject


def _connective(token: Token) -> bool:
    """A sentence opener that is no name: "However", "Separately", "Yesterday" (not "Vell,
    based in Arden, makes ..." nor "Ana Roe, who ...")."""
    word = token.lower
    return (
        word in CONNECTIVES
        or word in LEADING_ADVERBS
        or word.endswith("ly")
        or word in {"yesterday", "today"}
    )


def _describes(token: Token) -> bool:
    """A word that opens a description set off after a name: "a", "the", "Israel's"."""
    return (
        token.lower in APPOSITIVE_ARTICLES
        or token.lower == "the"
        or (token.capitalised and token.lower.endswith(("'s", "’s")))
    )


def _is_name(words: list[Token]) -> bool:
    """A name of capitalised words, joined by "and"/"of"/"&", with at most a common noun among
    them ("Likud bloc and Labor Party"); not an opener like "However" or "Meanwhile"."""
    capitalised = sum(t.capitalised for t in words)
    return (
        words[0].capitalised
        and words[-1].capitalised
        and all(t.capitalised or t.lower in {"&", "and", "of"} or t.text.isalpha() for t in words)
        and capitalised * 2 >= len(words)
        and words[0].lower not in NOT_NAMES
        and words[0].lower not in CONNECTIVES
        and not words[0].lower.endswith(("ly", "where"))
    )


def clause_at(tokens: list[Token], verb: int) -> Clause:
    subject, relative = subject_at(tokens, verb)
    end = _verb_group_end(tokens, verb)
    group = tokens[verb:end]
    verb_group = [
        t
        for i, t in enumerate(group)
        if t.lower not in _NOT_IN_VERB_TITLE
        or t is tokens[end - 1]
        # "has been kept": without "has" the passive is no verb ("been kept"); "will have to
        # follow" is an obligation, not "will to follow"
        or (i + 1 < len(group) and group[i + 1].lower in {"been", "to"})
    ]
    obj = _object(tokens, end, stop_at_comma=relative)
    if relative:
        return Clause(subject, verb_group, obj)
    after = (
        next((i for i in range(len(tokens)) if tokens[i] is obj[-1]), end - 1) if obj else end - 1
    )
    rest = []
    for token in tokens[after + 1 :]:
        if token.text in CLAUSE_END:
            break
        rest.append(token)
    return Clause(subject, verb_group, obj, rest)


class Analysis:
    """A cleaned sentence's tokens with their verbs, and each verb's clause worked out once.

    A title asks the same questions of a sentence several times (which words are verbs, what a
    verb's clause is, whether it reports speech); the tokens never change after cleaning and
    nothing edits a clause, so the answers are kept while the sentence is being titled.
    """

    __slots__ = ("_clauses", "tokens", "verbs")

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


_COORDINATORS = frozenset({"and", "but"})
_COORDINATED_SUBJECT = 3
# A subject opened by an article after "and" may be longer: "... would expire and the first
# nationwide strike against Vell Rail in three years would begin".
_COORDINATED_NOUN_PHRASE = 12


def _coordinated(tokens: list[Token], verb: int) -> bool:
    """Whether the verb opens a clause of its own joined by "and"/"but" after a short subject
    ("and they can clinch") or one opened by an article ("and the strike ... would begin"). A
    verb right after "and" ("is close to deals and will notify") shares the first clause's
    subject and stays with it: tried, it lost keywords on the held-out half."""
    for index in range(verb - 1, max(-1, verb - 2 - _COORDINATED_NOUN_PHRASE), -1):
        if tokens[index].lower in _COORDINATORS:
            # not "Food and Drug"
            if not 0 < index < verb - 1 or tokens[index - 1].capitalised:
                return False
            return verb - index - 1 <= _COORDINATED_SUBJECT or tokens[index + 1].lower in ARTICLES
        if tokens[index].text in CLAUSE_END or tokens[index].text == "," or _is_verb(tokens, index):
            return False
    return False


def _relative(tokens: list[Token], verb: int) -> bool:
    """Whether the verb heads a subject relative clause after a noun ("the meeting that opens",
    "a system which could prevent"), not a reported clause ("said that")."""
    if verb < 2 or tokens[verb - 1].lower not in {"that", "which", "who"}:
        return False
    noun = tokens[verb - 2]
    return noun.text[:1].isalnum() and not _is_verb(tokens, verb - 2) and noun.lower not in ARTICLES


def _when_clause_verb(tokens: list[Token], verbs: list[int], position: int) -> int | None:
    """The verb of a "when" clause right after the date that tells, in the simple past, what
    happened that day while the sentence itself is not past ("It will be their first meeting
    since Feb. 14, when negotiations collapsed"); not a circumstance of the sentence's own
    event ("will try again Thursday, when the storm has passed", "The storm hit on Monday,
    when residents were asleep")."""
    opener = position + 1 if position < len(tokens) and tokens[position].text == "," else position
    if opener + 1 >= len(tokens) or tokens[opener].lower != "when":
        return None
    main = [v for v in verbs if v < position]
    when = next((v for v in verbs if v > opener), None)
    if when is None or not main or not is_past_form(tokens[when].lower):
        return None
    if any(t.text in CLAUSE_END or t.text == "," for t in tokens[opener + 1 : when]):
        return None
    if any(is_past_form(tokens[v].lower) for v in main):
        # Rule WHEN_ACTION: "The dispute turned violent on Tuesday when strikers blocked the
        # road": a past main clause leaves the day to a "when" clause that tells an action
        # (a lexical verb in the past), not a state ("when most residents were asleep"),
        # whose subject names someone: a name or a count ("when 92 percent of the members
        # voted"); a pronoun or a bare noun goes on with the main clause's story
        last = tokens[_verb_group_end(tokens, when) - 1].lower
        if last in _BE_WORDS or not is_past_form(last):
            return None
        subject = tokens[opener + 1 : when]
        named = any(t.capitalised or t.text[:1].isdigit() for t in subject)
        if not named or subject[0].lower in _PRONOUNS:
            return None  # "when it and Aramco ended", "when the union offered": the main one's
    return when


# Words that open a finite clause of time, place, contrast or cause inside a sentence.
_SUBORDINATORS = frozenset(
    {
        "when",
        "whenever",
        "after",
        "before",
        "as",
        "while",
        "where",
        "although",
        "though",
        "because",
        "until",
        "once",
    }
)
# "as soon as", "as well as", "as part of", "such as": no clause follows.
_NOT_A_CLAUSE_AFTER_AS = frozenset(
    {"soon", "well", "part", "much", "many", "long", "far", "usual", "of", "a", "an", "if"}
)
_SUBORDINATE_SUBJECT = 8
WHERE_ARTICLES = frozenset({"the", "a", "an"})


def _subordinate_clause_verb(tokens: list[Token], verbs: list[int], position: int) -> int | None:
    """Rule SUBORDINATE_ACTION: the verb of a "when/after/before/as/while/where/although"
    clause that holds the date after its own verb, in any tense, when the clause has a subject
    that names someone or something ("... top the agenda when Ana Roe meets Monday with Tom
    Ray", "was scrubbed after the Keld blast killed four workers on May 2", "although Ana Roe
    will speak on Monday"); a pronoun subject ("as they made their descent") or none keeps the
    main clause."""
    opener = None
    for index in range(position - 1, -1, -1):
        token = tokens[index]
        if token.text in CLAUSE_END or token.text == ",":
            return None
        if token.lower in _SUBORDINATORS:
            opener = index
            break
    if opener is None:
        return None
    verb = next((v for v in verbs if v > opener), None)
    if verb is None or verb >= position:
        return None
    if tokens[verb].lower in SPEECH_VERBS and _verb_group_end(tokens, verb) < position:
        return None  # "where the union said negotiators bargaining today were close"
    subject = tokens[opener + 1 : verb]
    if not subject or len(subject) > _SUBORDINATE_SUBJECT:
        return None
    first = subject[0].lower
    if first in _PRONOUNS or (first in _NOT_A_CLAUSE_AFTER_AS and tokens[opener].lower == "as"):
        return None
    if opener and tokens[opener - 1].lower in {"such", "as", "so", "just", "even"}:
        return None
    if subject[-1].lower in _COORDINATORS or any(
        t.lower in _SUBORDINATORS
        or t.lower in {"that", "which", "who", "there"}
        or not t.text[:1].isalnum()
        for t in subject
    ):
        return None
    if first in TIME_PREPOSITIONS or first in {"to", "for", "with", "of", "about"}:
        return None
    return verb


_BE_WORDS = frozenset({"was", "were", "been", "had", "did"})
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you", "this", "these", "those"})


def clause_verb(tokens: list[Token], verbs: list[int], position: int) -> int:
    """First verb of the comma-delimited clause holding the date, else of the next or previous."""
    breaks = [i for i, t in enumerate(tokens) if t.text in CLAUSE_END or t.text == ","]
    when = _when_clause_verb(tokens, verbs, position)
    if when is not None:
        return when  # "since Feb. 14, when the talks collapsed": what happened that day
    inner = _subordinate_clause_verb(tokens, verbs, position)
    if inner is not None:
        return inner  # "... top the agenda when Ana Roe meets Monday with Tom Ray": the meeting
    begin = max((b + 1 for b in breaks if b < position), default=0)
    end = min((b for b in breaks if b >= position), default=len(tokens))
    inside = [v for v in verbs if begin <= v < end]
    before = [v for v in inside if v < position]
    if len(before) > 1 and _coordinated(tokens, before[-1]):
        return before[-1]  # "X lost and they can clinch the title on Sunday": the second
    if len(before) > 1 and _relative(tokens, before[-1]):
        return before[-1]  # "... at the next meeting that opens June 25": the meeting's
    earlier = [v for v in verbs if v < begin]
    if inside and not before and earlier and _relative(tokens, inside[0]):
        # "..., and scheduled a hearing for June 24 on a request for an injunction that
        # would bar sales": a relative clause after the date is not its clause; the clause
        # this part goes on with is
        return earlier[-1]
    if inside:
        return inside[0]
    following = [v for v in verbs if v >= end]
    if following:
        return following[0]
    last = verbs[-1]
    clause_begin = max((b + 1 for b in breaks if b < last), default=0)
    if (
        tokens[clause_begin].lower in TIME_PREPOSITIONS | {"to", "near", "with"}
        and verbs[0] < clause_begin
    ):
        # ", at a pig farm close to the two infected farms, on Saturday": a phrase, not a
        # clause; the sentence's first verb tells what happened
        return verbs[0]
    relative = _relative_opener(tokens, clause_begin, last)
    if relative is not None and tokens[begin].lower in _PHRASE_OPENERS:
        # Rule RELATIVE_THEN_PHRASE: "Vell will shut the plant in Keld where vans are built,
        # for the last two weeks of June": the phrase after the relative clause goes with the
        # clause the relative one describes a noun of
        main = [v for v in verbs if v < relative]
        if main:
            return main[-1]
    return next(v for v in verbs if v >= clause_begin)


_PHRASE_OPENERS = TIME_PREPOSITIONS | frozenset({"for", "from", "through", "until"})
_RELATIVE_OPENERS = frozenset({"where", "which", "who"})


def _relative_opener(tokens: list[Token], begin: int, verb: int) -> int | None:
    """Where a relative clause that the verb heads opens ("... in Keld where vans are built",
    "..., which opened"), between begin and the verb; else None."""
    return next(
        (i for i in range(verb - 1, begin - 1, -1) if tokens[i].lower in _RELATIVE_OPENERS), None
    )
