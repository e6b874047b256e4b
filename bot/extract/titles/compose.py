"""Composing a title: subject, verb group and object joined within 100 characters, and the
check that a title stands alone (with the fallback when it does not).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.extract.lexicon import SPEECH_VERBS
from bot.extract.lexicon.function_words import (
    BARE_PRONOUNS,
    DANGLING_WORDS,
    FRAGMENT_OPENERS,
    LEADING_ADVERBS,
)
from bot.extract.lexicon.nouns import HEADLINE_SHORT_NAMES
from bot.extract.titles.clauses import Clause
from bot.extract.titles.tokens import TITLE_MAX, Token, render

# Legal-form suffixes say nothing a reader needs: "Kestrel Semiconductor Corp" -> "Kestrel
# Semiconductor", "Lumenix Corp's console" -> "Lumenix's console".
# The leading look-ahead (a suffix starts at a comma or a space) rejects most positions with one
# test before the look-behind and the alternatives are tried.
_LEGAL_SUFFIX = re.compile(
    r"(?=[,\s])(?<=[A-Za-z0-9])(?:,?\s+&\s+Co\b\.?|,?\s+(?:Corp|Corporation|Inc|Ltd|Limited|Co|PLC|plc"
    r"|AG|SA|NV|BV|AB|ASA|LLC|SpA)\b\.?)(?!\s+(?:of|and|&)\b)"
)


# Rule SHORT_NAME: a body headlines know by a short form is written so ("Food and Drug
# Administration approved" -> "FDA approved"), with its possessive ("General Motors' plant" ->
# "GM's plant").
_SHORT_NAME = re.compile(
    r"\b(?:"
    + "|".join(re.escape(name) for name in sorted(HEADLINE_SHORT_NAMES, key=len, reverse=True))
    + r")(?:'s|’s|'|’)?(?![\w])"
)


def short_names(title: str) -> str:
    """The title with each long name of HEADLINE_SHORT_NAMES in its short form. Applied to
    final titles, after deduplication has compared the titles as built (a name's form must not
    decide which events are one)."""

    return _SHORT_NAME.sub(_short, title)


def _short(match: re.Match[str]) -> str:
    found = match[0]
    for suffix in ("'s", "’s", "'", "’"):
        name = found.removesuffix(suffix)
        if name != found and name in HEADLINE_SHORT_NAMES:
            return f"{HEADLINE_SHORT_NAMES[name]}'s"  # "Countries'" / "Motors's"
    return HEADLINE_SHORT_NAMES[found]


def _room(text: str, limit: int) -> int:
    """Rule FIT_SHORT_NAMES: the limit plus what the short forms of the names before it will
    save (`short_names` runs on the final title): "National Aeronautics and Space
    Administration began receiving ... images from Lander's cameras" keeps its object, which
    "NASA" leaves room for."""
    for match in _SHORT_NAME.finditer(text):
        if match.start() >= limit:
            break
        limit += len(match[0]) - len(_short(match))
    return limit


# Runs of white space to write as one space: one that opens with another white-space character,
# or a space with more after it; a lone space already is one, and leaving it out spares a
# replacement per word. Opening with the class \s, the pattern is searched for that class alone.
_SPACES = re.compile(r"\s(?:(?<! )\s*|\s+)")


# "X said Y would ...", "X announced it will ...": the future stays a reported one
_SPEECH_FRAME = re.compile(
    r"\b(?:said|says|told|tells|stated|noted|notes|wrote|reported|confirmed|declared"
    r"|announced it)\b"
)


def _headline_future(verb: list[Token]) -> bool:
    """ "would halt" / "will be released": a future a headline writes as "to halt"."""
    return (
        len(verb) > 1
        and verb[0].lower in {"would", "will"}
        and not any(t.lower in {"not", "have", "has"} for t in verb)
        and verb[1].lower != "to"  # "will [have] to follow": no "to to follow"
    )


_PASSIVE_AUXILIARIES = frozenset({"has", "have", "had", "been", "is", "are", "was", "were"})


def _headline_passive(verb: list[Token]) -> bool:
    """ "has been authorized" / "was approved": a passive a headline writes as "authorized"."""
    return (
        len(verb) > 1
        and all(t.lower in _PASSIVE_AUXILIARIES for t in verb[:-1])
        and verb[-2].lower in {"been", "is", "are", "was", "were"}
        and verb[-1].lower.endswith("ed")
    )


SHORT_TITLE = 60
_LOWER_WORD = re.compile(r"[a-z]+")
_ATTRIBUTION = SPEECH_VERBS | {"says", "tells", "according"}


def extended(title: str, rest: str) -> str:
    """A short title with room left, filled with the rest of its clause up to TITLE_MAX: what
    the action was about ("Blair conceded it was time to let people have a final say" + "on
    the EU constitution in a referendum")."""
    if len(title) >= SHORT_TITLE or not rest or ":" in title:
        return title
    rest = _before_attribution(rest)
    if rest in title:
        return title  # "told Reuters, referring to the cut": the speech title already holds it
    rest = _not_repeated(title, rest)
    for word in rest.split():
        if len(title) + 1 + len(word) > TITLE_MAX:
            break
        title = f"{title} {word}"
    return " ".join(_without_dangling(title.rstrip(" ,;:").split())).rstrip(" ,;:")


_REPEAT_WORDS = 3


def _not_repeated(title: str, rest: str) -> str:
    """The rest without its opening words when the title already says them ("Vell will cut
    2,000 jobs, or 5 percent of its work force" + "or 5 percent of its work force, by ...")."""
    words = rest.split()
    told = 0
    for count in range(_REPEAT_WORDS, len(words) + 1):
        if " ".join(words[:count]).rstrip(",;:") not in title:
            break
        told = count
    return " ".join(words[told:])


_SPEAKER_WORDS = 5
_SUBORDINATORS = frozenset({"after", "before", "when", "while", "as", "because", "since", "until"})


def _before_attribution(rest: str) -> str:
    """The rest of a clause up to the comma before an attribution ("when crews will start
    laying a culvert, officials said" -> "when crews will start laying a culvert"): who said it
    is not what happened; without such a comma, nothing."""
    words = rest.split()
    for index, word in enumerate(words):
        if not set(_LOWER_WORD.findall(word.lower())) & _ATTRIBUTION:
            continue
        comma = next((i for i in range(index - 1, -1, -1) if words[i].endswith(",")), -1)
        if comma >= 0 and index - comma <= _SPEAKER_WORDS:
            return " ".join(words[: comma + 1]).rstrip(",")  # ", officials said"
        if comma < 0 and index <= _SPEAKER_WORDS and words[0].lower() not in _SUBORDINATORS:
            return ""  # "the company said in a statement" (not "after X reported a drop")
    return rest  # "after the Labor Department reported a drop": what happened, not who said it


def compose(subject: str, clause: Clause, limit: int = TITLE_MAX) -> str:
    """Join subject, verb and object into a title within the character limit, cut at a word."""
    text = uncut(subject, clause, limit)
    if len(text) > limit:
        limit = _room(text, limit)
    if len(text) > limit:
        text = text[: limit + 1].rsplit(" ", 1)[0]
    return " ".join(_without_dangling(text.rstrip(" ,;:").split())).rstrip(" ,;:")


def uncut(subject: str, clause: Clause, limit: int = TITLE_MAX) -> str:
    """Subject, verb and object joined in headline style, fitted towards limit (FIT_TO_LENGTH)
    but not cut: longer than limit when it holds more than the fit can drop."""
    verb = render(clause.verb)
    text = " ".join(part for part in (subject, verb, render(clause.obj)) if part)
    text = _LEGAL_SUFFIX.sub("", _SPACES.sub(" ", text)).strip(" ,;:")
    if len(text) > limit:
        limit = _room(text, limit)
    if (
        len(text) > limit
        and subject
        and _headline_future(clause.verb)
        and not _SPEECH_FRAME.search(subject)
    ):
        # headline style when room is short: "Acme would halt shipments" -> "Acme to halt ..."
        verb = " ".join(["to", *verb.split()[1:]])
        text = " ".join(part for part in (subject, verb, render(clause.obj)) if part)
        text = _LEGAL_SUFFIX.sub("", _SPACES.sub(" ", text)).strip(" ,;:")
    if len(text) > limit and subject and _headline_passive(clause.verb):
        # headline style when room is short: "Vale has been authorized to" -> "Vale authorized to"
        verb = clause.verb[-1].text
        text = " ".join(part for part in (subject, verb, render(clause.obj)) if part)
        text = _LEGAL_SUFFIX.sub("", _SPACES.sub(" ", text)).strip(" ,;:")
    if len(text) > limit and subject:
        verb_group, obj = _tightened(clause.verb, clause.obj)
        if (verb_group, obj) != (clause.verb, clause.obj):
            text = " ".join(part for part in (subject, render(verb_group), render(obj)) if part)
            text = _LEGAL_SUFFIX.sub("", _SPACES.sub(" ", text)).strip(" ,;:")
    return fitted(text, limit) if len(text) > limit else text


_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|May"
    r"|June|July|August|September|October|November|December"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# Rule FIT_DATE_WORDS: a date or time word the title still holds says when, which the timeline
# line already shows: "will notify other countries in coming days" -> "will notify other
# countries", "follow output cut plans in 2021 and curtail" -> "follow output cut plans and
# curtail", "had announced that morning it would" -> "had announced it would", "the only
# meeting due in the near future", "can place pre-orders on Friday, September 15, and receive"
# (a title taken from the sentence keeps its dates). Lower-case words and dates after a
# preposition only ("USA Today", "Black Friday" are names); not an end or a deadline ("ban
# until August 5", "by March"): the timeline shows the date, not that it is one.
_FIT_DATE_WORDS = re.compile(
    r" (?:(?:in|during|since|from|for) (?:(?:early|mid|late)-?)?"
    rf"(?:(?:{_MONTH})(?: \d{{1,2}})?,? )?(?:19|20)\d\d\b(?! (?!and |or |but |to )[a-z])"
    rf"|(?:in|since|from) (?:early |mid-?|late )?(?:{_MONTH})\b(?!,? \d)"
    rf"|(?:on|from|since|starting) (?:{_WEEKDAY},? )?(?:{_MONTH}) \d{{1,2}}"
    r"(?:st|nd|rd|th)?(?:,? (?:19|20)\d\d)?\b"
    rf"|(?:on|from|since|starting|this|next|last) {_WEEKDAY}"
    r"(?: (?:morning|afternoon|evening|night))?\b"
    r"|in (?:the )?(?:coming|next|recent|past) (?:few )?(?:days|weeks|months)\b"
    r"|(?:earlier|later) (?:this|that|in|in the) (?:day|week|month|year)\b"
    r"|(?:this|that|last|next) (?:morning|afternoon|evening|night|week|weekend|month|year)\b"
    r"(?! (?:is|was|will|has|had|saw)\b)"  # "if last year is a guide": a subject
    r"|in (?:the )?near future|(?:at|over) (?:the )?weekend|(?:as )?of late|today|yesterday"
    r"|tonight)(?=[ ,;]|$)"
)
# ... and a bare day date ("took effect Sept. 1, which"), not an end, a deadline nor an
# occasion's ("until Jan. 20", "the July 13 board meeting"). A pattern of its own: opening with
# a space and a capital, it is tried at few places.
_FIT_DAY_DATES = re.compile(
    rf" (?=[A-Z])(?<!\buntil )(?<!\bby )(?<!\bthrough )(?<!\bbefore )(?<!\bafter )(?<!\bthe )"
    rf"(?:{_WEEKDAY},? )?(?:{_MONTH}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? (?:19|20)\d\d)?\b"
    r"(?![ -][a-z])"
)
# Rule FIT_FILLER_ADVERBS: adverbs a headline leaves out: "will then announce" -> "will
# announce", "to initially impose" -> "to impose", "are currently getting packed" -> "are
# getting packed".
_FIT_FILLER_ADVERBS = re.compile(
    r" (?:then|also|still|already|currently|initially|now|previously|recently|officially"
    r"|formally)(?= [a-z])"
)
# Rule FIT_THAT: "that" after a verb of saying or deciding, as a headline writes it: "Roe
# confirmed that the plant will close" -> "Roe confirmed the plant will close", "judge ruled
# that payments should go out" -> "judge ruled payments should go out".
_FIT_THAT = re.compile(
    r"\b(?:said|says|told|confirmed|announced|insisted|warned|warns|ruled|indicated|noted"
    r"|reported|added|stated|argued|predicted|agreed|decided|believes|believed|expects"
    r"|expected|notified [A-Z][\w.&'’ -]*?) that (?=[\w$])"
)


def _without_that(match: re.Match[str]) -> str:
    return match[0].removesuffix("that ")


# Rule FIT_BE_BEFORE_ADJECTIVE: a be-verb before "likely" / "expected" / "set" / "due" and
# "to" goes, as in a headline: "storm is likely to move north" -> "storm likely to move north".
_FIT_BE_BEFORE_ADJECTIVE = re.compile(r" (?:is|are|was|were)(?= (?:likely|expected|set|due) to )")
# Rule FIT_POSSESSIVES: "its" / "their" before a noun phrase goes, as in a headline: "to wrap
# up its monetary policy meeting" -> "to wrap up monetary policy meeting".
_FIT_POSSESSIVES = re.compile(r" (?:its|their)(?= [\w$])")
# Rule FIT_DURATION: how long, the least of what a title needs once the rest is short: "agreed
# to postpone for five months the trial of ..." -> "agreed to postpone the trial of ...".
_FIT_DURATION = re.compile(
    r" for (?:about |nearly |some |another |up to |at least )?(?:\d+|a|an|one|two|three|four"
    r"|five|six|seven|eight|nine|ten|several|a few) (?:more )?(?:hours?|days?|weeks?|months?"
    r"|years?)\b(?=[ ,;]|$)"
)
# Rule FIT_ARTICLES: a title taken from the sentence keeps its articles; a headline does not:
# "asked the World Trade Organization to oppose" -> "asked World Trade Organization to oppose";
# "a" of an amount stays ("receive them a week later", "a few").
_FIT_ARTICLES = re.compile(
    r" (?:the|an?(?! (?:few|lot|half|dozen|hundred|thousand|million|billion|minute|hour|day|week"
    r"|month|year|decade)s?\b))(?= [\w$])"
)
_FIT_STEPS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_FIT_DATE_WORDS, ""),
    (_FIT_DAY_DATES, ""),
    (_FIT_ARTICLES, ""),
    (_FIT_FILLER_ADVERBS, ""),
    (_FIT_THAT, _without_that),
    (_FIT_BE_BEFORE_ADJECTIVE, ""),
    (_FIT_POSSESSIVES, ""),
    (_FIT_DURATION, ""),
)


def fitted(text: str, limit: int) -> str:
    """Rule FIT_TO_LENGTH: a title longer than limit drops, in order of least value, the words
    a timeline line does not need (FIT_DATE_WORDS, FIT_ARTICLES, FIT_FILLER_ADVERBS, FIT_THAT,
    FIT_BE_BEFORE_ADJECTIVE, FIT_POSSESSIVES, FIT_DURATION) until
    it fits, so that the cut at limit keeps the object: who did what to whom."""
    for pattern, replacement in _FIT_STEPS:
        if len(text) <= limit:
            break
        text = pattern.sub(replacement, text)
    return text


_BE_FORMS = frozenset({"is", "are", "was", "were", "has", "have", "had", "been"})


def _tightened(verb: list[Token], obj: list[Token]) -> tuple[list[Token], list[Token]]:
    """Rule HEADLINE_TIGHTENING: words a headline leaves out, dropped when a title would
    otherwise lose its object's end to the cut: "is then scheduled to launch" -> "scheduled to
    launch" (a be-verb and its adverb before a participle)."""
    if (
        verb
        and obj
        and all(t.lower in _BE_FORMS or t.lower in LEADING_ADVERBS for t in verb)
        and verb[0].lower in _BE_FORMS
        and obj[0].lower.endswith("ed")
        and len(obj) > 1
        and obj[1].lower in {"to", "by", "for", "until"}
    ):
        verb = []  # "Rocket is then scheduled to launch" -> "Rocket scheduled to launch"
    return verb, obj


_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_OPENING = 40


def is_well_formed(title: str) -> bool:
    """Whether a title can stand alone: at least two words, not opening with a fragment word
    nor with a pronoun that names no one (a subject and a verb, or a headline noun phrase)."""
    words = _WORD.findall(title, 0, _OPENING)  # the opening words decide; read only those
    if len(words) < 2:
        return False
    first = words[0].lower()
    return first not in FRAGMENT_OPENERS and first not in BARE_PRONOUNS


_LEADING_PHRASE = re.compile(
    r"^(?:[^,]{0,60},\s+|(?:In|On|By|Since|From|Until|After|Before)\s+[A-Z]\w*\.?(?:\s+\d{1,2})?\s+)"
    r"(?=[A-Z])"
)


def fallback_title(title: str, evidence: str, name: str | None) -> str:
    """A title that stands alone when the built one does not: a pronoun subject replaced by
    name (the article's organisation or the last one named), else the evidence sentence
    without an opening phrase ("In April, ..."), its pronoun subject named the same way, and
    as a last resort without the words that open a fragment; cut within TITLE_MAX characters."""
    words = title.split(maxsplit=1)
    if len(words) == 2 and words[0].lower() in BARE_PRONOUNS and name:
        candidate = cut(f"{name} {words[1]}")
        if is_well_formed(candidate):
            return candidate
    sentence = cut(_LEADING_PHRASE.sub("", evidence.strip(), count=1).rstrip("."))
    if is_well_formed(sentence):
        return sentence
    first, _, rest = sentence.partition(" ")
    if first.lower() in BARE_PRONOUNS and name and is_well_formed(f"{name} {rest}"):
        return cut(f"{name} {rest}")
    kept = sentence.split()
    while len(kept) > 2 and not is_well_formed(" ".join(kept)):
        kept.pop(0)
    return " ".join(kept)


def cut(text: str) -> str:
    """The text within TITLE_MAX characters, fitted (FIT_TO_LENGTH) and then cut at a word and
    not after a dangling one ("... shutdown at its")."""
    if len(text) <= TITLE_MAX:
        return text
    limit = _room(text, TITLE_MAX)
    text = fitted(text, limit)
    if len(text) <= limit:
        return text
    words = text[: text.rfind(" ", 0, limit + 1)].rstrip(" ,;:").split()
    return " ".join(_without_dangling(words, keep=2)).rstrip(" ,;:")


def _without_dangling(words: list[str], keep: int = 0) -> list[str]:
    """The words without those left dangling at the end ("... shutdown at its"), keeping at
    least keep; "up" after a lower-case word is a verb's particle ("expected to wrap up")."""
    while len(words) > keep and words[-1].lower().strip(",;:") in DANGLING_WORDS:
        before = words[-2] if len(words) > 1 else ""
        particle = (
            words[-1] == "up"
            and before.isalpha()
            and before.islower()
            and before not in DANGLING_WORDS
        )
        if particle:
            break
        words.pop()
    return words
