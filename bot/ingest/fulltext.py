"""Main-text extraction from article pages, for feeds that only carry a teaser."""

from __future__ import annotations

import trafilatura


def extract_main_text(html: bytes, url: str) -> str | None:
    """The article's main text without navigation or comments; None if nothing is found.

    Blocking and CPU-bound: run it in a worker thread.
    """
    if not html.strip():
        return None
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        deduplicate=True,
    )
    return text.strip() or None if text else None
