"""Reported speech: "X said Y" titles Y, naming the speaker X when Y names no one, and
"X did Y, the union said" keeps the content first.
"""

from __future__ import annotations

import re

from bot.extract.lexicon import (
    PRONOUN_SUBJECTS,
    SPEECH_VERBS,
)
from bot.extract.lexicon.function_words import (
    ARTICLES,
    REPORTED_CLAUSE_OPENERS,
    TIME_PREPOSITIONS,
)
from bot.extract.lexicon.nouns import PERSON_TITLES, VENUE_NOUNS
from bot.extract.lexicon.verbs import ANNOUNCE_VERBS, PERFECT_AUXILIARIES
from bot.extract.titles.clauses import Analysis, Clause, clause_start
from bot.extract.titles.compose import compose, uncut
from bot.extract.titles.reference import (
    Subjects,
    antecedent,
    head_noun,
    names_in,
    needs_antecedent,
    resolved_subject,
    shares_name,
    subject_entity,
)
from bot.extract.titles.tokens import Token, render


def lexical(tokens: list[Token], verb: int) -> Token:
    """The verb word of a verb group that opens with a perfect's auxiliary ("have said" ->
    "said"): the speech verb a title reads."""
    if tokens[verb].lower in PERFECT_AUXILIARIES and verb + 1 < len(tokens):
        return tokens[verb + 1]
    return tokens[verb]


def speech_content_clause(tokens: list[Token], speech_verb: int, verbs: list[int]) -> int | None:
    """Verb of the reported clause for "X did Y, the company said" or "X said that Y did Z"."""
    before = [v for v in verbs if v < speech_verb and lexical(tokens, v).lower not in SPEECH_VERBS]
    after = [v for v in verbs if v > speech_verb and lexical(tokens, v).lower not in SPEECH_VERBS]
    commas_before = [i for i in range(speech_verb) if tokens[i].text == ","]
    if before and commas_before and not after:
        return before[0]
    if after:
        return after[0]
    if before:
        return before[0]
    return None


def _trailing(tokens: list[Token], verb: int) -> bool:
    """A speech clause set off after its content by a comma: "..., the city announced"."""
    start = clause_start(tokens, verb)
    return start > 0 and tokens[start - 1].text == ","


def is_speech(sentence: Analysis, verb: int) -> bool:
    """Speech verbs report another clause; "announced X" with a noun object is an event itself."""
    tokens = sentence.tokens
    word = lexical(tokens, verb).lower
    if not sentence.clause(verb).subject or (verb and tokens[verb - 1].text == ","):
        return False  # "..., announced on April 25": a participle, not a speech verb
    if word in ANNOUNCE_VERBS:
        following = tokens[verb + 1] if verb + 1 < len(tokens) else None
        return (
            following is None
            or following.lower in REPORTED_CLAUSE_OPENERS
            or following.text in {",", ";"}
            # "..., the governor announced after the meeting": it reports what came before
            or (following.lower in _AFTER_ANNOUNCING and _trailing(tokens, verb))
        )
    return word in SPEECH_VERBS


# Words after a trailing "announced" that start no object: "announced after the meeting".
_AFTER_ANNOUNCING = frozenset({"after", "before", "at", "in", "during", "following"})
SPEAKER_WORDS = 5


def _speaker(clause: Clause) -> str | None:
    """Named speaker of a speech clause, with a short role ("Union leader Jorge Saavedra") so
    that a person is known as one; a generic one ("the South Korean major") does not count."""
    if needs_antecedent(clause.subject):
        return None
    name = subject_entity(clause.subject)
    words = [t for t in clause.subject if t.lower not in ARTICLES]
    if name and len(words) <= SPEAKER_WORDS and any(t.lower in PERSON_TITLES for t in words):
        return render(words)
    if name and _group_head(words):
        # Rule SPEAKER_GROUP: "Danish officials said", "Harlow University professors said": the
        # name says whose, the plural noun after it who spoke ("Danish said" names no one)
        return f"{name} {words[-1].text}"
    return name


def _group_head(words: list[Token]) -> bool:
    """Whether a subject ends in a plural common noun right after a name ("Danish officials",
    "Orvel Bank economists"): the people who spoke, the name saying whose they are."""
    if len(words) < 2 or not words[-2].capitalised or words[-1].capitalised:
        return False
    head = words[-1].text
    return head.isalpha() and head.islower() and head.endswith("s") and not head.endswith("ss")


def _venue(tokens: list[Token], verb: int, content_start: int) -> str:
    """ "said in a speech" / "told a grower meeting in Wagga Wagga": where it was said, when
    that is an occasion (a statement is not worth the room); who was told ("told Reuters",
    "told reporters at his office": the listener, not the room)."""
    span = [t for t in tokens[verb + 1 : content_start] if t.lower != "that"]
    if any(t.lower in VENUE_NOUNS for t in span):
        return render(span)
    if tokens[verb].lower not in _TELLING:
        return ""
    listener: list[Token] = []
    for index, token in enumerate(span[:LISTENER_NAME_WORDS]):
        if _inside_name(span, index):
            # Rule LISTENER_NAME: "told Secretary of State Ana Roe": an "X of Y" name is whole
            listener.append(token)
            continue
        if index >= _LISTENER_WORDS or token.lower in _LISTENER_STOPS:
            break
        if not token.text[:1].isalnum():
            break
        listener.append(token)
    while listener and listener[-1].lower in _LISTENER_STOPS | ARTICLES:
        listener.pop()
    return render(listener)


def _inside_name(span: list[Token], index: int) -> bool:
    """Whether span[index] goes on a capitalised name: a capitalised word after one ("Ana Roe",
    "State Ana"), or "of" between two ("Secretary of State")."""
    if index == 0 or not span[index - 1].capitalised:
        return False
    token = span[index]
    if token.lower == "of":
        return index + 1 < len(span) and span[index + 1].capitalised
    return token.capitalised


_TELLING = frozenset({"told", "tells"})
_LISTENER_WORDS = 4
LISTENER_NAME_WORDS = 8
_LISTENER_STOPS = TIME_PREPOSITIONS | {"that", "of", "after", "before", "during", "referring"}
# Speech verbs that say how a remark follows another, not that it was made: a title writes them
# as the plain verb of their tense ("Ana Roe added the plant will reopen" -> "Ana Roe said ...").
_PLAIN_SPEECH = {"added": "said", "adds": "says", "explained": "said", "notes": "says"}


def _speech_word(verb: Token) -> str:
    """The speech verb as the article wrote it ("said", "told", "says"): its tense is the
    article's, and the words readers search for are the article's."""
    return _PLAIN_SPEECH.get(verb.lower, verb.lower)


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
        name = antecedent(head_noun(clause.subject), subjects)
        if name:
            return name
    elif kind == "described":
        return resolved_subject(clause, subjects, None)
    return render(words) if 0 < len(words) <= SPEAKER_WORDS else None


def _content_start(tokens: list[Token], clause: Clause, content: int) -> int:
    return tokens.index(clause.subject[0]) if clause.subject else content


def speech_title(
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
    dated_speech = content is None  # the date is the speech clause's: "..., officials said Monday"
    if content is None:
        content = speech_content_clause(tokens, verb, sentence.verbs)
    if content is None or is_speech(sentence, content):
        return None
    after = content < verb
    speech_clause = sentence.clause(verb)
    named_speaker = _speaker(speech_clause)
    speaker = _speaker_label(speech_clause, named_speaker, subjects)
    clause = sentence.clause(content)
    content_entity = (
        subject_entity(clause.subject) if not needs_antecedent(clause.subject) else None
    )
    subject = resolved_subject(clause, subjects, named_speaker)
    speech = _speech_word(lexical(tokens, verb))
    venue = "" if after else _venue(tokens, verb, _content_start(tokens, clause, content))
    title: str | None = None
    if lexical(tokens, verb).lower in ANNOUNCE_VERBS and not after:
        # "The Chinese government announced it will ...": a described speaker is named too
        announcer = named_speaker or content_entity or speaker or subjects.last_entity
        if announcer and content_entity in {None, announcer}:
            # "X announced that it will ..." -> "X announced it will"; a content subject of
            # its own stays: "X announced the repo rate has been kept unchanged"
            if needs_antecedent(clause.subject) == "pronoun":
                subject = f"{announcer} {speech} {clause.subject[0].lower}"  # "it" / "they"
            else:
                subject = f"{announcer} {speech} {subject or 'it'}"
        elif named_speaker and content_entity and not shares_name(named_speaker, content_entity):
            # Rule ANNOUNCER_OF_OTHERS: "Arden announced that Prime Minister Ana Roe will visit
            # Keld": who announced it stays, before what another will do
            subject = f"{named_speaker} {speech} {subject}"
    elif speaker and names_in(speaker) & names_in(f"{subject} {render(clause.obj)}"):
        pass  # "Benthos Pharma's drug failed", "... at Codelco's mine": already named
    elif speaker and not content_entity and needs_antecedent(clause.subject) != "pronoun":
        subject = " ".join(part for part in (speaker, speech, venue, subject) if part)
    elif speaker and content_entity and after:
        title = _attributed(subject, clause, f", {speaker} {speech}", limit, dated_speech)
    elif speaker and content_entity and not shares_name(speaker, content_entity):
        subject = f"{speaker}: {subject}"  # "Halden Bio: FDA extended its review"
    return title or compose(subject, clause, limit), content_entity or speaker


DATED_SPEAKER_ROOM = 30


def _attributed(
    subject: str, clause: Clause, suffix: str, limit: int, dated_speech: bool = False
) -> str:
    """Rule ATTRIBUTION_ROOM: "X did Y, the union said" names the speaker after the content only
    in the room the whole content leaves ("Vell will shut its Arden plant, union said"); a
    content the speaker would cut keeps its object instead ("... exemptions apply to 16
    products and take effect" loses no "take effect" to "..., the commission said"). Rule
    SPEAKER_ROOM: the room may come from fitting the whole content (FIT_TO_LENGTH: "talks will
    end in the coming days with no deal, a Keld spokesman said" keeps the spokesman)."""
    content = compose(subject, clause, limit)
    if len(content) + len(suffix) <= limit:
        return content + suffix
    room = uncut(subject, clause, limit - len(suffix))
    if len(room) + len(suffix) <= limit:
        return room + suffix
    reasoned = _REASON_CLAUSE.search(content)
    if reasoned and reasoned.start() + len(suffix) <= limit:
        return content[: reasoned.start()] + suffix
    if dated_speech and len(suffix) <= DATED_SPEAKER_ROOM:
        # Rule DATED_SPEAKER: the date is the saying's ("..., officials announced Saturday"):
        # who said it is the event, so the content gives up its end to a short speaker (a long
        # one would take the content's object)
        return compose(subject, clause, limit - len(suffix)) + suffix
    return content


# Rule REASON_FOR_SPEAKER: a trailing reason or purpose clause is worth less than who said it:
# "ban on raw coffee exports is unlikely to have big impact since mills already process most of
# it, a union official said" -> "ban on raw coffee exports is unlikely to have big impact,
# union official said" when the whole would not fit.
_REASON_CLAUSE = re.compile(r",? (?:since|because|so that|in order to) [^,;:]*$")


def speech_after(tokens: list[Token], verbs: list[int], chosen: int) -> int | None:
    """A speech verb that follows the chosen clause after a comma: "..., the union said"."""
    for verb in verbs:
        if verb <= chosen or lexical(tokens, verb).lower not in SPEECH_VERBS:
            continue
        if tokens[verb - 1].lower in {"and", "but"}:
            continue  # "X confirmed ..., and said ...": the same speaker goes on, no attribution
        start = clause_start(tokens, verb)
        if start and tokens[start - 1].text == "," and start < verb:
            return verb
    return None
