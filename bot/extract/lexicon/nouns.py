"""Nouns and pronouns the title builder resolves: event nouns that refer back, pronouns, generic
subject nouns ("the company"), institution nouns ("the ministry"), nationality adjectives."""

from __future__ import annotations

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

# Storms are named too: "the hurricane" is the "Hurricane Floyd" named before, like an institution.
STORM_NOUNS = frozenset({"hurricane", "storm", "cyclone", "typhoon", "tornado"})
GENERIC_SUBJECT_NOUNS = GENERIC_SUBJECT_NOUNS | STORM_NOUNS

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
    | STORM_NOUNS
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


PERSON_TITLES = frozenset(
    {
        "governor",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "ceo",
        "president",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "secretary",
        "executive",
        "leader",
        "analyst",
        "official",
        "mr",
        "ms",
        "mrs",
        "dr",
    }
)


EVENT_NOUNS = frozenset(
    {
        "meeting",
        "conference",
        "summit",
        "event",
        "session",
        "hearing",
        "vote",
        "election",
        "launch",
        "deadline",
        "announcement",
        "statement",
        "call",
        "speech",
        "visit",
        "talks",
        "auction",
        "ceremony",
        "release",
        "debate",
        "strike",
        "rally",
        "sale",
        "shutdown",
    }
)


VENUE_NOUNS = frozenset(
    {"speech", "meeting", "conference", "briefing", "interview", "hearing", "call", "parliament"}
)


LEGAL_FORMS = frozenset({"inc", "corp", "ltd", "llc", "plc", "co", "ag", "sa", "nv"})


# Words that follow a weekday in the name of a paper, a show or a place ("The Sunday Times",
# "WCCO Sunday Morning", "Monday Night Football", "Friday Harbor"): such a weekday is no day.
WEEKDAY_NAME_WORDS = frozenset(
    {
        "times",
        "telegraph",
        "chronicle",
        "gazette",
        "standard",
        "guardian",
        "news",
        "sport",
        "post",
        "herald",
        "mail",
        "express",
        "mirror",
        "star",
        "tribune",
        "independent",
        "observer",
        "journal",
        "review",
        "magazine",
        "edition",
        "show",
        "morning",
        "afternoon",
        "evening",
        "night",
        "live",
        "football",
        "harbor",
        "harbour",
    }
)


# "media reports on Monday", "news reports on Tuesday": who reported, so "reports" is a noun
NEWS_SOURCES = frozenset(
    {"media", "news", "press", "newspaper", "newspapers", "television", "tv", "radio", "wire"}
)


# Bodies headlines name by their short form: a title has 100 characters, and readers (and
# searches) know "FDA" better than "Food and Drug Administration". Only short forms that are
# no part of their long form ("EU" is inside "European Union": a search finds either).
HEADLINE_SHORT_NAMES = {
    "Food and Drug Administration": "FDA",
    "General Motors": "GM",
    "Organization of Petroleum Exporting Countries": "OPEC",
    "Organization of the Petroleum Exporting Countries": "OPEC",
    "Organisation of the Petroleum Exporting Countries": "OPEC",
    "Organisation of Petroleum Exporting Countries": "OPEC",
    "National Aeronautics and Space Administration": "NASA",
    "U.S. space agency": "NASA",  # the wire description that names one body
    "Securities and Exchange Commission": "SEC",
    "International Monetary Fund": "IMF",
}
