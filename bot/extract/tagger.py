"""Our temporal-expression grammar: one compiled regex that finds date candidates and look-alikes.

Every alternative is a named group; at one text position the first alternative wins, so the
order below is the precedence (full dates before month-only, dates before the non-date
look-alikes such as years, ordinals, money and durations, which are reported as rejected).
Tagging is one left-to-right pass: a cheap trigger regex finds the words a date can start with
(a word missing from `_FIRST_WORDS` is never tried), and `GRAMMAR.match` runs only at those
positions, skipping text an earlier match covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

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

_ALTERNATIVES: list[tuple[str, str]] = [
    (
        "iso",
        rf"(?<![\d/.-])(?P<iso_y>{YEAR})[-/](?P<iso_m>\d{{1,2}})[-/](?P<iso_d>\d{{1,2}})(?![\d/-])",
    ),
    (
        "numeric",
        r"(?<![\d/.-])(?P<num_a>\d{1,2})[/.](?P<num_b>\d{1,2})[/.](?P<num_c>\d{4}|\d{2})(?![\d/]|\.\d)",
    ),
    (
        "month_day",
        rf"(?:{WEEKDAY},?\s+)?(?P<md_mon>{MONTH})\s*(?P<md_day>{DAY})"
        rf"(?:\s*(?:-|–|—|to|through|until)\s*(?P<md_end>(?:{MONTH}\s*)?{DAY}))?"
        rf"(?:,?\s+(?P<md_year>{YEAR}))?",
    ),
    (
        "day_month",
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<dm_day>{DAY})(?:\s*(?:-|–|to)\s*(?P<dm_end>{DAY}))?"
        rf"\s+(?:of\s+)?"
        rf"(?P<dm_mon>{MONTH})(?:,?\s+(?P<dm_year>{YEAR}))?",
    ),
    ("holiday", rf"\b(?:the\s+)?(?P<hd_name>{HOLIDAY})\b(?:,?\s+(?P<hd_year>{YEAR}))?"),
    (
        "fiscal",
        rf"(?:the\s+)?{MONTH_WORD}[-\s](?:quarter|half|half-year|year-end)\b"
        r"|\b(?:fiscal|FY)\s*'?\d{2,4}\b|\bQ[1-4]\b(?:\s+\d{4})?|\bH[12]\s+\d{4}"
        r"|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)\b",
    ),
    (
        "month_year",
        rf"(?:(?P<my_mod>{MONTH_MODIFIER})[-\s]+)?(?P<my_mon>{MONTH}),?\s+(?P<my_year>{YEAR})",
    ),
    (
        "modified_month",
        rf"(?P<mm_mod>{MONTH_MODIFIER})(?:-|\s+)(?P<mm_mon>{MONTH_WORD})\b{NOT_FISCAL}",
    ),
    ("prep_month", rf"\b(?P<pm_pre>{MONTH_PREPOSITION})\s+(?P<pm_mon>{MONTH_WORD})\b{NOT_FISCAL}"),
    (
        "weekday",
        rf"\b(?:(?P<wd_mod>last|next|this|coming|past|early|late)\s+)?"
        rf"(?P<wd_name>{WEEKDAY}|{WEEKDAY_ABBR})(?P<wd_poss>['’]s)?"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
    ),
    (
        "relative_day",
        r"\b(?P<rd>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
        r"yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b"
        r"|\b(?P<ago_n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+ago\b",
    ),
    (
        "anchored_day",
        r"\b(?P<ad>the\s+(?:day\s+before|previous\s+day|preceding\s+day|day\s+after|following\s+day"
        r"|next\s+day)|a\s+day\s+(?:earlier|later|before|after))\b(?P<ad_than>\s+than\b)?",
    ),
    (
        "relative_month",
        r"\b(?:(?P<rm_mod>early|mid|late|earlier|later)[-\s]+)?"
        r"(?P<rm_which>this|last|next|the\s+previous|the\s+following)\s+month\b",
    ),
    (
        "period",
        rf"\b(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|past|coming|the\s+past|the\s+coming)"
        rf"\s+(?:week|weekend|year|decade|quarter|{SEASON})\b"
        rf"|\b{NUMBER}\s+(?:weeks|months|years|week|month|year)\s+ago\b"
        rf"|\b(?:early|late|mid)[-\s]+{SEASON}\b|\bthis\s+{SEASON}\b",
    ),
    (
        "duration",
        rf"\b(?:for|over|within|during|after|another|an?\s+additional|the\s+past|the\s+next"
        rf"|the\s+last|the\s+first|in\s+the\s+(?:past|next|last|first))"
        rf"\s+(?:the\s+(?:past|next|last|first)\s+)?{NUMBER}\s+(?:more\s+)?{UNIT}\b"
        rf"|\b(?:\d+|{'|'.join(w for w in NUMBER_WORDS if len(w) > 2)})-(?:day|week|month|year)\b",
    ),
    ("ordinal", r"\b\d+(?:st|nd|rd|th)\b"),
    ("money", r"(?:US|A|C|HK|S)?[$€£¥]\s?\d+(?:[.,]\d+)*"),
    ("fraction", r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])"),
    ("year", rf"(?<![\d$.,])\b{YEAR}\b(?!\s*(?:%|percent))"),
    ("bare_month", rf"\b(?P<bm>{MONTH_WORD})\b"),
]

GRAMMAR = re.compile("|".join(f"(?P<{name}>{body})" for name, body in _ALTERNATIVES), re.IGNORECASE)


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


# After these, lower-case "may"/"march" is still the month ("in may"), not the verb ("and may").
_UNAMBIGUOUS_MONTH_PREPOSITIONS = frozenset(
    {
        "in",
        "since",
        "until",
        "by",
        "from",
        "during",
        "of",
        "this",
        "last",
        "next",
        "early as",
        "late as",
    }
)


def _prep_month(m: re.Match[str], text: str, date_order: str) -> Mention:
    preposition = " ".join(m["pm_pre"].lower().split())
    modifier = preposition if preposition in {"last", "next", "this", "past", "coming"} else None
    start = m.start() if modifier else m.start("pm_mon")
    if m["pm_mon"] in {"may", "march"} and preposition not in _UNAMBIGUOUS_MONTH_PREPOSITIONS:
        return _mention(m, text, "nondate", start=start, reject_reason="verb, not a month")
    return _mention(
        m,
        text,
        "month",
        start=start,
        month=_month_number(m["pm_mon"]),
        modifier=modifier or preposition,
    )


def _weekday(m: re.Match[str], text: str, date_order: str) -> Mention:
    name = m["wd_name"].lower().rstrip(".")
    if name not in WEEKDAYS and not m["wd_name"][0].isupper():
        return _mention(m, text, "nondate", reject_reason="lower-case word, not a weekday")
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
    return _mention(m, text, "relative_day", offset=_RELATIVE_DAY_OFFSETS.get(phrase, 0))


def _anchored_day(m: re.Match[str], text: str, date_order: str) -> Mention:
    if m["ad_than"]:
        return _mention(m, text, "nondate", reject_reason="comparison with a plan, not a date")
    phrase = m["ad"].lower()
    backwards = any(w in phrase for w in ("before", "previous", "preceding", "earlier"))
    return _mention(m, text, "anchored_day", offset=-1 if backwards else 1)


_HOLIDAY_PERIOD = re.compile(rf"\s+(?:holiday\s+)?(?:{'|'.join(HOLIDAY_PERIODS)})\b", re.I)
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
    # "January's figures", "March sales": still a month, so it keeps a value for explaining
    return _mention(
        m,
        text,
        "nondate",
        month=_month_number(m["bm"]),
        reject_reason="month name without day, year or preposition",
    )


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


_HANDLERS: dict[str, Callable[[re.Match[str], str, str], Mention]] = {
    "iso": _iso,
    "numeric": _numeric,
    "month_day": _month_day,
    "day_month": _day_month,
    "holiday": _holiday,
    "fiscal": _fiscal,
    "month_year": _month_year,
    "modified_month": _modified_month,
    "prep_month": _prep_month,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "anchored_day": _anchored_day,
    "relative_month": _relative_month,
    "period": _period,
    "duration": _rejector("duration, not a date"),
    "ordinal": _rejector("ordinal, not a date"),
    "money": _rejector("money amount"),
    "fraction": _rejector("fraction or ratio without a year"),
    "year": _year,
    "bare_month": _bare_month,
}


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
_TRIGGER = re.compile(r"[$€£¥]|(?<!\d)\d|\b[A-Za-z][A-Za-z0-9]*")
# Function words start a mention only when a calendar word or a number follows ("in June",
# "the day before", "for three days"); peeking at that word skips most of them cheaply.
_FUNCTION_WORDS = frozenset(
    {
        "the",
        "in",
        "of",
        "and",
        "to",
        "on",
        "for",
        "by",
        "a",
        "an",
        "as",
        "from",
        "after",
        "before",
        "during",
        "through",
        "throughout",
        "over",
        "within",
        "into",
        "around",
        "between",
        "since",
        "until",
        "till",
        "another",
        "starting",
        "ending",
    }
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


def tag(text: str, date_order: str = "MDY") -> Iterator[Mention]:
    """Yield every candidate mention in text order; non-dates carry a reject_reason."""
    covered_until = 0
    for trigger in _TRIGGER.finditer(text):
        position = trigger.start()
        if position < covered_until:
            continue
        word = trigger.group().lower()
        if word in _HOLIDAY_STARTS:
            if not trigger.group()[0].isupper() or not _HOLIDAY_NAME.match(text, position):
                continue
        elif word[0].isalpha() and word not in _FIRST_WORDS and not word.startswith("fy"):
            continue
        if word in _FUNCTION_WORDS:
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
