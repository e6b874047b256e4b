"""The calendar words and the word lists that the tagger, resolver and title builder share.

Lists that only one module reads (tense cues in resolve.py, title words in titles.py, the
tagger's trigger words, sentence abbreviations, merge stop-words) live beside that module.
"""

from __future__ import annotations

import calendar
from typing import NamedTuple

# English names from the C locale (the engine never calls setlocale), so there is one list.
MONTH_NAMES: tuple[str, ...] = tuple(name.lower() for name in calendar.month_name[1:])
WEEKDAY_NAMES: tuple[str, ...] = tuple(name.lower() for name in calendar.day_name)
# Short month forms; "may" is its own short form. "sept" and "sep" both occur in news.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTHS: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS

WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(WEEKDAY_NAMES)}
# Short weekday forms only count with their dot ("Wed."), so "We" or "sat" never match.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
# Capitalised calendar words, which are never the name of a company or person.
CALENDAR_WORDS: frozenset[str] = frozenset(MONTH_NAMES + WEEKDAY_NAMES)


class Holiday(NamedTuple):
    """When a holiday falls in a year: a fixed day, the nth weekday of a month (nth -1 is the
    last) or Easter Sunday, moved by shift days (Black Friday follows Thanksgiving)."""

    month: int = 0
    day: int = 0
    weekday: int = 0
    nth: int = 0
    easter: bool = False
    shift: int = 0


_THANKSGIVING = Holiday(11, weekday=WEEKDAYS["thursday"], nth=4)
# Named days TimeML dates (US holidays where countries differ), keyed in lower case without
# apostrophes. Bare "Christmas" or "Easter" is a season as often as a day, so only the day names.
HOLIDAYS: dict[str, Holiday] = {
    "new years day": Holiday(1, 1),
    "new years eve": Holiday(12, 31),
    "independence day": Holiday(7, 4),
    "fourth of july": Holiday(7, 4),
    "christmas day": Holiday(12, 25),
    "christmas eve": Holiday(12, 24),
    "labor day": Holiday(9, weekday=WEEKDAYS["monday"], nth=1),
    "memorial day": Holiday(5, weekday=WEEKDAYS["monday"], nth=-1),
    "thanksgiving day": _THANKSGIVING,
    "thanksgiving": _THANKSGIVING,
    "black friday": _THANKSGIVING._replace(shift=1),
    "good friday": Holiday(easter=True, shift=-2),
    "easter sunday": Holiday(easter=True),
    "easter monday": Holiday(easter=True, shift=1),
}
# Before a holiday name these make it another calendar's or country's day ("Lunar New Year's
# Eve", "Orthodox Christmas Eve"); a capitalised possessive does too ("Mexico's Independence Day").
OTHER_CALENDARS = frozenset(
    {"lunar", "chinese", "jewish", "orthodox", "islamic", "hindu", "persian", "vietnamese"}
)
# After a holiday name these make it a period, not the day ("Labor Day weekend").
HOLIDAY_PERIODS = frozenset(
    {"weekend", "weekends", "week", "season", "period", "break", "holidays", "vacation", "recess"}
)

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Present-tense verbs that describe a scheduled event when attached to a weekday
# ("reports earnings Thursday"); they are weak future cues, overridden by past cues nearby.
PRESENT_SCHEDULE_VERBS = frozenset(
    {
        "begins",
        "starts",
        "opens",
        "ends",
        "reports",
        "meets",
        "holds",
        "kicks",
        "launches",
        "releases",
        "takes",
        "votes",
        "resumes",
        "closes",
        "hosts",
        "unveils",
        "announces",
        "publishes",
        "goes",
        "faces",
        "face",
        "report",
        "meet",
        "vote",
        "speak",
        "speaks",
        "testifies",
        "testify",
        "travels",
        "visits",
        "arrives",
        "leaves",
        "debuts",
        "expires",
        # plural subjects: "pre-orders open Friday", "the phones go on sale Saturday"
        "open",
        "go",
        "begin",
        "start",
        "close",
        "resume",
    }
)

# Irregular past forms; regular ones are recognised by their -ed ending.
IRREGULAR_PAST = frozenset(
    {
        "said",
        "told",
        "came",
        "took",
        "began",
        "held",
        "met",
        "made",
        "rose",
        "fell",
        "cut",
        "hit",
        "put",
        "left",
        "won",
        "lost",
        "sold",
        "bought",
        "paid",
        "gave",
        "went",
        "saw",
        "became",
        "grew",
        "led",
        "ran",
        "brought",
        "spoke",
        "wrote",
        "sent",
        "struck",
        "shut",
        "kept",
        "found",
        "chose",
        "drew",
        "broke",
        "stood",
        "sought",
        "forecast",
        "set",
        "was",
        "were",
        "had",
        "did",
        "got",
        "spent",
        "built",
        "meant",
        "thought",
        "understood",
        "withdrew",
        "undertook",
        "overtook",
        "oversaw",
        "bid",
        "quit",
        "shed",
        "slid",
        "sank",
        "swung",
        "flew",
        "froze",
        "hung",
        "knew",
        "laid",
        "lent",
        "sped",
        "split",
        "spread",
        "stole",
        "stuck",
        "swore",
        "taught",
        "threw",
        "upheld",
        "woke",
        "wore",
        "fought",
    }
)

# Words ending in -ed that are adjectives, nouns or participles in news prose, not past verbs.
NOT_PAST_ED = frozenset(
    {
        "advanced",
        "aged",
        "aligned",
        "alleged",
        "anticipated",
        "armed",
        "backed",
        "based",
        "bed",
        "centralized",
        "combined",
        "concerned",
        "dedicated",
        "detailed",
        "embed",
        "enhanced",
        "expected",
        "fed",
        "feed",
        "fragmented",
        "haphazard",
        "hundred",
        "indeed",
        "integrated",
        "interested",
        "led",
        "limited",
        "linked",
        "need",
        "optimized",
        "owned",
        "planned",
        "proposed",
        "rated",
        "red",
        "registered",
        "related",
        "renewed",
        "scheduled",
        "seed",
        "shed",
        "shuttered",
        "sized",
        "skilled",
        "sophisticated",
        "speed",
        "supposed",
        "unexpected",
        "united",
        "unprocessed",
        "used",
    }
)
# Words after which an -ed form is a participle or adjective ("its newly listed shares",
# "the proposed deal", "has been delayed"), not a past-tense verb.
ADJECTIVE_CONTEXT = frozenset(
    {
        "be",
        "been",
        "being",
        "is",
        "are",
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "to",
        "of",
        "newly",
        "recently",
        "previously",
    }
)

MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall"})
AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "be", "been", "being"})

# Pure speech verbs: a clause with only these and a date gives the content clause as the event.
SPEECH_VERBS = frozenset(
    {
        "said",
        "says",
        "told",
        "tells",
        "stated",
        "added",
        "adds",
        "noted",
        "notes",
        "wrote",
        "explained",
        "reported",
        "confirmed",
        "announced",
        "declared",
    }
)

# Common present-tense verbs in news sentences ("Nvidia says", "Lynas expects").
PRESENT_VERBS = frozenset(
    {
        "says",
        "plans",
        "expects",
        "aims",
        "wants",
        "needs",
        "seeks",
        "hopes",
        "intends",
        "reports",
        "announces",
        "confirms",
        "launches",
        "unveils",
        "falls",
        "rises",
        "holds",
        "begins",
        "starts",
        "opens",
        "ends",
        "meets",
        "votes",
        "takes",
        "makes",
        "comes",
        "goes",
        "faces",
        "cuts",
        "raises",
        "signs",
        "agrees",
        "buys",
        "sells",
        "warns",
        "calls",
        "follows",
        "releases",
        "resumes",
        "closes",
        "hosts",
        "publishes",
        "kicks",
        "extends",
        "approves",
        "rejects",
        "bans",
        "imposes",
        "lifts",
        "suspends",
        "halts",
        "shows",
        "expands",
        "completes",
        "acquires",
        "files",
        "wins",
        "loses",
        "names",
        "appoints",
        "sets",
        "is",
        "are",
        "has",
        "have",
        "testifies",
        "visits",
        "arrives",
        "debuts",
        "expires",
        "speaks",
        "travels",
    }
)

# Nouns that refer back to the event reported in the previous sentence ("The move ...").
ANAPHORIC_EVENT_NOUNS = frozenset(
    {
        "announcement",
        "move",
        "decision",
        "deal",
        "agreement",
        "cut",
        "ban",
        "change",
        "changes",
        "measure",
        "step",
        "plan",
        "award",
        "order",
        "ruling",
        "vote",
        "launch",
        "hike",
        "increase",
        "reduction",
        "suspension",
        "extension",
        "policy",
        "rule",
        "rules",
        "news",
        "statement",
        "report",
        "event",
        "meeting",
        "acquisition",
        "offer",
        "bid",
    }
)

PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we", "its", "their"})
GENERIC_SUBJECT_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "bank",
        "agency",
        "ministry",
        "government",
        "miner",
        "producer",
        "maker",
        "carmaker",
        "chipmaker",
        "automaker",
        "lender",
        "regulator",
        "authority",
        "department",
        "administration",
        "organisation",
        "organization",
        "board",
        "committee",
        "council",
        "court",
        "commission",
        "insurer",
        "retailer",
        "operator",
        "major",
        "giant",
        "startup",
        "exchange",
        "utility",
        "central",
        "union",
        "chain",
        "airline",
        "carrier",
        "manufacturer",
        "supplier",
        "drugmaker",
        "refiner",
        "developer",
    }
)
# Generic nouns for a particular kind of body: "the ministry" is a name containing "ministry",
# never just the last company mentioned; the rest ("the company", "the miner") are companies.
INSTITUTION_NOUNS = frozenset(
    {
        "bank",
        "agency",
        "ministry",
        "government",
        "regulator",
        "authority",
        "department",
        "administration",
        "board",
        "committee",
        "council",
        "court",
        "commission",
        "exchange",
        "union",
    }
)

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

# Nationality adjectives before an institution noun name the country ("the Chinese government"
# is "China's government"), since readers and keywords use the country's name.
DEMONYMS = {
    "chinese": "China",
    "japanese": "Japan",
    "indian": "India",
    "german": "Germany",
    "french": "France",
    "british": "Britain",
    "russian": "Russia",
    "indonesian": "Indonesia",
    "australian": "Australia",
    "canadian": "Canada",
    "brazilian": "Brazil",
    "mexican": "Mexico",
    "italian": "Italy",
    "spanish": "Spain",
    "chilean": "Chile",
    "peruvian": "Peru",
    "malaysian": "Malaysia",
    "korean": "Korea",
    "turkish": "Turkey",
    "egyptian": "Egypt",
    "nigerian": "Nigeria",
    "congolese": "Congo",
    "vietnamese": "Vietnam",
    "thai": "Thailand",
    "philippine": "Philippines",
    "swiss": "Switzerland",
    "dutch": "Netherlands",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "polish": "Poland",
    "ukrainian": "Ukraine",
    "israeli": "Israel",
    "iranian": "Iran",
    "saudi": "Saudi Arabia",
    "argentine": "Argentina",
    "colombian": "Colombia",
}
