"""Word lists the tagger, resolver and title builder share.

Kept in one place so that a new spelling ("Sept.") or a new tense cue is a one-line change
and the grammar in tagger.py stays readable.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Abbreviations are only accepted when they are unambiguous as words ("Mar" alone is a name).
MONTH_ABBREVIATIONS = frozenset(k for k in MONTHS if len(k) <= 4 and k not in {"may", "june", "july"})

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
# Short weekday forms only count with their dot ("Wed."), so "We" or "sat" never match.
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Cues that the governing verb points to the future.
FUTURE_CUES = frozenset({
    "will", "'ll", "shall", "scheduled", "set", "due", "expected", "expects", "expect",
    "plans", "plan", "planned", "planning", "upcoming", "next", "starting", "effective",
    "slated", "poised", "aims", "intends", "would", "could", "might", "going",
    "tomorrow", "forthcoming", "begins", "starts", "opens", "ends", "reports", "meets",
    "holds", "kicks", "launches", "releases", "takes", "votes", "resumes", "closes",
    "hosts", "unveils", "announces", "publishes", "goes", "face", "faces", "until",
    "by", "deadline", "later",
})
# Present-tense verbs that describe a scheduled event when attached to a weekday
# ("reports earnings Thursday"); they are weak future cues, overridden by past cues nearby.
PRESENT_SCHEDULE_VERBS = frozenset({
    "begins", "starts", "opens", "ends", "reports", "meets", "holds", "kicks", "launches",
    "releases", "takes", "votes", "resumes", "closes", "hosts", "unveils", "announces",
    "publishes", "goes", "faces", "face", "report", "meet", "vote", "speak", "speaks",
    "testifies", "testify", "travels", "visits", "arrives", "leaves", "debuts", "expires",
})

PAST_CUES = frozenset({
    "was", "were", "had", "did", "ago", "earlier", "last", "previously", "already",
    "yesterday", "said", "told", "announced", "reported", "since", "came", "took", "began",
    "held", "met", "made", "rose", "fell", "cut", "set", "hit", "put", "left", "won",
    "lost", "sold", "bought", "paid", "gave", "went", "saw", "became", "fell", "grew",
    "led", "ran", "brought", "spoke", "wrote", "sent", "struck", "shut", "kept", "found",
    "chose", "drew", "broke", "stood", "sought", "forecast", "imposed", "approved",
})

# Irregular past forms; regular ones are recognised by their -ed ending.
IRREGULAR_PAST = frozenset({
    "said", "told", "came", "took", "began", "held", "met", "made", "rose", "fell", "cut",
    "hit", "put", "left", "won", "lost", "sold", "bought", "paid", "gave", "went", "saw",
    "became", "grew", "led", "ran", "brought", "spoke", "wrote", "sent", "struck", "shut",
    "kept", "found", "chose", "drew", "broke", "stood", "sought", "forecast", "set", "was",
    "were", "had", "did", "got", "spent", "built", "meant", "thought", "understood",
    "withdrew", "undertook", "overtook", "oversaw", "bid", "quit", "shed", "slid", "sank",
    "swung", "flew", "froze", "hung", "knew", "laid", "lent", "sped", "split", "spread",
    "stole", "stuck", "swore", "taught", "threw", "upheld", "woke", "wore", "fought",
})

MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall"})
AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "be", "been", "being"})

# Verbs that only report speech; the event is what was said, not the saying.
ATTRIBUTION_VERBS = frozenset({
    "said", "says", "say", "told", "tells", "announced", "announces", "announce",
    "reported", "reports", "confirmed", "confirms", "stated", "states", "added", "adds",
    "noted", "notes", "disclosed", "revealed", "wrote", "explained", "declared",
    "unveiled", "indicated",
})
# Pure speech verbs: a clause with only these and a date gives the content clause as the event.
SPEECH_VERBS = frozenset({
    "said", "says", "told", "tells", "stated", "added", "adds", "noted", "notes", "wrote",
    "explained", "reported", "confirmed", "announced", "declared",
})

# Common present-tense verbs in news sentences ("Nvidia says", "Lynas expects").
PRESENT_VERBS = frozenset({
    "says", "plans", "expects", "aims", "wants", "needs", "seeks", "hopes", "intends",
    "reports", "announces", "confirms", "launches", "unveils", "falls", "rises", "holds",
    "begins", "starts", "opens", "ends", "meets", "votes", "takes", "makes", "comes",
    "goes", "faces", "cuts", "raises", "signs", "agrees", "buys", "sells", "warns",
    "calls", "follows", "releases", "resumes", "closes", "hosts", "publishes", "kicks",
    "extends", "approves", "rejects", "bans", "imposes", "lifts", "suspends", "halts",
    "shows", "expands", "completes", "acquires", "files", "wins", "loses", "names",
    "appoints", "sets", "is", "are", "has", "have", "testifies", "visits", "arrives",
    "debuts", "expires", "speaks", "travels",
})

# Nouns that refer back to the event reported in the previous sentence ("The move ...").
ANAPHORIC_EVENT_NOUNS = frozenset({
    "announcement", "move", "decision", "deal", "agreement", "cut", "ban", "change",
    "changes", "measure", "step", "plan", "award", "order", "ruling", "vote", "launch",
    "hike", "increase", "reduction", "suspension", "extension", "policy", "rule", "rules",
    "news", "statement", "report", "event", "meeting", "acquisition", "offer", "bid",
})

PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she", "we", "its", "their"})
GENERIC_SUBJECT_NOUNS = frozenset({
    "company", "firm", "group", "bank", "agency", "ministry", "government", "miner",
    "producer", "maker", "carmaker", "chipmaker", "automaker", "lender", "regulator",
    "authority", "department", "administration", "organisation", "organization", "board",
    "committee", "council", "court", "commission", "insurer", "retailer", "operator",
    "major", "giant", "startup", "exchange", "utility", "central",
})

# Words that make a month figure a background statistic, not a development.
STATISTIC_VERBS = frozenset({
    "stood", "stands", "was", "were", "is", "are", "totaled", "totalled", "totals",
    "reached", "averaged", "amounted", "came", "produced", "output", "accounted",
    "registered", "recorded", "hit", "rose", "fell", "increased", "decreased", "grew",
    "slowed", "eased", "climbed", "dropped", "declined", "jumped", "edged",
})

HABITUAL_CUES = frozenset({
    "usually", "typically", "normally", "generally", "traditionally", "often",
    "always", "annually", "every", "each", "customarily",
})
BIO_CUES = frozenset({"born", "birthday", "aged", "died aged", "age", "obituary"})
CAPTION_CUES = ("photo:", "photo by", "file photo", "pictured", "(photo", "image:",
                "credit:", "getty images", "(ap photo", "reuters/")
