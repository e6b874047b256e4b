"""Config sync never destroys data: commands without a config file touch nothing; sources and
alerts dropped from the file are retired (kept, listed, revived), never deleted.

Each reproduction from the issue is a test here: `dateline sources list` (or scan, sources
export, run) without `--config` used to delete every config source with its articles, and
`run` the `[[alerts]]` subscriptions.
"""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import runner
from bot.app import open_app
from bot.cli import main
from bot.config import load_settings
from bot.db.models import Article, Event, Source, Subscription

REPO = Path(__file__).resolve().parents[2]
FEEDS = REPO / "tests" / "fixtures" / "feeds"
SEED = f'[[sources]]\nurl = "{(FEEDS / "seed_cnre.xml").as_uri()}"\nname = "Seed"\n'
ALERT = "[[alerts]]\nchannel_id = 555\nguild_id = 777\n"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATELINE_DATABASE_URL", url)
    monkeypatch.delenv("DATELINE_CONFIG", raising=False)
    return url


@pytest.fixture
def config(tmp_path: Path, database: str) -> Path:
    path = tmp_path / "dateline.toml"
    path.write_text(SEED + ALERT)
    return path


def sync_like_run(config: Path | None) -> str:
    """What `dateline run` does to sources and alerts on start; returns what it printed."""

    async def sync() -> str:
        out = io.StringIO()
        async with open_app(load_settings(config)) as app:
            await runner.sync_config(app, out)
        return out.getvalue()

    return asyncio.run(sync())


def _counts(config: Path) -> tuple[int, int, int, int]:
    async def count() -> tuple[int, int, int, int]:
        async with open_app(load_settings(config)) as app, app.sessions() as session:
            rows = [
                len(list(await session.scalars(select(model.id))))
                for model in (Source, Article, Event, Subscription)
            ]
        return rows[0], rows[1], rows[2], rows[3]

    return asyncio.run(count())


def test_commands_without_a_config_file_touch_nothing(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "--config", str(config)]) == 0
    sync_like_run(config)
    before = _counts(config)
    assert before == (1, 1, 2, 1)
    capsys.readouterr()

    for argv in (["sources", "list"], ["sources"], ["scan"], ["sources", "export"]):
        assert main(argv) == 0, argv
        err = capsys.readouterr().err
        assert "no config file" in err and "left as they are" in err
        assert len(err.strip().splitlines()) == 1
    assert "no config file" in sync_like_run(None)
    assert _counts(config) == before

    assert main(["sources", "list"]) == 0
    listed = capsys.readouterr().out
    assert "#1 Seed" in listed and "1 articles" in listed and "retired" not in listed


def test_a_source_dropped_from_the_file_is_retired_and_revived(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "--config", str(config)]) == 0
    config.write_text("")  # the operator removed both tables
    assert main(["sources", "list", "--config", str(config)]) == 0
    captured = capsys.readouterr()
    assert "Seed is no longer in" in captured.err and "retired" in captured.err
    assert "#1 Seed [retired]" in captured.out and "1 articles" in captured.out
    assert _counts(config) == (1, 1, 2, 1)

    assert main(["scan", "--config", str(config)]) == 0  # a retired source is not polled
    assert "no sources configured" in capsys.readouterr().out

    async def retired_alert() -> Subscription | None:
        async with open_app(load_settings(config)) as app, app.sessions() as session:
            return await session.scalar(select(Subscription))

    sync_like_run(config)
    alert = asyncio.run(retired_alert())
    assert alert is not None and alert.retired_at is not None and alert.guild_id == 777

    config.write_text(SEED + ALERT)
    assert main(["scan", "--config", str(config)]) == 0
    captured = capsys.readouterr()
    assert "Seed is back" in captured.err
    assert "Seed: not_modified, 0 entries, 0 new and 0 updated articles" in captured.out
    sync_like_run(config)
    alert = asyncio.run(retired_alert())
    assert alert is not None and alert.retired_at is None


def test_deleting_takes_an_explicit_remove_that_says_what_it_deletes(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["sources", "remove", "1", "--config", str(config)]) == 2
    assert "declared in the config file; remove it there first" in capsys.readouterr().err
    config.write_text(ALERT)
    assert main(["sources", "remove", "1", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == (
        "removed #1 Seed and deleted 1 article(s) and 2 event(s) no other source reports"
    )
    assert _counts(config) == (0, 0, 0, 1)


@pytest.mark.parametrize(
    "argv",
    [
        ["--config", "{config}", "sources", "list"],
        ["sources", "list", "--config", "{config}"],
        ["-v", "sources", "--config", "{config}"],
        ["sources", "-v", "list", "--config", "{config}"],
        ["--config", "{config}", "sources", "list", "-v"],
    ],
)
def test_config_and_verbose_work_before_or_after_the_subcommand(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main([a.format(config=config) for a in argv]) == 0
    captured = capsys.readouterr()
    assert "#1 Seed" in captured.out and "no config file" not in captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == "dateline 0.1.0"


def test_run_without_a_file_says_so_and_keeps_alerts(config: Path) -> None:
    sync_like_run(config)
    printed = sync_like_run(None)
    assert "no config file" in printed and len(printed.strip().splitlines()) == 1
    assert _counts(config)[3] == 1
