"""Turn a tagged mention into an absolute date, using the publication date and the tense around it.

News text rarely states the year or the week: "announced Thursday" means the latest Thursday
on or before publication, "reports earnings Thursday" the next one. The direction comes from
the nearest tense cue in the sentence; without a cue a weekday looks back (news reports what
happened) and a calendar date or month takes the nearest candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.extract.lexicon import (
    ADJECTIVE_CONTEXT,
    IRREGULAR_PAST,
    MODALS,
    NOT_PAST_ED,
    PRESENT_SCHEDULE_VERBS,
)
from bot.extract.models import Granularity, Mention

Direction = Literal["past", "future", "present", "neutral"]

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[,;:—–()]")
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")"})

_FUTURE_WORDS = frozenset(
    {
        "will",
        "shall",
        "upcoming",
        "forthcoming",
        "tomorrow",
        "later",
        "next",
        "scheduled",
        "slated",
        "poised",
        "intends",
        "aims",
        "plans",
        "planning",
        "planned",
        "expects",
        "expected",
        "expect",
        "starting",
        "effective",
        "beginning",
        "until",
        "till",
        "deadline",
        "aim",
        "aiming",
        "targets",
        "targeting",
        "intend",
    }
)
_FUTURE_WHEN_FOLLOWED = {
    "due": {"to", "on", "for", "in", "by"},
    "set": {"to", "for"},
    "going": {"to"},
    "plan": {"to"},
    "is": {"to"},
    "are": {"to"},
    "target": {"to", "for"},
}
# "pushing the decision to Aug. 9", "delayed until March": a new date is always ahead.
_RESCHEDULE_STEMS = ("push", "delay", "postpon", "defer", "move", "reschedul", "extend")
_RESCHEDULE_WINDOW = 5
# A cue this close on the left, inside the mention's clause, governs it over later clauses.
_SAME_CLAUSE_REACH = 14
_PAST_WORDS = frozenset({"ago", "earlier", "previously", "already", "last", "yesterday", "since"})
# Present forms: "falls on July 26", "the meeting is on Thursday" (a weekday then looks ahead).
_PRESENT_FORMS = frozenset(
    {
        "is",
        "are",
        "falls",
        "runs",
        "lands",
        "comes",
        "remains",
        "happens",
        "occurs",
        "marks",
        "starts",
        "stands",
    }
)
_PERFECT_AUXILIARIES = frozenset({"has", "have", "had"})
# Irregular forms that are also the present or infinitive ("cut", "set"): past only when not
# after "to" or a modal.
_AMBIGUOUS_PAST = frozenset(
    {
        "cut",
        "set",
        "put",
        "hit",
        "forecast",
        "bid",
        "quit",
        "shed",
        "split",
        "spread",
        "read",
        "let",
        "shut",
    }
)


def _cue(words: list[str], index: int) -> Direction | None:
    """Direction signalled by the word at index, judging by the word itself and its neighbours."""
    word = words[index].lower()
    previous = words[index - 1].lower() if index else ""
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    if word.endswith(("'ll", "’ll")) or word in MODALS - {"can", "must", "should"}:
        return "future"
    if word in _FUTURE_WORDS:
        return "future"
    if word in _FUTURE_WHEN_FOLLOWED and following in _FUTURE_WHEN_FOLLOWED[word]:
        return "future"
    if word in _PAST_WORDS:
        return "past"
    if word in _AMBIGUOUS_PAST:
        return None if previous in MODALS or previous == "to" else "past"
    if word in IRREGULAR_PAST:
        return "past"
    if word.endswith("ed") and len(word) > 4 and word not in NOT_PAST_ED:
        if previous in _PERFECT_AUXILIARIES or previous in {"was", "were"}:
            return "past"
        if previous in ADJECTIVE_CONTEXT:
            return None
        return "past"
    if word in PRESENT_SCHEDULE_VERBS:
        return "future"
    if word in _PRESENT_FORMS:
        return "present"
    return None


def tense_direction(sentence: str, start: int, end: int) -> Direction:
    """Direction of the verb nearest to the mention at [start, end) of the sentence."""
    tokens = [
        (m.group(), m.start())
        for m in _WORD.finditer(sentence)
        if m.end() <= start or m.start() >= end
    ]
    words = [token for token, _ in tokens]
    best: tuple[float, Direction] | None = None
    breaks_left = [i for i, w in enumerate(words) if w in _CLAUSE_BREAKS]
    mention_index = sum(1 for _, position in tokens if position < start)
    if _rescheduled(words, mention_index):
        return "future"
    governing: tuple[float, Direction] | None = None
    for index, word in enumerate(words):
        if word in _CLAUSE_BREAKS:
            continue
        direction = _cue(words, index)
        if direction is None:
            continue
        if index < mention_index:
            distance: float = mention_index - index
            crossed = sum(1 for b in breaks_left if index < b < mention_index)
        else:
            distance = (index - mention_index + 1) * 1.3
            crossed = sum(1 for b in breaks_left if mention_index <= b < index)
        if word.lower() in PRESENT_SCHEDULE_VERBS and direction == "future":
            distance += 1.5  # present tense is a weaker future signal than "will"
        distance += 3 * crossed
        if best is None or distance < best[0]:
            best = (distance, direction)
        same_clause = index < mention_index and not crossed and distance <= _SAME_CLAUSE_REACH
        if same_clause and (governing is None or distance < governing[0]):
            governing = (distance, direction)
    if governing is not None:
        return governing[1]
    return best[1] if best else "neutral"


def _rescheduled(words: list[str], mention_index: int) -> bool:
    """Whether the mention is the new date of a postponement ("pushing the vote to May 3")."""
    if not mention_index or words[mention_index - 1].lower() not in {"to", "until", "till"}:
        return False
    window = words[max(0, mention_index - 1 - _RESCHEDULE_WINDOW) : mention_index - 1]
    return any(word.lower().startswith(_RESCHEDULE_STEMS) for word in window)


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


def _weekday(mention: Mention, published: date, direction: Direction) -> Resolved:
    assert mention.weekday is not None
    back = (published.weekday() - mention.weekday) % 7
    ahead = (mention.weekday - published.weekday()) % 7
    if mention.modifier == "last" or mention.modifier == "past":
        return _day(published - timedelta(days=back or 7))
    if mention.modifier in {"next", "coming"}:
        return _day(published + timedelta(days=ahead or 7))
    if direction in {"future", "present"}:
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
    if mention.kind == "month":
        return _calendar_month(mention, published, direction)
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
