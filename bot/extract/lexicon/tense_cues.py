"""Words that place what a clause reports before or after the text's time: future and past
cues, verbs whose "to" clause is still ahead, reschedule verbs, habits."""

from __future__ import annotations

HABITUAL_CUES = frozenset(
    {
        "usually",
        "typically",
        "normally",
        "generally",
        "traditionally",
        "often",
        "always",
        "annually",
        "every",
        "each",
        "customarily",
    }
)


FUTURE_WORDS = frozenset(
    {
        "will",
        "shall",
        "upcoming",
        "forthcoming",
        "toward",  # "the countdown ticks toward launch Thursday"
        "towards",
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
        "payable",  # "a dividend of 25 cents, payable March 31"
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
        "hopes",
        "hope",
        "hoping",
        "scheduling",
        "likely",
        "unlikely",
    }
)


FUTURE_WHEN_FOLLOWED = {
    "due": {"to", "on", "for", "in", "by"},
    "set": {"to", "for"},
    "going": {"to"},
    "plan": {"to"},
    "is": {"to"},
    "are": {"to"},
    "target": {"to", "for"},
    "ahead": {"of"},
    "called": {"for"},
    "calls": {"for"},  # "the forecast calls for rain on Thursday"
}


# Verbs whose "to" clause is still ahead of them: "agreed on Wednesday to cut output from
# January 1", "are forecast to rise in December", "voted to strike from Wednesday".
IRREALIS_STEMS = (
    "agree",
    "vote",
    "decide",
    "hope",
    "want",
    "seek",
    "sought",
    "promis",
    "pledge",
    "vow",
    "threaten",
    "forecast",
    "project",
    "likely",
    "prepar",
    "propos",
    "intend",
    "plan",
    "expect",
    "offer",
    "move",
    "ask",
    "urg",
    "request",
)


# Verbs of signalling govern only a date right after them ("warned in July"); "signalled
# another cut by August" dates the cut.
SIGNALLING_VERBS = frozenset({"signalled", "signaled", "flagged", "warned", "indicated"})


# "pushing the decision to Aug. 9", "delayed until March": a new date is always ahead.
RESCHEDULE_STEMS = (
    "push",
    "delay",
    "postpon",
    "defer",
    "move",
    "reschedul",
    "extend",
    "adjourn",  # "the court adjourned the case to March 20"
    "slip",  # "the launch slipped into January"
    "bump",  # "bumped the mission into January"
)


PAST_WORDS = frozenset({"ago", "earlier", "previously", "already", "last", "yesterday", "since"})


# Present forms: "falls on July 26", "the meeting is on Thursday" (a weekday then looks ahead).
PRESENT_FORMS = frozenset(
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


REPORTED_FUTURE_MODALS = frozenset({"would", "'d", "’d"})


COMPARATIVES = frozenset({"earlier", "later", "sooner"})


PLAN_WORDS = frozenset(
    {
        "set",
        "reset",
        "due",
        "slated",
        "scheduled",
        "planned",
        "time",
        "date",
        "called",
        "pencilled",
        "penciled",
        "targeted",
        "aimed",
        "eyed",
        "booked",
        "expected",
        "timed",
    }
)

# "could have been exposed on April 15", "may have met on Friday": a modal before "have" tells
# a past possibility, not a future ("will have finished by June" stays ahead).
PERFECT_MODALS = frozenset({"could", "might", "may", "must", "should"})

# Adverbs that may stand between "is"/"are" and a participle without making it a past: "are not
# suspended on Monday", "is still closed on Friday".
PRESENT_PASSIVE_ADVERBS = frozenset({"not", "also", "still", "now", "already", "again"})

# "the ministers scheduled the review": a plan word followed by its object is an active past verb.
ACTIVE_PLAN_PASTS = frozenset({"scheduled", "slated"})
