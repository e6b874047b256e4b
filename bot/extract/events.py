"""From temporal mentions to events: decide which mentions date something that happens.

The labelling rules decide what counts: a mention must resolve to a day or a month, sit in a
sentence that reports something (not in a dateline, byline or caption), and not be a
background statistic, a habit or a biography. One event is kept per date and article; a
month that only restates a day event of the same month is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import pairwise

from bot.extract.lexicon import (
    AUXILIARIES,
    CALENDAR_WORDS,
    CLAUSE_OPENERS,
    DEFINITE_DETERMINERS,
    HABITUAL_CUES,
    IRREGULAR_PAST,
    MODALS,
    MONTH_NAMES,
    OBJECT_STOPS,
    PRONOUN_SUBJECTS,
    SPEECH_VERBS,
    TRIGGER_FUNCTION_WORDS,
    WEEKDAY_NAMES,
)
from bot.extract.lexicon.nouns import ANAPHORIC_EVENT_NOUNS, EVENT_NOUNS, WEEKDAY_NAME_WORDS
from bot.extract.lexicon.tense_cues import PLAN_WORDS
from bot.extract.lifecycle import (
    RESCHEDULE,
    Status,
    calls_off_announced,
    names_change,
    new_date_score,
    past_plan,
)
from bot.extract.lifecycle import status as lifecycle_status
from bot.extract.merge import is_same_event
from bot.extract.models import ExtractedEvent, Mention, MentionReport
from bot.extract.resolve import Direction, Resolved, SentenceTense, period_value, resolve
from bot.extract.sentences import Sentence, furniture_reason, is_byline, split_sentences
from bot.extract.tagger import article_order, tag
from bot.extract.titles import (
    Analysis,
    Subjects,
    clean_tokens,
    core,
    cut,
    dominant_entity,
    event_title,
    extended,
    fallback_title,
    is_well_formed,
    lead_entity,
    rest_of_clause,
    short_names,
    subject_name,
)
from bot.extract.titles.tokens import TITLE_MAX

DATE_ORDERS = ("MDY", "DMY", "YMD")

# A figure given as a level ("stood at 2.2%", "produced 149,000 tonnes") marks a background
# statistic; a change without a level ("exports rebounded in July, up 2%") is a development.
_LEVEL_FIGURE = re.compile(
    r"\b(?=[acehioprstw])(?:at|to|of|was|were|is|are|stood|stands|totall?ed|totals|reached|averaged|amounted\s+to"
    r"|produced|exported|imported|sold|shipped|output|hit|came\s+in\s+at"
    # "sales in January were up 4%": a figure read for the period, told with "be"
    r"|(?:was|were|is|are)\s+(?:up|down))\s+(?:about\s+|around\s+"
    r"|nearly\s+|almost\s+|some\s+|a\s+record\s+)?(?:US)?[$€£¥]?\d[\d,.]*\s*(?:%|percent|per\s+cent"
    r"|tonnes|tons|barrels|units|billion|million|trillion|points|bps|ounces)?",
    re.IGNORECASE,
)
_CHANGE_WITH_BE = re.compile(
    r"\b(?:was|were|is|are)\s+(?:up|down)\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?"
    r"\d[\d,.]*\s*(?:%|percent|per\s+cent)",
    re.IGNORECASE,
)
_MEASURED = re.compile(
    r"[%$€£¥]|\d\.\d|percent|cent|tonnes|tons|barrels|units|billion|million|trillion|points"
    r"|bps|ounces",
    re.IGNORECASE,
)
_SET_BEFORE = re.compile(r"\b(?:every|each)\s+(?:[A-Z][a-z]+\s+(?:and|or)\s+)?$", re.IGNORECASE)
_TODAY_NOT_EVENT = re.compile(
    r"(?:than|%|percent|as\s+of|even|still|until|of|from)\s+(?:\w+\s+)?$", re.IGNORECASE
)
# A search that opens with a word boundary and a look-ahead for its alternatives' first letters
# ("\b(?=[badt])") rejects most positions with one or two tests instead of trying every
# alternative there; the boundary first, as it is the cheaper test and fails inside words.
_BIO = re.compile(
    r"\b(?=[badt])(?:born|birthday|aged|died\s+at\s+the\s+age|age\s+of|turn(?:s|ed)\s+\d+)\b",
    re.IGNORECASE,
)
# A figure just before a month is that month's statistic: "rose 3.1% in January", "down from
# 3.4% in December", "had $312 million in cash at the end of September", "fallen 20% since May".
_FIGURE_BEFORE = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*|\d[\d,.]*\s*(?:%|percent|per\s+cent))"
    r"(?:\s+(?:million|billion|trillion|tonnes|tons|barrels|units|points))?"
    r"(?:\s+[\w'’-]+){0,3}\s+(?:in|since|for|during|at|by|of|from|through)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# A change measured right after the month is its statistic too: "exceeded its quota in April
# by nearly 1 million barrels", "sales rose in March by 4%".
_FIGURE_AFTER = re.compile(
    r"\s+by\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+)?"
    r"(?:[$€£¥]\s?\d|\d[\d,.]*\s*(?:%|percent|per\s+cent|million|billion|trillion|tonnes"
    r"|tons|barrels|units|points|bps|basis\s+points))",
    re.IGNORECASE,
)
# Policy actions stay events even with a figure: "cut its forecast to 1.1% last month",
# "pausing after a quarter-point cut in December", "raised rates to 4.5% in March" (not a
# compound adjective: "its self-imposed ceiling").
_POLICY_ACTION = re.compile(
    r"\b(?=[acdhilrstu])(?<!-)(?:cut|cuts|raised|raises|raise|hiked|hikes|hike|lowered|lowers|trimmed|slashed"
    r"|approved|approves|revised|downgraded|upgraded|unveiled|imposed|introduced)\b",
    re.IGNORECASE,
)
# Price and rate quotes are statistics of a day: "copper settled at $9,120 on Tuesday", "the
# rupee closed at 83.2 per dollar on Friday", "Monday's close".
_PRICE_QUOTE = re.compile(
    r"\b(?=[cefoqst])(?:settled|traded|fixed|stood|quoted)\s+(?:\w+\s+){0,2}?"
    r"(?:at|to|near)\s+(?:about\s+|around\s+|a\s+record\s+)?(?:US|A|C)?[$€£¥]?\s?\d"
    # "shares closed at $7.29": a closing price (money or decimals; "closed at 4 p.m." is not)
    r"|\b(?:closed|ended|finished|opened)\s+(?:\w+\s+){0,2}?(?:at|to)\s+"
    r"(?:(?:US|A|C)?[$€£¥]\s?\d|\d+\.\d)",
    re.IGNORECASE,
)
_FIGURE_WINDOW = 80
# ", up 75 cents, [on] <day>": the change that follows a quote, before the quote's day.
_CHANGE_BEFORE = re.compile(
    r",\s*(?:up|down|off|unchanged)\b[^,;]{0,30},\s*(?:on\s+)?$", re.IGNORECASE
)
# "compared with 280 million Tuesday", "versus $1.2 billion on Monday": a figure's day.
# "down from 172 million Wednesday", "up from 142.80 yen Thursday": the other term of a change.
_COMPARED_FIGURE_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|(?:up|down|off)\s+from)\s+"
    r"(?:about\s+|around\s+)?(?:US|A|C)?[$€£¥]?"
    r"\d[\d,.]*(?:\s+[a-z%]+){0,3}\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_TRADING_BEFORE = re.compile(
    r"\btrading\s+(?:on\s+the\s+(?:[A-Z][\w.&]*\s+){1,5})?(?:on\s+)?$", re.IGNORECASE
)
_QUOTE_NOUN = re.compile(
    r"\s+(?:close|closing|settlement|settle|fixing|session|high|low|levels?|prices?|rates?"
    r"|sell-?off|downdraft|slide|plunge|rout|losses|gains|trading)\b",
    re.IGNORECASE,
)
# "Today marks a milestone", "Today is a big day": a remark about the day, not a happening.
_DAY_AS_SUBJECT = re.compile(r"\s+(?:marks|is\s+an?|was\s+an?|has\s+been\s+an?)\b")
# A capitalised word right before a capitalised "Today" inside a sentence makes it a name.
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z.]*\s+$")
# "up 2% from the previous day", "higher than expected the day before": a comparison.
_COMPARED_BEFORE = re.compile(
    r"\b(?:from|than|than\s+expected|versus|vs\.?|compared\s+with|compared\s+to)\s+$",
    re.IGNORECASE,
)
_SINCE_MONTH = re.compile(r"\bsince\s+$", re.IGNORECASE)
# "The Sunday Times", "WCCO Sunday Morning", "on Monday Night Football": a weekday after an
# article, a capitalised name or "on" and before a capitalised name word is part of a name.
_NAME_OPENING_BEFORE = re.compile(r"\b(?:[Tt]he|on|[A-Z][A-Za-z.&]*[A-Z][A-Za-z.&]*)\s+$")
_NAME_WINDOW = 24
_CAPITALISED_WORD = re.compile(r"\s+([A-Z][a-z]+)\b")
# "a letter dated June 7", "the filing, dated May 3,": the date a document bears.
_DATED_WINDOW = 16
_DATED_BEFORE = re.compile(r"\bdated\s+(?:on\s+)?$", re.IGNORECASE)
# "Starting Monday, Aug. 14 and continuing through mid-September": the span's end.
# A clock time may stand between the word and the day: "from 8 p.m. Friday until 5 a.m. Monday".
_CLOCK = r"(?:(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight)\s+)?"
_SPAN_END_BEFORE = re.compile(rf"\b(?:through|until|till|to)\s+{_CLOCK}$", re.IGNORECASE)
_SPAN_START_BEFORE = re.compile(
    rf"\b(?:from|starting|beginning|since|between)\s+{_CLOCK}(?:[A-Z][a-z]+,?\s+)?$",
    re.IGNORECASE,
)
# "revenue for June", "the monthly report for November", "CPI for May": the period a figure
# or report covers. A plan is "scheduled for June", "set for June".
_FOR_REFERENCE = re.compile(r"\b([A-Za-z]+)\)?\s+for\s+(?:the\s+month\s+of\s+)?$")
# "from Monday June 9 to Friday June 13": the end of a range is not a new event.
_RANGE_BETWEEN = re.compile(r"\s*(?:to|through|until|till|-|–)\s*$", re.IGNORECASE)
# "the lowest for July in two decades", "a record for March": a ranking of a period.
_FOR_PERIOD = re.compile(r"\bfor\s+$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:—–()]|,(?!\d{3})")  # "1,100 jobs" is one clause
# Accounting and filing dates are the period a figure belongs to, not happenings: "as of
# December 31", "for the quarter ended Jan. 29", "the twelve months to April", "Form 10-K
# filed with the SEC on March 9", copyright lines.
_ACCOUNTING_BEFORE = re.compile(
    r"\b(?=[aqypmwhorf])(?:\bas\s+(?:of|at)\s+$"
    # "the quarter ended Jan. 31", "the first quarter, ended Dec. 31", "the week ended Feb. 28",
    # "its fiscal year ended last June 30"
    r"|\b(?:quarter|year|period|months|weeks?|half),?\s+(?:which\s+|that\s+)?"
    r"(?:ended|ending|to|through)\s+(?:last\s+)?$"
    # "the company's fiscal year ends on March 31"
    r"|\b(?:quarter|year|half)\s+(?:ends|closes)\s+(?:on\s+)?$"
    r"|\b(?:fiscal|financial)\s+year\s+(?:begins|starts)\s+(?:on\s+)?$"
    # "to holders of record March 10", "a record date of May 2": who is paid, not a happening
    r"|\b(?:of\s+record|record\s+date)\s+(?:on\s+|of\s+|as\s+of\s+)?$)",
    re.IGNORECASE,
)
# A body's founding and a survey's fieldwork are background, not news of the day: "Harlow
# Mining, founded in May 1998, ...", "the poll, conducted March 1-4, ...", "the survey was
# carried out between March 3 and 9".
_BACKGROUND_BEFORE = re.compile(
    r"(?=[fip])\b(?:founded|incorporated)\s+(?:in\s+|on\s+)?$"
    r"|\b(?:poll|survey)s?\b[^.;:]{0,60}?\b(?:conducted|taken|carried\s+out|fielded)\s+"
    r"(?:between\s+|from\s+|on\s+|in\s+|over\s+)?$",
    re.IGNORECASE,
)
_BACKGROUND_WINDOW = 90
# the verb right before the date that _BACKGROUND_BEFORE needs: most dates fail this one search
_BACKGROUND_VERB = re.compile(
    r"(?=[cfiot])(?:founded|incorporated|conducted|taken|out|fielded)\s+(?:\w+\s+)?$", re.IGNORECASE
)
_FILING = re.compile(
    r"(?=[f©c(])(?:\bForm\s+10-[KQ]\b|\bfiled\s+with\s+the\s+(?:SEC|Securities)|©|\bcopyright\b"
    r"|\(c\)\s*\d{4})",
    re.IGNORECASE,
)
# Press-release sections after these headings are boilerplate: company profile, safe harbour.
_BOILERPLATE_HEADING = re.compile(
    r"^(?:About\s+[A-Z][^\n.]{0,60}|(?:Cautionary\s+(?:Note|Statement)[^\n]{0,40}"
    r"|Forward[- ]Looking\s+Statements?|Safe\s+Harbou?r[^\n]{0,30}))\s*$",
    re.MULTILINE | re.IGNORECASE,
)
# Notes on the reporting itself: "declined to comment on Tuesday", "did not immediately respond
# to a request for comment", "This story was updated on June 11", "contributed to this report".
# '"We'll see flooding," the governor said today.': the day of a direct quote that the
# sentence is (its opening mark may be in the sentence before), told last, is no happening.
_QUOTE_DAY_BEFORE = re.compile(
    r"^[\"“]?[^\"“”]+[,.!?][\"”]\s+[^\"“”,]{0,60}"
    r"\b(?:said|says|added|told\s+reporters)\s+(?:on\s+)?$"
)
_SENTENCE_END = re.compile(r"\s*[.!?]?[\"”]?\s*")
_NEWSROOM_NOTE = re.compile(
    r"\b(?=[dcrnuwtefp])(?:\b(?:declined|refused|declining)\s+(?:to\s+)?comment"
    r"|\b(?:requests?|inquiry|inquiries)\s+for\s+comment"
    r"|\b(?:did\s+not|didn['’]t|could\s+not|couldn['’]t)\s+(?:immediately\s+)?"
    r"(?:respond|reply|return|be\s+reached)\b"
    r"|\bnot\s+(?:immediately\s+available|available\s+for\s+comment)"
    r"|\b(?:this|the)\s+(?:story|article|report|post)\s+(?:was|has\s+been|is)\s+"
    r"(?:first\s+|originally\s+)?(?:updated|published|corrected|amended|posted)\b"
    r"|\beditor['’]s\s+note\b|\bcontributed\s+to\s+this\s+(?:report|story|article))",
    re.IGNORECASE,
)
# "(“Why Prices Rose,” 17 May 2023)": a reference to an article, dated.
_CITED_BEFORE = re.compile(r"[”\"’],?\s*$")
_CITED_AFTER = re.compile(r"[.,]?\s*\)")
# "(Oil Weekly, Mar. 2, 1998, p. 51)": a publication's issue cited by its date and page.
_SOURCE_CITED_BEFORE = re.compile(r"\(\s*[A-Z][\w&.'’ -]{0,40},\s*$")
_PAGE_CITED_AFTER = re.compile(r",?\s*(?:pp?\.|page)\s*\d")
# "wheat for February shipment", "the March contract": a delivery month names a product.
_DELIVERY_MONTH = re.compile(r"\s+(?:shipment|delivery|contract|futures|loading|arrival)s?\b")
# The second day of a weekday range ("on Thursday and Friday") is not a new event.
_RANGE_START = re.compile(r"day\s+(?:and|to|through|or|-|–)\s*$", re.IGNORECASE)
_WEEKDAY_RANGE_AFTER = re.compile(
    rf"\s*(?:through|thru|to|-|–)\s*(?:{'|'.join(WEEKDAY_NAMES)})\b", re.IGNORECASE
)
_WORDS = re.compile(r"[a-z]+")
# "over Christmas", "ahead of Thanksgiving", "until New Year's Day": a holiday after these is a
# rough time around the day, not something happening on it.
_AROUND_HOLIDAY = re.compile(
    r"\b(?:over|around|ahead\s+of|before|after|until|till|through|since|during|from|for|near"
    r"|toward|towards|approaching|into|(?:run|lead)-up\s+to|leading\s+up\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SINCE_COMPARISON = re.compile(r"\bsince\s+$", re.IGNORECASE)
_SUPERLATIVE = re.compile(
    r"\b(?:best|worst|highest|lowest|biggest|largest|smallest|strongest|weakest|most|least)\b",
    re.IGNORECASE,
)
# "the earliest being May 11 in 1918", "the most delayed being June 18": the holder of a record.
_RECORD_HOLDER_BEFORE = re.compile(
    r"\bthe\s+(?:[a-z]+est|most\s+[a-z]+|least\s+[a-z]+)\s+(?:one\s+)?being\s+(?:on\s+|in\s+)?$",
    re.IGNORECASE,
)
_PLACE_DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?:\([^)]*\))?"
    r"\s*(?:--|[—–_]|-(?=\s))\s*"  # "NEW YORK (AP) _ ": old wire copy's dash
)
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]*\))?\s*[-—–:/]*\s*")
PREVIOUS_CORE_LIMIT = 80
TITLE_LIMIT = 100
# The main organisation is read from the opening sentences only (it is named early; titles
# must stay cheap), and only when a title needs it.
OPENING_SENTENCES = 6
_NOT_LABELLED_MONTH_MODIFIERS = {"early", "beginning", "start"}

_BASE_CONFIDENCE = {
    "full": 0.9,
    "month_day": 0.75,
    "weekday": 0.8,
    "relative_day": 0.8,
    "month": 0.75,
    "relative_month": 0.7,
    "anchored_day": 0.6,
    "holiday": 0.8,
}


@dataclass(frozen=True, slots=True)
class Decision:
    """A mention with its resolution and the verdict on it."""

    mention: Mention
    sentence: Sentence | None
    resolved: Resolved | None
    direction: Direction
    accepted: bool
    reason: str
    status: Status = "event"


def _sentence_of(sentences: list[Sentence], starts: list[int], start: int) -> Sentence | None:
    """The sentence holding offset start; starts are the sentences' starts, in order."""
    index = bisect_right(starts, start) - 1
    if index >= 0 and start < sentences[index].end:
        return sentences[index]
    return None


@dataclass(frozen=True, slots=True)
class _Around:
    """A resolved mention with the text around it that the rejection rules read."""

    text: str
    mention: Mention
    sentence: Sentence
    resolved: Resolved
    previous: Mention | None  # the mention before it, for ranges and spans
    before: str  # the sentence up to the mention
    clause_before: str
    clause_after: str
    direction: Direction = "neutral"  # the tense read around the mention

    @property
    def clause(self) -> str:
        return self.clause_before + self.mention.text + self.clause_after

    @property
    def after_offset(self) -> int:
        return self.mention.end - self.sentence.start

    @property
    def moving(self) -> bool:
        return RESCHEDULE.search(self.sentence.text) is not None  # "from Friday to Thursday"

    @property
    def previous_in_sentence(self) -> bool:
        return self.previous is not None and self.previous.start >= self.sentence.start


def _rejection(
    text: str,
    mention: Mention,
    sentence: Sentence,
    resolved: Resolved,
    previous: Mention | None = None,
    direction: Direction = "neutral",
) -> str | None:
    """Why a resolved mention is not an event by the labelling rules, or None if it is one;
    previous is the mention before it, for ranges; direction the tense read around it. The
    rules are tried in order."""
    before = sentence.text[: mention.start - sentence.start]
    around = _Around(
        text,
        mention,
        sentence,
        resolved,
        previous,
        before,
        _CLAUSE_BREAK.split(before)[-1],
        _clause_after(sentence.text, mention.end - sentence.start),
        direction,
    )
    for rule in _REJECTION_RULES:
        reason = rule(around)
        if reason:
            return reason
    return None


def _clause_after(sentence: str, offset: int) -> str:
    """The sentence from offset up to the next clause break (one search, no split of the rest)."""
    found = _CLAUSE_BREAK.search(sentence, offset)
    return sentence[offset : found.start()] if found else sentence[offset:]


def _furniture_or_habit(a: _Around) -> str | None:
    furniture = furniture_reason(a.text, a.sentence, a.mention.start, a.mention.end)
    if furniture:
        return furniture
    if a.mention.kind == "month" and a.mention.modifier in _NOT_LABELLED_MONTH_MODIFIERS:
        return f"'{a.mention.modifier} <month>' without a day is not a labelled period"
    if _habitual(a.sentence.text):
        return "habitual, not a single event"
    if _BIO.search(a.clause):
        return "biography or age"
    return None


@lru_cache(maxsize=64)
def _habitual(sentence: str) -> bool:
    """Whether the sentence tells a habit ("every", "usually"); read once for all its dates. A
    distributive "each" after an amount ("$74.50 each", "two seats each") is no habit."""
    lowered = sentence.lower()
    if not any(cue in lowered for cue in HABITUAL_CUES):
        return False  # most sentences: no cue even inside a word, so none among the words
    words = _WORDS.findall(_DISTRIBUTIVE_EACH.sub(" ", lowered))
    return not HABITUAL_CUES.isdisjoint(words)


_DISTRIBUTIVE_EACH = re.compile(r"\d[\d.,]*%?(?:\s+[a-z]+)?\s+each\b")


# Searches over the whole sentence, whichever of its dates asks: answered once per sentence.
@lru_cache(maxsize=64)
def _cites_filing(sentence: str) -> bool:
    lowered = sentence.lower()
    if not any(part in lowered for part in _FILING_PARTS):
        return False
    return _FILING.search(sentence) is not None


# A piece of each of _FILING's phrases, looked for in the lower-cased sentence before the search.
# No "i" or "s" in them: IGNORECASE reads a dotted capital I or a long s as those, lower() does
# not; so a sentence the search matches always holds one (tests/extract/test_search_gates.py).
_FILING_PARTS = ("form", "led", "©", "copyr", "(c)")


@lru_cache(maxsize=64)
def _newsroom_note(sentence: str) -> bool:
    lowered = sentence.lower()
    if not any(part in lowered for part in _NEWSROOM_NOTE_PARTS):
        return False
    return _NEWSROOM_NOTE.search(sentence) is not None


# A piece of each of _NEWSROOM_NOTE's phrases, as _FILING_PARTS for _FILING.
_NEWSROOM_NOTE_PARTS = ("comment", "not", "n't", "n’t", "ted", "amended", "publ", "contr")


def _paperwork(a: _Around) -> str | None:
    boilerplate = _boilerplate_start(a.text)
    if (
        _ACCOUNTING_BEFORE.search(a.before)
        or _cites_filing(a.sentence.text)
        or (boilerplate is not None and a.mention.start > boilerplate)
    ):
        return "accounting date or boilerplate"
    if _BACKGROUND_VERB.search(a.before, max(0, len(a.before) - 30)) and _BACKGROUND_BEFORE.search(
        a.before, max(0, len(a.before) - _BACKGROUND_WINDOW)
    ):
        return "background: a founding or a survey's fieldwork, not a happening"
    if _SENTENCE_END.fullmatch(a.sentence.text, a.after_offset) and _QUOTE_DAY_BEFORE.match(
        a.before
    ):
        return "the day a direct quote was said, not a happening"
    if _newsroom_note(a.sentence.text):
        return "a newsroom note (a source not reached, the story updated), not a happening"
    if _CITED_BEFORE.search(a.before) and _CITED_AFTER.match(a.sentence.text, a.after_offset):
        return "the date of a cited article ('(“Title,” 17 May 2023)')"
    # the article's text, not the sentence's: a splitter may end a sentence at "pp."
    if _SOURCE_CITED_BEFORE.search(a.before) and _PAGE_CITED_AFTER.match(a.text, a.mention.end):
        return "the date of a cited issue ('(Oil Weekly, Mar. 2, 1998, p. 51)')"
    if _DATED_BEFORE.search(a.before, max(0, len(a.before) - _DATED_WINDOW)):
        return "the date a document bears ('a filing dated June 7'), not a happening"
    if a.mention.kind == "month" and _DELIVERY_MONTH.match(a.sentence.text, a.after_offset):
        return "delivery month of a product"
    if a.mention.kind == "holiday" and _AROUND_HOLIDAY.search(a.before):
        return "time around a holiday, not the day itself"
    return None


def _range_end(a: _Around) -> str | None:
    """The end of a range or a weekly habit; in a sentence that moves a date ("from Friday to
    Thursday") no range at all, asked last because few dates look like a range's end."""
    if _next_day_joined(a):
        # "postponed to Saturday, May 4 and Sunday, May 5": a two-day range even in a move
        return "end of a range: the range is its first day"
    reason = _range_end_reason(a)
    return None if reason is None or a.moving else reason


def _range_end_reason(a: _Around) -> str | None:
    if a.mention.kind == "weekday" and _RANGE_START.search(a.before):
        return "end of a range: the range is its first day"
    if (
        a.mention.kind == "weekday"
        and a.direction == "present"
        and _WEEKDAY_RANGE_AFTER.match(a.sentence.text, a.after_offset)
    ):
        return "days of a week told in the present ('is open Tuesday through Sunday'), a habit"
    if (
        a.previous is not None
        and a.previous_in_sentence
        and (
            a.resolved.granularity == "day"
            # "the period April to September": a bare month (no date itself) opens the range
            or (a.mention.kind == "month" and a.previous.month and a.previous.day is None)
        )
        and _RANGE_BETWEEN.fullmatch(a.text, a.previous.end, a.mention.start)
    ):
        return "end of a range: the range is its first day"  # "the period April to September"
    return None


_AND_BETWEEN = re.compile(r"\s*,?\s+and\s+")


def _next_day_joined(a: _Around) -> bool:
    """ "on Saturday, August 31 and Sunday, September 1", "this Saturday and Sunday": two days in
    a row joined by "and" are one two-day happening, told by its first day."""
    previous = a.previous
    if (
        previous is not None
        and a.previous_in_sentence
        and a.mention.kind == "weekday"
        and previous.kind == "weekday"
        and previous.weekday is not None
        and a.mention.weekday == (previous.weekday + 1) % 7
        and _AND_BETWEEN.fullmatch(a.text, previous.end, a.mention.start)
    ):
        # "in doubt this Saturday and Sunday", also in a sentence that moves another date
        return True
    if (
        previous is None
        or not a.previous_in_sentence
        or a.mention.kind != "full"
        or previous.kind != "full"
        or previous.month is None
        or previous.day is None
        or a.resolved.granularity != "day"
        or not _AND_BETWEEN.fullmatch(a.text, previous.end, a.mention.start)
    ):
        return False
    year = previous.year or a.resolved.day.year
    try:
        first = date(year, previous.month, previous.day)
    except ValueError:
        return False
    return first + timedelta(days=1) == a.resolved.day


def _statistic(a: _Around) -> str | None:
    if a.resolved.granularity == "day":
        possessive_quote = a.mention.modifier == "possessive" and _QUOTE_NOUN.match(
            a.sentence.text, a.after_offset
        )
        if _PRICE_QUOTE.search(a.clause_before) or possessive_quote:
            return "price or rate quote: a statistic of the day"
        if _TRADING_BEFORE.search(a.before) and _PRICE_QUOTE.search(a.sentence.text):
            # "closed at $42.50, up 75 cents, in composite trading Tuesday"
            return "price or rate quote: a statistic of the day"
        window = max(0, len(a.before) - _FIGURE_WINDOW)  # both phrases end at the date
        if _CHANGE_BEFORE.search(a.before, window) and _PRICE_QUOTE.search(a.before):
            # "The stock closed at $24.50, up 75 cents, Tuesday on the exchange"
            return "price or rate quote: a statistic of the day"
        if _COMPARED_FIGURE_BEFORE.search(a.before, window):
            # "250 million shares changed hands, compared with 280 million Tuesday"
            return "the day of a figure compared with, a statistic"
        return None
    reference = _FOR_REFERENCE.search(a.before)
    noun = reference.group(1).lower() if reference else ""
    if noun and noun not in PLAN_WORDS and not noun.endswith("ed"):
        return "statistic or report for a period (the period it covers)"
    # a level figure counts in the mention's clause ("closed at $142 on Monday, having gained
    # since it issued an outlook in January" is not January's statistic); an opening "In
    # March," takes the whole sentence
    scope = a.clause if a.clause_before.strip() else a.sentence.text
    opening = not a.clause_before.strip(" ,") or a.clause_before.strip().lower() in _OPENERS
    policy = _POLICY_ACTION.search(a.clause_before) or (
        opening and _POLICY_ACTION.search(a.clause_after)
    )
    if policy or _SAID_IN_BEFORE.search(a.before, max(0, len(a.before) - _SAID_IN_WINDOW)):
        return None
    if (
        _has_level_figure(scope)
        # an opening "In April," before a figure told with "be" up or down, up to a semicolon
        # ("...; in April, prices were up 0.4 percent")
        or (opening and _CHANGE_WITH_BE.search(_statement_around(a)))
        or _FIGURE_BEFORE.search(a.clause_before)
        or _FIGURE_AFTER.match(a.sentence.text, a.after_offset)
    ):
        return "background statistic for a period"
    if _FOR_PERIOD.search(a.before) and _SUPERLATIVE.search(a.sentence.text):
        return "background statistic for a period"
    return None


# Rule "a statement's month": "The automaker said in October it runs at a 55 percent cost
# disadvantage" dates the saying, not the period a figure covers.
_SAID_IN_BEFORE = re.compile(
    r"\b(?:said|announced|disclosed|warned|stated|confirmed|told\s+(?:[A-Z]\w+|reporters|"
    r"investors|analysts|lawmakers|parliament))\s+in\s+$"
)
_SAID_IN_WINDOW = 32


def _statement_around(a: _Around) -> str:
    """The part of the sentence between semicolons that holds the mention."""
    return a.sentence.text[a.before.rfind(";") + 1 :].split(";", 1)[0]


def _possibility_or_level(a: _Around) -> str | None:
    if a.resolved.granularity == "month" and _AS_EARLY_AS.search(a.before):
        return "a possibility ('as early as June'), not a scheduled date"
    start = a.mention.start - a.sentence.start
    attributive = _ATTRIBUTIVE_DATE.search(a.sentence.text, max(0, start - 6), start)
    if (
        a.mention.kind in {"full", "month"}
        and attributive
        and _LEVEL_AFTER_DATE.match(a.sentence.text, a.after_offset)
    ):
        return "the date of a level or rate ('the April 2 tariff level'), a statistic"
    return None


def _comparison_or_remark(a: _Around) -> str | None:
    if _SINCE_COMPARISON.search(a.before) and _SUPERLATIVE.search(a.sentence.text):
        return "comparison reference ('highest since ...'), not an event"
    if _RECORD_HOLDER_BEFORE.search(a.before):
        return "a record's date ('the earliest being May 11 in 1918'), not the news"
    if a.mention.kind == "relative_day":
        if a.mention.offset == 0 and _TODAY_NOT_EVENT.search(a.before):
            return "'today' as 'nowadays', not a day"
        if _nowadays_figure(a):
            return "'today' as 'nowadays', not a day"
        if _DAY_AS_SUBJECT.match(a.sentence.text, a.after_offset):
            return "'today' as the subject of a remark ('Today marks ...'), not a happening"
        if a.mention.text in {"Today", "TODAY"} and _NAME_BEFORE.search(a.before):
            return "'Today' in a name ('USA Today', 'Florida Today'), not a day"
    if a.mention.kind == "weekday" and _weekday_in_name(a):
        return "a weekday in a name ('The Sunday Times', 'WCCO Sunday Morning'), not a day"
    if a.mention.kind == "anchored_day" and _COMPARED_BEFORE.search(a.before):
        return "the day a figure is compared with, not an event"
    return None


def _nowadays_figure(a: _Around) -> bool:
    """ "Today, more than 40% of homes rely on wells": an opening "Today," before a figure told
    with no tense cue at all (a state of these days, not a happening of the day)."""
    return (
        a.mention.offset == 0
        and not a.before.strip()
        and a.sentence.text.startswith(",", a.after_offset)
        and a.direction == "neutral"
        and _DIGIT.search(a.sentence.text, a.after_offset) is not None
    )


_DIGIT = re.compile(r"\d")


def _weekday_in_name(a: _Around) -> bool:
    """Whether a capitalised weekday is part of a name ("The Sunday Times", "WCCO Sunday
    Morning", "Monday Night Football"): a name word capitalised in or right after it."""
    opening = _NAME_OPENING_BEFORE.search(a.before, max(0, len(a.before) - _NAME_WINDOW))
    if not opening:
        return False
    words = a.mention.text.split()
    if len(words) > 1:
        return words[-1][:1].isupper() and words[-1].lower() in WEEKDAY_NAME_WORDS
    if opening[0].startswith("on"):
        return False  # "said on Monday Post Holdings would": a day, then a name
    following = _CAPITALISED_WORD.match(a.sentence.text, a.after_offset)
    return following is not None and following[1].lower() in WEEKDAY_NAME_WORDS


# Rule "a period spelt out in brackets": "in the third quarter (between July and September)",
# "during the week before (April 15th to 21st)", "the first half (January-June)": the dates
# gloss a quarter, half or week, which is no single day or month ("next month (August 10-11)"
# or "this weekend (May 4-5)" name days and stay events).
_PERIOD_GLOSS_BEFORE = re.compile(
    r"\b(?:quarter|half|week|fortnight|semester|trimester)(?:\s+(?:before|after|ahead))?"
    r"\s*\(\s*(?:between\s+|from\s+)?$",
    re.IGNORECASE,
)
_GLOSS_WINDOW = 48


def _span(a: _Around) -> str | None:
    if "(" in a.before[-_GLOSS_WINDOW:] and _PERIOD_GLOSS_BEFORE.search(
        a.before, max(0, len(a.before) - _GLOSS_WINDOW)
    ):
        return "a period spelt out in brackets ('the third quarter (July to September)')"
    if a.resolved.granularity == "month" and _SINCE_MONTH.search(a.before):
        return "start of a span ('since May'), not an event"
    if a.mention.kind == "month" and _MONTH_SPAN_AFTER.match(a.sentence.text, a.after_offset):
        return "a period of months ('in October-March'), not one month"
    month_span = a.mention.kind == "month" and _TO_MONTH_AFTER.match(
        a.sentence.text, a.after_offset
    )
    if month_span and a.direction == "present" and _SPAN_START_BEFORE.search(a.before):
        return "a season told in the present ('is harvested from May to July'), not one month"
    spans = month_span and (
        _BETWEEN.search(a.before) or not month_span.group().lstrip().lower().startswith("and")
    )
    if spans and _MEASURED.search(a.sentence.text):
        return "the period a figure covers ('Between April and September, 1.2 million ...')"
    if a.resolved.granularity == "month" and _CHANGED_FROM_BEFORE.search(a.before):
        return "the month a level is compared with ('unchanged from November'), not an event"
    if _THAN_IN_BEFORE.search(a.before, max(0, len(a.before) - _THAN_IN_WINDOW)):
        return "the time a figure is compared with ('higher than in February'), not an event"
    if a.previous is None or not a.previous_in_sentence or a.moving:
        return None
    opening = a.sentence.text[: a.previous.start - a.sentence.start]
    if _SPAN_END_BEFORE.search(a.before) and _SPAN_START_BEFORE.search(opening):
        return "end of a span: the span is its first date"
    if _BETWEEN_END.fullmatch(a.text, a.previous.end, a.mention.start) and _BETWEEN.search(opening):
        return "end of a span: the span is its first date"
    return None


def _deadline_or_fallback(a: _Around) -> str | None:
    if _THROUGH_BEFORE.search(a.before):
        return "the end of a period ('extended the deal through March 2020'), not a happening"
    if _DEADLINE_BEFORE.search(a.before):
        return "a deadline ('has until May 1 to ...'), not a happening"
    if _FALLBACK_BEFORE.search(a.clause_before):
        return "a fallback date ('a backup attempt on Jan. 7'), not the plan"
    if a.mention.kind == "weekday" and _ANY_DAY_BEFORE.search(a.before):
        return "any such weekday ('held on a Thursday'), not one day"
    if _ANY_DAY_IN_BEFORE.search(a.before):
        return "the start of a window ('on any day between May 3 and May 10'), not one day"
    if a.resolved.granularity == "day" and _AS_OF_TIME_BEFORE.search(a.before):
        return "a reference time ('as of 12 p.m. Friday'), not a happening"
    if _ZONE_GLOSS_BEFORE.search(a.before) or _ZONE_OR_BEFORE.search(a.before):
        return "a time told again in another zone ('(0100 GMT Wednesday)'), not a new happening"
    return None


# "output cuts in October-March", "the April–June period": a span of months written as one.
_MONTH_SPAN_AFTER = re.compile(rf"\s*[-–]\s*(?:{'|'.join(MONTH_NAMES)})\b", re.IGNORECASE)
# "from September to March", "between March and August": a span of two months.
_TO_MONTH_AFTER = re.compile(
    rf"\s+(?:to|through|until|till|and)\s+(?:{'|'.join(MONTH_NAMES)})\b", re.IGNORECASE
)
# "guidance remained unchanged from November", "little changed from March": a comparison.
_CHANGED_FROM_BEFORE = re.compile(
    r"\b(?:unchanged|changed|different|steady|flat)\s+(?:\w+\s+)?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "faster than in February", "the same as in February", "as on Monday": a comparison's
# other term
_THAN_IN_BEFORE = re.compile(r"(?=[tTaA])\b(?:than|as)\s+(?:in|on|during)\s+$", re.IGNORECASE)
_THAN_IN_WINDOW = 16
_THROUGH_BEFORE = re.compile(r"\b(?:through|thru)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
# "had until 17 December to call an election", "have until Friday to respond": a time limit.
_DEADLINE_BEFORE = re.compile(
    r"\b(?=[gh])(?:has|have|had|having|given|gives|get|gets|got)\s+(?:only\s+)?until\s+$",
    re.IGNORECASE,
)
# "a backup launch attempt on Jan. 7", "a reserve day on March 3": the date if the plan fails
# (lower case: "the Reserve Bank of India on Friday" is a name).
_FALLBACK_BEFORE = re.compile(
    r"\b(?:[Bb]ackup|[Bb]ack-up|[Aa]lternate|[Cc]ontingency|reserve)\s+(?:[a-z]+\s+){0,3}(?:on|for)\s+$"
)
# "held on a Thursday", "on any Monday": an indefinite weekday is a kind of day ("in a Friday
# statement" is one day).
_ANY_DAY_BEFORE = re.compile(r"\bon\s+(?:a|any)\s+$", re.IGNORECASE)
# "hold the vote on any day between May 3 and May 10": a window the day falls in.
_ANY_DAY_IN_BEFORE = re.compile(
    r"\bany\s+(?:day|date|time)\s+(?:between|from|in\s+the\s+week\s+of)\s+$", re.IGNORECASE
)
# "as of 12 p.m. EST Friday", "as of 7.10am today": the time a figure is read at.
_AS_OF_TIME_BEFORE = re.compile(
    r"\bas\s+of\s+\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+[A-Z]{2,4})?\s+$",
    re.IGNORECASE,
)

# "broke out at 8 p.m. CDT Tuesday (0100 GMT Wednesday)": the same moment in another zone.
_ZONE_GLOSS_BEFORE = re.compile(
    r"\(\s*\d{1,2}(?::?\d{2})?\s*(?:[ap]\.?m\.?\s*)?(?:GMT|UTC)\s+(?:on\s+)?$"
)

# "late Monday afternoon New York time, or early Tuesday morning Beijing time": the same moment
# told again in another zone after "or".
_ZONE_OR_BEFORE = re.compile(r"\btime\)?,?\s+or\s+(?:[\w.:]+\s+){0,3}$")


def _hypothetical(a: _Around) -> str | None:
    if _POSSIBLY.search(a.clause_before):
        return "a possibility ('possibly even into March'), not a scheduled date"
    if _OR_DATE_AFTER.match(a.sentence.text, a.after_offset):
        return "one of two possible dates ('in April or May'), not a scheduled date"
    cannot = _CANNOT.search(a.clause_before)
    if cannot and not _UNTIL.search(a.clause_before, cannot.end()):
        # "so it can't be voted on Monday": the day of what cannot happen ("can't reopen
        # until Monday" dates the reopening)
        return "what cannot happen ('can't be voted on Monday'), not a happening"
    if _ERA_BEFORE.search(a.before):
        return "an era named by a date ('post-Sept. 11'), not a happening"
    if _CONDITION_OPENING.match(a.sentence.text) and _CONSEQUENCE.search(a.clause_before):
        return "the consequence of a condition ('If ..., it would land on May 9')"
    if _CONSEQUENCE_OPENING.match(a.sentence.text):
        return "the consequence of what was told before ('That would put landing on May 9')"
    if _CONDITION_OPENING.match(a.sentence.text) and "," not in a.before:
        condition, _, consequence = a.sentence.text[a.after_offset :].partition(",")
        # "If the probe leaves orbit on May 2 as planned, ...": the plan still holds
        if _CONSEQUENCE.search(consequence) and not _AS_PLANNED.search(condition):
            # "If there are more signs of it during November, the Fed might ..."
            return "a condition ('If ... in November, the bank might ...'), not a happening"
    return None


_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_BETWEEN_END = re.compile(r"\s+and\s+(?:the\s+)?")
# "possibly even into March", "a 60% chance of a cut in June": a possibility, not a plan.
_POSSIBLY = re.compile(
    r"\b(?=[achilmopt])(?:possibly|perhaps|maybe|(?:chance|chances|probability|odds|likelihood)\s+of"
    # "holds the power to call for nominations between ...": what may be done, not a plan
    r"|(?:the|a|its|their|has|have|had)\s+(?:power|right|authority|option)\s+to)\b",
    re.IGNORECASE,
)
# "sometime in April or May", "on Monday or Tuesday": a choice, not one date.
_OR_DATE_AFTER = re.compile(
    rf"\s+or\s+(?:on\s+|in\s+|early\s+|late\s+)?(?:{'|'.join(MONTH_NAMES + WEEKDAY_NAMES)})\b",
    re.IGNORECASE,
)
_ERA_BEFORE = re.compile(r"\b(?:post|pre)[- ]?$", re.IGNORECASE)
_CANNOT = re.compile(
    r"\b(?=[cw])(?:can['’]t|cannot|can\s+not|(?:won['’]t|will\s+not)\s+be\s+able\s+to)\s",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"\b(?:until|till|unless|before|after)\b", re.IGNORECASE)
# "If the launch slips, landing would be on May 9": a date that follows from a condition.
_CONDITION_OPENING = re.compile(r"\s*(?:If|Unless|Should)\b")
_CONSEQUENCE = re.compile(r"\b(?:would|could|might)\b")
_AS_PLANNED = re.compile(r"\bas\s+(?:planned|scheduled|expected)\b", re.IGNORECASE)
# "That would put landing on Dec. 27": what follows if the plan just told holds.
_CONSEQUENCE_OPENING = re.compile(r"\s*(?:That|This)\s+(?:would|could|might)\b")
_OPENERS = frozenset({"in", "on", "since"})
_AS_EARLY_AS = re.compile(r"\bas\s+(?:early|soon)\s+as\s+$", re.IGNORECASE)
_LEVEL_AFTER_DATE = re.compile(
    r"(?:\s+(?!to\b|and\b|of\b|for\b)[a-z]+){0,2}\s+(?:levels?|rates?|prices?|highs?|lows?"
    r"|period)\b"
)
# The rejection rules in the order they are tried; the first reason found is reported.
_REJECTION_RULES: tuple[Callable[[_Around], str | None], ...] = (
    _furniture_or_habit,
    _paperwork,
    _range_end,
    _statistic,
    _comparison_or_remark,
    _possibility_or_level,
    _span,
    _deadline_or_fallback,
    _hypothetical,
)


def _has_level_figure(scope: str) -> bool:
    """A level with a unit, currency or decimals; a bare "to 65" is an age or a count."""
    return any(_MEASURED.search(m.group()) for m in _LEVEL_FIGURE.finditer(scope))


@lru_cache(maxsize=8)
def _boilerplate_start(text: str) -> int | None:
    """Offset of the first "About <Company>" / forward-looking-statements heading, if any."""
    heading = _BOILERPLATE_HEADING.search(text)
    return heading.start() if heading else None


def _anchor_for(anchors: list[date], direction: Direction, published: date) -> date | None:
    """Day "the day before" counts from: the last day named (in past tense, the last past one)."""
    if direction == "past":
        return next((day for day in reversed(anchors) if day <= published), None)
    return anchors[-1] if anchors else None


_PREPOSITIONAL_ANCHOR = re.compile(r"(?:before|after)$", re.IGNORECASE)
_STARTS_WORD = re.compile(r"\s+[A-Za-z]")


def _direction(mention: Mention, sentence: Sentence, tenses: dict[int, SentenceTense]) -> Direction:
    """The tense around mention; tenses keeps each sentence's reading (by start) for its other
    mentions, within one article."""
    tense = tenses.get(sentence.start)
    if tense is None:
        tense = tenses[sentence.start] = SentenceTense(sentence.text)
    return tense.direction(mention.start - sentence.start, mention.end - sentence.start)


def _takes_object(mention: Mention, sentence: Sentence) -> bool:
    """Whether "the day before"/"a day after" is a preposition ("a day after the vote")
    rather than an adverb ("The day before, ...")."""
    if mention.kind != "anchored_day" or not _PREPOSITIONAL_ANCHOR.search(mention.text):
        return False
    return bool(_STARTS_WORD.match(sentence.text, mention.end - sentence.start))


def _following_day(
    later: list[Mention], sentence: Sentence, published: date, tenses: dict[int, SentenceTense]
) -> date | None:
    """The day named after a prepositional anchor in the same sentence, if any."""
    for mention in later:
        if mention.start >= sentence.end:
            return None
        if mention.kind in {"full", "month_day", "weekday", "relative_day", "holiday"}:
            resolved = resolve(mention, published, _direction(mention, sentence, tenses))
            return resolved.day if resolved else None
    return None


# "The day before the walkout": the words naming the event, after a determiner, up to the
# first function word or punctuation.
_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her|this|that)\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)",
    re.IGNORECASE,
)
_OBJECT_STOP = (
    frozenset({"of", "in", "on", "at", "by", "for", "with", "to", "and", "or", "which", "that"})
    | PRONOUN_SUBJECTS
    | MODALS
    | AUXILIARIES
)


def _verb_form(word: str) -> bool:
    return word in SPEECH_VERBS or word in IRREGULAR_PAST or word.endswith("ed")


# Enough of a word to find "vote" in "voted" or "announcement" in "announced".
_STEM = 5


def _named_event_day(
    text: str,
    mention: Mention,
    sentence: Sentence,
    sentences: list[Sentence],
    decisions: list[Decision],
) -> date | None:
    """The day of the event "the day before <event>" names, when that event was named earlier
    in this sentence or in the previous one next to a single day ("Workers began a walkout on
    Thursday. The day before the walkout, ..."); two days there make it ambiguous."""
    named = _OBJECT.match(text, mention.end, sentence.end)
    if named is None:
        return None
    words = named.group(1).split()
    if words[0][:1].isupper() and len(words) > 1 and _verb_form(words[1].lower()):
        # rule "a clause is no named event": "come a day after Arden said it would ..." tells
        # when Arden spoke, not the day its name was told with
        return None
    stems = []
    for word in named.group(1).lower().split():
        if word in _OBJECT_STOP:
            break
        if word not in SPEECH_VERBS and word not in IRREGULAR_PAST and not word.endswith("ed"):
            stems.append(word[:_STEM])
    if not stems:
        return None
    position = bisect_right([s.start for s in sentences], sentence.start) - 1
    regions = [(sentence.start, mention.start)]
    if position:
        regions.append((sentences[position - 1].start, sentences[position - 1].end))
    for start, end in regions:
        region = text[start:end].lower()
        if not all(re.search(rf"\b{re.escape(stem)}", region) for stem in stems):
            continue
        days = {
            d.resolved.day
            for d in decisions
            if d.resolved is not None
            and d.resolved.granularity == "day"
            and d.reason not in {"dateline", "byline"}
            and start <= d.mention.start < end
        }
        return days.pop() if len(days) == 1 else None
    return None


# "moved the meeting from February 5 to March 12": a span whose end names its own month
_MOVED_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_TO_IN_SPAN = re.compile(r"\s+to\s+", re.IGNORECASE)
_MOVE_REACH = 120


def _split_moves(text: str, mentions: list[Mention], order: str) -> list[Mention]:
    """Rule "a move is no span": "shifted the meeting from February 5 to March 12" names the
    old date and the new one, not the days between; the span's end is a mention of its own."""
    split: list[Mention] = []
    for mention in mentions:
        end_text = mention.range_end
        if (
            mention.kind != "full"
            or end_text is None
            or not any(c.isalpha() for c in end_text)
            or not _MOVED_FROM_BEFORE.search(text, max(0, mention.start - 6), mention.start)
            or not RESCHEDULE.search(text, max(0, mention.start - _MOVE_REACH), mention.start)
        ):
            split.append(mention)
            continue
        joint = _TO_IN_SPAN.search(text, mention.start, mention.end)
        later = list(tag(text[joint.end() : mention.end], order)) if joint else []
        if joint is None or len(later) != 1 or later[0].kind != "full":
            split.append(mention)
            continue
        split.append(
            replace(
                mention, end=joint.start(), text=text[mention.start : joint.start()], range_end=None
            )
        )
        offset = joint.end()
        split.append(
            replace(
                later[0],
                start=later[0].start + offset,
                end=later[0].end + offset,
                year=later[0].year or mention.year,
            )
        )
    return split


def _weekday_glossed(
    text: str, mention: Mention, following: list[Mention], published: date
) -> Resolved | None:
    """Rule "a weekday glossed in brackets": "Sunday (Jan. 22, 2012)" is that day, whatever the
    tense around the weekday, when the bracketed date falls on it."""
    if (
        mention.kind != "weekday"
        or mention.modifier is not None
        or not following
        or following[0].kind != "full"
        or not _GLOSS_BETWEEN.fullmatch(text, mention.end, following[0].start)
    ):
        return None
    glossed = resolve(following[0], published, "neutral")
    if glossed is None or glossed.day.weekday() != mention.weekday:
        return None
    return glossed


def _decide(
    text: str,
    published: date,
    date_order: str,
    sentences: list[Sentence],
    tenses: dict[int, SentenceTense],
) -> list[Decision]:
    decisions: list[Decision] = []
    anchors: list[date] = []
    earlier_values: dict[tuple[str, int | None, int | None], Resolved] = {}
    # the day each weekday was read as where a tense decided it, by weekday number
    weekday_values: dict[int, Resolved] = {}
    order = article_order(text, date_order)
    mentions = _split_moves(text, list(tag(text, order)), order)
    starts = [s.start for s in sentences]
    years_named = [m for m in mentions if m.kind == "nondate" and m.year and m.text.isdigit()]
    year_starts = [m.start for m in years_named]
    for index, mention in enumerate(mentions):
        sentence = _sentence_of(sentences, starts, mention.start)
        if mention.kind == "nondate" or sentence is None:
            decisions.append(
                Decision(
                    mention,
                    sentence,
                    None,
                    "neutral",
                    False,
                    mention.reject_reason or "outside any sentence",
                )
            )
            continue
        direction = _direction(mention, sentence, tenses)
        if _takes_object(mention, sentence):
            # "a day after Kessler unveiled a pickup on Sunday": counted from the day it names
            anchor = _following_day(mentions[index + 1 :], sentence, published, tenses)
            if anchor is None:
                anchor = _named_event_day(text, mention, sentence, sentences, decisions)
            if anchor is None:
                decisions.append(
                    Decision(
                        mention, sentence, None, direction, False, "anchored to an undated event"
                    )
                )
                continue
        else:
            anchor = _anchor_for(anchors, direction, published)
        direction = _noun_phrase_direction(sentence, mention, direction)
        sentence_year = _sentence_year(
            text,
            years_named[
                bisect_left(year_starts, sentence.start) : bisect_left(year_starts, mention.start)
            ],
            sentence,
            published,
        )
        in_range = None
        if sentence_year is not None and mention.kind in {"full", "month"} and not mention.year:
            # "The elections in 2017 were held on July 17": the year the sentence names
            resolved = _in_year(mention, sentence_year)
        elif direction == "reported_future":
            # "said on Wednesday it would restart the mine in September": future from the report
            resolved = resolve(mention, _report_time(decisions, sentence, published), "future")
        else:
            in_range = _weekday_in_range_before(mention, sentence, sentences, starts, decisions)
            resolved = (
                _weekday_glossed(text, mention, mentions[index + 1 : index + 2], published)
                or _weekday_after_modified(text, mention, decisions)
                or (in_range[0] if in_range else None)
                or _weekday_read_before(mention, direction, weekday_values)
                or resolve(mention, published, direction, anchor)
            )
        _remember_weekday(mention, direction, resolved, weekday_values)
        same_day = (mention.holiday or mention.kind, mention.month, mention.day)
        if mention.kind in {"full", "holiday"} and mention.year is None and resolved is not None:
            # the same "July 26" twice in one article is the same day, whatever the tense around it
            resolved = earlier_values.setdefault(same_day, resolved)
        if resolved is None:
            decisions.append(Decision(mention, sentence, None, direction, False, "unresolvable"))
            continue
        reason = _rejection(
            text, mention, sentence, resolved, mentions[index - 1] if index else None, direction
        )
        reason = reason or _rejected_gloss(text, mention, resolved, decisions)
        if reason is None and in_range is not None and in_range[1]:
            # the range is the event; its weekday told again ("It will run from Friday") is no
            # second report of it
            reason = "a day of the range just named ('the weekend of June 21-24'), told again"
        status: Status = "event"
        if reason is None:
            status = _lifecycle(
                sentence, mention, resolved, published, decisions[-1] if decisions else None
            )
            if status != "event":
                # a moved or cancelled date was a plan: the verb that moved or cancelled it
                # says nothing about when it was to happen
                first_time = earlier_values.get(same_day) is resolved
                resolved = _resolve_plan(mention, published, resolved)
                if first_time:
                    earlier_values[same_day] = resolved
                reason = status
        if resolved.granularity == "day" and reason not in {"dateline", "byline"}:
            anchors.append(resolved.day)
        decisions.append(
            Decision(
                mention,
                sentence,
                resolved,
                direction,
                reason is None,
                reason or f"event ({direction} tense)",
                status,
            )
        )
    decisions = _past_year_series(decisions, published)
    return _called_off_after(_restated_plans(_new_dates_ahead(decisions, published)), published)


_GLOSS_BETWEEN = re.compile(r"\s*\(\s*")


def _rejected_gloss(
    text: str, mention: Mention, resolved: Resolved, decisions: list[Decision]
) -> str | None:
    """Why the mention is no event when it spells out in brackets the same day as the date
    right before it, which was rejected ("from yesterday until today (Jan 13)"): the gloss
    shares its fate."""
    previous = decisions[-1] if decisions else None
    if (
        previous is None
        or previous.accepted
        or previous.status != "event"
        or previous.resolved is None
        or previous.resolved.value != resolved.value
        or not _GLOSS_BETWEEN.fullmatch(text, previous.mention.end, mention.start)
    ):
        return None
    return "a date spelt out again in brackets ('until today (Jan 13)'), as the date before"


def _lifecycle(
    sentence: Sentence,
    mention: Mention,
    resolved: Resolved,
    published: date,
    previous: Decision | None,
) -> Status:
    """Whether the date is an event, moved or called off; a plan told in the past for a day
    still ahead ("were scheduled to start on Oct. 11") is one that changed, and so is the
    plan that continues it ("..., followed by Tallinn on Oct. 12")."""
    start = mention.start - sentence.start
    status = lifecycle_status(sentence.text, start, mention.end - sentence.start)
    if status != "event":
        return status
    if resolved.day > published and past_plan(sentence.text, start):
        return "superseded"
    if (
        previous is not None
        and previous.sentence is sentence
        and previous.status != "event"
        and (
            _CONTINUES_PLAN.fullmatch(sentence.text, previous.mention.end - sentence.start, start)
            or _NEXT_IN_LIST.fullmatch(sentence.text, previous.mention.end - sentence.start, start)
        )
    ):
        return previous.status
    return status


# ", followed by Tallinn and Vilnius on", ", then in": the next step of the same plan.
_CONTINUES_PLAN = re.compile(
    r",?\s*(?:followed\s+by|then|and\s+then)\b[^.;:]{0,60}?\b(?:on|in|from)\s+", re.IGNORECASE
)
# "closures scheduled for April 25 and May 2 have been postponed", "events planned for Oslo on
# Tuesday and Bergen on Wednesday were scrapped": the next date of one list shares its fate.
_NEXT_IN_LIST = re.compile(r"\s+(?:and|or)\s+(?:[A-Z][\w.'’-]*\s+){0,3}(?:on\s+)?")


_YEAR_FRAME_BEFORE = re.compile(r"\b(?:in|of|during)\s+$", re.IGNORECASE)


def _sentence_year(
    text: str, years_before: list[Mention], sentence: Sentence, published: date
) -> int | None:
    """The one past year named earlier in the mention's sentence (years_before: the year
    mentions between the sentence's start and the mention) as the time of what it tells ("the
    elections in 2017 were held on July 17"; not "the best day since 2008")."""
    years = {
        m.year
        for m in years_before
        if _YEAR_FRAME_BEFORE.search(text, max(sentence.start, m.start - 10), m.start)
        and not _in_aside(text, m, sentence)
        # "As in 2019, the fair opens on May 3": a comparison, not the sentence's time
        and not _THAN_IN_BEFORE.search(text, max(sentence.start, m.start - 10), m.start)
    }
    if len(years) != 1:
        return None
    year = years.pop()
    return year if year is not None and year < published.year else None


# ", passed in 2019,", ", which opened in 2010,": an aside that dates only itself
_ASIDE_OPENING = re.compile(r",\s*(?:which\s+|who\s+|that\s+)?(?:\w+\s+)?\w+ed\b", re.IGNORECASE)


def _in_aside(text: str, year: Mention, sentence: Sentence) -> bool:
    """Whether the year sits in an aside set off by commas that closes before the rest of the
    sentence ("The law, passed in 2019, took effect in January": January is this year's)."""
    opening = text.rfind(",", sentence.start, year.start)
    closing = text.find(",", year.end, sentence.end)
    return opening >= 0 and closing >= 0 and bool(_ASIDE_OPENING.match(text, opening, year.start))


def _in_year(mention: Mention, year: int) -> Resolved | None:
    """The yearless calendar mention in the given year (None for a day that year lacks)."""
    if mention.month is None:
        return None
    if mention.day is None:
        return Resolved(f"{year:04d}-{mention.month:02d}", "month", date(year, mention.month, 1))
    try:
        day = date(year, mention.month, mention.day)
    except ValueError:
        return None
    return Resolved(day.isoformat(), "day", day)


# The new date of a move told in the past tense ("approved a motion to postpone the meeting
# scheduled for December 21 to December 28") is not most of a year back.
_FAR_PAST_DAYS = 240
_NEAR_FUTURE_DAYS = 45


def _weekday_read_before(
    mention: Mention, direction: Direction, weekday_values: dict[int, Resolved]
) -> Resolved | None:
    """ "Open Saturday and Sunday." after "the fair opens Saturday": a weekday no tense decides
    is the one the article already read (weekday_values: each weekday's day where a tense
    decided it)."""
    if direction != "neutral" or mention.kind != "weekday" or mention.modifier is not None:
        return None
    return weekday_values.get(mention.weekday) if mention.weekday is not None else None


# "this Saturday and Sunday", "next Friday or Saturday", "last Monday through Wednesday"
_WEEKDAY_JOIN = re.compile(r"\s*,?\s*(?:and|or|to|through|-|–)\s*")


def _weekday_after_modified(
    text: str, mention: Mention, decisions: list[Decision]
) -> Resolved | None:
    """Rule "weekdays share their modifier": a bare weekday joined to a weekday with this, next
    or last ("fixtures in doubt this Saturday and Sunday") is the day of that week after it."""
    if mention.kind != "weekday" or mention.modifier is not None or not decisions:
        return None
    previous = decisions[-1]
    first = previous.mention
    if (
        first.kind != "weekday"
        or first.modifier not in {"this", "next", "last", "coming", "past"}
        or first.weekday is None
        or mention.weekday is None
        or previous.resolved is None
        or not _WEEKDAY_JOIN.fullmatch(text, first.end, mention.start)
    ):
        return None
    day = previous.resolved.day + timedelta(days=(mention.weekday - first.weekday) % 7)
    return Resolved(day.isoformat(), "day", day)


_RANGE_END_DAY = re.compile(r"(\d{1,2})\D*$")
# the longest range (days) whose weekdays a following sentence may name
_RANGE_DAYS = 7


def _range_days(mention: Mention, first: date) -> tuple[date, date] | None:
    """First and last day of a written range ("June 21-24", "May 30 to June 2"), if it is short."""
    found = _RANGE_END_DAY.search(mention.range_end or "")
    if found is None:
        return None
    end_day = int(found.group(1))
    for days in range(_RANGE_DAYS + 1):
        last = first + timedelta(days=days)
        if last.day == end_day:
            return first, last
    return None


def _weekday_in_range_before(
    mention: Mention,
    sentence: Sentence,
    sentences: list[Sentence],
    starts: list[int],
    decisions: list[Decision],
) -> tuple[Resolved, bool] | None:
    """Rule "a weekday of the range just named": "The road work has been rescheduled to the
    weekend of June 21-24. It will run from 8 p.m. Friday until 5 a.m. Monday." A bare weekday
    in the sentence of a short range or the next one, falling inside it, is that day (and
    whether the range was an event, which the weekday then restates)."""
    if (
        mention.kind != "weekday"
        or mention.weekday is None
        or mention.modifier is not None
        or not decisions
    ):
        return None
    position = bisect_right(starts, sentence.start) - 1
    earliest = sentences[position - 1].start if position > 0 else sentence.start
    for decision in reversed(decisions):
        if decision.mention.start < earliest:
            return None
        if decision.mention.range_end is None or decision.resolved is None:
            continue
        span = _range_days(decision.mention, decision.resolved.day)
        if span is None:
            return None
        first, last = span
        day = first + timedelta(days=(mention.weekday - first.weekday()) % 7)
        if day > last:
            return None
        return Resolved(day.isoformat(), "day", day), decision.accepted
    return None


def _remember_weekday(
    mention: Mention,
    direction: Direction,
    resolved: Resolved | None,
    weekday_values: dict[int, Resolved],
) -> None:
    """Keep the day a tense decided for a weekday, for the untensed mentions of it after."""
    if (
        resolved is not None
        and mention.kind == "weekday"
        and mention.weekday is not None
        and direction != "neutral"
    ):
        weekday_values[mention.weekday] = resolved


# A sentence naming this many days, each in another past year, lists a record or a comparison.
_SERIES_YEARS = 3


def _past_year_series(decisions: list[Decision], published: date) -> list[Decision]:
    """ "The rains arrived on June 8 last year, May 29 in 2022 and June 3 in 2021": days of
    earlier years listed in one sentence are a history to compare with, not the news."""
    years: dict[int, set[int]] = {}
    for d in decisions:
        if (
            d.accepted
            and d.sentence is not None
            and d.resolved is not None
            and d.resolved.granularity == "day"
            and d.mention.kind == "full"
        ):
            years.setdefault(d.sentence.start, set()).add(d.resolved.day.year)
    series = {
        start
        for start, named in years.items()
        if len(named) >= _SERIES_YEARS and max(named) < published.year
    }
    if not series:
        return decisions
    return [
        replace(d, accepted=False, reason="a series of past years' days (a history), not events")
        if d.accepted
        and d.sentence is not None
        and d.sentence.start in series
        and d.mention.kind == "full"
        else d
        for d in decisions
    ]


def _new_dates_ahead(decisions: list[Decision], published: date) -> list[Decision]:
    """In a sentence that moves a plan, a yearless calendar date read most of a year back is
    the coming one when that is within weeks."""
    moved = {d.sentence.start for d in decisions if d.sentence and d.reason == "superseded"}
    if not moved:
        return decisions
    ahead_of: dict[str, Resolved] = {}  # old value -> the coming one
    for d in decisions:
        if (
            d.accepted
            and d.sentence is not None
            and d.sentence.start in moved
            and d.mention.kind == "full"
            and d.mention.year is None
            and d.resolved is not None
            and (published - d.resolved.day).days > _FAR_PAST_DAYS
        ):
            ahead = resolve(d.mention, published, "future")
            if ahead is not None and (ahead.day - published).days <= _NEAR_FUTURE_DAYS:
                ahead_of[d.resolved.value] = ahead
    # the same day named again in the article is the same day (as in _decide)
    return [
        replace(d, resolved=ahead_of[d.resolved.value])
        if d.resolved is not None
        and d.resolved.value in ahead_of
        and d.mention.kind == "full"
        and d.mention.year is None
        else d
        for d in decisions
    ]


# "An announcement by Acme on Tuesday that it will ...": a statement whose content follows,
# opening the sentence as its subject ("will make an announcement on Friday" is a plan).
_STATEMENT_NOUN_BEFORE = re.compile(
    r"^\s*(?:an?|the|its|their|[A-Z][\w.&'’-]*['’]s)\s+(?:[a-z]+\s+)?"
    r"(?:announcement|statement|disclosure|warning|admission|confirmation)"
    r"(?:\s+by\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})?\s+(?:on|late|early)\s+$",
    re.IGNORECASE,
)
_THAT_AFTER = re.compile(r"\s+that\b")
_STATEMENT_REACH = 90


def _reported_content(sentence: Sentence, mention: Mention) -> bool:
    """ "An announcement by Acme on Tuesday that it won't meet its contracts": the day of a
    statement whose content the article reports was made, whatever tense the content takes."""
    start, end = mention.start - sentence.start, mention.end - sentence.start
    return bool(
        mention.kind in {"weekday", "relative_day"}
        and start <= _STATEMENT_REACH
        and _STATEMENT_NOUN_BEFORE.search(sentence.text[:start])
        and _THAT_AFTER.match(sentence.text, end)
    )


def _noun_phrase_direction(sentence: Sentence, mention: Mention, direction: Direction) -> Direction:
    """The tense a noun phrase around the date sets, over the verbs' reading."""
    if mention.kind == "full" and mention.year is None and _attributive_in(sentence, mention):
        return "neutral"  # "set a July 18 hearing": the date is the hearing's, not the setting's
    if _reported_content(sentence, mention):
        return "past"
    return direction


def _attributive_in(sentence: Sentence, mention: Mention) -> bool:
    """ "a July 18 hearing", "the June 5 rally": a date before a noun, after a determiner."""
    start, end = mention.start - sentence.start, mention.end - sentence.start
    return bool(
        _ATTRIBUTIVE_DATE.search(sentence.text, max(0, start - 6), start)
        and _NOUN_AFTER_DATE.match(sentence.text, end)
    )


def _report_time(decisions: list[Decision], sentence: Sentence, published: date) -> date:
    """When a reported "would" was said: the last date named before it in its sentence ("said
    on Wednesday", "said in January"), else publication."""
    for d in reversed(decisions):
        if d.sentence is not sentence:
            break
        if d.resolved is not None and d.resolved.day <= published:
            return d.resolved.day
    return published


def _resolve_plan(mention: Mention, published: date, resolved: Resolved) -> Resolved:
    """The date a moved or cancelled plan had: the nearest one for a calendar date, the next
    one for a weekday ("Saturday's match was called off")."""
    if mention.year is not None or mention.kind not in {"full", "month", "holiday", "weekday"}:
        return resolved
    direction: Direction = "future" if mention.kind == "weekday" else "neutral"
    return resolve(mention, published, direction) or resolved


def _called_off_after(decisions: list[Decision], published: date) -> list[Decision]:
    """A day still ahead announced in one sentence is cancelled when the next sentence calls
    the announcement off by a noun ("... would be shut down Thursday. However, the corporation
    withdrew this decision on Monday evening")."""
    sentences = sorted(
        {id(d.sentence): d.sentence for d in decisions if d.sentence is not None}.values(),
        key=lambda s: s.start,
    )
    called_off = {
        id(before) for before, after in pairwise(sentences) if calls_off_announced(after.text)
    }
    if not called_off:
        return decisions
    return [
        _called_off(d, published) if d.accepted and id(d.sentence) in called_off else d
        for d in decisions
    ]


def _called_off(decision: Decision, published: date) -> Decision:
    """The day ahead is cancelled; the day of the announcement is not news of its own (the
    sentence that calls it off tells the story)."""
    if decision.resolved is not None and decision.resolved.day > published:
        return replace(
            decision,
            accepted=False,
            reason="cancelled (called off in the next sentence)",
            status="cancelled",
        )
    return replace(
        decision, accepted=False, reason="the announcement of a plan called off right after"
    )


def _restated_plans(decisions: list[Decision]) -> list[Decision]:
    """A date named elsewhere in the article as moved is not an event there either ("The vote
    is on May 2." ... "The vote, originally set for May 2, ..."). A cancelled date is not
    spread this way: other things may still happen that day (flights cancelled on a strike
    day)."""
    plans = {
        d.resolved.value: d.status
        for d in decisions
        if d.resolved is not None and d.status == "superseded"
    }
    # "had been due to meet on March 16" names no move: a plan for that day told in the future
    # elsewhere ("has called a meeting for March 16") is another body's, and stands
    named_moves = {
        d.resolved.value
        for d in decisions
        if d.resolved is not None
        and d.status == "superseded"
        and d.sentence is not None
        and names_change(d.sentence.text)
    }
    # a calendar date or a possessive ("tonight's meeting") restates a plan; a weekday or
    # "today" may date something else that day ("Thursday evening the council voted")
    restating = {"full", "holiday", "month"}
    if not plans:
        return decisions
    return [
        d
        if not d.accepted
        or d.resolved is None
        or d.resolved.value not in plans
        or (d.mention.kind not in restating and d.mention.modifier != "possessive")
        or (d.resolved.value not in named_moves and d.direction in ("future", "reported_future"))
        else Decision(
            d.mention,
            d.sentence,
            d.resolved,
            d.direction,
            False,
            f"{plans[d.resolved.value]} (so named elsewhere in the article)",
            plans[d.resolved.value],
        )
        for d in decisions
    ]


# Only this much of one article is read: a feed item longer than that is a dump, not a story,
# and the cap bounds the work per item (the rest is linear in the text length).
MAX_TEXT = 100_000


def readable_part(text: str) -> str:
    """The part of an article that is read: up to MAX_TEXT characters, cut at a line or space."""
    if len(text) <= MAX_TEXT:
        return text
    cut = max(text.rfind("\n", 0, MAX_TEXT), text.rfind(" ", 0, MAX_TEXT))
    return text[: cut if cut > MAX_TEXT // 2 else MAX_TEXT]


def explain_mentions(text: str, published: date, date_order: str = "MDY") -> list[MentionReport]:
    """Every temporal mention and look-alike found, with its value and why it was kept or not;
    a last report notes the text left unread past MAX_TEXT."""
    _check_order(date_order)
    full_length = len(text)
    text = readable_part(text)
    reports = []
    tenses: dict[int, SentenceTense] = {}
    for d in _decide(text, published, date_order, split_sentences(text), tenses):
        value: tuple[str, str] | None = None
        if d.resolved is not None:
            value = d.resolved.value, d.resolved.granularity
        elif d.mention.kind == "nondate":
            direction = _direction(d.mention, d.sentence, tenses) if d.sentence else "neutral"
            value = period_value(d.mention, published, direction)
        if value and _SET_BEFORE.search(text, max(0, d.mention.start - 40), d.mention.start):
            value = None  # "every Monday", "each June and December": a set, not one date
        elif value and d.mention.text.lower() == "tonight":
            value = value[0] + "TNI", "time"  # a time of day (TimeML TIME), not a DATE
        reports.append(
            MentionReport(
                d.mention.start,
                d.mention.end,
                d.mention.text,
                value[0] if value else None,
                value[1] if value else None,
                d.accepted,
                d.reason,
            )
        )
    if full_length > len(text):
        reports.append(
            MentionReport(
                len(text),
                full_length,
                "",
                None,
                None,
                False,
                f"not read: only the first {MAX_TEXT:,} characters of an article are read "
                f"({full_length - len(text):,} left out)",
            )
        )
    return reports


def _check_order(date_order: str) -> None:
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}")


def _confidence(decision: Decision) -> float:
    mention = decision.mention
    score = _BASE_CONFIDENCE.get(mention.kind, 0.5)
    if mention.year is not None:
        score += 0.05
    if (
        decision.direction == "neutral"
        and mention.year is None
        and mention.kind in {"full", "month", "weekday", "holiday"}
    ):
        score -= 0.1
    return round(min(score, 0.99), 2)


def extract_events(
    text: str, published: date, date_order: str = "MDY", headline: str | None = None
) -> list[ExtractedEvent]:
    """Dated events reported by an article, one per date, ordered by position in the text.

    headline is the feed's title of the article: the lead event's title when it tells the
    same story as the lead sentence."""
    _check_order(date_order)
    text = readable_part(text)
    sentences = split_sentences(text)
    decisions = _decide(text, published, date_order, sentences, {})
    spans_by_sentence = _date_spans(decisions)
    datelines = _datelines(decisions, sentences)
    by_sentence: dict[int, list[Decision]] = {}
    for d in decisions:
        if (d.accepted or d.status == "cancelled") and d.sentence is not None:
            by_sentence.setdefault(d.sentence.start, []).append(d)
    replaced = _replaced_dates(decisions)

    events: list[tuple[ExtractedEvent, Mention]] = []
    fallbacks: dict[tuple[int, str], str] = {}
    rests: dict[tuple[int, str], str] = {}
    names = _mid_sentence_capitals(sentences)
    last_event_start = max(by_sentence, default=-1)
    leads: dict[int, str | None] = {}

    def lead(sentence: Sentence) -> str | None:
        """The sentence's credible named subject, worked out once per sentence."""
        if sentence.start not in leads:
            leads[sentence.start] = _credible(lead_entity(sentence.text), sentence, names)
        return leads[sentence.start]

    opening = [s for s in sentences if not is_byline(s.text)][:OPENING_SENTENCES]
    subjects = Subjects(
        None,
        None,
        main=cache(lambda: dominant_entity([lead(s) for s in opening])),
    )
    for index, sentence in enumerate(sentences):
        if sentence.start > last_event_start:
            break
        if is_byline(sentence.text):
            continue
        next_is_event = index + 1 < len(sentences) and sentences[index + 1].start in by_sentence
        if sentence.start not in by_sentence and not next_is_event:
            # only the name matters here, for resolving a later "it" or "the company"
            entity = lead(sentence)
            subjects = subjects.after(entity, None)
            continue
        tokens, positions = clean_tokens(
            sentence.text,
            spans_by_sentence.get(sentence.start, []),
            datelines.get(sentence.start, 0),
        )
        analysis = Analysis(tokens)
        occasion = _list_occasion(sentences, index)
        for d in by_sentence.get(sentence.start, []):
            position = positions.get(d.mention.start - sentence.start, 0)
            assert d.resolved is not None
            title = event_title(
                analysis,
                position,
                d.mention.text,
                _own_story(subjects, id(d) in replaced or d.status == "cancelled"),
            )
            heading = _heading_content(analysis, sentences, index, spans_by_sentence, subjects)
            if heading:
                # Rule DATED_HEADING: "- Keld, May 4-6, 1961:" then "Ana Roe and Tom Ray sign
                # the Keld accord.": the heading says where, the next line who did what
                title = heading
            elif occasion and not analysis.verbs and occasion not in title.lower():
                # "- April 29 – Keld College, Hall B" under "The hearings will be held at ...:"
                title = cut(f"{occasion}: {title.lstrip('-–•* ')}")
            event = ExtractedEvent(
                date=d.resolved.value,
                granularity=d.resolved.granularity,
                title=title,
                evidence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                confidence=_confidence(d),
                replaces=replaced.get(id(d)),
                cancelled=d.status == "cancelled",
            )
            # kept apart: deduplication compares the titles as built
            if not is_well_formed(event.title):
                name = subjects.main() or subjects.last_entity
                fallbacks[(event.start, event.date)] = fallback_title(
                    event.title, event.evidence, name
                )
            else:
                rests[(event.start, event.date)] = rest_of_clause(analysis, position)
            events.append((event, d.mention))
        sentence_core, entity = core(analysis, subjects, limit=PREVIOUS_CORE_LIMIT)
        entity = _credible(entity, sentence, names)
        subjects = subjects.after(entity, sentence_core or subjects.previous_core)
    return _finish(_announcements_apart(events), (fallbacks, rests), sentences, names, headline)


_LIST_ITEM = re.compile(r"\s*[-–•*]\s")
HEADING_TOKENS = 12


def _heading_content(
    analysis: Analysis,
    sentences: list[Sentence],
    index: int,
    spans_by_sentence: dict[int, list[tuple[int, int]]],
    subjects: Subjects,
) -> str | None:
    """Rule DATED_HEADING: a dated heading line with no verb that ends with a colon ("- Keld,
    May 4-6, 1961:") titled by the sentence after it, behind the heading's place ("Keld: Ana
    Roe and Tom Ray sign Keld accord"); None for any other sentence."""
    text = sentences[index].text.strip()
    if (
        not text.endswith(":")
        or analysis.verbs
        or len(analysis.tokens) > HEADING_TOKENS
        or index + 1 >= len(sentences)
    ):
        return None
    following = sentences[index + 1]
    if following.text.strip().endswith(":") or _LIST_ITEM.match(following.text):
        return None
    parts = text.lstrip("-–•* ").rstrip(":").split(", ")
    place = []
    for part in parts:
        if any(c.isdigit() for c in part):
            break
        place.append(part)
    tokens, _ = clean_tokens(following.text, spans_by_sentence.get(following.start, []), 0)
    content, _ = core(Analysis(tokens), subjects, limit=TITLE_MAX - len(", ".join(place)) - 2)
    if not content or not is_well_formed(content):
        return None
    return f"{', '.join(place)}: {content}" if place else content


_EVENT_NOUN = re.compile(rf"\b({'|'.join(sorted(EVENT_NOUNS))})s?\b", re.IGNORECASE)
LIST_INTRO_SENTENCES = 3


def _list_occasion(sentences: list[Sentence], index: int) -> str | None:
    """The occasion a dated list item stands for: the event noun named last in the sentences
    just before the list ("Each hearing will begin at 6 p.m. The dates are as follows:" then
    "- April 29 – Keld College" is a hearing); None for a sentence that is no list item."""
    if not _LIST_ITEM.match(sentences[index].text):
        return None
    for previous in reversed(sentences[max(0, index - LIST_INTRO_SENTENCES) : index]):
        if _LIST_ITEM.match(previous.text):
            continue
        nouns: list[str] = _EVENT_NOUN.findall(previous.text)
        if nouns:
            return nouns[-1].lower()
    return None


def _own_story(subjects: Subjects, moved: bool) -> Subjects:
    """Subjects for titling a moved or cancelled date: it tells its own story ("The vote,
    originally set for May 2, is now expected on May 16" is not the previous sentence's event),
    so "The vote" does not refer back."""
    return replace(subjects, previous_core=None) if moved else subjects


def _final_title(
    event: ExtractedEvent,
    fallbacks: dict[tuple[int, str], str],
    rests: dict[tuple[int, str], str],
) -> str:
    key = (event.start, event.date)
    if not is_well_formed(event.title):
        return fallbacks.get(key, event.title)
    return extended(event.title, rests.get(key, ""))


def _date_spans(decisions: list[Decision]) -> dict[int, list[tuple[int, int]]]:
    """Each sentence's (by start) resolved date spans, in sentence offsets: titles drop them.
    A holiday stays: it names the occasion ("closed on Tuesday for Memorial Day")."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for d in decisions:
        if d.sentence is not None and d.resolved is not None and d.mention.kind != "holiday":
            spans.setdefault(d.sentence.start, []).append(
                (d.mention.start - d.sentence.start, d.mention.end - d.sentence.start)
            )
    return spans


def _datelines(decisions: list[Decision], sentences: list[Sentence]) -> dict[int, int]:
    """Where the story starts in a sentence opening with a dateline (by sentence start)."""
    datelines = {
        d.sentence.start: _dateline_end(d)
        for d in decisions
        if d.reason == "dateline" and d.sentence is not None
    }
    for sentence in sentences[:OPENING_SENTENCES]:
        # "STATEN ISLAND, N.Y. --": a dateline without a date is no part of a title either
        place = _PLACE_DATELINE.match(sentence.text)
        if place and sentence.start not in datelines:
            datelines[sentence.start] = place.end()
    return datelines


def _finish(
    events: list[tuple[ExtractedEvent, Mention]],
    titling: tuple[dict[tuple[int, str], str], dict[tuple[int, str], str]],
    sentences: list[Sentence],
    names: set[str],
    headline: str | None,
) -> list[ExtractedEvent]:
    """One event per happening and one cancellation per date, final titles (titling: by start
    and date, the fallback of a title that does not stand alone and the rest of the clause
    that fills a short one), the headline for the lead event; in text order. names are the
    article's mid-sentence capitals."""
    fallbacks, rests = titling
    body_start = _body_start(sentences)
    kept = _deduplicate([pair for pair in events if not pair[0].cancelled], body_start, names)
    calls: dict[str, ExtractedEvent] = {}
    for event, _ in events:
        if event.cancelled:
            calls.setdefault(event.date, event)
    titled = _without_unnamed_repeats(
        [replace(event, title=_final_title(event, fallbacks, rests)) for event in kept], names
    )
    ordered = sorted(
        [
            *(replace(e, title=short_names(e.title)) for e in titled),
            *(
                replace(e, title=short_names(_final_title(e, fallbacks, rests)))
                for e in calls.values()
            ),
        ],
        key=lambda e: (e.start, e.date),
    )
    return _with_headline(ordered, headline, sentences, body_start) if headline else ordered


def _without_unnamed_repeats(events: list[ExtractedEvent], names: set[str]) -> list[ExtractedEvent]:
    """An event whose final title names no actor ("launch postponement has no impact") on a
    date another event has is that event told again: two events on one day need two named
    actors. The first of a date's events stays when none names one; a move report stays."""
    by_date: dict[str, list[ExtractedEvent]] = {}
    for event in events:
        by_date.setdefault(event.date, []).append(event)
    kept: list[ExtractedEvent] = []
    for same_day in by_date.values():
        if len(same_day) == 1:
            kept += same_day
            continue
        named = [_proper_name(subject_name(e.title), names) is not None for e in same_day]
        first_unnamed = None if any(named) else same_day[0]
        parts = [_part_of_day(e) for e in same_day]
        own_part = [
            part is not None and parts.count(part) == 1 and None not in parts for part in parts
        ]
        kept += [
            event
            for event, has_name, timed in zip(same_day, named, own_part, strict=True)
            if has_name or timed or event.replaces or event is first_unnamed
        ]
    return kept


_DAY_PART_IN_TEXT = re.compile(
    rf"\b(?:{'|'.join(WEEKDAY_NAMES)}|today)\s+(morning|afternoon|evening|night)\b"
    rf"|\b(early|late)\s+(?:on\s+)?(?:{'|'.join(WEEKDAY_NAMES)}|today)\b",
    re.IGNORECASE,
)


def _part_of_day(event: ExtractedEvent) -> str | None:
    """The part of the day the evidence names with a weekday ("Saturday morning", "early
    Thursday"), if any: two parts of one day are two happenings."""
    found = _DAY_PART_IN_TEXT.search(event.evidence)
    return (found[1] or found[2]).lower() if found else None


# Headlines carry site names and wire tags: "UPDATE 1-", " - Reuters", " | Site".
_HEADLINE_TAG = re.compile(r"^(?:UPDATE\s+\d+|WRAPUP\s+\d+|EXCLUSIVE|BREAKING)\s*[-:]\s*")
_HEADLINE_SITE = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z+]{3,}")
_HEADLINE_OVERLAP = 2
LEAD_SENTENCES = 2
_STEM_LENGTH = 5


def _stems(text: str) -> set[str]:
    return {word.lower()[:_STEM_LENGTH] for word in _CONTENT_WORD.findall(text)}


def _weak_title(title: str) -> bool:
    """A title that does not open with a name (a bare noun phrase or a fragment)."""
    return not title[:1].isupper()


_HEADLINE_WORD = re.compile(r"[\w&]+(?:['’.-][\w&]+)*")


def _names_beyond(title: str, headline: str) -> bool:
    """Whether the title names someone or somewhere the headline does not ("one person was sent
    to hospital after a fight at Brittany Village" under "Responders stay busy on holiday
    weekend"): the headline then tells a wider story than the event."""

    def words(text: str) -> list[str]:
        return [w.removesuffix("'s").removesuffix("’s") for w in _HEADLINE_WORD.findall(text)]

    in_headline = {w.lower() for w in words(headline)}
    return any(w[0].isupper() and w.lower() not in in_headline for w in words(title)[1:])


def _with_headline(
    events: list[ExtractedEvent], headline: str, sentences: list[Sentence], body_start: int
) -> list[ExtractedEvent]:
    """The lead event (told in the first body sentences) takes the headline as its title when
    the two share content words: the headline says who did what in the editor's words."""
    clean = _HEADLINE_SITE.sub("", _HEADLINE_TAG.sub("", " ".join(headline.split())))
    if not clean or len(clean) > TITLE_LIMIT:
        return events
    lead = [s.start for s in sentences if s.start >= body_start][:LEAD_SENTENCES]
    for index, event in enumerate(events):
        if event.start not in lead or event.cancelled:
            continue
        if (
            _weak_title(event.title)
            and len(_stems(clean) & _stems(event.evidence)) >= _HEADLINE_OVERLAP
            and not _names_beyond(event.title, clean)
        ):
            return [*events[:index], replace(event, title=clean), *events[index + 1 :]]
        return events
    return events


_SPEECH_BEFORE_DATE = re.compile(
    r"\b(said|says|announced|announces|confirmed|stated|declared)\s+"
    r"(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)


_SPEECH_WORDS = frozenset(SPEECH_VERBS | {"announces", "says"})


def _announcements_apart(
    events: list[tuple[ExtractedEvent, Mention]],
) -> list[tuple[ExtractedEvent, Mention]]:
    """Two events of one sentence with one title: the one dated by the speech verb ("said on
    Monday it will stop exports from Jan. 1") is the announcement, and its title says so
    ("Norland Mining said it will stop exports"); the other keeps what will happen."""
    titles: dict[tuple[int, str], int] = {}
    for event, _ in events:
        titles[(event.start, event.title)] = titles.get((event.start, event.title), 0) + 1
    result = []
    for event, mention in events:
        if titles[(event.start, event.title)] < 2:
            result.append((event, mention))
            continue
        speech = _SPEECH_BEFORE_DATE.search(
            event.evidence, max(0, mention.start - event.start - 20), mention.start - event.start
        )
        name = subject_name(event.title)
        if speech and name:
            rest = event.title[len(name) :].strip()
            verbs = set(_WORDS.findall(event.title.lower())) & _SPEECH_WORDS
            if event.title.startswith(name) and rest and not verbs:
                said = speech.group(1).lower()
                if rest.startswith("to "):
                    # a headline's "to restart" after "said it" is the sentence's modal again
                    modal = "would" if " would " in event.evidence else "will"
                    rest = f"{modal} {rest[3:]}"
                if name.endswith(("'s", "’s")):
                    # "Halden Oil's refinery was shut" -> "Halden Oil said its refinery ..."
                    title = f"{name[:-2]} {said} its {rest}"
                else:
                    title = f"{name} {said} it {rest}"
                event = replace(event, title=cut(title))  # at a word, not "Rustenbur"
        result.append((event, mention))
    return result


# The new date of a move is told close to the old one ("to October 8 from September 24",
# "originally set for May 2, is now expected on May 16").
_MOVE_REACH = 100


def _replaced_dates(decisions: list[Decision]) -> dict[int, str]:
    """For each new date of a move (by the id of its decision), the old date it replaces: the
    superseded date's sentence holds both ("pushed back to October 8 from September 24")."""
    replaced: dict[int, str] = {}
    for old in decisions:
        if old.status != "superseded" or old.sentence is None or old.resolved is None:
            continue
        if old.reason != "superseded":
            continue  # a restatement of a date moved elsewhere in the article
        sentence = old.sentence
        candidates = [
            d
            for d in decisions
            if d.accepted
            and d.sentence is sentence
            and d.resolved is not None
            and d.resolved.value != old.resolved.value
            and id(d) not in replaced
            and abs(d.mention.start - old.mention.start) <= _MOVE_REACH
        ]
        if not candidates:
            continue
        best = max(
            candidates,
            key=lambda d: (
                new_date_score(sentence.text, d.mention.start - sentence.start),
                -abs(d.mention.start - old.mention.start),
            ),
        )
        replaced[id(best)] = old.resolved.value
    return replaced


# The capital first and the look-behind after it: a pattern opening with a character class is
# searched for that class alone, far faster than trying the look-behind at every position.
_CAPITALISED = re.compile(r"[A-Z](?<=[a-z,;] [A-Z])[a-z]+")
_FIRST_WORD = re.compile(r"[\"“‘']?([A-Z][a-z]+)")


def _mid_sentence_capitals(sentences: list[Sentence]) -> set[str]:
    """Capitalised words seen inside sentences: names, unlike "Consumer" or "Dealers" that are
    capitalised only because they open a sentence."""
    return {word for s in sentences for word in _CAPITALISED.findall(s.text)}


def _credible(entity: str | None, sentence: Sentence, names: set[str]) -> str | None:
    """A one-word "name" that is just the sentence's first word and never capitalised inside a
    sentence is a common noun ("Consumer prices rose"), not an antecedent for "the bank"."""
    if entity is None or " " in entity:
        return entity
    first = _FIRST_WORD.match(sentence.text)
    if first and first.group(1) == entity and entity not in names:
        return None
    return entity


def _dateline_end(decision: Decision) -> int:
    """Offset in the sentence where the story starts after "SANTIAGO, Jan 26 (Reuters) -"."""
    assert decision.sentence is not None
    rest = decision.sentence.text[decision.mention.end - decision.sentence.start :]
    tail = _DATELINE_TAIL.match(rest)
    return decision.mention.end - decision.sentence.start + (tail.end() if tail else 0)


def _body_start(sentences: list[Sentence]) -> int:
    """Offset of the first sentence with final punctuation: lines above it are headings."""
    return next(
        (s.start for s in sentences if s.text.rstrip("\"”’')").endswith((".", "!", "?"))), 0
    )


def _deduplicate(
    events: list[tuple[ExtractedEvent, Mention]], body_start: int, names: set[str]
) -> list[ExtractedEvent]:
    """One event per happening. A date restated elsewhere in the article ("Friday's decision",
    "the July 26 date", a similar title) is dropped, keeping the most confident mention; two
    sentences on one day with different named subjects ("futures jumped on Friday", "the
    ministry said on Friday") are two events. A month that restates a day event is dropped, and
    so is a headline or subheading event whose date the body also reports. A title's one-word
    subject counts as a name only when the article capitalises it inside a sentence too
    ("Liftoff was rescheduled" names no one); names are the article's mid-sentence capitals."""
    body_dates = {event.date for event, _ in events if event.start >= body_start}
    events = [
        pair for pair in events if pair[0].start >= body_start or pair[0].date not in body_dates
    ]
    kept: list[tuple[ExtractedEvent, Mention]] = []
    # each title is compared with many others; its subject is read once (for this article only)
    name_of = cache(lambda title: _proper_name(subject_name(title), names))
    for event, mention in sorted(events, key=lambda pair: (-pair[0].confidence, pair[0].start)):
        same = next(
            (
                i
                for i, (other, other_mention) in enumerate(kept)
                if _restates(event, mention, other, name_of, other_mention)
            ),
            None,
        )
        if same is None:
            kept.append((event, mention))
        elif event.replaces and not kept[same][0].replaces:
            # the report kept says what moved: it carries the date it replaces
            kept[same] = (replace(kept[same][0], replaces=event.replaces), kept[same][1])
    return sorted((event for event, _ in kept), key=lambda e: (e.start, e.date))


def _proper_name(name: str | None, names: set[str]) -> str | None:
    """The name, unless it is one word never capitalised inside a sentence (a common noun that
    opens its sentence: "Lousy weather", "Liftoff")."""
    if name is None or " " in name:
        return name
    word = name.removesuffix("'s").removesuffix("’s")
    return name if word in names or word.isupper() else None


def _restates(
    event: ExtractedEvent,
    mention: Mention,
    other: ExtractedEvent,
    name_of: Callable[[str], str | None],
    other_mention: Mention | None = None,
) -> bool:
    """Whether event says again what other (already kept) says; name_of reads a title's subject."""
    if event.replaces != other.replaces and event.date == other.date:
        # a move and another report of that day: one happening only if the titles say so
        return is_same_event(event.date, event.title, other.date, other.title)
    if event.date != other.date:
        if event.granularity != "month":
            return False
        if other.date.startswith(event.date) and _possessive(event, mention):
            return True  # "Next month's opening" names the day event of that month
        mine, theirs = _predicates(event.title, other.title, name_of)
        return is_same_event(event.date, mine, other.date, theirs)
    if (
        event.start == other.start
        # a date inside a direct quote restates the report of that day ("'The talks end
        # tomorrow,' the spokesman said" after "the talks will end Wednesday")
        or _quoted(event, mention)
        or (other_mention is not None and _quoted(other, other_mention))
        or mention.modifier == "possessive"
        or _possessive(event, mention)
        or _attributive(event, mention)
        or _scheduled_noun(event, mention)
    ):
        return True
    if _parts_of_day_differ(mention, other_mention):
        return False  # "began talks Saturday morning" / "announced a strike Saturday night"
    names = name_of(event.title), name_of(other.title)
    if names[0] is not None and names[1] is not None and _shares_word(names[0], names[1]):
        return True
    if names[0] is None or names[1] is None:
        if not _nothing_in_common(event, other):
            return True
    elif _names_a_happening(names[0]) or _names_a_happening(names[1]):
        return True
    return is_same_event(event.date, event.title, other.date, other.title)


_PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|early|tonight|overnight)\b", re.I)


def _parts_of_day_differ(mention: Mention, other: Mention | None) -> bool:
    """Whether both mentions name a part of the day, and not the same one: two times of one
    day are two happenings."""
    if other is None:
        return False
    mine, theirs = _PART_OF_DAY.search(mention.text), _PART_OF_DAY.search(other.text)
    return bool(mine and theirs and mine.group().lower() != theirs.group().lower())


_ATTRIBUTIVE_DATE = re.compile(
    r"(?=[ahioty])(?:the|a|its|their|your|our|his|her|this)\s+$", re.IGNORECASE
)


_NOUN_AFTER_DATE = re.compile(r"\s+[a-z]{3,}\b(?<!\bwas)(?<!\bwill)(?<!\band)")


def _quoted(event: ExtractedEvent, mention: Mention) -> bool:
    """Whether the date stands inside a direct quote that opens its sentence (a partial quote
    inside a report, 'the rocket "is scheduled to launch Sunday"', is still the report)."""
    before = event.evidence[: max(0, mention.start - event.start)]
    if not before.startswith(('"', "“")):
        return False
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _possessive(event: ExtractedEvent, mention: Mention) -> bool:
    """ "Next month's opening", "September's vote": the date names an event told elsewhere."""
    return event.evidence.startswith(("'s", "’s"), mention.end - event.start)


def _attributive(event: ExtractedEvent, mention: Mention) -> bool:
    """ "The Jan. 6 launch is scheduled ...", "a Sunday run": a calendar date or weekday before
    a noun, after a determiner, names an event the article tells elsewhere."""
    if mention.kind not in {"full", "weekday"}:
        return False
    start, end = mention.start - event.start, mention.end - event.start
    return bool(
        _ATTRIBUTIVE_DATE.search(event.evidence, max(0, start - 6), start)
        and _NOUN_AFTER_DATE.match(event.evidence, end)
    )


# "the talks now scheduled for": a noun phrase, then a participle with no auxiliary before it
_SCHEDULED_NOUN = re.compile(
    r"\b(?:the|its|their|his|her|this|that)\s+"
    r"(?:(?!(?:is|are|was|were|be|been|being|has|have|had|will|would|now)\b)[\w'’-]+\s+){1,4}"
    r"(?:now\s+|currently\s+|tentatively\s+)?(?:scheduled|slated|planned|set)\s+(?:for|on)\s+$",
    re.IGNORECASE,
)


def _scheduled_noun(event: ExtractedEvent, mention: Mention) -> bool:
    """ "The talks now scheduled for Sunday would continue ...": a plan named by its noun and a
    participle (no verb of its own) is the plan the article tells elsewhere."""
    start = mention.start - event.start
    if not _PLANNED_FOR.search(event.evidence, max(0, start - 30), start):
        return False  # most dates: no participle right before them, one short search
    return bool(_SCHEDULED_NOUN.search(event.evidence, max(0, start - 80), start))


_PLANNED_FOR = re.compile(r"(?:scheduled|slated|planned|set)\s+(?:for|on)\s+$", re.IGNORECASE)


def _predicates(a: str, b: str, name_of: Callable[[str], str | None]) -> tuple[str, str]:
    """Two titles without the subject name they both open with: the same company doing two
    things in one month ("Halvard suspended drilling" / "Halvard agreed to sell a stake") is
    two events, so only what each title says about it is compared."""
    name = name_of(a)
    if name and name == name_of(b) and a.startswith(name) and b.startswith(name):
        return a[len(name) :], b[len(name) :]
    return a, b


# Words any two reports may share: they tie no two happenings together.
_UNTELLING_WORDS = frozenset(
    _SPEECH_WORDS
    | AUXILIARIES
    | MODALS
    | CALENDAR_WORDS
    | TRIGGER_FUNCTION_WORDS
    | DEFINITE_DETERMINERS
    | CLAUSE_OPENERS
    | OBJECT_STOPS
    | {"that", "with", "this", "their", "there", "also", "some", "more", "than", "about", "when"}
)


def _nothing_in_common(event: ExtractedEvent, other: ExtractedEvent) -> bool:
    """Rule "nothing in common": two sentences of one day that share no content word tell two
    happenings, even when one names no actor ("A flood warning was issued for three valleys
    on Saturday" / "Orbis Space launched the probe on Saturday"). A sentence naming no actor
    that tells the day again shares a word with the first telling ("The launch was watched by
    thousands on Saturday")."""
    return not (_content_stems(event.evidence) & _content_stems(other.evidence))


@lru_cache(maxsize=4096)
def _content_stems(sentence: str) -> frozenset[str]:
    """Cached: each sentence of a day is compared with every other of that day."""
    return frozenset(
        {
            word.lower()[:_STEM_LENGTH]
            for word in _CONTENT_WORD.findall(sentence)
            if word.lower() not in _UNTELLING_WORDS
        }
    )


def _names_a_happening(name: str) -> bool:
    """Rule "a resolved reference is no actor": a subject like "The announcement", resolved
    by the title builder to "Halden Oil's announcement", is the happening told before, not a
    second actor ("The announcement was made early Friday" after "Halden Oil said on Friday it
    will close the plant")."""
    words = _NAME_WORD.findall(name.lower())
    return bool(words) and words[-1] in ANAPHORIC_EVENT_NOUNS


def _shares_word(a: str, b: str) -> bool:
    """Whether two names share a word. Rule "letters are not words": the pieces of an
    abbreviation or a possessive ("U.S.", "Council's") tie no two names together."""
    return bool(_name_words(a) & _name_words(b))


_NAME_WORD = re.compile(r"[a-z]{2,}")


def _name_words(name: str) -> set[str]:
    return set(_NAME_WORD.findall(name.lower()))
