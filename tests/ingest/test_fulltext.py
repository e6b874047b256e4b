"""Main-text extraction from an article page."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.fulltext import extract_main_text

URL = "https://transit.example/news/tram-line-4"


def test_article_text_without_boilerplate_or_comments(feeds_dir: Path) -> None:
    text = extract_main_text((feeds_dir / "article.html").read_bytes(), URL)
    assert text is not None
    assert "opens to passengers on April 14, 2025" in text
    assert "approved the final budget on February 3" in text
    assert "goes on sale on May 1" in text
    assert "I have waited for this line" not in text  # comments
    assert "Cookie settings" not in text  # footer
    assert "Tickets" not in text  # navigation
    paragraphs = [line for line in text.splitlines() if line.strip()]
    assert len(paragraphs) >= 4


@pytest.mark.parametrize(
    "html",
    [
        b"",
        b"   ",
        b"<html><body></body></html>",
        b"<html><head><script>var a = 1;</script></head><body></body></html>",
    ],
)
def test_nothing_to_extract(html: bytes) -> None:
    assert extract_main_text(html, URL) is None
