"""Value types of the extraction engine: what callers get and what the tagger finds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Granularity = Literal["day", "month"]


@dataclass(frozen=True, slots=True)
class ExtractedEvent:
    """One dated event reported by an article; the unit stored in the timeline."""

    date: str
    granularity: Granularity
    title: str
    evidence: str
    start: int
    end: int
    confidence: float
    # The date this event was moved from ("pushed back to October 8 from September 24"), in the
    # same form as `date`: the store moves the known event at that date instead of adding one.
    replaces: str | None = None
    # A cancellation ("the June 5 rally was called off"): never a new event; the store marks the
    # known event at `date` cancelled.
    cancelled: bool = False

    @property
    def first_day(self) -> dt.date:
        """Day used for sorting and calendar export: the day itself or the 1st of the month."""
        if self.granularity == "month":
            return dt.date.fromisoformat(self.date + "-01")
        return dt.date.fromisoformat(self.date)


@dataclass(frozen=True, slots=True)
class MentionReport:
    """A temporal mention and the decision taken on it, for the debugging surface."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None
    accepted: bool
    reason: str


MentionKind = Literal[
    "full",  # calendar date with month and day (year optional)
    "month",  # a calendar month (year optional)
    "weekday",
    "month_day",  # "on the 22nd": a day of the month around publication
    "relative_day",  # today / yesterday / tomorrow / N days ago
    "anchored_day",  # the day before / the following day: relative to the previous date
    "relative_month",  # this / last / next month
    "holiday",  # a named day (Labor Day, Christmas Eve), year optional
    "nondate",  # something that looks temporal but is not a date (reason says why)
]


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate found by the tagger, before resolution against the publication date."""

    start: int
    end: int
    text: str
    kind: MentionKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0  # days (relative_day, anchored_day) or months (relative_month)
    modifier: str | None = None  # last / next / this / early / mid / late / end
    range_end: str | None = None  # the last day of a range as written ("14", "March 2")
    reject_reason: str | None = None  # set for nondate and for non-labelled periods
    holiday: str | None = None  # key of lexicon.HOLIDAYS
