"""Feed discovery from HTML <link rel="alternate"> tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.discover import discover_feed_urls


def test_fixture_page_lists_its_feeds_in_order(feeds_dir: Path) -> None:
    html = (feeds_dir / "not_a_feed.html").read_bytes()
    assert discover_feed_urls(html, "https://transit.example/home/index.html") == [
        "https://transit.example/news/rss.xml",
        "https://transit.example/news/atom.xml",
        "https://transit.example/home/news/feed.json",
    ]


def test_base_href_type_parameters_case_and_duplicates() -> None:
    html = b"""<html><head>
      <base href="https://cdn.example/site/">
      <link rel="Alternate" type="Application/RSS+XML; charset=utf-8" href="rss.xml">
      <link rel="alternate feed" type="application/json" href="/feed.json">
      <link rel="alternate" type="application/rss+xml" href="rss.xml">
      <link rel="alternate" type="text/html" href="/other">
      <link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
      <link rel="alternate" type="application/atom+xml">
      <link rel="alternate" type="application/atom+xml" href="javascript:void(0)">
    </head><body></body></html>"""
    assert discover_feed_urls(html, "https://www.example/") == [
        "https://cdn.example/site/rss.xml",
        "https://cdn.example/feed.json",
    ]


def test_links_in_body_count_too() -> None:
    html = (
        b'<body><link rel="alternate" type="application/atom+xml" href="//feeds.example/a"></body>'
    )
    assert discover_feed_urls(html, "https://site.example/") == ["https://feeds.example/a"]


@pytest.mark.parametrize(
    "html", [b"", b"   ", b"\x00\x01\x02", b"<html><head></head></html>", b"{}", b"<rss/>"]
)
def test_nothing_found(html: bytes) -> None:
    assert discover_feed_urls(html, "https://site.example/") == []
