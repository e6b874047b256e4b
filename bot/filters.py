"""Subscription filters: plain keywords (case-insensitive words) or `/regex/` patterns.

A keyword starting with `-` excludes (`-rumour`, `-/price\\s+war/`): an event matching any
exclusion is left out even when an inclusion matches. Patterns come from users, so they run with
the `regex` module's timeout: a pathological pattern fails to match instead of freezing the bot.
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


def is_exclusion(keyword: str) -> bool:
    return keyword.startswith("-")


def validate_keywords(keywords: Sequence[str]) -> list[str]:
    """Clean and check keywords before they are stored, so a bad one is refused up front."""
    cleaned: list[str] = []
    for raw in keywords:
        keyword = raw.strip()
        if not keyword:
            continue
        term = keyword[1:].strip() if is_exclusion(keyword) else keyword
        if not term:
            raise FilterError("'-' must be followed by a word or a /pattern/ to exclude")
        if is_exclusion(keyword):
            keyword = f"-{term}"
        if is_pattern(term):
            body = term[1:-1]
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
        if char == "/" and (current.strip() in ("", "-") or in_pattern):
            in_pattern = not in_pattern
        if char == "," and not in_pattern:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return validate_keywords(parts)


def _term_matches(term: str, text: str, lowered: str) -> bool:
    if is_pattern(term):
        try:
            return bool(
                regex.search(term[1:-1], text, regex.IGNORECASE, timeout=REGEX_TIMEOUT_SECONDS)
            )
        except (TimeoutError, regex.error):
            return False
    return term.lower() in lowered


def matches(keywords: Sequence[str], text: str) -> bool:
    """True when no exclusion matches and there are no inclusions or one of them matches."""
    lowered = text.lower()
    includes = [k for k in keywords if not is_exclusion(k)]
    if any(_term_matches(k[1:], text, lowered) for k in keywords if is_exclusion(k)):
        return False
    return not includes or any(_term_matches(k, text, lowered) for k in includes)


def inclusions(keywords: Sequence[str]) -> list[str]:
    """The keywords that select (not the `-` exclusions): what a digest chart colours by."""
    return [k for k in keywords if not is_exclusion(k)]
