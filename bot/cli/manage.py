"""Commands that work on the database: migrate, scan, timeline, sources, run."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.app import App, open_app
from bot.cli.options import add_common_options
from bot.clock import SystemClock
from bot.config import Settings, load_settings
from bot.db.engine import create_engine
from bot.db.migrate import upgrade
from bot.exports import load_details, render_export
from bot.opml import OpmlError, export_sources, import_sources
from bot.render import detail_json, format_age, json_line, timeline_line
from bot.timeline import TimelineQuery
from bot.visibility import Viewer


def _with_config(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    add_common_options(parser)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config)


async def _sync_config(app: App) -> None:
    """Only a config file that was found syncs `[[sources]]` and `[[alerts]]`; without one the
    database is left as it is, and the command says so in one line."""
    settings = app.settings
    if settings.config_file is None:
        print(f"dateline: {settings.origin}", file=sys.stderr)
        return
    synced = await app.sources.sync_config(settings.sources)
    await app.subscriptions.sync_config(settings.alerts)
    for name in synced.retired:
        print(
            f"dateline: {name} is no longer in {settings.config_file}: retired (kept, not polled)",
            file=sys.stderr,
        )
    for name in synced.revived:
        print(f"dateline: {name} is back in {settings.config_file}: polled again", file=sys.stderr)


def add_parsers(subparsers: Any) -> None:
    migrate = _with_config(subparsers.add_parser("migrate", help="upgrade the database schema"))
    migrate.set_defaults(func=cmd_migrate)

    scan = _with_config(
        subparsers.add_parser("scan", help="poll sources once and print a summary per source")
    )
    scan.add_argument("--source", metavar="URL", help="only this source (URL, name or id)")
    scan.set_defaults(func=cmd_scan)

    timeline = _with_config(subparsers.add_parser("timeline", help="list timeline events"))
    timeline.add_argument("query", nargs="?", help="words in the title/summary, or a source name")
    timeline.add_argument("--since", help="first date (2025-03-01, 'March 2025', 'last month')")
    timeline.add_argument("--until", help="last date")
    timeline.add_argument(
        "--format",
        choices=["text", "json", "ics", "csv"],
        default="text",
        help="text lines, JSON lines (one event with its articles each), iCalendar or CSV",
    )
    timeline.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    timeline.set_defaults(func=cmd_timeline)

    sources = _with_config(subparsers.add_parser("sources", help="list or manage sources"))
    sources.set_defaults(func=cmd_sources_list)
    actions = sources.add_subparsers(dest="action", metavar="ACTION")
    _with_config(actions.add_parser("list", help="list sources and their health")).set_defaults(
        func=cmd_sources_list
    )
    add = _with_config(actions.add_parser("add", help="add a feed (or a site that links one)"))
    add.add_argument("url")
    add.add_argument("--name")
    add.add_argument("--interval", type=int, default=30, metavar="MINUTES")
    add.set_defaults(func=cmd_sources_add)
    remove = _with_config(
        actions.add_parser(
            "remove", help="remove a source with its articles and the events only it reports"
        )
    )
    remove.add_argument("source", help="id, URL or name")
    remove.set_defaults(func=cmd_sources_remove)
    opml_in = _with_config(actions.add_parser("import", help="add the feeds of an OPML file"))
    opml_in.add_argument("file", metavar="FILE.opml")
    opml_in.add_argument("--interval", type=int, default=30, metavar="MINUTES")
    opml_in.set_defaults(func=cmd_sources_import)
    opml_out = _with_config(actions.add_parser("export", help="write the sources as OPML"))
    opml_out.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    opml_out.set_defaults(func=cmd_sources_export)

    run = _with_config(subparsers.add_parser("run", help="run the scheduler (and the bot)"))
    run.set_defaults(func=cmd_run)


async def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = create_engine(settings.database.url)
    try:
        state = await upgrade(engine)
    finally:
        await engine.dispose()
    print(f"database schema at revision {state.current} (head)")
    return 0


async def cmd_scan(args: argparse.Namespace) -> int:
    settings = _settings(args)
    async with open_app(settings) as app:
        await _sync_config(app)
        if args.source:
            source = await app.sources.find(args.source)
            if source is None:
                print(f"dateline: no source {args.source!r}", file=sys.stderr)
                return 2
            ids = [source.id]
        else:
            ids = await app.sources.active_ids()
        reports = await app.ingestor.poll_many(ids)
    failed = 0
    for report in reports:
        if report.outcome in ("error", "gone"):
            failed += 1
            print(f"{report.source_name}: {report.outcome.upper()} {report.error}")
        else:
            print(
                f"{report.source_name}: {report.outcome}, {report.entries} entries, "
                f"{report.new_articles} new and {report.updated_articles} updated articles, "
                f"{len(report.new_event_ids)} new events"
            )
    if not reports:
        print("no sources configured; add one with `dateline sources add URL`")
    return 1 if failed and failed == len(reports) else 0


async def cmd_timeline(args: argparse.Namespace) -> int:
    settings = _settings(args)
    today = SystemClock().now().date()
    query = TimelineQuery.typed(args.query, args.since, args.until, today)
    async with open_app(settings) as app:
        details = await load_details(app.sessions, query, viewer=Viewer.everything())
    if args.format in ("ics", "csv"):
        data = render_export(details, args.format)
    else:
        lines = (
            json_line(detail_json(d)) if args.format == "json" else timeline_line(d.event)
            for d in details
        )
        data = "".join(f"{line}\n" for line in lines).encode()
    _write(data, args.output)
    if not details and args.format == "text":
        print("no events match", file=sys.stderr)
    return 0


class OutputError(Exception):
    """The --output file could not be written; one line for the user."""


def _write(data: bytes, output: str | None) -> None:
    if output:
        try:
            with open(output, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


async def cmd_sources_list(args: argparse.Namespace) -> int:
    settings = _settings(args)
    async with open_app(settings) as app:
        await _sync_config(app)
        sources = await app.sources.list()
        articles = await app.sources.article_counts()
        clock = SystemClock()
        for s in sources:
            health = (
                "gone (HTTP 410)"
                if s.gone
                else (
                    f"{s.consecutive_errors} consecutive errors: {s.last_error}"
                    if s.consecutive_errors
                    else "ok"
                )
            )
            polled = s.last_polled_at.isoformat(timespec="seconds") if s.last_polled_at else "never"
            schedule = (
                f"retired {s.retired_at:%Y-%m-%d} (no longer in the config file; kept, not polled)"
                if s.retired_at
                else f"next poll {format_age(s.next_poll_at - clock.now())}"
            )
            print(
                f"#{s.id} {s.display_name}{' [retired]' if s.retired_at else ''}\n"
                f"    url: {s.url}\n    {articles.get(s.id, 0)} articles; every "
                f"{s.interval_minutes} min; last poll {polled} (HTTP {s.last_status or '-'}); "
                f"{schedule}; {health}"
            )
    if not sources:
        print("no sources")
    return 0


async def cmd_sources_add(args: argparse.Namespace) -> int:
    settings = _settings(args)
    async with open_app(settings) as app:
        added = await app.sources.add(
            args.url, name=args.name, interval_minutes=args.interval, allow_local_files=True
        )
    report = added.report
    print(
        f"added #{added.source.id} {added.source.display_name} ({added.source.url}): "
        f"{report.entries} entries, {report.new_articles} articles, "
        f"{len(report.new_event_ids)} new events"
        + (f"; first poll failed: {report.error}" if report.error else "")
    )
    return 0


async def cmd_sources_remove(args: argparse.Namespace) -> int:
    settings = _settings(args)
    async with open_app(settings) as app:
        await _sync_config(app)  # a source just dropped from the file is retired, so removable
        removed, cost = await app.sources.remove(args.source)
    print(f"removed #{removed.id} {removed.display_name} and deleted {cost}")
    return 0


async def cmd_sources_import(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        print(f"dateline: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    async with open_app(settings) as app:
        try:
            result = await import_sources(
                app.sessions, app.clock, data, interval_minutes=args.interval
            )
        except OpmlError as exc:
            print(f"dateline: {args.file}: {exc}", file=sys.stderr)
            return 2
    for problem in result.invalid:
        print(f"skipped {problem}", file=sys.stderr)
    print(
        f"imported {len(result.added)} feed(s); {len(result.skipped)} already there, "
        f"{len(result.invalid)} refused. New feeds are polled by the next `dateline scan` or run."
    )
    return 0


async def cmd_sources_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    async with open_app(settings) as app:
        await _sync_config(app)
        _write(await export_sources(app.sessions, now=app.clock.now()), args.output)
    return 0


async def cmd_run(args: argparse.Namespace) -> int:
    from bot import runner  # the Discord and scheduler stack: only `run` pays for importing it

    await runner.run(_settings(args))
    return 0
