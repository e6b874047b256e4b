"""Failure paths that printed a traceback now print one line and exit non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture(autouse=True)
def no_environment_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATELINE_CONFIG", raising=False)


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("dateline: ") and "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("command", [["sources", "list"], ["migrate"], ["timeline"]])
def test_unreachable_postgresql(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
    monkeypatch.setenv("DATELINE_DATABASE_URL", "postgresql://postgres@127.0.0.1:9/nowhere")
    assert main(command) == 1
    assert "database unavailable" in _one_line_error(capsys)


def test_unwritable_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATELINE_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    config = tmp_path / "empty.toml"
    config.write_text("")
    target = tmp_path / "missing-dir" / "timeline.ics"
    assert main(["timeline", "--format", "ics", "--output", str(target)]) == 2
    assert f"cannot write {target}" in _one_line_error(capsys)
    # A directory; with a config file, so the output error is the only line.
    assert main(["sources", "export", "--config", str(config), "--output", str(tmp_path)]) == 2
    assert "cannot write" in _one_line_error(capsys)


def test_config_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "latin1.toml"
    config.write_bytes('[discord]\ntimezone = "Europe/Zürich"\n'.encode("latin-1"))
    assert main(["sources", "list", "--config", str(config)]) == 2
    assert (
        _one_line_error(capsys) == f"dateline: {config}: not UTF-8 text (a bad byte at offset 30)"
    )
