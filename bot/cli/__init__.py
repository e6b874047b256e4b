"""The `dateline` command line. Every failure is one line on stderr and a non-zero exit code."""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import logging
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bot.cli import extract, manage
from bot.cli.options import add_common_options
from bot.config import ConfigError
from bot.db.engine import DatabaseUrlError
from bot.db.migrate import SchemaMismatchError
from bot.errors import one_line
from bot.filters import FilterError
from bot.query_dates import DateInputError
from bot.sources import SourceError

USER_ERRORS = (
    ConfigError,
    DatabaseUrlError,
    SchemaMismatchError,
    SourceError,
    DateInputError,
    FilterError,
    manage.OutputError,
)


def _version() -> str:
    try:
        return importlib.metadata.version("dateline")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Dateline turns news feeds into a timeline of dated events.",
    )
    parser.add_argument("--version", action="version", version=f"dateline {_version()}")
    add_common_options(parser, top_level=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    manage.add_parsers(subparsers)
    extract.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("apscheduler", "aiosqlite", "alembic.runtime.migration", "trafilatura"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        result = args.func(args)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        return int(result or 0)
    except USER_ERRORS as exc:
        print(f"dateline: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"dateline: database unavailable: {str(exc.orig).splitlines()[0]}", file=sys.stderr)
        return 1
    except (TimeoutError, OSError) as exc:
        # asyncpg raises the socket's own error when PostgreSQL cannot be reached.
        print(f"dateline: database unavailable: {one_line(exc, with_type=True)}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"dateline: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`dateline extract … | head`): not worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
