"""The `dateline` command line. Every failure is one line on stderr and a non-zero exit code."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Coroutine, Sequence
from typing import Any

from bot.cli import calendar, extract, manage
from bot.cli.options import add_common_options


def _version() -> str:
    import importlib.metadata  # only for --version: loading it is a third of the CLI's start-up

    try:
        return importlib.metadata.version("dateline")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        return "unknown"


class _PrintVersion(argparse.Action):
    """`--version`, looking the version up only when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **settings: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **settings)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"dateline {_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Dateline turns news feeds into a timeline of dated events.",
    )
    parser.add_argument(
        "--version", action=_PrintVersion, help="show program's version number and exit"
    )
    add_common_options(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    manage.add_parsers(subparsers)
    extract.add_parser(subparsers)
    calendar.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("apscheduler", "aiosqlite", "alembic", "trafilatura"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        result = args.func(args)
        if isinstance(result, Coroutine):
            import asyncio  # only the database commands are coroutines: extract starts faster

            result = asyncio.run(result)
        return int(result or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`dateline extract … | head`): not worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        status = _failure_status(exc)
        if status is None:
            raise
        return status


def _failure_status(exc: Exception) -> int | None:
    """Print the one-line message for a user or database error and return the exit status, or
    None for a bug. The error classes are imported here, not at start-up: a command that never
    touches the database (`dateline extract`, `--help`) must not pay for importing it."""
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    from bot.config import ConfigError
    from bot.db.engine import DatabaseUrlError
    from bot.db.migrate import SchemaMismatchError
    from bot.errors import one_line
    from bot.filters import FilterError
    from bot.query_dates import DateInputError
    from bot.sources import SourceError
    from bot.web.links import LinkInputError

    user_errors = (
        ConfigError,
        DatabaseUrlError,
        SchemaMismatchError,
        SourceError,
        DateInputError,
        FilterError,
        LinkInputError,
        manage.OutputError,
    )
    if isinstance(exc, user_errors):
        print(f"dateline: {exc}", file=sys.stderr)
        return 2
    if isinstance(exc, OperationalError):
        print(f"dateline: database unavailable: {str(exc.orig).splitlines()[0]}", file=sys.stderr)
        return 1
    if isinstance(exc, (TimeoutError, OSError)):
        # asyncpg raises the socket's own error when PostgreSQL cannot be reached.
        print(f"dateline: database unavailable: {one_line(exc, with_type=True)}", file=sys.stderr)
        return 1
    if isinstance(exc, SQLAlchemyError):
        print(f"dateline: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    return None
