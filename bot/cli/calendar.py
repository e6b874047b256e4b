"""`dateline calendar link|rotate`: secret links to the instance-wide timeline (the sources of
the config file and the CLI, shared with every server). Imports happen when a command runs, so
`dateline --help` stays fast."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.options import add_common_options


def add_parser(subparsers: Any) -> None:
    calendar = subparsers.add_parser(
        "calendar", help="secret calendar/web links to the instance-wide timeline"
    )
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    link = actions.add_parser("link", help="make a new link, optionally narrowed by keywords")
    link.add_argument("keywords", nargs="*", help="only events matching every word")
    link.set_defaults(func=cmd_link)
    rotate = actions.add_parser("rotate", help="revoke every instance-wide link, make a new one")
    rotate.set_defaults(func=cmd_rotate)
    for parser in (calendar, link, rotate):
        add_common_options(parser)


async def cmd_link(args: argparse.Namespace) -> int:
    from bot.app import open_app
    from bot.config import load_settings
    from bot.web.links import CalendarLinks

    settings = load_settings(args.config)
    async with open_app(settings) as app:
        secret = await CalendarLinks(app.sessions, app.clock).create(None, " ".join(args.keywords))
    _print_urls(settings.web.base_url, secret)
    return 0


async def cmd_rotate(args: argparse.Namespace) -> int:
    from bot.app import open_app
    from bot.config import load_settings
    from bot.web.links import CalendarLinks

    settings = load_settings(args.config)
    async with open_app(settings) as app:
        secret = await CalendarLinks(app.sessions, app.clock).rotate(None)
    print("Every earlier instance-wide link is revoked. The new one:")
    _print_urls(settings.web.base_url, secret)
    return 0


def _print_urls(base_url: str, secret: str) -> None:
    from bot.web.links import link_urls

    urls = link_urls(base_url, secret)
    print(f"calendar: {urls.webcal}\nics:      {urls.https}\nweb page: {urls.page}")
