"""Options every `dateline` command takes, before or after the subcommand's name."""

from __future__ import annotations

import argparse
from typing import Any

CONFIG_HELP = "TOML config file (default: $DATELINE_CONFIG, else built-in defaults)"


def add_common_options(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """`--config FILE` and `-v` work before and after the subcommand (`dateline -v scan
    --config x.toml` and `dateline --config x.toml scan -v` are the same).

    Below the top level their default is "not given" (SUPPRESS), so a subcommand never
    overwrites what was given before it.
    """
    default: dict[str, Any] = {} if top_level else {"default": argparse.SUPPRESS}
    parser.add_argument("--config", metavar="FILE", help=CONFIG_HELP, **default)
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details", **default)
