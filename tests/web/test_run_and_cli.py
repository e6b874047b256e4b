"""As a user meets it: `dateline run` in console mode prints the calendar and page URLs and
they serve the seed article's events; `dateline calendar link|rotate`; `[web]` settings."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import aiohttp
import pytest
from icalendar import Calendar

from bot import runner
from bot.cli import main
from bot.config import ConfigError, load_settings
from tests.support import wait_for

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
URL = re.compile(r"https?://\S+")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATELINE_DATABASE_URL", f"sqlite:///{tmp_path / 'web.db'}")
    path = tmp_path / "dateline.toml"
    path.write_text(
        '[web]\nenabled = true\nlisten = "127.0.0.1:0"\n'
        f'[[sources]]\nurl = "{(FEEDS / "seed_cnre.xml").as_uri()}"\nname = "Seed"\n'
    )
    return path


async def test_console_run_prints_urls_that_serve_the_seed_events(config: Path) -> None:
    out = io.StringIO()
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(load_settings(config), stop=stop, out=out))
    try:
        await wait_for(lambda: "Web page of the timeline" in out.getvalue(), timeout=20)
        lines = {line.split(":", 1)[0]: URL.findall(line) for line in out.getvalue().splitlines()}
        [calendar_url] = lines["Calendar (subscribe by URL)"]
        [page_url] = lines["Web page of the timeline"]
        health_url, metrics_url = lines["Health and metrics"]
        async with aiohttp.ClientSession() as client:

            async def seed_events() -> list[str]:
                async with client.get(calendar_url) as response:
                    body = await response.read()
                return [str(v["SUMMARY"]) for v in Calendar.from_ical(body).walk("VEVENT")]

            async def both_seed_events_served() -> bool:
                return len(await seed_events()) == 2

            await wait_for(both_seed_events_served, timeout=20, what="the seed's events")
            titles = await seed_events()
            assert [t[:14] for t in titles] == ["CNRE Chairman ", "CNRE introduce"]
            async with client.get(page_url) as response:
                assert response.status == 200 and "CNRE introduced" in await response.text()
            async with client.get(health_url) as response:
                assert (await response.json())["discord"] == "console"
            async with client.get(metrics_url) as response:
                assert "dateline_events 2.0" in await response.text()
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def test_web_disabled_opens_no_port_and_prints_no_urls(config: Path) -> None:
    config.write_text(config.read_text().replace("enabled = true", "enabled = false"))
    out = io.StringIO()
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(load_settings(config), stop=stop, out=out))
    try:
        await wait_for(lambda: "press Ctrl+C" in out.getvalue(), timeout=20)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert "http" not in out.getvalue()


def test_cli_link_and_rotate_for_the_instance_wide_timeline(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.write_text(
        config.read_text().replace('listen = "127.0.0.1:0"', 'public_url = "https://d.example/"')
    )
    assert main(["calendar", "link", "rare", "earth", "--config", str(config)]) == 0
    first = capsys.readouterr().out
    assert re.search(r"^calendar: webcal://d\.example/c/[\w-]{22}/calendar\.ics$", first, re.M)
    assert re.search(r"^web page: https://d\.example/c/[\w-]{22}/$", first, re.M)
    assert main(["calendar", "rotate", "--config", str(config)]) == 0
    second = capsys.readouterr().out
    assert second.startswith("Every earlier instance-wide link is revoked.")
    assert URL.findall(first)[0] not in second


@pytest.mark.parametrize(
    ("web", "message"),
    [
        ('listen = "8080"', "key 'web.listen': host:port such as '127.0.0.1:8080'"),
        ('listen = "127.0.0.1:70000"', "key 'web.listen'"),
        ('public_url = "ftp://x"', "key 'web.public_url': an http(s) URL"),
        ('public_url = "https://x/?a=1"', "key 'web.public_url'"),
        ("enabled = 1", "key 'web.enabled'"),
        ("port = 8080", "unknown key 'web.port'"),
    ],
)
def test_bad_web_settings_are_refused_in_one_line(tmp_path: Path, web: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f"[web]\n{web}\n")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(path)


def test_base_url_comes_from_public_url_else_listen(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text('[web]\nlisten = "[::1]:9000"\n')
    assert load_settings(path).web.base_url == "http://[::1]:9000"
    assert not load_settings(path).web.enabled
    path.write_text('[web]\npublic_url = "https://dateline.example/"\n')
    assert load_settings(path).web.base_url == "https://dateline.example"


async def test_a_busy_port_stops_the_start_with_one_line(config: Path) -> None:
    blocker = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = blocker.sockets[0].getsockname()[1]
    config.write_text(config.read_text().replace("127.0.0.1:0", f"127.0.0.1:{port}"))
    try:
        with pytest.raises(
            ConfigError, match=rf"\[web\] listen = '127.0.0.1:{port}': cannot listen"
        ):
            await runner.run(load_settings(config), stop=asyncio.Event(), out=io.StringIO())
    finally:
        blocker.close()
        await blocker.wait_closed()
