"""Short "who did what" titles built from a sentence's subject, verb and object.

There is no parser here: a verb is recognised by its form (modal + verb, -ed, irregular past,
common present forms), the subject is the noun phrase before it within its clause, the object
what follows it up to the clause end. Dates, parentheticals, asides and articles are dropped so
that the names and the action fit in the first 100 characters, where readers (and the scorer)
look.

The package by concern: `tokens`, `clauses`, `reference`, `compose`, `speech`; this module
titles one event from them (`event_title`, `core`).
"""

from __future__ import annotations

from dataclasses import replace

from bot.extract.lexicon.function_words import ARTICLES, NOT_NAME_OPENERS, TIME_PREPOSITIONS
from bot.extract.lexicon.nouns import EVENT_NOUNS
from bot.extract.lexicon.verbs import DOCUMENT_PARTICIPLES
from bot.extract.titles.clauses import Analysis, Clause, clause_verb, first_verb, subject_at
from bot.extract.titles.compose import (
    compose,
    cut,
    extended,
    fallback_title,
    is_well_formed,
    short_names,
)
from bot.extract.titles.reference import (
    Subjects,
    dominant_entity,
    needs_antecedent,
    resolved_subject,
    subject_entity,
)
from bot.extract.titles.speech import is_speech, speech_after, speech_title
from bot.extract.titles.tokens import CLAUSE_END, TITLE_MAX, Token, clean_tokens, render, tokenize
from bot.extract.verbs import is_past_form

__all__ = [
    "Analysis",
    "Subjects",
    "clean_tokens",
    "core",
    "cut",
    "dominant_entity",
    "event_title",
    "extended",
    "fallback_title",
    "is_well_formed",
    "lead_entity",
    "rest_of_clause",
    "short_names",
    "subject_name",
]


TAIL_ROOM = 30


def core(
    sentence: Analysis, subjects: Subjects, verb: int | None = None, limit: int = TITLE_MAX
) -> tuple[str, str | None]:
    """Title of the clause headed by verb (default: the first verb) and its named subject."""
    tokens, verbs = sentence.tokens, sentence.verbs
    if not verbs:
        return compose("", Clause([], [], tokens), limit), subject_entity(tokens)
    chosen = verbs[0] if verb is None else verb
    if is_speech(sentence, chosen):
        spoken = speech_title(sentence, chosen, subjects, limit)
        if spoken:
            return spoken
    clause = sentence.clause(chosen)
    speech = speech_after(tokens, verbs, chosen)
    if speech is not None and needs_antecedent(clause.subject) != "event":
        spoken = speech_title(sentence, speech, subjects, limit, content=chosen)
        if spoken:
            return spoken
    entity = subject_entity(clause.subject) if needs_antecedent(clause.subject) is None else None
    if needs_antecedent(clause.subject) == "event" and subjects.previous_core:
        lead = f"{entity}: " if entity else ""
        # "...; deal was announced": the event's noun says what the verb is about
        noun = render(clause.subject)
        tail = compose(noun, clause, TAIL_ROOM + len(noun))
        head = compose(lead + subjects.previous_core, Clause([], [], []), limit - len(tail) - 2)
        return f"{head}; {tail}", entity
    return compose(resolved_subject(clause, subjects, None), clause, limit), entity


MIN_USEFUL_TITLE = 30


def event_title(
    sentence: Analysis, mention_position: int, mention_text: str, subjects: Subjects
) -> str:
    """Title for the event whose date phrase sat at mention_position among the cleaned tokens."""
    tokens, verbs = sentence.tokens, sentence.verbs
    absolute, participle = _absolute_clause(tokens, mention_position)
    if absolute:
        # "..., with production ending by June 28": the phrase is the event, the sentence's
        # subject says whose it is
        owner = subject_entity(sentence.clause(verbs[0]).subject if verbs else tokens[:3])
        phrase = compose(render(absolute), Clause([], [], []))
        if owner and not any(t.capitalised for t in absolute[:participle]):
            return compose(f"{owner}: {phrase}", Clause([], [], []))
        return phrase
    document, according = _dated_document(tokens, mention_position)
    if document and verbs and verbs[0] < according:
        # "..., according to a statement issued by the ministry on Monday": the statement came
        # out that day; what it says follows
        issuer = [t for t in sentence.clause(verbs[0]).subject if t.lower not in ARTICLES]
        if issuer and document.startswith((f"{issuer[-1].lower}'s ", f"{issuer[-1].lower}’s ")):
            # "The Arden government banned ..., according to the government's decree": whose
            document = f"{render(issuer)}{document[len(issuer[-1].lower) :]}"
        content, _ = core(sentence, subjects, limit=TITLE_MAX - len(document) - 2)
        return f"{document}: {content}"
    verb = clause_verb(tokens, verbs, mention_position) if verbs else None
    if verb is not None and _dated_subordinate(sentence, verb, mention_position):
        # "This report comes after two explosions were reported at the refinery on March 6":
        # the date is the subordinate clause's, not the story "This report" goes back to
        subjects = replace(subjects, previous_core=None)
    conjunct = _dated_conjunct(sentence, verb, mention_position)
    if conjunct is not None and verb is not None:
        # Rule DATED_CONJUNCT: "Workers at Keld Mills rejected the offer and plan to strike at
        # 6 a.m. Monday": the verb after "and" holds the date; the first verb's subject is its
        return compose(resolved_subject(sentence.clause(verb), subjects, None), conjunct)
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
    owner = _relative_owner(sentence, verb, mention_position)
    if owner and owner not in title:
        # "Copper ended the week after a selloff that began with gold's plunge on Monday":
        # whose story the relative clause continues
        title = compose(f"{owner}: {title}", Clause([], [], []))
    occasion = _occasion_after(tokens, mention_position)
    possessive = mention_text.endswith(("'s", "’s"))
    if occasion and not possessive and occasion[-1].lower not in title.lower():
        suffix = f" at {mention_text} {render(occasion)}"
        title = compose(title, Clause([], [], []), TITLE_MAX - len(suffix)) + suffix
    gerund = render(_gerund_phrase(tokens, verbs, mention_position))
    if gerund[:1].isupper() and gerund.split(" ", 1)[0].lower() in _GERUND_OPENERS:
        gerund = gerund[0].lower() + gerund[1:]  # "Since the introduction ..., the town"
    if gerund and gerund not in title and len(title) + len(gerund) < TITLE_MAX:
        # "... the central bank after dropping the currency cap in April": what the date tells,
        # when the whole clause still fits
        return f"{title} {gerund}"
    if gerund and gerund not in title and len(gerund) <= GERUND_ROOM and verb is not None:
        # Rule GERUND_FIRST: the gerund is what the date tells; the clause gives up its end
        # ("Dock workers of Local 12 set up picket lines at the port's three terminals"
        # + "after flatly rejecting the pay offer")
        clause = sentence.clause(verb)
        head = compose(
            resolved_subject(clause, subjects, None), clause, TITLE_MAX - len(gerund) - 1
        )
        if len(head) >= MIN_USEFUL_TITLE:
            return f"{head} {gerund}"
    return title


GERUND_ROOM = 60


def _dated_conjunct(sentence: Analysis, verb: int | None, position: int) -> Clause | None:
    """The clause of a verb right after "and" that shares the chosen verb's subject and holds
    the date ("rejected the offer and plan to strike at 6 a.m. Monday"): its verb group and
    object; else None."""
    if verb is None or position <= verb:
        return None
    tokens = sentence.tokens
    second = [v for v in sentence.verbs if verb < v < position][-1:]
    if not second or tokens[second[0] - 1].lower != "and":
        return None
    between = tokens[verb : second[0]]
    if any(t.text in CLAUSE_END or t.text in {",", ";"} for t in between):
        return None
    if any(t.text in CLAUSE_END or t.text == "," for t in tokens[second[0] : position]):
        return None
    if is_speech(sentence, verb) or not sentence.clause(verb).subject:
        return None
    clause = sentence.clause(second[0])
    first = sentence.clause(verb)
    if not first.verb or not clause.verb:
        return None
    tenses = not is_past_form(first.verb[-1].lower) or is_past_form(clause.verb[-1].lower)
    if tenses and not _long_first_conjunct(first, clause):
        # "closed the plant and laid off 300 workers on Friday": one day, both; "will go back
        # to the court to be signed off and approved on Friday": no conjunct of its own
        return None
    return Clause([], clause.verb, clause.obj)


_MODALS = frozenset({"could", "can", "will", "would", "may", "might", "should", "must"})


def _long_first_conjunct(first: Clause, second: Clause) -> bool:
    """Rule EARLIER_CONJUNCT: "Storm Lira was moving west at 20 km/h far from the coast and
    could reach the Keld Islands by Saturday": when the subject, the first conjunct and the
    dated one would not fit in a title, the dated one keeps its object and the first goes.
    Only a second verb group of its own (a modal or a finite verb, not a bare participle)."""
    if second.verb[0].lower not in _MODALS:
        return False  # "signed off and approved on Friday": one passive, no clause of its own
    words = first.subject + first.verb + first.obj
    return sum(len(t.text) + 1 for t in words) > TITLE_MAX


_SUBORDINATE_OPENERS = frozenset({"after", "before", "as", "when", "while", "because", "since"})


def _dated_subordinate(sentence: Analysis, verb: int, position: int) -> bool:
    """Rule DATED_SUBORDINATE: whether the date sits in a finite clause that a subordinator
    opens after the verb ("comes a week after Vell announced plans for talks next month")."""
    opener = next(
        (i for i in range(verb + 1, position) if sentence.tokens[i].lower in _SUBORDINATE_OPENERS),
        None,
    )
    return opener is not None and any(opener < v < position for v in sentence.verbs)


def _relative_owner(sentence: Analysis, verb: int | None, position: int) -> str | None:
    """The named subject of the clause a subject relative clause continues, when the relative
    clause holds the date and its noun names no one; else None."""
    tokens = sentence.tokens
    if verb is None or verb < 2 or position < verb or tokens[verb - 1].lower not in _RELATIVE:
        return None
    if any(t.capitalised for t in sentence.clause(verb).subject):
        return None
    previous = [v for v in sentence.verbs if v < verb - 1]
    if not previous:
        return None
    subject = sentence.clause(previous[-1]).subject
    owner = subject_entity(subject) if needs_antecedent(subject) is None else None
    if owner and " " not in owner and owner.lower() in NOT_NAME_OPENERS:
        return None  # "No injuries were reported from the fire that broke out": no one
    return owner


DOCUMENT_WORDS = 4
AGENT_WORDS = 8


def _dated_document(tokens: list[Token], position: int) -> tuple[str, int]:
    """ "according to a statement issued by the Transport Ministry [on Monday]" ->
    "Transport Ministry issued statement"; "according to the government's decree published
    [on Saturday]" -> "government's decree published"; else "". With where "according" is."""
    start = next(
        (
            i
            for i in range(position - 2, max(-1, position - DOCUMENT_WORDS - AGENT_WORDS - 4), -1)
            if tokens[i].lower == "according" and tokens[i + 1].lower == "to"
        ),
        None,
    )
    if start is None:
        return "", 0
    phrase = tokens[start + 2 : position]
    participle = next(
        (i for i, t in enumerate(phrase[: DOCUMENT_WORDS + 2]) if t.lower in DOCUMENT_PARTICIPLES),
        None,
    )
    if not participle or any(t.text in _BREAKS for t in phrase):
        return "", 0
    inner = next((i for i in range(1, participle) if phrase[i].lower in ARTICLES), participle)
    noun = [t for t in phrase[:inner] if t.lower not in ARTICLES]
    if not noun:
        return "", 0
    if inner < participle:
        # "according to a decree the ministry published": the doer before its participle
        doer = render(phrase[inner + 1 : participle])
        return f"{doer} {phrase[participle].text} {render(noun)}", start
    agent = phrase[participle + 1 :]
    if not agent:
        return f"{render(noun)} {phrase[participle].text}", start
    if agent[0].lower != "by" or len(agent) < 2:
        return "", 0
    named = [t for t in agent[1:] if t.lower not in ARTICLES]
    return f"{render(named)} {phrase[participle].text} {render(noun)}", start


_GERUND_OPENERS = frozenset({"after", "before", "since", "following", "upon"})
# Prepositions before a dated noun phrase that names an action: "near the epicentre of the
# earthquake on July 16", "despite the strike on Monday" (a noun phrase only, not a gerund).
_NOMINAL_OPENERS = frozenset({"of", "from", "despite"})
GERUND_REACH = 12


def _gerund_phrase(tokens: list[Token], verbs: list[int], position: int) -> list[Token]:
    """ "after dropping the currency cap [in April]": the phrase, opened by its preposition,
    when the date is in it (no clause verb or break between the gerund and the date); its end
    is the next break."""
    for index in range(position - 1, max(0, position - GERUND_REACH) - 1, -1):
        token = tokens[index]
        if token.text in _BREAKS or token.text in {",", "(", ")", '"', "“", "”"}:
            return []
        nominal_only = token.lower in _NOMINAL_OPENERS
        if nominal_only and (
            not _nominal_event(tokens[index + 1 : position])
            or _opener_before(tokens, index, position - GERUND_REACH)
        ):
            continue  # "after the cancellation of the meeting": the "after" phrase's
        if (token.lower in _GERUND_OPENERS or nominal_only) and index + 1 < position:
            following = index + 1
            if tokens[following].lower.endswith("ly") and following + 1 < position:
                following += 1  # "after flatly rejecting the offer": the adverb's gerund
            gerund = tokens[following].lower
            nominal = _nominal_event(tokens[index + 1 : position])
            if not nominal and (not (gerund.endswith("ing") and len(gerund) > 5) or index == 0):
                return []
            if any(index < v < position for v in verbs):
                return []
            if not any(v < index for v in verbs) and not (nominal and index == 0):
                return []
            end = next(
                (i for i in range(position, len(tokens)) if tokens[i].text in _BREAKS),
                len(tokens),
            )
            return tokens[index:end]
    return []


def _opener_before(tokens: list[Token], index: int, reach: int) -> bool:
    """Whether an "after/before/since/following/upon" opens a phrase before index, within
    reach and with no break between."""
    for token in reversed(tokens[max(0, reach) : index]):
        if token.text in _BREAKS or token.text in {",", "(", ")"}:
            return False
        if token.lower in _GERUND_OPENERS:
            return True
    return False


_NOMINAL_SUFFIXES = ("tion", "sion", "ment")
_NOMINAL_WORDS = EVENT_NOUNS | frozenset(
    {"test", "gain", "drop", "fall", "rise", "freefall", "earthquake", "crash", "attack", "fire"}
)
NOMINAL_WORDS = 8


def _nominal_event(phrase: list[Token]) -> bool:
    """Rule NOMINAL_EVENT: a noun phrase that names an action ("the introduction of stage 3
    limits [on March 3]", "a static fire test of the Vega rocket [on Feb. 2]") after "since",
    "after", "before", "following", "upon" or (rule NOMINAL_AFTER_OF, with no such opener
    before it) "of", "from", "despite" ("near the epicentre of the earthquake [on July 16]"):
    the date is the action's, which the phrase adds to the title as a gerund would."""
    if not phrase or len(phrase) > NOMINAL_WORDS or phrase[0].lower.endswith("ing"):
        return False
    return any(
        t.lower in _NOMINAL_WORDS or (t.lower.endswith(_NOMINAL_SUFFIXES) and len(t.lower) > 6)
        for t in phrase
        if not t.capitalised
    )


_RELATIVE = frozenset({"that", "which", "who"})
ABSOLUTE_SUBJECT = 5


def _absolute_clause(tokens: list[Token], position: int) -> tuple[list[Token], int]:
    """The absolute phrase after a comma that holds the date ("..., with the home opener
    taking place April 5 against the Athletics"): its noun phrase, participle and what follows,
    up to the next break, and where its participle is; else nothing."""
    begin = next(
        (i for i in range(min(position, len(tokens)) - 1, -1, -1) if tokens[i].text in _BREAKS), -1
    )
    if begin <= 0 or begin + 1 >= len(tokens) or tokens[begin + 1].lower != "with":
        return [], 0
    end = next((i for i in range(begin + 2, len(tokens)) if tokens[i].text in _BREAKS), len(tokens))
    phrase = tokens[begin + 2 : end]
    participle = next(
        (i for i, t in enumerate(phrase) if t.lower.endswith("ing") and len(t.lower) > 4), None
    )
    if participle is None or not 0 < participle <= ABSOLUTE_SUBJECT:
        return [], 0
    if any(t.lower in _NOT_MODIFIERS for t in phrase[1:participle]):
        return [], 0  # "with replays in the week commencing": a noun phrase, no participle's
    return phrase, participle


_BREAKS = frozenset({",", ";", ":", "—", "–", " - "})


OCCASION_MODIFIERS = 3
_NOT_MODIFIERS = (
    ARTICLES
    | TIME_PREPOSITIONS
    | frozenset(
        {"after", "before", "of", "for", "to", "at", "on", "in", "with", "by", "from", "and", "or"}
    )
)


def _occasion_after(tokens: list[Token], position: int) -> list[Token]:
    """The occasion a date names when it stands before one ("the July 13 school board
    meeting", "the October monetary policy statement"): up to the event noun, else nothing."""
    for index in range(position, min(position + OCCASION_MODIFIERS + 1, len(tokens))):
        token = tokens[index]
        if token.lower in EVENT_NOUNS:
            return tokens[position : index + 1]
        if (
            not token.text.isalpha()
            or (token.capitalised and index > position)
            or token.lower in _NOT_MODIFIERS
        ):
            return []  # "on Thursday after the policy meeting": the date does not name it
    return []


LEAD_WINDOW = 160


def lead_entity(sentence: str) -> str | None:
    """Named subject of a sentence's first clause, read from its opening characters only."""
    tokens, _ = clean_tokens(sentence[:LEAD_WINDOW], [])
    verb = first_verb(tokens)
    if verb is None:
        return None
    subject, _ = subject_at(tokens, verb)
    return subject_entity(subject) if needs_antecedent(subject) is None else None


def subject_name(title: str) -> str | None:
    """The named subject a title opens with ("Westerly Renewables said ..."), if it has one."""
    tokens = tokenize(title)
    verb = first_verb(tokens)
    subject = tokens[:verb] if verb is not None else tokens
    return subject_entity(subject) if needs_antecedent(subject) is None else None


def rest_of_clause(sentence: Analysis, mention_position: int) -> str:
    """What the event's clause says after its object (cleaned like the title), for filling a
    short title."""
    if not sentence.verbs:
        return ""
    verb = clause_verb(sentence.tokens, sentence.verbs, mention_position)
    return render(sentence.clause(verb).rest)
