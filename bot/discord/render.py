"""Timeline rows → Discord message dicts (`{"content", "embeds"}`), always within Discord's limits.

Pure (no network, no clock, no database): renderers take plain values, so the tests check the
limits without a server, and the outbox's deciders can render without loading discord.py;
`bot/discord/messages.py` turns a finished dict into discord.py objects. Text from feeds is
never trusted: mass and role mentions are broken with a zero-width space here, while the
client's `allowed_mentions` stays the real guard against pings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from bot.dates import DEFAULT_LANGUAGE, date_text
from bot.render import sources_phrase
from bot.timeline import EventDetail, EventRow, Page, SourceArticle

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_COUNT_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT_LIMIT = 2000
CHOICE_NAME_LIMIT = 100

ELLIPSIS = "…"
ZERO_WIDTH_SPACE = "\u200b"
ALERT_COLOUR = 0x2B6CB0
ARTICLES_IN_ALERT = 5

Embed = dict[str, Any]
Message = dict[str, Any]


class SourceView(Protocol):
    """What the renderer reads of a source (a `bot.db.models.Source` is one)."""

    @property
    def id(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def interval_minutes(self) -> int: ...
    @property
    def gone(self) -> bool: ...
    @property
    def consecutive_errors(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def last_status(self) -> int | None: ...
    @property
    def last_polled_at(self) -> dt.datetime | None: ...
    @property
    def next_poll_at(self) -> dt.datetime: ...
    @property
    def from_config(self) -> bool: ...


class SubscriptionView(Protocol):
    """What the renderer reads of a subscription (a `bot.db.models.Subscription` is one)."""

    @property
    def channel_id(self) -> int: ...
    @property
    def keywords(self) -> list[str]: ...
    @property
    def role_id(self) -> int | None: ...
    @property
    def remind_hours(self) -> int | None: ...
    @property
    def from_config(self) -> bool: ...
    @property
    def paused(self) -> bool: ...
    @property
    def paused_reason(self) -> str | None: ...
    @property
    def per(self) -> str: ...
    @property
    def only(self) -> str: ...
    @property
    def min_confidence(self) -> float | None: ...
    @property
    def hourly_cap(self) -> int | None: ...
    @property
    def template(self) -> str | None: ...
    @property
    def target(self) -> str: ...
    @property
    def webhook_id(self) -> int | None: ...
    @property
    def webhook_name(self) -> str | None: ...


class PollView(Protocol):
    """What the renderer reads of a first poll (a `bot.ingest.pipeline.PollReport` is one)."""

    @property
    def error(self) -> str | None: ...
    @property
    def entries(self) -> int: ...
    @property
    def new_articles(self) -> int: ...
    @property
    def new_event_ids(self) -> list[int]: ...
    @property
    def alerts_enabled(self) -> bool: ...


def neutralise_mentions(text: str) -> str:
    """`@everyone`, `@here`, `<@id>`, `<@&role>` stop being mentions even if parsing were on."""
    return (
        text.replace("@everyone", f"@{ZERO_WIDTH_SPACE}everyone")
        .replace("@here", f"@{ZERO_WIDTH_SPACE}here")
        .replace("<@", f"<@{ZERO_WIDTH_SPACE}")
    )


def cut(text: str, limit: int, link: str | None = None) -> str:
    """`text` if it fits, else its start + "…" and (when there is room) a link to the rest."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    suffix = ELLIPSIS
    if link:
        linked = f"{ELLIPSIS} [more]({_safe_url(link)})"
        if len(linked) <= limit // 2:
            suffix = linked
    return text[: max(0, limit - len(suffix))].rstrip() + suffix


def _safe_url(url: str) -> str:
    return url.replace(" ", "%20").replace(")", "%29")


def markdown_link(text: str, url: str | None) -> str:
    """`[text](url)` with brackets in the text escaped; plain text without a usable URL."""
    label = text.replace("[", "(").replace("]", ")")
    if url and url.startswith(("http://", "https://")):
        return f"[{label}]({_safe_url(url)})"
    return label


def discord_date(row: EventRow, language: str = DEFAULT_LANGUAGE) -> str:
    """A day event is a date, not an instant: written out ("Tuesday 9 December 2025") so every
    reader sees the same day whatever their zone; month events as "March 2025"."""
    return date_text(row.date, row.granularity, language)


def relative_time(moment: dt.datetime | None, style: str = "R") -> str:
    return "never" if moment is None else f"<t:{int(moment.timestamp())}:{style}>"


# -- limits --------------------------------------------------------------------------------------


def embed_size(embed: Embed) -> int:
    """What Discord counts towards the 6000 characters of a message's embeds."""
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += sum(
        len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields", [])
    )
    size += len((embed.get("footer") or {}).get("text") or "")
    size += len((embed.get("author") or {}).get("name") or "")
    return size


def fit_embed(embed: Embed, budget: int = EMBED_TOTAL_LIMIT) -> Embed:
    """A copy of `embed` within every per-part limit and within `budget` characters in total.

    Over budget, the description shrinks first (it links to the rest), then trailing fields go.
    """
    link = embed.get("url")
    fitted: Embed = dict(embed)
    if "title" in fitted:
        fitted["title"] = cut(fitted["title"], TITLE_LIMIT)
    if "description" in fitted:
        fitted["description"] = cut(fitted["description"], DESCRIPTION_LIMIT, link)
    if "fields" in fitted:
        fitted["fields"] = [
            {
                **f,
                "name": cut(f.get("name") or "", FIELD_NAME_LIMIT) or ZERO_WIDTH_SPACE,
                "value": cut(f.get("value") or "", FIELD_VALUE_LIMIT, link) or ZERO_WIDTH_SPACE,
            }
            for f in fitted["fields"][:FIELD_COUNT_LIMIT]
        ]
    if "footer" in fitted:
        fitted["footer"] = {**fitted["footer"], "text": cut(fitted["footer"]["text"], FOOTER_LIMIT)}
    if "author" in fitted:
        fitted["author"] = {**fitted["author"], "name": cut(fitted["author"]["name"], AUTHOR_LIMIT)}
    excess = embed_size(fitted) - budget
    if excess > 0 and fitted.get("description"):
        keep = max(0, len(fitted["description"]) - excess)
        fitted["description"] = cut(fitted["description"], keep, link)
        excess = embed_size(fitted) - budget
    while excess > 0 and fitted.get("fields"):
        fitted["fields"] = fitted["fields"][:-1]
        excess = embed_size(fitted) - budget
    for part in ("footer", "author"):
        if excess > 0 and part in fitted:
            key = "text" if part == "footer" else "name"
            text = fitted[part][key]
            fitted[part] = {**fitted[part], key: cut(text, max(0, len(text) - excess))}
            excess = embed_size(fitted) - budget
    if excess > 0 and fitted.get("title"):
        fitted["title"] = cut(fitted["title"], max(1, len(fitted["title"]) - excess))
    return fitted


def fit_message(message: Message) -> Message:
    """Content ≤ 2000, ≤ 10 embeds, their sum ≤ 6000: long text is cut, never rejected."""
    fitted: Message = dict(message)
    if fitted.get("content"):
        fitted["content"] = cut(fitted["content"], CONTENT_LIMIT)
    budget = EMBED_TOTAL_LIMIT
    embeds: list[Embed] = []
    for embed in (message.get("embeds") or [])[:EMBEDS_PER_MESSAGE]:
        if budget <= 0:
            break
        shrunk = fit_embed(embed, budget)
        budget -= embed_size(shrunk)
        embeds.append(shrunk)
    fitted["embeds"] = embeds
    return fitted


def article_line(article: SourceArticle) -> str:
    """`[article title](link) — source name`."""
    title = markdown_link(neutralise_mentions(article.title), article.url)
    return f"{title} — {neutralise_mentions(article.source_name)}"


# -- alerts --------------------------------------------------------------------------------------


def alert_embed(
    detail: EventDetail, *, updated: bool = False, language: str = DEFAULT_LANGUAGE
) -> Embed:
    """A new (or newly corroborated) event: title, date, summary, source links, source count."""
    row = detail.event
    linked = [a for a in detail.articles if a.url and a.url.startswith(("http://", "https://"))]
    sources = [article_line(a) for a in detail.articles[:ARTICLES_IN_ALERT]]
    footer = f"reported by {sources_phrase(row.source_count)} · event #{row.id}"
    if updated:
        footer += " · updated"
    embed: Embed = {
        "title": neutralise_mentions(row.title),
        "description": f"**{discord_date(row, language)}**\n"
        f"{neutralise_mentions(row.summary)}".strip(),
        "color": ALERT_COLOUR,
        "fields": [{"name": "Source", "value": "\n".join(sources)}] if sources else [],
        "footer": {"text": footer},
    }
    if linked:
        embed["url"] = linked[0].url
    return fit_embed(embed)


def paused_notice(channel_id: int, reason: str) -> Message:
    """Told to a server's admins once, when a subscription's channel refuses our posts."""
    return fit_message(
        {
            "content": (
                f"Dateline paused alerts for <#{channel_id}>: {reason}. Give the bot View Channel, "
                "Send Messages and Embed Links there, then run /subscribe for that channel again."
            )
        }
    )


# -- answers to commands -------------------------------------------------------------------------


def event_line(row: EventRow, language: str = DEFAULT_LANGUAGE) -> str:
    return (
        f"{discord_date(row, language)} · **{neutralise_mentions(row.title)}** · "
        f"#{row.id} · {sources_phrase(row.source_count)}"
    )


def timeline_page(page: Page, heading: str, language: str = DEFAULT_LANGUAGE) -> Message:
    lines = [event_line(row, language) for row in page.items]
    more = "+" if page.total_capped else ""
    footer = f"page {page.page} of {page.pages:,}{more} · {page.total:,}{more} events"
    embed = {"title": heading, "description": "\n".join(lines), "footer": {"text": footer}}
    return fit_message({"embeds": [embed]})


def upcoming_list(
    rows: Sequence[EventRow], days: int, today: dt.date, language: str = DEFAULT_LANGUAGE
) -> Message:
    heading = f"Upcoming: the next {days} days from {today.isoformat()}"
    if not rows:
        return {"content": f"Nothing on the timeline in the next {days} days."}
    embed = {
        "title": heading,
        "description": "\n".join(event_line(row, language) for row in rows),
        "footer": {"text": f"{len(rows)} events"},
    }
    return fit_message({"embeds": [embed]})


def event_detail(detail: EventDetail, language: str = DEFAULT_LANGUAGE) -> Message:
    """One event in full: date, summary, confidence, first seen, every source article."""
    row = detail.event
    article_lines = [article_line(a) for a in detail.articles]
    fields = [
        {"name": "Date", "value": discord_date(row, language), "inline": True},
        {"name": "Confidence", "value": f"{row.confidence:.2f}", "inline": True},
        {"name": "First seen", "value": relative_time(row.first_seen_at, "f"), "inline": True},
    ]
    chunk: list[str] = []
    for line in article_lines:
        if chunk and len("\n".join([*chunk, line])) > FIELD_VALUE_LIMIT:
            fields.append({"name": "Sources", "value": "\n".join(chunk)})
            chunk = []
        chunk.append(line)
    if chunk:
        fields.append({"name": "Sources", "value": "\n".join(chunk)})
    embed = {
        "title": neutralise_mentions(row.title),
        "description": neutralise_mentions(row.summary),
        "fields": fields,
        "footer": {"text": f"event #{row.id} · reported by {sources_phrase(row.source_count)}"},
    }
    return fit_message({"embeds": [embed]})


def event_choice_name(row: EventRow) -> str:
    """An autocomplete label (≤ 100 characters): date key and title."""
    return cut(f"{row.date_key} · {row.title}", CHOICE_NAME_LIMIT)


def source_health(source: SourceView) -> str:
    if source.gone:
        return "gone (HTTP 410): no more polls"
    if source.consecutive_errors:
        return f"{source.consecutive_errors} consecutive errors"
    return "ok" if source.last_polled_at else "not polled yet"


def source_list(sources: Sequence[SourceView]) -> Message:
    if not sources:
        return {"content": "No sources yet; add one with /source add."}
    lines = [
        f"#{s.id} **{neutralise_mentions(s.display_name)}** · every {s.interval_minutes} min · "
        f"{source_health(s)}"
        for s in sources
    ]
    embed = {
        "title": "Sources",
        "description": "\n".join(lines),
        "footer": {"text": f"{len(sources)} sources"},
    }
    return fit_message({"embeds": [embed]})


def source_status(source: SourceView) -> Message:
    """Everything about one source's health, for `/source status`."""
    fields = [
        {"name": "URL", "value": source.url},
        {"name": "Last poll", "value": relative_time(source.last_polled_at), "inline": True},
        {"name": "HTTP status", "value": str(source.last_status or "-"), "inline": True},
        {
            "name": "Consecutive errors",
            "value": str(source.consecutive_errors),
            "inline": True,
        },
        {"name": "Last error", "value": neutralise_mentions(source.last_error or "none")},
        {
            "name": "Next poll",
            "value": "never (gone)" if source.gone else relative_time(source.next_poll_at),
            "inline": True,
        },
        {"name": "Interval", "value": f"{source.interval_minutes} min", "inline": True},
    ]
    embed = {
        "title": neutralise_mentions(source.display_name),
        "description": source_health(source),
        "fields": fields,
        "footer": {
            "text": f"source #{source.id}"
            + (" · from the config file" if source.from_config else "")
        },
    }
    return fit_message({"embeds": [embed]})


def subscription_line(subscription: SubscriptionView) -> str:
    parts = [f"<#{subscription.channel_id}>"]
    if subscription.keywords:
        parts.append("keywords: " + ", ".join(f"`{k}`" for k in subscription.keywords))
    else:
        parts.append("every new event")
    if subscription.role_id:
        parts.append(f"pings <@&{subscription.role_id}>")
    if subscription.remind_hours:
        parts.append(f"reminders {subscription.remind_hours} h before")
    if subscription.per == "event":
        parts.append("one message per event")
    if subscription.only == "upcoming":
        parts.append("upcoming events only")
    if subscription.min_confidence is not None:
        parts.append(f"confidence ≥ {subscription.min_confidence:.2f}")
    if subscription.hourly_cap is not None:
        parts.append(f"at most {subscription.hourly_cap} alerts an hour, then a summary")
    if subscription.template:
        parts.append("own template")
    if subscription.target == "forum":
        parts.append("one forum post per alert")
    if subscription.webhook_id is not None:
        parts.append(f"posted as “{neutralise_mentions(subscription.webhook_name or 'Dateline')}”")
    if subscription.from_config:
        parts.append("from the config file")
    if subscription.paused:
        parts.append(f"**paused**: {subscription.paused_reason or 'no reason given'}")
    return " · ".join(parts)


def subscription_list(subscriptions: Sequence[SubscriptionView]) -> Message:
    if not subscriptions:
        return {"content": "No alert subscriptions yet; add one with /subscribe."}
    embed = {
        "title": "Alert subscriptions",
        "description": "\n".join(subscription_line(s) for s in subscriptions),
    }
    return fit_message({"embeds": [embed]})


def source_added(source: SourceView, report: PollView) -> str:
    """What `/source add` found on its first poll, or why that poll failed."""
    name = neutralise_mentions(source.display_name)
    head = f"Added source #{source.id} **{name}** (<{source.url}>), polled every "
    head += f"{source.interval_minutes} min."
    if report.error:
        return cut(
            f"{head} Its first poll failed: {report.error}; it will be retried.", CONTENT_LIMIT
        )
    events = len(report.new_event_ids)
    return cut(
        f"{head} First poll: {report.entries} entries, {report.new_articles} articles, "
        f"{events} new events"
        + ("." if report.alerts_enabled else " (stored without alerts; later news alerts)."),
        CONTENT_LIMIT,
    )
