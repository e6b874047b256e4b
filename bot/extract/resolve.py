"""Turn a tagged mention into an absolute date, using the publication date and the tense around it.

News text rarely states the year or the week: "announced Thursday" means the latest Thursday
on or before publication, "reports earnings Thursday" the next one. The direction comes from
the nearest tense cue in the sentence; without a cue a weekday looks back (news reports what
happened) and a calendar date or month takes the nearest candidate.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from dateutil.easter import easter

from bot.extract.lexicon import (
    HOLIDAYS,
    IRREGULAR_PAST,
    MODALS,
    PRESENT_SCHEDULE_VERBS,
    SPEECH_VERBS,
    Holiday,
)
from bot.extract.lexicon.function_words import DETERMINERS, QUANTITIES, TENSE_CLAUSE_OPENERS
from bot.extract.lexicon.nouns import NEWS_SOURCES
from bot.extract.lexicon.tense_cues import (
    ACTIVE_PLAN_PASTS,
    COMPARATIVES,
    FUTURE_WHEN_FOLLOWED,
    FUTURE_WORDS,
    IRREALIS_STEMS,
    PAST_WORDS,
    PERFECT_MODALS,
    PRESENT_FORMS,
    PRESENT_PASSIVE_ADVERBS,
    REPORTED_FUTURE_MODALS,
    RESCHEDULE_STEMS,
    SIGNALLING_VERBS,
)
from bot.extract.lexicon.verbs import AMBIGUOUS_PAST, IRREGULAR_PARTICIPLES, PASSIVE_INFINITIVE
from bot.extract.models import Granularity, Mention
from bot.extract.verbs import is_past_form, past_tense

# "reported_future" is "would" in reported speech: future from the time of the report, which is
# at or before publication, so a calendar date takes the nearest candidate and a weekday the
# next one.
Direction = Literal["past", "future", "present", "neutral", "reported_future"]

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|[,;:—–()]")
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})

_IRREALIS_REACH = 4
# The word just before a day: "called for Dec. 21", "a new attempt for Saturday", "apply from
# May 1", "strike from midnight Wednesday" name a day still ahead.
# "for Friday", "from midnight Monday", "for 10:30 am on Wednesday", "for 11 a.m. EST (1600 GMT)
# Friday": a clock time between the preposition and the day is the day's hour
_FUTURE_PREPOSITION = re.compile(
    r"\b(for|from)\s+(?:(?:midnight|noon|dawn)\s+"
    r"|\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|[ap]m)(?:\s+[A-Z]{2,4})?(?:\s*\([^()]{1,24}\))?"
    r"\s+(?:on\s+)?)?$",
    re.IGNORECASE,
)
_OPENER_REACH = 60
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
# Only a day is introduced this way; "the lowest for August" is a period.
_DAY_TEXT = re.compile(r"\d|day\b|day['’]", re.IGNORECASE)
_RANGE_INSIDE = re.compile(r"\s(?:to|through|until|till|and)\s|\d\s*[-–]\s*\d", re.IGNORECASE)
_SPAN_END = re.compile(r"\s*(?:to|until|till|through|and|-|–)\b", re.IGNORECASE)
# Reporting verbs date the report, not what is reported: "Delegates said a cut was unlikely
# before the meeting in December", "the crew returns in mid-July, NASA said". One governs a
# mention only when nothing verb-like stands between them ("said on Friday", "announced
# results on Friday"); cues further left belong to another clause.
_REPORTING = SPEECH_VERBS | {"signalled", "signaled", "flagged", "warned", "indicated"}
# Present forms that also schedule what follows: "the crew returns in mid-July", "the lease
# expires on Sept. 30", "the rules apply from May 1" (weak, like PRESENT_SCHEDULE_VERBS).
_SCHEDULE_VERBS = PRESENT_SCHEDULE_VERBS | {"returns", "return", "apply", "applies", "expire"}
# "has postponed its Match Day 7 fixture involving Harbour City FC and Lakeside United to
# Thursday": the moving verb may stand a long object away from "to <day>".
_RESCHEDULE_WINDOW = 20
# A cue this close on the left, inside the mention's clause, governs it over later clauses.
_SAME_CLAUSE_REACH = 14


_POSSESSION = frozenset({"has", "have"})
_NAMING = frozenset({"called", "named", "dubbed", "titled", "entitled", "nicknamed", "known"})
_FUTURE_MODALS = MODALS - {"can", "must", "should"} - REPORTED_FUTURE_MODALS
_NOT_PAST_AFTER = MODALS | DETERMINERS | {"to"}
_NOMINAL_AFTER = DETERMINERS | QUANTITIES


def _cue(words: list[str], lowered: list[str], index: int) -> Direction | None:
    """Direction signalled by the word at index, judging by the word itself and its neighbours
    (lowered: the words in lower case)."""
    previous = lowered[index - 1] if index else ""
    if lowered[index] == "to":
        # "agreed on Wednesday to cut output from January 1": a "to" after an intent verb;
        # "agreed to the merger in February" is a preposition before its object, no plan
        if index + 1 < len(words) and lowered[index + 1] in DETERMINERS:
            return None
        window = lowered[max(0, index - _IRREALIS_REACH) : index]
        if any(w.startswith(IRREALIS_STEMS) for w in window):
            return "future"
        return "future" if _invitation_before(lowered, index) else None
    if lowered[index] not in _CUE_WORDS and not lowered[index].endswith(_CUE_ENDINGS):
        return None  # most words are no cue whatever their neighbours: no cache entry needed
    following = lowered[index + 1] if index + 1 < len(words) else ""
    demand = lowered[index] == "called" and following == "for" and index + 2 < len(words)
    if demand and lowered[index + 2] in DETERMINERS:
        following = ""  # "called for a ban": a demand, not "called for Dec. 21"
    if lowered[index] in AMBIGUOUS_PAST and _noun_reading(lowered, index, previous):
        return None  # "a rate cut in June", "a quarter-point cut", "a first cut": a noun
    if previous in {"and", "or"} and _passive_before(lowered, index):
        return None  # "to be signed off and approved on Friday": still the passive's "to be"
    if previous in PRESENT_PASSIVE_ADVERBS and index >= 2 and lowered[index - 2] in _PRESENT_BE:
        previous = lowered[index - 2]  # "are not suspended on Monday": a present passive
    named = index + 1 < len(words) and words[index + 1][:1].isupper()
    return _word_cue(words[index], previous, following, named)


# "had invited the two party leaders of the Senate to come to Moscow": an invitation's object may
# be long (names and their places); the occasion it invites to is still ahead of it ("asked a
# judge to declare the strike illegal on Monday" keeps the asking's day: "ask" reaches 4 words)
_INVITATION_STEMS = ("invit", "summon")
_INVITATION_REACH = 16


def _invitation_before(lowered: list[str], index: int) -> bool:
    """Whether a verb of invitation stands before the "to" at index, across its object (no
    clause break between them)."""
    for word in reversed(lowered[max(0, index - _INVITATION_REACH) : index]):
        if word in _CLAUSE_BREAKS:
            return False
        if word.startswith(_INVITATION_STEMS):
            return True
    return False


_COORDINATED_REACH = 4
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "next", "final", "further"})
_INDEFINITE = frozenset({"a", "an", "another"})


def _noun_reading(lowered: list[str], index: int, previous: str) -> bool:
    """Whether a form like "cut" or "hit" is a noun: after a compound adjective or an ordinal,
    or one word after "a"/"another" ("a rate cut"; "the bank cut rates" stays a verb)."""
    before = lowered[index - 2] if index >= 2 else ""
    return (
        "-" in previous
        or previous in _ORDINALS
        or before in _INDEFINITE
        or before in _ORDINALS  # "a first rate cut"
    )


def _passive_before(lowered: list[str], index: int) -> bool:
    """Whether a participle at index is coordinated with one after "be" a few words back."""
    word = lowered[index]
    if not (word.endswith("ed") or word in IRREGULAR_PAST):
        return False
    window = lowered[max(0, index - 1 - _COORDINATED_REACH) : index - 1]
    return any(w in PASSIVE_INFINITIVE for w in window)


@lru_cache(maxsize=8192)
def _word_cue(word_as_written: str, previous: str, following: str, named: bool) -> Direction | None:
    """The cue of a word other than "to", from the word, its neighbours (lower case) and
    whether the next word is capitalised; the same words recur, so the answers are kept."""
    if word_as_written == "May":  # the month, not the modal
        return None
    word = word_as_written.lower()
    future = _future_cue(word, previous, following)
    if future != _UNDECIDED:
        return future
    if "-" in word:  # "cash-settled", "long-awaited": compound adjectives, not verbs
        return None
    if word == "last" and previous in _DETERMINERS_OF_LAST:
        return None  # "their last match of the season", "the last chance": an order, not a past
    if word in _NAMING and (following in {"the", "a", "an"} or named):
        return None  # "the mission called TESS", "a storm named Arthur": a name, not a past
    return _form_cue(word, previous, following)


_PRESENT_BE = frozenset({"is", "are", "am"})
# "has scheduled a vote", "is scheduled": a plan still ahead, not the act of planning
_PLAN_AUXILIARIES = frozenset(
    {"is", "are", "am", "was", "were", "be", "been", "being", "has", "have", "had", "now"}
)
_DETERMINERS_OF_LAST = frozenset({"the", "their", "its", "his", "her", "our", "my", "your"})
# Every word _word_cue can give a direction to, besides the endings below (regular pasts and
# "'ll"): a word outside both is no cue, so it is answered without the neighbour-keyed cache,
# which the variety of neighbours would make miss.
_CUE_WORDS = (
    REPORTED_FUTURE_MODALS
    | _FUTURE_MODALS
    | FUTURE_WORDS
    | frozenset(FUTURE_WHEN_FOLLOWED)
    | PAST_WORDS
    | AMBIGUOUS_PAST
    | IRREGULAR_PAST
    | _SCHEDULE_VERBS
    | PRESENT_FORMS
    | _POSSESSION
    | {"should"}
)
_CUE_ENDINGS = ("ed", "'ll", "’ll")
_UNDECIDED: Literal["undecided"] = "undecided"


def _future_cue(
    word: str, previous: str, following: str
) -> Direction | Literal["undecided"] | None:
    """Modals, future words and what cancels a past reading next to them; _UNDECIDED when the
    word is none of these."""
    if word in PERFECT_MODALS and following == "have":
        return "past"  # "could have been exposed on April 15": a past possibility
    if word in REPORTED_FUTURE_MODALS:
        return "reported_future"
    if word.endswith(("'ll", "’ll")) or word in _FUTURE_MODALS:
        return "future"
    if word == "should" and following == "be":
        return "future"  # "the merger should be completed April 1": expected, still ahead
    if word in COMPARATIVES and following == "than":
        return None  # "no earlier than Jan. 6": a bound on a plan, not a past
    if previous in PASSIVE_INFINITIVE and (word in IRREGULAR_PAST or word.endswith("ed")):
        return None  # "will be held", "to be delayed": the modal or "to" decides
    if previous == "to" and word in IRREGULAR_PAST:
        return None  # "expected to made landfall" (a slip for "make"): the infinitive's place
    if word in ACTIVE_PLAN_PASTS and following in DETERMINERS and previous not in _PLAN_AUXILIARIES:
        return "past"  # "the ministers scheduled the review": the act of planning, told past
    if word in FUTURE_WORDS:
        return "future"
    if word in FUTURE_WHEN_FOLLOWED and following in FUTURE_WHEN_FOLLOWED[word]:
        return "future"
    return _UNDECIDED


def _form_cue(word: str, previous: str, following: str) -> Direction | None:
    """Past and present read from the verb's form (past forms by the shared verb reader)."""
    if word in PAST_WORDS:
        return "past"
    if previous in _PRESENT_BE and (word in AMBIGUOUS_PAST or is_past_form(word)):
        return None  # "where the cars are made", "are shut": a present passive, no past
    if word in AMBIGUOUS_PAST:
        return None if previous in _NOT_PAST_AFTER else "past"
    past = past_tense(word, previous)
    if past is not None:
        return "past" if past else None
    if word in _SCHEDULE_VERBS:
        nominal = (
            previous in _NOMINAL_AFTER
            or previous.endswith(("'s", "’s"))
            or previous in NEWS_SOURCES
        )
        return None if nominal else "future"
    if word in PRESENT_FORMS:
        return "present"
    if word in _POSSESSION and following in IRREGULAR_PARTICIPLES:
        return "past"  # "the number has risen from 40 on Monday": a perfect
    if word in _POSSESSION and not is_past_form(following) and following not in {"been", "to"}:
        return "present"  # "has openings available Wednesday" (not "has said", "has to")
    return None


def tense_direction(sentence: str, start: int, end: int) -> Direction:
    """Direction of the verb nearest to the mention at [start, end) of the sentence."""
    return SentenceTense(sentence).direction(start, end)


class SentenceTense:
    """A sentence's words and their tense cues, read once for all the mentions in it.

    A word's cue depends only on the word, its neighbours and (for "to") the _IRREALIS_REACH
    words before it. Taking a mention's words out therefore changes only the cues next to the
    gap; those are read again and the rest reused.
    """

    __slots__ = ("text", "_words", "_lowered", "_starts", "_ends", "_cues")

    def __init__(self, sentence: str) -> None:
        matches = list(_WORD.finditer(sentence))
        self.text = sentence
        self._words = [m.group() for m in matches]
        self._lowered = [word.lower() for word in self._words]
        self._starts = [m.start() for m in matches]
        self._ends = [m.end() for m in matches]
        words, lowered = self._words, self._lowered
        # _cue's own first test, asked here: most words are no cue, and a call per word costs
        self._cues = [
            _cue(words, lowered, i)
            if word == "to" or word in _CUE_WORDS or word.endswith(_CUE_ENDINGS)
            else None
            for i, word in enumerate(lowered)
        ]

    def _without(self, start: int, end: int) -> tuple[list[str], list[Direction | None], int]:
        """Words outside the mention at [start, end), their cues, and the mention's index."""
        before = bisect_right(self._ends, start)  # words that end before the mention starts
        after = bisect_left(self._starts, end)  # the first word after the mention
        if before == after:
            return self._words, list(self._cues), before
        words = self._words[:before] + self._words[after:]
        lowered = self._lowered[:before] + self._lowered[after:]
        cues = self._cues[:before] + self._cues[after:]
        for index in range(max(0, before - 1), min(len(words), before + _IRREALIS_REACH)):
            cues[index] = _cue(words, lowered, index)
        return words, cues, before

    def direction(self, start: int, end: int) -> Direction:
        """Direction of the verb nearest to the mention at [start, end) of the sentence."""
        return _nearest_direction(self.text, start, end, *self._without(start, end))


def _nearest_direction(
    sentence: str,
    start: int,
    end: int,
    words: list[str],
    cues: list[Direction | None],
    mention_index: int,
) -> Direction:
    """The direction for the mention at [start, end), given the other words and their cues."""
    if _past_when_clause_after_until(words, cues, mention_index):
        return "past"
    if _plainly_ahead(sentence, start, end, words, mention_index):
        return "future"
    best: tuple[float, Direction] | None = None
    breaks_left = [i for i, w in enumerate(words) if w in _CLAUSE_BREAKS]
    governing: tuple[float, Direction] | None = None
    if mention_index < len(words) and sentence[end - 2 : end] in {"'s", "’s"}:
        cues[mention_index] = None  # "Thursday's vote": a noun, not a verb
    _schedule_noun_before_verb(words, cues, mention_index)
    reporting_left = _reporting_boundary(words, cues, mention_index)
    infinitive = _infinitive_left(words, cues, mention_index)
    for index, word in enumerate(words):
        if word in _CLAUSE_BREAKS or index < reporting_left:
            continue
        direction = cues[index]
        if direction is None or (word.lower() == "to" and index >= mention_index):
            continue
        if direction == "past" and index < infinitive:
            continue  # "passed a bill to call an election on 12 December": the infinitive's date
        if word.lower() in _REPORTING and (
            index == reporting_left
            or (index >= mention_index and _interrupted(words, cues, mention_index, index))
        ):
            continue
        if index < mention_index:
            distance: float = mention_index - index
            crossed = sum(1 for b in breaks_left if index < b < mention_index)
        else:
            distance = (index - mention_index + 1) * 1.3
            crossed = sum(1 for b in breaks_left if mention_index <= b < index)
        if word.lower() in _SCHEDULE_VERBS and direction == "future":
            distance += 1.5  # present tense is a weaker future signal than "will"
        distance += 3 * crossed
        if best is None or distance < best[0]:
            best = (distance, direction)
        # a bare schedule verb may be a noun: too weak to govern ("the crop report on Tuesday")
        same_clause = (
            index < mention_index
            and not crossed
            and distance <= _SAME_CLAUSE_REACH
            and not (word.lower() in _SCHEDULE_VERBS and not word.endswith("s"))
        )
        if same_clause and (governing is None or distance < governing[0]):
            governing = (distance, direction)
    if governing is not None:
        return governing[1]
    if best is None and _BY_BEFORE.search(sentence, max(0, start - 4), start):
        return "future"  # "the storm's centre over land by Saturday morning": a deadline ahead
    return best[1] if best else "neutral"


_SCHEDULE_NOUN_REACH = 2


def _schedule_noun_before_verb(
    words: list[str], cues: list[Direction | None], mention_index: int
) -> None:
    """ "Media reports on Monday said ...", "The vote on Sunday ended in chaos": a schedule
    word just before the date, with a past verb right after it, is that verb's subject (a noun),
    no future cue."""
    if mention_index >= len(words) or cues[mention_index] != "past":
        return
    for index in range(max(0, mention_index - _SCHEDULE_NOUN_REACH), mention_index):
        if words[index].lower() in _SCHEDULE_VERBS and cues[index] == "future":
            cues[index] = None


def _past_when_clause_after_until(
    words: list[str], cues: list[Direction | None], mention_index: int
) -> bool:
    """ "stayed closed until Monday, when crews reopened it": the "when" clause after an
    "until" date tells what happened that day, and its past verb dates it."""
    if not mention_index or words[mention_index - 1].lower() not in {"until", "till"}:
        return False
    index = mention_index + (mention_index < len(words) and words[mention_index] == ",")
    if index >= len(words) or words[index].lower() != "when":
        return False
    for word, cue in zip(words[index + 1 :], cues[index + 1 :], strict=True):
        if word in _CLAUSE_BREAKS:
            return False
        if cue is not None:
            return cue == "past"
    return False


def _plainly_ahead(sentence: str, start: int, end: int, words: list[str], mention: int) -> bool:
    """A date the words right around it put ahead, whatever the verbs: the new date of a
    postponement ("pushing the vote to May 3"), "for"/"from <day>", "<date> as the date"."""
    return (
        _rescheduled(words, mention)
        or bool(
            _DAY_TEXT.search(sentence, start, end) and _future_preposition(sentence, start, end)
        )
        # "agreed on March 17 as the date for elections": a date chosen ahead
        or bool(_NAMED_AS_DATE.match(sentence, end))
    )


_NAMED_AS_DATE = re.compile(
    r"\s+as\s+(?:the|a|its)\s+(?:new\s+)?(?:date|day|deadline|target)\b", re.IGNORECASE
)


def _infinitive_left(words: list[str], cues: list[Direction | None], mention_index: int) -> int:
    """Index of the nearest noun + "to" + verb left of the mention in its clause ("a bill to
    call an election on ..."), or -1: a past cue left of it dates something else. A purpose
    infinitive after a place ("travelled to Tarvo to meet farmers on Monday") is not one."""
    for index in range(mention_index - 1, 0, -1):
        word = words[index]
        if word in _CLAUSE_BREAKS:
            return -1
        if word.lower() != "to" or cues[index] is not None or index + 1 >= mention_index:
            continue
        following, noun = words[index + 1], words[index - 1]
        # "a bill to call", not "Paris to" nor "pleaded guilty to conspiracy" (an adjective
        # right after the verb)
        complement = (
            noun.islower()
            and not is_past_form(noun)
            and not (index >= 2 and is_past_form(words[index - 2]))
        )
        if (
            complement
            and following.islower()
            and following not in _NOT_INFINITIVE
            and not is_past_form(following)
        ):
            return index
    return -1


_NOT_INFINITIVE = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})


def _future_preposition(sentence: str, start: int, end: int) -> bool:
    """Whether "for"/"from" (or "from midnight") opens the mention; "from Monday to Friday"
    is a span, told in any tense."""
    opener = _FUTURE_PREPOSITION.search(sentence, max(0, start - _OPENER_REACH), start)
    if opener is None:
        return False
    if opener[1].lower() == "for":
        return True
    if _RANGE_INSIDE.search(sentence, start, end):
        return False  # "ran from May 2 to May 13": a span told in any tense, not a start
    # "absent from Thursday's meeting": from a thing of that day, not from that day on
    return not _SPAN_END.match(sentence, end) and sentence[end - 2 : end] not in {"'s", "’s"}


def _interrupted(words: list[str], cues: list[Direction | None], first: int, last: int) -> bool:
    """Whether another verb or a clause opener stands in words[first:last]."""
    return any(
        cues[i] is not None or words[i].lower() in TENSE_CLAUSE_OPENERS for i in range(first, last)
    )


def _reporting_boundary(words: list[str], cues: list[Direction | None], mention_index: int) -> int:
    """Index of the nearest reporting verb left of the mention that does not govern it (a
    clause or another verb stands between them), or -1: cues left of it are ignored."""
    for index in range(mention_index - 1, -1, -1):
        word = words[index].lower()
        if word in _REPORTING:
            between = range(index + 1, mention_index)
            if (word in SIGNALLING_VERBS and len(between) > 1) or _interrupted(
                words, cues, index + 1, mention_index
            ):
                return index
            return -1
    return -1


def _rescheduled(words: list[str], mention_index: int) -> bool:
    """Whether the mention is the new date of a postponement ("pushing the vote to May 3",
    "pushed the launch into January")."""
    if not mention_index or words[mention_index - 1].lower() not in {"to", "until", "till", "into"}:
        return False
    window = words[max(0, mention_index - 1 - _RESCHEDULE_WINDOW) : mention_index - 1]
    for word in reversed(window):
        if word in {";", ":"}:
            return False
        if word.lower().startswith(RESCHEDULE_STEMS):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Resolved:
    """An absolute value for a mention; `day` is the day it stands for (1st for a month)."""

    value: str
    granularity: Granularity
    day: date


def _day(value: date) -> Resolved:
    return Resolved(value.isoformat(), "day", value)


def _month(year: int, month: int) -> Resolved:
    return Resolved(f"{year:04d}-{month:02d}", "month", date(year, month, 1))


def _pick(candidates: list[date], published: date, direction: Direction) -> date:
    """Latest candidate on/before publication (past), earliest on/after (future), else nearest."""
    past = [c for c in candidates if c <= published]
    future = [c for c in candidates if c >= published]
    if direction == "past" and past:
        return max(past)
    if direction == "future" and future:
        return min(future)
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))


def _calendar_day(mention: Mention, published: date, direction: Direction) -> Resolved | None:
    assert mention.month is not None and mention.day is not None
    if mention.year is not None:
        return _day(date(mention.year, mention.month, mention.day))
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, mention.month, mention.day))
        except ValueError:  # February 29 outside leap years
            continue
    return _day(_pick(candidates, published, direction)) if candidates else None


def _day_of_month(mention: Mention, published: date, direction: Direction) -> Resolved | None:
    """ "on the 22nd": that day in the month before, of or after publication, by tense."""
    assert mention.day is not None
    candidates = []
    for shift in (-1, 0, 1):
        index = published.year * 12 + published.month - 1 + shift
        try:
            candidates.append(date(index // 12, index % 12 + 1, mention.day))
        except ValueError:  # the 31st of a 30-day month
            continue
    return _day(_pick(candidates, published, direction)) if candidates else None


def holiday_day(rule: Holiday, year: int) -> date:
    """The day a holiday falls on in year."""
    day: date
    if rule.easter:
        day = easter(year)
    elif rule.nth > 0:
        first = date(year, rule.month, 1)
        day = first + timedelta(days=(rule.weekday - first.weekday()) % 7 + 7 * (rule.nth - 1))
    elif rule.nth < 0:
        last = date(year, rule.month, calendar.monthrange(year, rule.month)[1])
        day = last - timedelta(days=(last.weekday() - rule.weekday) % 7)
    else:
        day = date(year, rule.month, rule.day)
    return day + timedelta(days=rule.shift)


def _holiday(mention: Mention, published: date, direction: Direction) -> Resolved:
    """A holiday without a year is picked like a calendar day: by tense, else the nearest."""
    assert mention.holiday is not None
    rule = HOLIDAYS[mention.holiday]
    if mention.year is not None:
        return _day(holiday_day(rule, mention.year))
    candidates = [holiday_day(rule, published.year + shift) for shift in (-1, 0, 1)]
    return _day(_pick(candidates, published, direction))


def _weekday(mention: Mention, published: date, direction: Direction) -> Resolved:
    assert mention.weekday is not None
    back = (published.weekday() - mention.weekday) % 7
    ahead = (mention.weekday - published.weekday()) % 7
    if mention.modifier == "last" or mention.modifier == "past":
        return _day(published - timedelta(days=back or 7))
    if mention.modifier in {"next", "coming"}:
        return _day(published + timedelta(days=ahead or 7))
    if mention.modifier == "this" and back > max(published.weekday(), 1):
        # "this Saturday" is a day of the publication's week (Monday to Sunday, or the day
        # before): in a Thursday article the coming Saturday, whatever the tense ("fixtures
        # were in doubt this Saturday"); "this Monday" told in the past stays three days back
        return _day(published + timedelta(days=ahead))
    if direction in {"future", "present", "reported_future"}:
        return _day(published + timedelta(days=ahead))
    return _day(published - timedelta(days=back))


def _calendar_month(mention: Mention, published: date, direction: Direction) -> Resolved:
    assert mention.month is not None
    if mention.year is not None:
        return _month(mention.year, mention.month)
    candidates = [
        date(year, mention.month, 1)
        for year in (published.year - 1, published.year, published.year + 1)
    ]
    this_month = published.replace(day=1)
    if mention.modifier == "last":
        return _month(*_ym(max(c for c in candidates if c < this_month)))
    if mention.modifier in {"next", "coming"}:
        return _month(*_ym(min(c for c in candidates if c > this_month)))
    if mention.modifier == "this":
        return _month(published.year, mention.month)
    if mention.modifier == "since":
        direction = "past"
    return _month(*_ym(_pick(candidates, this_month, direction)))


def _ym(value: date) -> tuple[int, int]:
    return value.year, value.month


def _shift_month(published: date, months: int) -> Resolved:
    """The month `months` after (or, negative, before) publication's month.

    Worked out here rather than with `bot.dates.shift_month`: that module loads Babel for
    the bot's readers, a tenth of `dateline extract`'s start-up the engine does not need."""
    index = published.year * 12 + published.month - 1 + months
    return _month(index // 12, index % 12 + 1)


def resolve(
    mention: Mention, published: date, direction: Direction, anchor: date | None = None
) -> Resolved | None:
    """Absolute value of a mention; anchor is the last day named before it ("the day before")."""
    if mention.kind == "full":
        return _calendar_day(mention, published, direction)
    if mention.kind == "weekday":
        return _weekday(mention, published, direction)
    if mention.kind == "holiday":
        return _holiday(mention, published, direction)
    if mention.kind == "month":
        return _calendar_month(mention, published, direction)
    if mention.kind == "month_day":
        return _day_of_month(mention, published, direction)
    if mention.kind == "relative_day":
        return _day(published + timedelta(days=mention.offset))
    if mention.kind == "anchored_day":
        return _day((anchor or published) + timedelta(days=mention.offset))
    if mention.kind == "relative_month":
        return _shift_month(published, mention.offset)
    return None


def period_value(mention: Mention, published: date, direction: Direction) -> tuple[str, str] | None:
    """Value and granularity of a mention that is never an event but still names a period:
    a year ("2024", "last year"), a quarter ("2024-Q3"), a month ("two months ago", a bare
    "January"). Reported by explain_mentions so that every DATE has its value."""
    if mention.modifier == "quarter" and mention.year is not None:
        return f"{mention.year:04d}-Q{mention.offset}", "quarter"
    if mention.modifier == "year":
        return f"{published.year + mention.offset:04d}", "year"
    if mention.modifier == "months ago":
        return _shift_month(published, mention.offset).value, "month"
    if mention.month is not None:
        return _calendar_month(mention, published, direction).value, "month"
    if mention.year is not None:
        return f"{mention.year:04d}", "year"
    return None
