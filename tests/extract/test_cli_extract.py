"""`dateline extract`: one article, JSONL batches, mentions, and one-line errors."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from bot.cli import extract

SENTENCE = "The bank said on Monday it will cut rates on March 3."


def run(
    argv: list[str],
    stdin: str = "",
    monkeypatch: pytest.MonkeyPatch | None = None,
    capsys: pytest.CaptureFixture[str] | None = None,
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="dateline")
    extract.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["extract", *argv])
    assert monkeypatch is not None and capsys is not None
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = args.func(args)
    out, err = capsys.readouterr()
    return status, out, err


def lines(out: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in out.splitlines()]


def test_single_article_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["--published", "2025-02-26", "-"], SENTENCE, monkeypatch, capsys)
    assert status == 0 and err == ""
    events = lines(out)
    assert [e["date"] for e in events] == ["2025-02-24", "2025-03-03"]
    assert set(events[0]) == {
        "date",
        "granularity",
        "title",
        "evidence",
        "confidence",
        "start",
        "end",
    }


def test_single_article_from_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE, encoding="utf-8")
    status, out, _ = run(["--published", "2025-02-26", str(article)], "", monkeypatch, capsys)
    assert status == 0 and len(lines(out)) == 2


def test_mentions_mode(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["--published", "2025-03-18", "--mentions"],
        "The 20th congress met on March 11.",
        monkeypatch,
        capsys,
    )
    mentions = lines(out)
    assert status == 0
    assert [(m["text"], m["accepted"]) for m in mentions] == [("20th", False), ("March 11", True)]
    assert set(mentions[0]) == {
        "start",
        "end",
        "text",
        "value",
        "granularity",
        "accepted",
        "reason",
    }


def test_date_order(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        ["--published", "2025-05-01", "--date-order", "DMY"],
        "The deal was signed on 03/04/2025.",
        monkeypatch,
        capsys,
    )
    assert [e["date"] for e in lines(out)] == ["2025-04-03"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "--published"),
        (["--published", "2025-13-01"], "bad --published"),
        (["--published", "2025-01-01", "/nonexistent/article.txt"], "cannot read"),
    ],
)
def test_bad_input_is_one_stderr_line(
    argv: list[str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(argv, SENTENCE, monkeypatch, capsys)
    assert status != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_jsonl_keeps_order_and_skips_bad_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "a", "published": "2025-01-08", "text": "It closed on December 30."}
                ),
                "{not json",
                json.dumps({"id": "b", "published": "someday", "text": "x"}),
                json.dumps(
                    {
                        "id": "c",
                        "published": "2025-05-16",
                        "text": "Output fell in December.",
                        "url": "u",
                    }
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    status, out, err = run(["--jsonl", str(batch)], "", monkeypatch, capsys)
    records = lines(out)
    assert status != 0
    assert [r["id"] for r in records] == ["a", "c"]
    assert records[0]["events"][0]["date"] == "2024-12-30"
    assert set(records[0]["events"][0]) == {
        "date",
        "granularity",
        "title",
        "evidence",
        "confidence",
    }
    assert len(err.strip().splitlines()) == 2


def test_jsonl_mentions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "published": "2025-01-08", "text": "In 2024 it fell."}) + "\n",
        encoding="utf-8",
    )
    status, out, _ = run(["--jsonl", str(batch), "--mentions"], "", monkeypatch, capsys)
    assert status == 0
    assert lines(out) == [
        {
            "id": "a",
            "mentions": [
                {
                    "start": 3,
                    "end": 7,
                    "text": "2024",
                    "value": "2024",
                    "granularity": "year",
                    "accepted": False,
                    "reason": "year only",
                }
            ],
        }
    ]


def test_unreadable_jsonl_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["--jsonl", "/nonexistent/batch.jsonl"], "", monkeypatch, capsys)
    assert status != 0 and "cannot read" in err
