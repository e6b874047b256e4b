"""The CLI as users run it: real config files, a real SQLite file, fixture feeds."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest

from bot import runner
from bot.cli import main
from bot.config import load_settings
from tests.support import wait_for

REPO = Path(__file__).resolve().parents[2]
FEEDS = REPO / "tests" / "fixtures" / "feeds"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATELINE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    path = tmp_path / "dateline.toml"
    path.write_text(
        f'[[sources]]\nurl = "{(FEEDS / "seed_cnre.xml").as_uri()}"\nname = "Seed"\n'
        f'[[sources]]\nurl = "{(FEEDS / "garbage.bin").as_uri()}"\nname = "Broken"\n'
    )
    return path


def test_scan_then_timeline_json_lists_the_seed_events(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--config", str(config)]) == 0
    assert main(["scan", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Seed: ok, 1 entries, 1 new and 0 updated articles, 2 new events" in out
    assert "Broken: ERROR not a feed" in out

    assert main(["timeline", "CNRE", "--config", str(config), "--format", "json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["date"] for e in events] == ["2025-03-11", "2025-03-14"]
    assert all(e["sources"] == 1 and e["title"] for e in events)


def test_timeline_date_bounds(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["scan", "--config", str(config)])
    capsys.readouterr()
    main(["timeline", "--config", str(config), "--since", "2025-03-12", "--until", "March 2025"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "2025-03-14" in lines[0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timeline", "--since", "someday soon"], "cannot read 'someday soon' as a date"),
        (["sources", "remove", "99"], "no source '99'"),
        (["sources", "add", "ftp://example.com/feed"], "ftp"),
    ],
)
def test_user_errors_are_one_line_with_exit_2(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([*argv, "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("dateline: ") and message in err and "\n" not in err


def test_bad_config_value_stops_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[scheduler]\ncheck_seconds = 0\n")
    assert main(["scan", "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "bad.toml: key 'scheduler.check_seconds'" in err and "\n" not in err


async def test_run_console_mode_prints_new_events(config: Path) -> None:
    config.write_text(
        config.read_text().replace('name = "Seed"', 'name = "Seed"\nalert_backlog = true')
    )
    settings = load_settings(config)
    out = io.StringIO()
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(settings, stop=stop, out=out))
    try:
        await wait_for(lambda: out.getvalue().count("[NEW EVENT]") == 2, timeout=20, what="alerts")
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    text = out.getvalue()
    assert "console mode" in text
    assert "[NEW EVENT] 2025-03-11" in text and "[NEW EVENT] 2025-03-14" in text


def test_database_from_a_newer_dateline_is_refused(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    assert main(["migrate", "--config", str(config)]) == 0
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    capsys.readouterr()

    assert main(["scan", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert "schema revision from_the_future" in err and "\n" not in err


def test_python_dash_m_bot_is_the_same_command() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0
    for command in ("migrate", "scan", "timeline", "sources", "extract", "run"):
        assert command in result.stdout
