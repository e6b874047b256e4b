"""`dateline timeline --format ics|csv|json` and `dateline sources import|export` from a shell."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.cli import main

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATELINE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    path = tmp_path / "dateline.toml"
    path.write_text(f'[[sources]]\nurl = "{(FEEDS / "seed_cnre.xml").as_uri()}"\nname = "Seed"\n')
    return path


def test_timeline_exports(config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--config", str(config)]) == 0
    capsys.readouterr()
    out = tmp_path / "seed.ics"
    assert (
        main(["timeline", "CNRE", "--config", str(config), "--format", "ics", "--output", str(out)])
        == 0
    )
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [e.decoded("DTSTART").isoformat() for e in events] == ["2025-03-11", "2025-03-14"]
    assert all(str(e["UID"]).startswith("event-") for e in events)

    assert main(["timeline", "CNRE", "--config", str(config), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [r["date"] for r in rows] == ["2025-03-11", "2025-03-14"]
    assert rows[0]["sources"] == "Seed"

    assert main(["timeline", "CNRE", "--config", str(config), "--format", "json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["articles"][0]["source"] == "Seed"


def test_sources_opml_round_trip(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/feed.xml"/>'
        '<outline text="Bad" xmlUrl="gopher://x"/></body></opml>'
    )
    assert main(["sources", "import", str(opml), "--config", str(config)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 feed(s); 0 already there, 1 refused" in captured.out
    assert "gopher" in captured.err
    assert main(["sources", "export", "--config", str(config)]) == 0
    exported = capsys.readouterr().out
    assert 'xmlUrl="https://a.example/feed.xml"' in exported and 'text="Seed"' in exported

    opml.write_text("<!DOCTYPE x [<!ENTITY e 'x'>]><opml/>")
    assert main(["sources", "import", str(opml), "--config", str(config)]) == 2
    assert "not valid OPML" in capsys.readouterr().err
