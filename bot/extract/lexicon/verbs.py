"""Verb forms: modals and auxiliaries, speech verbs, present and irregular past forms, and the
-ed words that are not past verbs."""

from __future__ import annotations

# Present-tense verbs that describe a scheduled event when attached to a weekday
# ("reports earnings Thursday"); they are weak future cues, overridden by past cues nearby.
PRESENT_SCHEDULE_VERBS = frozenset(
    {
        "begins",
        "starts",
        "opens",
        "reopens",
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
        # fixtures: "Arden plays Vell on Saturday", "the Lions host the Hawks on Sunday"
        "plays",
        "welcomes",
        "entertains",
        "tackles",
        # plural subjects: "pre-orders open Friday", "the phones go on sale Saturday"
        "host",
        "play",
        "visit",
        "welcome",
        "entertain",
        "tackle",
        "travel",
        "open",
        "go",
        "begin",
        "start",
        "close",
        "resume",
        # "schools reopen Monday after the storm", "the first ships arrive Friday"
        "reopen",
        "arrive",
        "debut",
        # broadcasts: "the final airs Sunday"
        "airs",
    }
)

# Irregular past forms; regular ones are recognised by their -ed ending.
IRREGULAR_PAST = frozenset(
    {
        # regular, but too short for the -ed rule (which skips "bed", "shed", "need")
        "died",
        "sued",
        "tied",
        "owed",
        "axed",
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
        # plural forms of the intent verbs ("miners plan to return"); after a determiner or a
        # possessive they are nouns ("a plan to", "the company's plan")
        "plan",
        "expect",
        "aim",
        "want",
        "hope",
        "intend",
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


PERFECT_AUXILIARIES = frozenset({"has", "have", "had"})


# Irregular forms that are also the present or infinitive ("cut", "set"): past only when not
# after "to" or a modal.
AMBIGUOUS_PAST = frozenset(
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
        "beat",  # "who beat City 2-1 on Sunday"
    }
)


PASSIVE_INFINITIVE = frozenset({"be", "being"})


# Irregular participles in -en/-n and a few others: after "has"/"have" they make a perfect
# ("has risen", "have fallen"), not a present "has".
IRREGULAR_PARTICIPLES = frozenset(
    {
        "risen",
        "arisen",
        "begun",
        "fallen",
        "grown",
        "shown",
        "taken",
        "given",
        "driven",
        "written",
        "spoken",
        "chosen",
        "frozen",
        "stolen",
        "broken",
        "beaten",
        "seen",
        "done",
        "gone",
        "known",
        "flown",
        "drawn",
        "thrown",
        "sworn",
        "shaken",
        "withdrawn",
        "overtaken",
        "undertaken",
        "forgotten",
        "gotten",
        "proven",
        "sunk",
        "shrunk",
    }
)


ANNOUNCE_VERBS = frozenset(
    {"announced", "announces", "confirmed", "confirms", "unveiled", "revealed"}
)


# "according to a statement issued by the ministry on Monday": the participle that dates a
# document (the day the document came out is its own event)
DOCUMENT_PARTICIPLES = frozenset(
    {"issued", "released", "published", "posted", "filed", "circulated", "distributed", "sent"}
)
