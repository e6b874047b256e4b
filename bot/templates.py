"""Alert templates: a subscription's own text with `{placeholders}`, checked when it is saved.

A template is the message content of each alert; the embed stays underneath it. Only the known
placeholders are allowed, so a typo is refused at `/subscribe` time (with the list of known
ones) instead of posting a broken message later. Values come from feeds: they are inserted as
plain text and never re-read as placeholders, and mentions in them are broken by the renderer.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

PLACEHOLDERS = ("title", "date", "source", "link", "summary", "count")
MAX_TEMPLATE_LENGTH = 1000


class TemplateError(ValueError):
    """A template that cannot be used; the message is one line for the user."""


def _known() -> str:
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def check_template(template: str) -> str:
    """The template as stored, or a one-line refusal naming what is wrong and what is allowed."""
    cleaned = template.strip()
    if not cleaned:
        raise TemplateError(f"the template is empty; use text with {_known()}")
    if len(cleaned) > MAX_TEMPLATE_LENGTH:
        raise TemplateError(f"the template is longer than {MAX_TEMPLATE_LENGTH} characters")
    try:
        parts = list(string.Formatter().parse(cleaned))
    except ValueError as exc:
        raise TemplateError(
            f"the template has an unmatched brace ({exc}); write {{{{ for {{"
        ) from None
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            shown = f"{{{field}}}" if field else "{}"
            raise TemplateError(f"unknown placeholder {shown}; known ones: {_known()}")
        if spec or conversion:
            raise TemplateError(f"{{{field}}} takes no format; known ones: {_known()}")
    return cleaned


def render_template(template: str, values: Mapping[str, str]) -> str:
    """The template with every placeholder replaced by its value (missing ones by "")."""
    pieces: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(template):
        pieces.append(literal)
        if field is not None:
            pieces.append(values.get(field, ""))
    return "".join(pieces)
