"""OPML in and out: the feed-list format feed readers and other bots exchange.

Imported files are untrusted XML, so they are parsed with defusedxml (no DTDs, no entity
expansion, no network); exported files are built with the stdlib, which is safe for writing.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import Source
from bot.ingest.netguard import WEB_SCHEMES, check_url_syntax, normalise_url

MAX_OPML_BYTES = 5_000_000


class OpmlError(ValueError):
    """The file is not usable OPML; the message is one line."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    site_url: str | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: list[str]
    skipped: list[str]  # already sources
    invalid: list[str]  # "url: reason"


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an `xmlUrl`, at any depth (folders are flattened), first one wins."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"OPML file larger than {MAX_OPML_BYTES} bytes")
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise OpmlError(f"not valid OPML: {exc}") from None
    if root.tag != "opml":
        raise OpmlError(f"not OPML: the root element is <{root.tag}>, expected <opml>")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url or url in feeds:
            continue
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        site = (outline.get("htmlUrl") or "").strip() or None
        feeds[url] = OpmlFeed(url=url, title=title, site_url=site)
    return list(feeds.values())


def build_opml(
    feeds: Sequence[OpmlFeed], *, now: dt.datetime, title: str = "Dateline sources"
) -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


async def export_sources(sessions: async_sessionmaker[AsyncSession], *, now: dt.datetime) -> bytes:
    async with sessions() as session:
        sources = list(await session.scalars(select(Source).order_by(Source.id)))
    return build_opml(
        [OpmlFeed(url=s.url, title=s.name or s.title, site_url=s.site_url) for s in sources],
        now=now,
    )


async def import_sources(
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    data: bytes,
    *,
    interval_minutes: int = 30,
    guild_id: int | None = None,
) -> ImportResult:
    """Store each new feed as a source due now: the scheduler's next round polls it.

    No fetch happens here, so importing hundreds of feeds is instant; a dead feed then shows
    up in the sources' health like any other failing source. The backlog stays silent.
    """
    feeds = parse_opml(data)
    now = clock.now()
    added: list[str] = []
    skipped: list[str] = []
    invalid: list[str] = []
    async with sessions.begin() as session:
        known = set(await session.scalars(select(Source.url)))
        for feed in feeds:
            try:
                url = normalise_url(feed.url)
                check_url_syntax(url)
            except ValueError as exc:
                invalid.append(f"{feed.url}: {exc}")
                continue
            if urlsplit(url).scheme not in WEB_SCHEMES:
                invalid.append(f"{feed.url}: only http(s) feeds can be imported")
                continue
            if url in known:
                skipped.append(url)
                continue
            known.add(url)
            session.add(
                Source(
                    url=url,
                    name=feed.title,
                    site_url=feed.site_url,
                    interval_minutes=interval_minutes,
                    guild_id=guild_id,
                    next_poll_at=now,
                    created_at=now,
                )
            )
            added.append(url)
    return ImportResult(added=added, skipped=skipped, invalid=invalid)
