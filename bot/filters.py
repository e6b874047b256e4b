"""Subscription filters: plain keywords (case-insensitive words) or `/regex/` patterns.

Patterns come from users, so they run with the `regex` module's timeout: a pathological
pattern fails to match instead of freezing the bot.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

REGEX_TIMEOUT_SECONDS = 0.05
MAX_PATTERN_LENGTH = 200


class FilterError(ValueError):
    """A keyword the user gave cannot be used; the message is one line."""


def is_pattern(keyword: str) -> bool:
    return len(keyword) >= 2 and keyword.startswith("/") and keyword.endswith("/")


def validate_keywords(keywords: Sequence[str]) -> list[str]:
    """Clean and check keywords before they are stored, so a bad one is refused up front."""
    cleaned: list[str] = []
    for raw in keywords:
        keyword = raw.strip()
        if not keyword:
            continue
        if is_pattern(keyword):
            body = keyword[1:-1]
            if len(body) > MAX_PATTERN_LENGTH:
                raise FilterError(f"pattern {keyword[:30]}… is longer than {MAX_PATTERN_LENGTH}")
            try:
                regex.compile(body, regex.IGNORECASE)
            except regex.error as exc:
                raise FilterError(
                    f"pattern {keyword} is not a valid regular expression: {exc}"
                ) from None
        cleaned.append(keyword)
    return cleaned


def parse_keyword_list(text: str | None) -> list[str]:
    """`"nickel, cobalt, /rare\\s+earth/"` → three keywords (commas inside /…/ are kept)."""
    if not text:
        return []
    parts: list[str] = []
    current = ""
    in_pattern = False
    for char in text:
        if char == "/" and (not current.strip() or in_pattern):
            in_pattern = not in_pattern
        if char == "," and not in_pattern:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return validate_keywords(parts)


def matches(keywords: Sequence[str], text: str) -> bool:
    """True when there is no filter or any keyword matches the text."""
    if not keywords:
        return True
    lowered = text.lower()
    for keyword in keywords:
        if is_pattern(keyword):
            try:
                if regex.search(
                    keyword[1:-1], text, regex.IGNORECASE, timeout=REGEX_TIMEOUT_SECONDS
                ):
                    return True
            except (TimeoutError, regex.error):
                continue
        elif keyword.lower() in lowered:
            return True
    return False
