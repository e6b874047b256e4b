"""Our temporal-expression grammar: one table of named rules (`RULES`) compiled into one regex
that finds date candidates and look-alikes.

Each rule has a name, a pattern, a handler that turns a match into a `Mention`, and example
phrases it must match whole (tests/extract/test_tagger_rules.py checks every one). At one text
position the first rule that matches wins, so the order of the table is the precedence (full
dates before month-only, dates before the non-date look-alikes such as years, ordinals, money
and durations, which are reported as rejected). Adding a phrase type ("the week of March 10")
is one rule with its examples, in the right place of the table. Tagging is one left-to-right
pass: a cheap trigger regex finds the words a date can start with (a word missing from
`_FIRST_WORDS` is never tried), and `GRAMMAR.match` runs only at those positions, skipping text
an earlier match covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.extract.lexicon import (
    HOLIDAY_PERIODS,
    HOLIDAYS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    OTHER_CALENDARS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from bot.extract.lexicon.function_words import (
    TRIGGER_FUNCTION_WORDS,
    UNAMBIGUOUS_MONTH_PREPOSITIONS,
)
from bot.extract.models import Mention

_MONTH_FULL = "|".join(MONTH_NAMES)
_MONTH_ABBR = "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\b\.?)"
MONTH_WORD = rf"(?:{_MONTH_FULL})"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
WEEKDAY = rf"(?:{'|'.join(WEEKDAY_NAMES)})"
WEEKDAY_ABBR = rf"(?:{'|'.join(sorted(WEEKDAY_ABBREVIATIONS, key=len, reverse=True))})\."
NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a\s+few|several)"
)
UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
SEASON = r"(?:fall|autumn|spring|summer|winter)"
MONTH_MODIFIER = (
    r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of"
    r"|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of)"
)
MONTH_PREPOSITION = (
    r"(?:in|since|until|till|by|from|during|through|throughout|before|after|for|this|last|next"
    r"|into|of|around|between|and|to|past|coming|on|as\s+of|starting|ending|early\s+as|late\s+as)"
)
HOLIDAY = "|".join(
    r"\s+".join("year['’]?s" if word == "years" else word for word in name.split())
    for name in sorted(HOLIDAYS, key=len, reverse=True)
)
NOT_FISCAL = r"(?![-\s](?:quarter|half|half-year|year-end)\b)(?!\.?,?\s*\d)"


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _year_number(token: str | None) -> int | None:
    return int(token) if token else None


def _span(match: re.Match[str], group: str) -> tuple[int, int]:
    return match.start(group), match.end(group)


def _mention(
    match: re.Match[str], text: str, kind: str, start: int | None = None, **fields: object
) -> Mention:
    begin = match.start() if start is None else start
    return Mention(begin, match.end(), text[begin : match.end()], kind, **fields)  # type: ignore[arg-type]


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    days_in_month = [
        31,
        29 if (year is None or year % 4 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return day <= days_in_month[month - 1]


def _iso(m: re.Match[str], text: str, date_order: str) -> Mention:
    year, month, day = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
    if not _valid_day(year, month, day):
        return _mention(m, text, "nondate", reject_reason="impossible calendar date")
    return _mention(m, text, "full", year=year, month=month, day=day)


def _numeric(m: re.Match[str], text: str, date_order: str) -> Mention:
    first, second, year = int(m["num_a"]), int(m["num_b"]), int(m["num_c"])
    if len(m["num_c"]) == 2:
        year += 2000 if year < 70 else 1900
    month, day = (second, first) if date_order == "DMY" else (first, second)
    if not _valid_day(year, month, day):
        return _mention(m, text, "nondate", reject_reason=f"not a valid {date_order} date")
    return _mention(m, text, "full", year=year, month=month, day=day)


def _written_date(m: re.Match[str], text: str, prefix: str) -> Mention:
    """ "March 11[-14][, 2025]" (prefix "md") or "11[-14] March [2025]" (prefix "dm")."""
    month, day, year = (
        _month_number(m[f"{prefix}_mon"]),
        _day_number(m[f"{prefix}_day"]),
        _year_number(m[f"{prefix}_year"]),
    )
    if not _valid_day(year, month, day):
        return _mention(m, text, "nondate", reject_reason="impossible calendar date")
    return _mention(m, text, "full", year=year, month=month, day=day, range_end=m[f"{prefix}_end"])


def _month_day(m: re.Match[str], text: str, date_order: str) -> Mention:
    return _written_date(m, text, "md")


def _day_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    return _written_date(m, text, "dm")


def _month_modifier(raw: str | None) -> str | None:
    if not raw:
        return None
    return [word for word in raw.lower().split() if word != "the"][0]


def _month_year(m: re.Match[str], text: str, date_order: str) -> Mention:
    start = m.start("my_mon") if m["my_mod"] is None else m.start()
    return _mention(
        m,
        text,
        "month",
        start=start,
        month=_month_number(m["my_mon"]),
        year=int(m["my_year"]),
        modifier=_month_modifier(m["my_mod"]),
    )


def _modified_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    return _mention(
        m, text, "month", month=_month_number(m["mm_mon"]), modifier=_month_modifier(m["mm_mod"])
    )


def _prep_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    preposition = " ".join(m["pm_pre"].lower().split())
    modifier = preposition if preposition in {"last", "next", "this", "past", "coming"} else None
    start = m.start() if modifier else m.start("pm_mon")
    if m["pm_mon"] in {"may", "march"} and preposition not in UNAMBIGUOUS_MONTH_PREPOSITIONS:
        return _mention(m, text, "nondate", start=start, reject_reason="verb, not a month")
    return _mention(
        m,
        text,
        "month",
        start=start,
        month=_month_number(m["pm_mon"]),
        modifier=modifier or preposition,
    )


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _weekday(m: re.Match[str], text: str, date_order: str) -> Mention:
    name = m["wd_name"].lower().rstrip(".")
    if name not in WEEKDAYS and not m["wd_name"][0].isupper():
        return _mention(m, text, "nondate", reject_reason="lower-case word, not a weekday")
    if name not in WEEKDAYS and _THE_BEFORE.search(text, max(0, m.start() - 5), m.start()):
        # "passed on the side away from the Sun.": a short form after "the" is a noun
        return _mention(m, text, "nondate", reject_reason="a noun after 'the', not a weekday")
    weekday = WEEKDAYS.get(name, WEEKDAY_ABBREVIATIONS.get(name))
    modifier = m["wd_mod"].lower() if m["wd_mod"] else None
    if m["wd_poss"]:
        modifier = modifier or "possessive"
    return _mention(m, text, "weekday", weekday=weekday, modifier=modifier)


_RELATIVE_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _relative_day(m: re.Match[str], text: str, date_order: str) -> Mention:
    if m["ago_n"]:
        count = m["ago_n"].lower()
        days = int(count) if count.isdigit() else NUMBER_WORDS[count]
        return _mention(m, text, "relative_day", offset=-days)
    phrase = " ".join(m["rd"].lower().split())
    possessive = "possessive" if text.startswith(("'s", "’s"), m.end()) else None
    return _mention(
        m,
        text,
        "relative_day",
        offset=_RELATIVE_DAY_OFFSETS.get(phrase, 0),
        modifier=possessive,  # "tonight's meeting" names an event told elsewhere
    )


def _anchored_day(m: re.Match[str], text: str, date_order: str) -> Mention:
    if m["ad_than"]:
        return _mention(m, text, "nondate", reject_reason="comparison with a plan, not a date")
    phrase = m["ad"].lower()
    backwards = any(w in phrase for w in ("before", "previous", "preceding", "earlier"))
    return _mention(m, text, "anchored_day", offset=-1 if backwards else 1)


# "Labor Day weekend", "the Thanksgiving holiday travel week", "the Christmas shopping season":
# nouns between the holiday and the period still make a period ("Labor Day this week" does not)
_HOLIDAY_PERIOD = re.compile(
    r"\s+(?:(?!(?:this|that|the|an?|next|last|each|every|of|and|or|to|in|on|for|at|is|was|will"
    rf"|by|with)\b)[a-z]+\s+){{0,2}}(?:{'|'.join(HOLIDAY_PERIODS)})\b",
    re.I,
)
_OTHER_CALENDAR = re.compile(rf"(?:\b(?i:{'|'.join(OTHER_CALENDARS)})|\b[A-Z][a-z]+['’]s)\s+$")
_CALENDAR_REACH = 30


def _holiday(m: re.Match[str], text: str, date_order: str) -> Mention:
    """A named day; "Labor Day weekend" is a period and "Lunar New Year's Eve" another day."""
    if not m["hd_name"][0].isupper():
        return _mention(m, text, "nondate", reject_reason="lower-case words, not a holiday")
    if _OTHER_CALENDAR.search(text, max(0, m.start() - _CALENDAR_REACH), m.start()):
        return _mention(m, text, "nondate", reject_reason="another calendar's or country's day")
    if _HOLIDAY_PERIOD.match(text, m.end()):
        return _mention(m, text, "nondate", reject_reason="holiday period, not a single day")
    key = re.sub("['’]", "", " ".join(m["hd_name"].lower().split()))
    return _mention(m, text, "holiday", holiday=key, year=_year_number(m["hd_year"]))


def _relative_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    which = m["rm_which"].lower().split()[-1]
    offset = {"this": 0, "last": -1, "previous": -1, "next": 1, "following": 1}[which]
    modifier = m["rm_mod"].lower() if m["rm_mod"] else None
    return _mention(m, text, "relative_month", offset=offset, modifier=modifier)


def _rejector(reason: str) -> Callable[[re.Match[str], str, str], Mention]:
    def reject(m: re.Match[str], text: str, date_order: str) -> Mention:
        return _mention(m, text, "nondate", reject_reason=reason)

    return reject


# "May revenue", "May sales": a capitalised May before a period noun is the month, not the verb.
_PERIOD_NOUN = re.compile(
    r"\s+(?:revenue|sales|output|exports|imports|figures|data|production|inflation|deliveries"
    r"|shipments|payrolls|orders|meeting|election|vote|contract|futures)\b"
)
# "April Sloane", "June Osei": a month name before a capitalised word is a first name.
_SURNAME = re.compile(r"\s+[A-Z][a-z]+\b")


def _bare_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    may_month = m["bm"] == "May" and _PERIOD_NOUN.match(text, m.end())
    if not may_month and (m["bm"].lower() == "may" or m["bm"].islower()):
        return _mention(m, text, "nondate", reject_reason=f"verb '{m['bm']}', not a month")
    if _SURNAME.match(text, m.end()):
        return _mention(m, text, "nondate", reject_reason="first name, not a month")
    if _attributive_month(m, text):
        return _mention(m, text, "month", month=_month_number(m["bm"]), modifier="attributive")
    # "January's figures", "March sales": still a month, so it keeps a value for explaining
    return _mention(
        m,
        text,
        "nondate",
        month=_month_number(m["bm"]),
        reject_reason="month name without day, year or preposition",
    )


# "the October policy statement", "its March meeting": a month before a noun, after a determiner
# or a possessive ("Vell's August invasion of Tarvo").
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|its|their|his|her|our)|[a-z]['’]s)\s+$", re.IGNORECASE
)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:report|data|figures?|numbers|index|inflation|sales|revenue"
    r"|output|exports|imports|production|payrolls|jobs|crop|trade|retail|consumer|reading"
    r"|estimates?|survey|quarter|half|contract|futures|delivery|shipment)\b)[a-z]{3,}\b"
)
_DETERMINER_REACH = 8


def _attributive_month(m: re.Match[str], text: str) -> bool:
    return bool(
        _DETERMINER_BEFORE.search(text, max(0, m.start() - _DETERMINER_REACH), m.start())
        and _NOUN_AFTER.match(text, m.end())
    )


def _day_of_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    """ "on the 22nd": a day of the month the article is about (resolved against publication)."""
    start = m.start() + m.group().lower().index("the")
    return _mention(m, text, "month_day", start=start, day=int(m["dom"]))


def _year(m: re.Match[str], text: str, date_order: str) -> Mention:
    return _mention(m, text, "nondate", year=int(m.group()), reject_reason="year only")


_QUARTER = re.compile(r"Q([1-4])\s+(\d{4})", re.IGNORECASE)


def _fiscal(m: re.Match[str], text: str, date_order: str) -> Mention:
    quarter = _QUARTER.fullmatch(m.group())
    if quarter:  # a calendar quarter with its year ("Q3 2024") has a value, never an event
        return _mention(
            m,
            text,
            "nondate",
            year=int(quarter[2]),
            offset=int(quarter[1]),
            modifier="quarter",
            reject_reason="quarter, not a single day or month",
        )
    return _mention(m, text, "nondate", reject_reason="fiscal or statistical period, not a date")


_YEAR_OFFSETS = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}
_RELATIVE_YEAR = re.compile(r"(?:\w+\s+)?(last|past|this|next|coming)\s+year", re.IGNORECASE)
_MONTHS_AGO = re.compile(r"(\w+)\s+months?\s+ago", re.IGNORECASE)


def _period(m: re.Match[str], text: str, date_order: str) -> Mention:
    """Weeks, seasons and years are never events; "last year" and "two months ago" keep the
    year or month they name as a value for explaining."""
    reason = "week, season or year: not a single day or month"
    year = _RELATIVE_YEAR.fullmatch(m.group())
    if year:
        offset = _YEAR_OFFSETS[year[1].lower()]
        return _mention(m, text, "nondate", offset=offset, modifier="year", reject_reason=reason)
    ago = _MONTHS_AGO.fullmatch(m.group())
    count = ago[1].lower() if ago else ""
    if count.isdigit() or count in NUMBER_WORDS:
        months = int(count) if count.isdigit() else NUMBER_WORDS[count]
        return _mention(
            m, text, "nondate", offset=-months, modifier="months ago", reject_reason=reason
        )
    return _mention(m, text, "nondate", reject_reason=reason)


@dataclass(frozen=True, slots=True)
class Rule:
    """One named alternative of the grammar: its pattern, what a match becomes, and phrases
    it must match (a test checks each example is matched whole by this rule)."""

    name: str
    pattern: str
    handler: Callable[[re.Match[str], str, str], Mention]
    examples: tuple[str, ...]


# The grammar, in precedence order: at one text position the first rule that matches wins, so
# full dates come before month-only ones and dates before the look-alikes they reject.
RULES: tuple[Rule, ...] = (
    # a week named by its first day: a period, not a day (never an event)
    Rule(
        "week_of",
        rf"\bthe\s+week\s+of\s+(?:{MONTH}\s*{DAY}|{DAY}\s+{MONTH})(?:,?\s+{YEAR})?",
        _rejector("a week, not a single day"),
        ("the week of Aug. 8", "the week of March 10, 2025", "the week of 3 June"),
    ),
    # ISO dates
    Rule(
        "iso",
        rf"(?<![\d/.-])(?P<iso_y>{YEAR})[-/](?P<iso_m>\d{{1,2}})[-/](?P<iso_d>\d{{1,2}})(?![\d/-])",
        _iso,
        (
            "2025-03-11",
            "2024/12/05",
        ),
    ),
    # numeric dates in the article's order (MDY/DMY)
    Rule(
        "numeric",
        r"(?<![\d/.-])(?P<num_a>\d{1,2})[/.](?P<num_b>\d{1,2})[/.](?P<num_c>\d{4}|\d{2})(?![\d/]|\.\d)",
        _numeric,
        (
            "03/04/2025",
            "28.04.25",
        ),
    ),
    # month, day, optional range or day list and year
    Rule(
        "month_day",
        rf"(?:{WEEKDAY},?\s+)?(?P<md_mon>{MONTH})\s*(?P<md_day>{DAY})"
        rf"(?:\s*(?:-|–|—|to|through|until)\s*(?P<md_end>(?:{MONTH}\s*)?{DAY}))?"
        rf"(?:(?P<md_list>(?:,\s*(?:and\s+)?|\s+and\s+){DAY})+(?=,?\s+{YEAR}))?"
        # "May 29 in 2022": a year told after "in" is the date's own
        rf"(?:,?\s+(?:in\s+)?(?P<md_year>{YEAR}))?",
        _month_day,
        (
            "March 11",
            "Feb. 28-March 2",
            "Friday, Sept. 3, 2010",
            "October 29, 30, 31, 2021",
            "May 29 in 2022",
        ),
    ),
    # day before month
    Rule(
        "day_month",
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<dm_day>{DAY})(?:\s*(?:-|–|to)\s*(?P<dm_end>{DAY}))?"
        rf"\s+(?:of\s+)?"
        rf"(?P<dm_mon>{MONTH})(?:,?\s+(?P<dm_year>{YEAR}))?",
        _day_month,
        (
            "11 March 2025",
            "the 5th of June",
            "3-5 May",
        ),
    ),
    # named days (lexicon.HOLIDAYS)
    Rule(
        "holiday",
        rf"\b(?:the\s+)?(?P<hd_name>{HOLIDAY})\b(?:,?\s+(?P<hd_year>{YEAR}))?",
        _holiday,
        (
            "Christmas Eve",
            "Labor Day 2023",
            "the Fourth of July",
        ),
    ),
    # fiscal and statistical periods (never events; a quarter keeps a value)
    Rule(
        "fiscal",
        rf"(?:the\s+)?{MONTH_WORD}[-\s](?:quarter|half|half-year|year-end)\b"
        r"|\b(?:fiscal|FY)\s*'?\d{2,4}\b|\bQ[1-4]\b(?:\s+\d{4})?|\bH[12]\s+\d{4}"
        r"|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)\b",
        _fiscal,
        (
            "the June quarter",
            "fiscal 2013",
            "Q3 2024",
            "first half",
        ),
    ),
    # month with year
    Rule(
        "month_year",
        rf"(?:(?P<my_mod>{MONTH_MODIFIER})[-\s]+)?(?P<my_mon>{MONTH}),?\s+(?:of\s+)?(?P<my_year>{YEAR})",
        _month_year,
        (
            "March 2025",
            "late July 2024",
            "November of 2016",
        ),
    ),
    # early/mid/late/end of + month
    Rule(
        "modified_month",
        rf"(?P<mm_mod>{MONTH_MODIFIER})(?:-|\s+)(?P<mm_mon>{MONTH_WORD})\b{NOT_FISCAL}",
        _modified_month,
        (
            "mid-April",
            "the end of July",
            "early June",
        ),
    ),
    # preposition + month
    Rule(
        "prep_month",
        rf"\b(?P<pm_pre>{MONTH_PREPOSITION})\s+(?P<pm_mon>{MONTH_WORD})\b{NOT_FISCAL}"
        rf"(?!\s+of\s+{YEAR})",
        _prep_month,
        (
            "in June",
            "since March",
            "by December",
        ),
    ),
    # weekdays, possessive, last/next
    Rule(
        "weekday",
        rf"\b(?:(?P<wd_mod>last|next|this|coming|past|early|late)\s+)?"
        rf"(?P<wd_name>{WEEKDAY}|{WEEKDAY_ABBR})(?P<wd_poss>['’]s)?"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
        _weekday,
        (
            "Friday",
            "Thursday's",
            "next Monday",
            "Tues.",
            "Monday night",
        ),
    ),
    # today, yesterday, tomorrow, N days ago
    Rule(
        "relative_day",
        r"\b(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
        r"yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b"
        r"|\b(?P<ago_n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+ago\b",
        _relative_day,
        (
            "today",
            "yesterday",
            "three days ago",
            "this morning",
        ),
    ),
    # a day counted from another day
    Rule(
        "anchored_day",
        r"\b(?P<ad>the\s+(?:day\s+before|previous\s+day|preceding\s+day|day\s+after|following\s+day"
        r"|next\s+day)|a\s+day\s+(?:earlier|later|before|after))\b(?P<ad_than>\s+than\b)?",
        _anchored_day,
        (
            "the day before",
            "the following day",
            "a day earlier",
        ),
    ),
    # this/last/next month
    Rule(
        "relative_month",
        r"\b(?:(?P<rm_mod>early|mid|late|earlier|later)[-\s]+)?"
        r"(?P<rm_which>this|last|next|the\s+previous|the\s+following)\s+month\b",
        _relative_month,
        (
            "last month",
            "early next month",
            "the following month",
        ),
    ),
    # weeks, seasons and years (never events)
    Rule(
        "period",
        rf"\b(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|past|coming|the\s+past|the\s+coming)"
        rf"\s+(?:week|weekend|year|decade|quarter|{SEASON})\b"
        rf"|\b{NUMBER}\s+(?:weeks|months|years|week|month|year)\s+ago\b"
        rf"|\b(?:early|late|mid)[-\s]+{SEASON}\b|\bthis\s+{SEASON}\b",
        _period,
        (
            "last week",
            "this fall",
            "two years ago",
            "late summer",
        ),
    ),
    # durations (not dates)
    Rule(
        "duration",
        rf"\b(?:for|over|within|during|after|another|an?\s+additional|the\s+past|the\s+next"
        rf"|the\s+last|the\s+first|in\s+the\s+(?:past|next|last|first))"
        rf"\s+(?:the\s+(?:past|next|last|first)\s+)?{NUMBER}\s+(?:more\s+)?{UNIT}\b"
        rf"|\b(?:\d+|{'|'.join(w for w in NUMBER_WORDS if len(w) > 2)})-(?:day|week|month|year)\b",
        _rejector("duration, not a date"),
        (
            "for three days",
            "over the past 12 months",
            "10-year",
        ),
    ),
    # a day of the month named by its ordinal
    Rule(
        "day_of_month",
        r"\b(?:on|since|by|until|from)\s+the\s+(?P<dom>3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b"
        r"(?!\s+of\b)(?-i:(?!\s+[A-Z])"
        r"(?!\s+(?!(?:and|at|in|when|with|to|after|before|but|as|for|from|while)\b)[a-z]+))",
        _day_of_month,
        (
            "on the 22nd",
            "since the 3rd",
        ),
    ),
    # other ordinals
    Rule(
        "ordinal",
        r"\b\d+(?:st|nd|rd|th)\b",
        _rejector("ordinal, not a date"),
        (
            "20th",
            "11th",
        ),
    ),
    # money amounts
    Rule(
        "money",
        r"(?:US|A|C|HK|S)?[$€£¥]\s?\d+(?:[.,]\d+)*",
        _rejector("money amount"),
        (
            "$9,120",
            "US$5",
            "€30",
        ),
    ),
    # fractions and ratios
    Rule(
        "fraction",
        r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])",
        _rejector("fraction or ratio without a year"),
        (
            "3/4",
            "1/2",
        ),
    ),
    # a year alone
    Rule(
        "year",
        rf"(?<![\d$.,])\b{YEAR}\b(?!\s*(?:%|percent))",
        _year,
        (
            "2025",
            "1987",
        ),
    ),
    # a month name alone (kept for its value; attributive months are months)
    Rule(
        "bare_month",
        rf"\b(?P<bm>{MONTH_WORD})\b",
        _bare_month,
        (
            "January",
            "May",
        ),
    ),
)

GRAMMAR = re.compile("|".join(f"(?P<{rule.name}>{rule.pattern})" for rule in RULES), re.IGNORECASE)
_HANDLERS = {rule.name: rule.handler for rule in RULES}


# Words a mention can start with. The grammar is only tried where one of them (or a digit or a
# currency sign) starts, which keeps tagging several times faster than a plain finditer.
_FIRST_WORDS = frozenset(
    set(MONTHS)
    | set(WEEKDAYS)
    | set(WEEKDAY_ABBREVIATIONS)
    | set(NUMBER_WORDS)
    | {
        "the",
        "early",
        "mid",
        "late",
        "end",
        "beginning",
        "start",
        "middle",
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "during",
        "through",
        "throughout",
        "before",
        "after",
        "for",
        "this",
        "last",
        "next",
        "into",
        "of",
        "around",
        "between",
        "and",
        "to",
        "past",
        "coming",
        "on",
        "as",
        "starting",
        "ending",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "another",
        "over",
        "within",
        "fiscal",
        "first",
        "second",
        "third",
        "fourth",
        "earlier",
        "later",
        "several",
        "us",
        "hk",
        "s",
        "c",
        "q1",
        "q2",
        "q3",
        "q4",
        "h1",
        "h2",
    }
)
# Holiday names open with common words ("New", "Good", "Black"): the grammar is tried there only
# when the word is capitalised and a holiday name starts at it.
_HOLIDAY_STARTS = frozenset(name.split()[0] for name in HOLIDAYS) - _FIRST_WORDS
_HOLIDAY_NAME = re.compile(HOLIDAY, re.IGNORECASE)
_MAY_START = _FIRST_WORDS | _HOLIDAY_STARTS
# "US", "HK", "S" and "C" open a mention only as a currency's prefix ("S$5", "US$2", rule
# "money"): anywhere else ("Earth's", "C-suite", "told us") the grammar is not tried. ("A" is a
# number word too: "a few days".)
CURRENCY_PREFIXES = frozenset({"us", "hk", "s", "c"})
CURRENCY_SIGNS = ("$", "€", "£", "¥")
# The look-ahead turns away spaces and punctuation at once, before the alternatives. The group
# `always` holds the triggers tried whatever the word: a currency sign, a digit, or a word opening
# with "FY" ("FY2025"); it matches the same spans as the plain word alternative behind it would,
# and saves the loop a test of the characters of each word.
_TRIGGER = re.compile(
    r"(?=[$€£¥\dA-Za-z])"
    r"(?:(?P<always>[$€£¥]|(?<!\d)\d|\b[Ff][Yy][A-Za-z0-9]*)|\b[A-Za-z][A-Za-z0-9]*)"
)
_FOLLOWERS = frozenset(
    set(MONTHS)
    | set(WEEKDAYS)
    | set(NUMBER_WORDS)
    | {
        "day",
        "end",
        "beginning",
        "start",
        "middle",
        "previous",
        "preceding",
        "following",
        "next",
        "past",
        "last",
        "coming",
        "first",
        "second",
        "third",
        "fourth",
        "few",
        "several",
        "additional",
        "more",
        "of",
        "early",
        "mid",
        "late",
        "this",
        "week",
        "month",
        "year",
        "as",
        "fiscal",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
    }
)
_NEXT_WORD = re.compile(r"\s+(?:the\s+)?([A-Za-z]+|\d)")


# Read over the whole article, so written to open with a digit (a pattern that opens with one
# character class is searched for that class alone, four times faster than trying a look-behind
# at every position); the look-behind then checks the character before that digit.
_NUMERIC_DATE = re.compile(r"(\d(?<![\d/.-]\d)\d?)[/.](\d{1,2})[/.](?:\d{4}|\d{2})(?![\d/]|\.\d)")


def article_order(text: str, fallback: str) -> str:
    """The order of numeric dates in this article: one that can only be read one way
    ("28/04/2025" is DMY, "04/28/2025" MDY) decides for all of them; otherwise the source's
    order (fallback). YMD sources keep theirs."""
    if fallback == "YMD":
        return fallback
    for first, second in _NUMERIC_DATE.findall(text):
        if int(first) > 12 >= int(second):
            return "DMY"
        if int(second) > 12 >= int(first):
            return "MDY"
    return fallback


def tag(text: str, date_order: str = "MDY") -> Iterator[Mention]:
    """Yield every candidate mention in text order; non-dates carry a reject_reason."""
    covered_until = 0
    may_start = _MAY_START
    for trigger in _TRIGGER.finditer(text):
        raw = trigger[0]
        word = raw.lower()
        if word not in may_start and trigger.lastindex is None:
            continue  # most words: one set look-up
        position = trigger.start()
        if position < covered_until:
            continue
        if word in CURRENCY_PREFIXES and not text.startswith(CURRENCY_SIGNS, trigger.end()):
            continue
        if word in _HOLIDAY_STARTS and (
            not raw[0].isupper() or not _HOLIDAY_NAME.match(text, position)
        ):
            continue
        if word in TRIGGER_FUNCTION_WORDS:
            following = _NEXT_WORD.match(text, trigger.end())
            if following is None or not (
                following.group(1)[0].isdigit() or following.group(1).lower() in _FOLLOWERS
            ):
                continue
        match = GRAMMAR.match(text, position)
        if match is None:
            continue
        covered_until = match.end()
        kind = match.lastgroup
        assert kind is not None
        yield _HANDLERS[kind](match, text, date_order)
