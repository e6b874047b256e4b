"""Finding feed URLs advertised by an HTML page, so users can add a site by its home page."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.etree
import lxml.html

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)


def discover_feed_urls(html: bytes, base_url: str) -> list[str]:
    """Feed hrefs from ``<link rel="alternate" type=...>``, absolutized, deduplicated, in order."""
    if not html.strip():
        return []
    try:
        doc = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    base_hrefs = doc.xpath("//base/@href")
    base = urljoin(base_url, base_hrefs[0].strip()) if base_hrefs else base_url
    found: list[str] = []
    for link in doc.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        mime = (link.get("type") or "").split(";", 1)[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rels and mime in FEED_TYPES and href:
            url = urljoin(base, href)
            if url.lower().startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found
