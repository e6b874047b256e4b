"""Parsing fetched bytes into feed entries with plain-text bodies.

feedparser handles RSS 0.9x/1.0/2.0 and Atom; JSON Feed goes through ``jsonfeed``
(feedparser 6 does not read it). Entry HTML is turned into plain text here, once, so the
event extractor downstream only ever sees text with paragraph breaks.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.etree
import lxml.html

JSON_CONTENT_TYPES = frozenset({"application/feed+json", "application/json"})

# Elements that start a new paragraph (blank line) or a new line.
_PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "figure",
        "hr",
    }
)
_LINE_TAGS = frozenset({"br", "li", "dt", "dd", "tr", "figcaption", "caption"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_SPACES = re.compile(r"[ \t\f\v\r\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BREAKS = re.compile(r"\n{3,}")
# ANSI escape sequences (CSI "ESC [ … letter", OSC "ESC ] … BEL/ST", two-byte "ESC x") go whole;
# other control characters (C0 but tab and newline, DEL, C1) one by one.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A character reference to a surrogate (&#xD800; &#55296;) makes feedparser's loose parser raise
# for the whole feed; it becomes U+FFFD before parsing, so the item keeps its other text.
_SURROGATE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}"
    rb"|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));"
)
_WHITESPACE = re.compile(r"\s+")
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


class FeedParseError(Exception):
    """The body is not a feed we can read; the message is one line."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item, reduced to what event extraction needs."""

    guid: str | None
    link: str | None
    title: str
    published: datetime | None
    summary_text: str
    content_text: str | None

    def identity(self) -> str:
        """Stable key for de-duplication: guid, else link, else a hash of title and date."""
        if self.guid:
            return self.guid
        if self.link:
            return self.link
        # Without guid, link and date only the text tells two items apart.
        stamp = self.published.isoformat() if self.published else ""
        body = self.content_text or self.summary_text
        key = f"{self.title}\x00{stamp}\x00{body}"
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed; ``kind`` is feedparser's version (``rss20``, ``atom10``...) or ``json*``."""

    title: str | None
    link: str | None
    entries: list[FeedEntry]
    kind: str


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed body (blocking, CPU-bound: run it in a worker thread)."""
    if _looks_like_json(body, content_type):
        from bot.ingest.jsonfeed import parse_json_feed  # jsonfeed builds this module's types

        return parse_json_feed(body, url=url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(_SURROGATE_REFERENCE.sub(b"&#xFFFD;", body), response_headers=headers)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        if _HTML_START.match(body[:1024]):
            reason = "it is an HTML page (its feed may be linked from it)"
        else:
            reason = str(parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed elements")
        raise FeedParseError(f"not a feed: {url}: {one_line(reason)}")
    feed = parsed.feed
    return ParsedFeed(
        title=one_line(clean_text(feed.get("title", ""))) or None,
        link=_web_link(feed.get("link")),
        entries=[e for raw in parsed.entries if (e := _entry_or_none(raw)) is not None],
        kind=version or "unknown",
    )


def _looks_like_json(body: bytes, content_type: str | None) -> bool:
    """The body decides when it can (servers mislabel feeds); the header breaks the tie."""
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"<"):
        return start == b"{"
    return (content_type or "").split(";", 1)[0].strip().lower() in JSON_CONTENT_TYPES


def _entry_or_none(entry: Mapping[str, Any]) -> FeedEntry | None:
    """A bad item costs only itself, never the feed."""
    try:
        return _feedparser_entry(entry)
    except (ValueError, TypeError, OverflowError, AttributeError):
        return None


def _feedparser_entry(entry: Mapping[str, Any]) -> FeedEntry:
    """Map a feedparser entry; feedparser already copies content into an absent summary."""
    title_detail = entry.get("title_detail") or {}
    summary_detail = entry.get("summary_detail") or {"type": "text/html"}
    contents = entry.get("content") or []
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return FeedEntry(
        guid=one_line(entry.get("id") or "")[:2048] or None,
        link=_web_link(entry.get("link")),
        title=one_line(_detail_text(entry.get("title", ""), title_detail.get("type"))),
        published=datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None,
        summary_text=_detail_text(entry.get("summary", ""), summary_detail.get("type")),
        content_text=(
            _detail_text(contents[0].get("value", ""), contents[0].get("type")) or None
            if contents
            else None
        ),
    )


def _detail_text(value: str, mime: str | None) -> str:
    """feedparser marks each text construct as text/plain or (X)HTML."""
    return clean_text(value) if mime == "text/plain" else html_to_text(value)


def _web_link(link: str | None) -> str | None:
    """Only http(s) links are links: feedparser copies Atom ids like ``urn:...`` into ``link``."""
    link = one_line(link or "")
    return link if link.lower().startswith(("http://", "https://")) else None


def safe_text(text: str) -> str:
    """Feed text as it may be stored and shown: escape sequences and control characters other
    than newline and tab removed (a carriage return becomes a newline), lone surrogates
    (which no database or encoder accepts) replaced by U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", _ANSI.sub("", text))
    return _LONE_SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Collapse all whitespace, newlines included: for titles and error messages."""
    return " ".join(safe_text(text).split())


def clean_text(text: str) -> str:
    """Normalize plain text: collapse spaces, strip lines, at most one blank line in a row."""
    lines = (_SPACES.sub(" ", line).strip() for line in safe_text(text).split("\n"))
    return _BREAKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """HTML fragment to plain text: paragraphs become blank lines, ``<br>``/``<li>`` newlines."""
    html = safe_text(html)  # lxml refuses control characters and lone surrogates
    if not html.strip():
        return ""
    if "<" not in html and "&" not in html:
        return clean_text(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_text(html)
    out: list[str] = []
    pending = 0  # strongest break seen since the last text: 0 none, 1 line, 2 paragraph
    for token in _walk(root):
        if isinstance(token, int):
            pending = max(pending, token)
        elif token.strip():
            text = _WHITESPACE.sub(" ", token)
            if pending:
                out.append("\n" * pending if out else "")
                text = text.lstrip()
                pending = 0
            out.append(text)
        elif token and not pending:
            out.append(" ")
    return clean_text("".join(out))


def _walk(element: lxml.html.HtmlElement) -> Iterator[str | int]:
    """Yield text pieces and break levels (1 line, 2 paragraph) in document order."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag and tag not in _SKIP_TAGS:
        level = 2 if tag in _PARAGRAPH_TAGS else 1 if tag in _LINE_TAGS else 0
        yield level
        yield element.text or ""
        for child in element:
            yield from _walk(child)
        if tag != "br":
            yield level
    yield element.tail or ""
