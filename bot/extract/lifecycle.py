"""Moved and cancelled dates: a date that is no longer when something happens.

"pushed the launch back to October 8 from September 24", "originally set for May 2, now
expected on May 16", "which was due to open on June 5, will now start on June 12" name an old
date that is *superseded*: it is not an event, and the new date in the same sentence carries it
(`ExtractedEvent.replaces`) so the timeline moves the known event instead of keeping both. "The
June 5 rally was called off" names a *cancelled* date: never a new event, the store marks the
known event at that date cancelled. Both are read from the words around the mention in its
sentence; the verbs of the acts themselves ("was called off on Monday", "said on Friday") date
the announcement, which stays an ordinary event.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from bot.extract.lexicon.function_words import NOT_EVENT_NOUNS
from bot.extract.lexicon.verbs import SPEECH_VERBS

Status = Literal["event", "superseded", "cancelled"]

# A search over a whole sentence tries its pattern at every word start; the verbs and nouns
# below open with few letters, so a look-ahead for those (`\b(?=[acrsw])`) turns most words
# away before the long alternation is tried: two to three times faster on news text. The
# letters must cover every alternative's first letter (tests/extract/test_lifecycle_gates.py).

# Verbs that move a date: "pushed back", "postponed", "delayed", "brought forward".
RESCHEDULE = re.compile(
    r"\b(?=[bdmprs])(?:push(?:ed|es|ing)?|postpon\w*|delay(?:ed|s|ing)?|defer(?:red|s|ring)?"
    r"|mov(?:e|ed|es|ing)|reschedul\w*|brought\s+forward|bring(?:s|ing)?\s+forward"
    r"|put\s+off|shift(?:ed|s|ing)?|pull(?:ed|s|ing)?\s+forward)\b",
    re.IGNORECASE,
)
# What calls an event off; "not ... take place" and "won't go ahead" too.
CANCELLATION = re.compile(
    r"\b(?=[acrsw])(?:called\s+off|call(?:s|ing)?\s+off|cancel(?:l?ed|s|l?ing)?|scrap(?:ped|s|ping)?"
    r"|axed|shelved|withdr[ae]wn?|withdraws|withdrawing|revoked|rescinded|(?:will|would)\s+not\s+(?:take\s+place|go\s+ahead)"
    r"|won['’]t\s+(?:take\s+place|go\s+ahead)|(?:will|would)\s+not\s+be\s+(?:played|held))\b",
    re.IGNORECASE,
)
# A piece of each of CANCELLATION's phrases, looked for in the lower-cased sentence before a
# search of the whole sentence. No "i" or "s" in them: IGNORECASE reads a dotted capital I or a
# long s as those, lower() does not (tests/extract/test_search_gates.py).
CANCELLATION_PARTS = (
    "call",
    "cancel",
    "crap",
    "axed",
    "helved",
    "thdr",
    "revoked",
    "nded",
    "not",
    "won",
)
# "from September 24" in a sentence that moves something: the old date.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|its\s+|an?\s+)?$", re.IGNORECASE)
# "instead of May 2", "rather than on Friday".
_INSTEAD_BEFORE = re.compile(
    r"\b(?=[ir])(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:on\s+|the\s+)?$", re.IGNORECASE
)
# "originally set for", "initially scheduled to open on", "the original plan was to launch ...":
# the old plan, unless "now" or "but" comes between it and the date.
_ORIGINAL_BEFORE = re.compile(
    r"(?=[fiop])(?:\b(?:originally|initially|previously|first)\s+(?:\w+\s+){0,2}?"
    r"(?:scheduled|set|planned|slated|due|expected|intended|meant|supposed|billed|targeted)"
    r"|\boriginal\s+(?:plan|date|schedule|deadline|target|timetable|launch\s+date))\b"
    r"(?:(?!\bnow\b|\bbut\b|\bto\s+$)[^,;.!?]){0,70}$",
    re.IGNORECASE,
)
# "which was due to open on", "had been scheduled for": an old plan when the sentence moves
# or cancels it ("will now", "instead", "postponed").
# "had been due to meet last Saturday": a past perfect plan did not happen as planned.
_HAD_BEEN_PLANNED_BEFORE = re.compile(
    r"\bhad\s+been\s+(?:due|scheduled|set|slated|planned|expected|supposed|meant)\b"
    r"(?:(?!\bnow\b|\bbut\b)[^,;.!?]){0,50}$",
    re.IGNORECASE,
)
# "was ready by Friday to resume output, but the restart was delayed": readiness is a plan too
_WAS_PLANNED_BEFORE = re.compile(
    r"\b(?:had\s+been|was|were)\s+(?:due|scheduled|set|slated|planned|expected|supposed|meant"
    r"|ready)\b"
    r"(?:(?!\bnow\b|\bbut\b)[^;.!?]){0,50}$",
    re.IGNORECASE,
)
# "now scheduled for September 29", "now set to start on": the new date of a move.
_NOW_PLANNED_BEFORE = re.compile(
    r"\bnow\s+(?:\w+\s+)?(?:scheduled|set|slated|planned|due|expected|pencilled|penciled)"
    r"\s+(?:for|on|to\s+\w+(?:\s+on)?)\s+$",
    re.IGNORECASE,
)
# "had scheduled an event, Unpacked, for October 11": a plan told in the past perfect, active
# voice, which a cancellation or a move later in the sentence overtakes.
_HAD_PLANNED_BEFORE = re.compile(
    r"\bhad\s+(?:scheduled|planned|set|slated|booked)\b(?:(?!\bnow\b|\bbut\b)[^.;!?]){0,60}$",
    re.IGNORECASE,
)
# What names a change of date outright; a bare "had been due to meet on March 16" does not.
_CHANGE_NAMED = re.compile(
    rf"{CANCELLATION.pattern}|{RESCHEDULE.pattern}"
    r"|\b(?:instead\s+of|rather\s+than|in\s+place\s+of|original|originally|initially|previously)\b",
    re.IGNORECASE,
)


def names_change(sentence: str) -> bool:
    """Whether the sentence names a move or cancellation outright: only such a sentence spreads
    its superseded date to the article's other mentions of that day ("had been due to meet on
    March 16", said of one body, leaves another body's meeting that day standing)."""
    return _CHANGE_NAMED.search(sentence) is not None


_NOW_OR_INSTEAD = re.compile(r"\b(?:now|instead)\b", re.IGNORECASE)
# "had intended to begin the routes in October", "had planned to vote on Friday": an intent in
# the past perfect is a plan that did not hold.
_HAD_INTENDED_BEFORE = re.compile(
    r"\bhad\s+(?:intended|planned|hoped|aimed|wanted|meant)\s+to\b(?:(?!\bnow\b)[^,;.!?]){0,60}$",
    re.IGNORECASE,
)
# A plan told in the past ("the period that was scheduled to close on May 30") for a day still
# ahead no longer holds, unless the past is a reported speech's ("said the talks were set to
# resume on Monday"): a speech verb before it, with no relative word right before "was".
_PAST_PLAN_BEFORE = re.compile(
    r"(?P<relative>\b(?:that|which|who)\s+)?\b(?:was|were)(?:\s+(?:originally\s+|initially\s+)?"
    # not "was expected to": a forecast told in the past ("the storm was expected to cross
    # the coast on Saturday") is no plan that changed
    r"(?:scheduled|set|slated|due|planned|supposed|meant)\b"
    # "a decision wasn't expected until Feb. 28": the expectation the news overtook
    r"|(?:n['’]t|\s+not)\s+expected\s+until\b)"
    r"(?:(?!\bnow\b|\bbut\b)[^,;.!?]){0,50}$",
    re.IGNORECASE,
)
# The speech verbs of the lexicon: a reported expectation is the speaker's, not the news's.
_SPEECH_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(SPEECH_VERBS))})\b", re.IGNORECASE)


# "the corporation withdrew this decision", "the plan has been scrapped": a sentence that calls
# off what the sentence before announced, naming it only by a noun.
_CALLS_OFF_ANNOUNCED = re.compile(
    r"\b(?:this|that|the|its|their)\s+(?:decision|plan|order|move|announcement|notice|proposal)"
    r"\b(?:[^.;]{0,40}\b(?:was|has\s+been|had\s+been|is)\s+)?",
    re.IGNORECASE,
)


def calls_off_announced(sentence: str) -> bool:
    """Whether the sentence calls off an announcement told before it ("withdrew this decision
    on Monday evening", "The order has since been revoked")."""
    lowered = sentence.lower()
    if not any(part in lowered for part in CANCELLATION_PARTS):
        return False
    cancel = CANCELLATION.search(sentence)
    if cancel is None:
        return False
    return any(
        abs(named.start() - cancel.start()) <= 50
        for named in _CALLS_OFF_ANNOUNCED.finditer(sentence)
    )


def past_plan(sentence: str, start: int) -> bool:
    """Whether the date at start is the day of a plan told in the past tense ("were scheduled
    to start on Oct. 11"), which, for a day still ahead, is a plan that changed."""
    before = sentence[:start]
    if _HAD_INTENDED_BEFORE.search(before):
        return True
    plan = _PAST_PLAN_BEFORE.search(before)
    if plan is None:
        return False
    return plan["relative"] is not None or not _SPEECH_BEFORE.search(before, 0, plan.start())


# A date right after the act that cancels, or after a speech verb, dates that act:
# "was called off on Monday", "said on Friday".
_ACT_BEFORE = re.compile(
    r"(?=[acost])(?:off|cancel\w*|scrap\w*|axed|shelved|said|says|announced|confirmed|told|stated)"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# "the rally on June 5", "plans for Friday": a noun before the preposition names the event.
_NOUN_PREPOSITION_BEFORE = re.compile(r"\b([a-z]+)\s+(?:on|for|of)\s+$")
_PLANNED_BEFORE = re.compile(
    r"\b(?=[bdeps])(?:(?:scheduled|set|planned|slated|due|expected|pencilled|penciled)\s+(?:for|on)"
    # "events planned for Hong Kong on Tuesday": the plan's place before its day
    r"(?:\s+(?:in\s+|at\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}on)?"
    # "the closure planned for the weekend of June 7-10"
    r"(?:\s+the\s+(?:weekend|week|night|evening|morning|afternoon)\s+of)?"
    # "cancel a down week starting Dec. 8": the date the cancelled thing begins
    r"|(?:starting|beginning)(?:\s+on)?)\s+$",
    re.IGNORECASE,
)
_FOLLOWING_WORD = re.compile(r"\s+([a-z]+)")


# Every way a date stops being an event needs one of these words in its sentence: most
# sentences have none, and one search (per sentence, for all its dates) says so.
_MAY_CHANGE = re.compile(
    r"\b(?=[abcdfhimoprsw])(?:"
    + "|".join(
        (
            CANCELLATION.pattern,
            RESCHEDULE.pattern,
            r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|original|originally|initially"
            r"|previously|first)\b",
            r"\b(?:had\s+been|was|were)\s+(?:due|scheduled|set|slated|planned|expected|supposed"
            r"|meant)\b",
            r"\b(?:put(?:s|ting)?|push(?:ed|es|ing)?|brought|bring(?:s|ing)?|mov(?:e|ed|es|ing))"
            r"\s+(?:it|them)\s+(?:off|back|forward|up)\b",
        )
    )
    + ")",
    re.IGNORECASE,
)


# A piece of each of _MAY_CHANGE's phrases. Read in an ASCII sentence only, where IGNORECASE
# and lower() agree on every letter; other sentences go straight to the search.
_MAY_CHANGE_PARTS = (
    *("call", "cancel", "scrap", "axed", "shelved", "withdr", "revoked", "rescinded", "not"),
    *("won", "push", "postpon", "delay", "defer", "mov", "reschedul", "brought", "bring", "put"),
    *("shift", "pull", "instead", "rather", "place", "original", "initially", "previously"),
    *("first", "due", "scheduled", "set", "slated", "planned", "expected", "supposed", "meant"),
)


@lru_cache(maxsize=64)
def _may_change(sentence: str) -> bool:
    if sentence.isascii():
        lowered = sentence.lower()
        if not any(part in lowered for part in _MAY_CHANGE_PARTS):
            return False
    return _MAY_CHANGE.search(sentence) is not None


_CLOCK_DOTS = re.compile(r"\b([ap])\.m\.", re.IGNORECASE)


def status(sentence: str, start: int, end: int) -> Status:
    """Whether the date at [start, end) of the sentence is an event, an old date that was moved,
    or the date of something called off."""
    if not _may_change(sentence):
        return "event"
    before = sentence[:start]
    if "m." in before:
        # "originally scheduled for 11 a.m. EST Friday": a clock time's dots end no clause
        before = _CLOCK_DOTS.sub(r"\1m ", before)
    after = sentence[end:]
    # "originally set for June 5, the rally was called off": called off, not moved
    if _cancels(before, after) and not (
        RESCHEDULE.search(sentence) and _FROM_BEFORE.search(before)
    ):
        return "cancelled"
    if _NOW_PLANNED_BEFORE.search(before):
        return "event"  # "the final is now scheduled for September 29": the new date
    if _HAD_PLANNED_BEFORE.search(before):
        # "had scheduled an event for October 11, but it has been cancelled"
        if CANCELLATION.search(after):
            return "cancelled"
        if RESCHEDULE.search(sentence):
            return "superseded"
    if _INSTEAD_BEFORE.search(before):
        return "superseded"
    if _FROM_BEFORE.search(before) and RESCHEDULE.search(sentence):
        return "superseded"
    if _ORIGINAL_BEFORE.search(before) or _HAD_BEEN_PLANNED_BEFORE.search(before):
        return "superseded"
    if _PLANNED_FOR_BEFORE.search(before) and _moves_for_certain(sentence):
        # "postpone their meeting scheduled for December 21 to December 28", "the meeting
        # scheduled for today has been postponed"
        return "superseded"
    if _WAS_PLANNED_BEFORE.search(before) and (
        _NOW_OR_INSTEAD.search(after) or RESCHEDULE.search(sentence)
    ):
        return "superseded"
    return "event"


# "will not take place on Friday", "won't go ahead today": the day of what does not happen.
_NOT_HAPPENING_BEFORE = re.compile(
    r"\b(?:(?:will|would)\s+not|won['’]t)\s+(?:take\s+place|go\s+ahead|be\s+(?:played|held))"
    r"\s+(?:on\s+|as\s+planned\s+on\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_JOIN = re.compile(r"[;:]|,\s*(?:and|but|while|as)\b|\b(?:and|but)\s+(?:the|it|they)\b")
_CLAUSE_END = re.compile(r"[,;:]|\b(?:and|but)\b")


def _cancels(before: str, after: str) -> bool:
    """Whether the date belongs to the thing called off ("the June 5 rally", "Saturday's
    match", "set for Friday", "the vote on May 2 was scrapped") rather than to an act ("called
    off on Monday", "said on Friday", "called off the launch on Tuesday")."""
    if _ACT_BEFORE.search(before):
        return False
    attributive = after.startswith(("'s", "’s")) or _PLANNED_BEFORE.search(before) is not None
    following = _FOLLOWING_WORD.match(after)
    if following and _is_noun(following.group(1)):
        attributive = True
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    if _NOT_HAPPENING_BEFORE.search(before, clause_start):
        return True  # "the game will not take place today": that day is called off
    if CANCELLATION.search(before, clause_start):
        # the cancelling verb comes first: only a date of its object counts ("cancelled the
        # March 14 concert", not "called off the flight on Tuesday")
        return attributive
    later = CANCELLATION.search(after)
    if later is None or _CLAUSE_JOIN.search(after, 0, later.start()):
        return False
    noun = _NOUN_PREPOSITION_BEFORE.search(before)
    return attributive or (noun is not None and _is_noun(noun.group(1)))


# The plan a move or cancellation is about: "scheduled for", "due on", "set for".
_PLANNED_FOR_BEFORE = re.compile(
    r"\b(?=[dps])(?:(?:scheduled|slated|planned|due|set|pencilled|penciled)\s+for"
    # "the road closure planned for the weekend of June 7-10 has been postponed"
    r"(?:\s+the\s+(?:weekend|week|night|evening|morning|afternoon)\s+of)?"
    r"|(?:scheduled|slated|planned|due)\s+on"
    # "had set the meeting for Dec. 11, but postponed it": the plan with its object named
    r"|(?:scheduled|slated|planned|set)\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){1,3}"
    r"for)\s+$",
    re.IGNORECASE,
)
# Verbs that move a date whatever their object ("moved over", "push revenue" do not).
_MOVES_DATE = re.compile(
    r"\b(?:postpon\w*|reschedul\w*|delay(?:ed|s|ing)?"
    # "pushed it back", "put them off": a pronoun object may stand before the particle
    r"|push(?:ed|es|ing)?\s+(?:(?:it|them)\s+)?back|put(?:s|ting)?\s+(?:(?:it|them)\s+)?off"
    r"|(?:brought|bring(?:s|ing)?)\s+(?:(?:it|them)\s+)?forward"
    r"|mov(?:e|ed|es|ing)\s+(?:(?:it|them)\s+)?(?:up|back|forward))\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(r"\b(?:would|could|may|might|if)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _moves_for_certain(sentence: str) -> bool:
    """Whether the sentence moves a date, not just possibly ("any slip would push it")."""
    return any(
        not _HYPOTHETICAL.search(sentence, max(0, verb.start() - 20), verb.start())
        for verb in _MOVES_DATE.finditer(sentence)
    )


def _is_noun(word: str) -> bool:
    return word not in NOT_EVENT_NOUNS and not word.endswith("ed")


_TO_BEFORE = re.compile(r"\b(?:to|until|till|for)\s+(?:the\s+)?$", re.IGNORECASE)
_NOW_BEFORE = re.compile(r"\bnow\b[^;.!?]{0,40}$", re.IGNORECASE)


def new_date_score(sentence: str, start: int) -> int:
    """How strongly the date at start reads as the new date of a move: "to October 8" after a
    moving verb, "will now start on June 12"."""
    before = sentence[:start]
    score = 0
    if _TO_BEFORE.search(before):
        score += 2
    if _NOW_BEFORE.search(before):
        score += 2
    if _ACT_BEFORE.search(before):
        score -= 3  # "said on Monday": the announcement, not the new date
    return score
