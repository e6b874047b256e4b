"""Function words: articles, determiners, prepositions, conjunctions, relative words and
adverbs that open, continue or end clauses, and the abbreviations that end with a dot."""

from __future__ import annotations

TENSE_CLAUSE_OPENERS = frozenset({"that", "it", "to", "which", "who", "and"})


# "another cut", "a hit": after a determiner the ambiguous form is a noun, not a past verb.
DETERMINERS = frozenset({"a", "an", "another", "the", "its", "their", "further", "any", "no"})


QUANTITIES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


ARTICLES = frozenset({"the", "a", "an"})


ASIDE_STARTS = frozenset(
    {
        "presumably",
        "including",
        "namely",
        "reportedly",
        "such",
        "like",
        "e.g.",
        "i.e.",
        "formerly",
        "previously",
        "also",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "near",
        "outside",
    }
)


# Non-restrictive relative clauses (", which took effect in May,") are dropped like asides
# unless the date sits inside them.
RELATIVE_PRONOUNS = frozenset({"which", "who", "whose", "whom"})


OBJECT_STOPS = frozenset(
    {
        "which",
        "while",
        "but",
        "although",
        "though",
        "whereas",
        "because",
        "as",
        "after",
        "before",
        "when",
        "where",
        "amid",
        "despite",
        "citing",
        "according",
        "so",
        "if",
        "unless",
        "whose",
        "who",
    }
)


LEADING_ADVERBS = frozenset(
    {
        "also",
        "finally",
        "now",
        "already",
        "officially",
        "formally",
        "previously",
        "recently",
        "unanimously",
        "today",
        "still",
        "then",
    }
)


CLAUSE_OPENERS = frozenset(
    {
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "which",
        "who",
        "according",
        "citing",
        "saying",
        "and",
        "but",
        "its",
        "their",
    }
)


APPOSITIVE_ARTICLES = frozenset({"a", "an"})

# Connectives that open a sentence before a comma and are never a name ("However, the ...").
CONNECTIVES = frozenset(
    {
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "nevertheless",
        "nonetheless",
        "still",
        "instead",
        "indeed",
        "thus",
        "therefore",
        "yet",
        "then",
        "now",
        "today",
        "earlier",
        "later",
        "also",
        "besides",
        "overall",
    }
)


DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})


# Plural nouns that open news sentences capitalised without being names ("Shares of Acme fell").
# Capitalised at a sentence's start, never a name on their own ("No injuries", "Federal
# regulators", "Many analysts").
NOT_NAME_OPENERS = frozenset(
    {
        "no",
        "some",
        "many",
        "several",
        "most",
        "all",
        "few",
        "both",
        "each",
        "every",
        "any",
        "other",
        "federal",
        "state",
        "local",
        "national",
        "regional",
    }
)

COMMON_SENTENCE_OPENERS = frozenset(
    {
        "shares",
        "analysts",
        "investors",
        "officials",
        "sales",
        "prices",
        "exports",
        "imports",
        "output",
        "production",
        "revenue",
        "profit",
        "traders",
        "workers",
        "residents",
        "police",
        "authorities",
        "lawmakers",
        "regulators",
        "stocks",
        "markets",
        "economists",
        "executives",
        "customers",
        "consumers",
        "employees",
        "sources",
        "experts",
        "critics",
        "supporters",
    }
)


DANGLING_WORDS = frozenset(
    {
        "of",
        "for",
        "and",
        "to",
        "in",
        "on",
        "at",
        "with",
        "by",
        "from",
        "or",
        "as",
        "its",
        "their",
        "his",
        "her",
        "that",
        "up",
        "into",
        "than",
        "about",
        "over",
    }
)


TIME_PREPOSITIONS = frozenset(
    {
        "on",
        "at",
        "in",
        "from",
        "by",
        "since",
        "starting",
        "effective",
        "until",
        "of",
        "as",
        "for",
        "during",
        "before",
        "after",
        "around",
    }
)


REPORTED_CLAUSE_OPENERS = frozenset({"that", "it", "they", "he", "she", "we"})


# Words a title must not open with: a preposition, conjunction, relative word or participle
# opens a fragment ("with higher rates set to take effect", "having gained 31%", "which ...").
FRAGMENT_OPENERS = frozenset(
    {
        "with",
        "at",
        "in",
        "on",
        "by",
        "for",
        "from",
        "to",
        "of",
        "as",
        "after",
        "before",
        "while",
        "when",
        "which",
        "that",
        "who",
        "whom",
        "whose",
        "where",
        "because",
        "although",
        "though",
        "if",
        "being",
        "having",
        "according",
        "and",
        "but",
        "or",
        "amid",
        "despite",
        "since",
        "until",
        "than",
        "into",
        "over",
        "under",
        "about",
        "between",
        "during",
        "through",
        "without",
        "so",
        "then",
        "also",
        "including",
    }
)


# "We" and "I" are the author (an analyst note, a press release), named by the source itself.
BARE_PRONOUNS = frozenset({"it", "he", "she", "they", "this", "these", "those"})


NOT_EVENT_NOUNS = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "will",
        "would",
        "has",
        "had",
        "have",
        "to",
        "and",
        "or",
        "but",
        "that",
        "which",
        "when",
        "after",
        "before",
        "at",
        "in",
        "on",
        "by",
        "from",
        "with",
        "as",
        "it",
        "the",
        "said",
        "says",
    }
)


# After these, lower-case "may"/"march" is still the month ("in may"), not the verb ("and may");
# not after "this" ("This may cause delays" is the modal).
UNAMBIGUOUS_MONTH_PREPOSITIONS = frozenset(
    {
        "in",
        "since",
        "until",
        "by",
        "from",
        "during",
        "of",
        "last",
        "next",
        "early as",
        "late as",
    }
)


# Function words start a mention only when a calendar word or a number follows ("in June",
# "the day before", "for three days"); peeking at that word skips most of them cheaply.
TRIGGER_FUNCTION_WORDS = frozenset(
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


# Tokens that end with a dot without ending the sentence.
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "sgt",
        "capt",
        "mt",
        "ft",
        "approx",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "e.u",
        "u.n",
        "s.a",
        "n.v",
        "plc",
        "bros",
        "dept",
        "univ",
        "assn",
        "fig",
    }
)
