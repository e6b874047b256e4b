"""Errors as people read them: one line, whatever the exception carried."""

from __future__ import annotations

MAX_CHARS = 500


def one_line(error: BaseException, *, with_type: bool = False) -> str:
    """The message with all whitespace folded (its type when it has none), at most 500 chars.

    `with_type` prefixes the exception's name, for failures nobody anticipated.
    """
    message = " ".join(str(error).split())
    if with_type or not message:
        message = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return message[:MAX_CHARS]
