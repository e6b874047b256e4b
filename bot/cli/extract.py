"""`dateline extract`: run the extraction engine on article text, for debugging and scoring.

One article (FILE or stdin) prints one JSON line per event; `--jsonl` scores a labelled file
record by record; `--mentions` shows every temporal mention and why it was kept or rejected.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from typing import Any, TextIO

from bot.cli.options import add_common_options
from bot.extract import explain_mentions, extract_events
from bot.extract.events import DATE_ORDERS


def add_parser(subparsers: Any) -> None:
    """Register the "extract" subcommand on the main CLI's subparsers."""
    parser = subparsers.add_parser(
        "extract",
        help="extract dated events from article text",
        description="Print the dated events (or, with --mentions, every mention) of an article.",
    )
    add_common_options(parser)
    parser.add_argument("file", nargs="?", default="-", help="article text file, or - for stdin")
    parser.add_argument(
        "--published", help="publication date YYYY-MM-DD (required without --jsonl)"
    )
    parser.add_argument(
        "--jsonl",
        metavar="FILE",
        help='records {"id","published","text"} per line; prints {"id","events"} per line',
    )
    parser.add_argument(
        "--mentions", action="store_true", help="print every temporal mention instead"
    )
    parser.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        default="MDY",
        help="order of numeric dates like 03/04/2025 (default MDY)",
    )
    parser.set_defaults(func=run)


def _event_json(event: Any, with_span: bool) -> dict[str, Any]:
    fields = ["date", "granularity", "title", "evidence", "confidence"]
    if with_span:
        fields += ["start", "end"]
    return {name: getattr(event, name) for name in fields}


def _mention_json(report: Any) -> dict[str, Any]:
    return asdict(report)


def _emit(out: TextIO, payload: dict[str, Any]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _fail(message: str) -> int:
    print(f"dateline extract: {message}", file=sys.stderr)
    return 2


def _run_one(args: argparse.Namespace) -> int:
    if not args.published:
        return _fail("--published YYYY-MM-DD is required for a single article")
    try:
        published = date.fromisoformat(args.published)
    except ValueError:
        return _fail(f"bad --published date {args.published!r}, expected YYYY-MM-DD")
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {args.file}: {error}")
    if args.mentions:
        for report in explain_mentions(text, published, date_order=args.date_order):
            _emit(sys.stdout, _mention_json(report))
    else:
        for event in extract_events(text, published, date_order=args.date_order):
            _emit(sys.stdout, _event_json(event, with_span=True))
    return 0


def _record_output(line: str, args: argparse.Namespace) -> dict[str, Any]:
    """Output for one JSONL record; raises ValueError with a one-line reason for a bad record."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"bad JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("record is not a JSON object")
    if not isinstance(record.get("text"), str):
        raise ValueError(f"record {record.get('id')!r} has no text")
    try:
        published = date.fromisoformat(str(record.get("published")))
    except ValueError:
        raise ValueError(
            f"record {record.get('id')!r} has bad published date {record.get('published')!r}"
        ) from None
    if args.mentions:
        reports = explain_mentions(record["text"], published, date_order=args.date_order)
        return {"id": record.get("id"), "mentions": [_mention_json(r) for r in reports]}
    events = extract_events(record["text"], published, date_order=args.date_order)
    return {"id": record.get("id"), "events": [_event_json(e, with_span=False) for e in events]}


def _run_jsonl(args: argparse.Namespace) -> int:
    try:
        handle = sys.stdin if args.jsonl == "-" else open(args.jsonl, encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        return _fail(f"cannot read {args.jsonl}: {error}")
    failures = 0
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    _emit(sys.stdout, _record_output(line, args))
                except ValueError as error:
                    failures += 1
                    print(f"dateline extract: {args.jsonl}:{number}: {error}", file=sys.stderr)
        except UnicodeDecodeError as error:
            return _fail(f"cannot read {args.jsonl}: {error}")
    return 1 if failures else 0


def run(args: argparse.Namespace) -> int:
    """Entry point set by add_parser; returns the process exit status."""
    return _run_jsonl(args) if args.jsonl else _run_one(args)
