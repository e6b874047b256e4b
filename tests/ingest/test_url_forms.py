"""URLs are judged as they will be fetched: every form that once reached the fetcher past a check.

A URL typed by a person is normalised exactly as the fetcher parses it (control characters,
whitespace, case, IDNA) before any check, user-added sources may only be http or https, and
IPv6 addresses that carry a loopback or private IPv4 (mapped, 6to4, NAT64, Teredo) are private.
Each new way in (Discord, OPML, the web) gets its case here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.app import App
from bot.db.models import Source
from bot.ingest.fetch import FetchError, FetchPolicy, fetch
from bot.ingest.netguard import (
    GuardedResolver,
    check_host,
    is_public_address,
    normalise_url,
)
from bot.opml import import_sources
from bot.sources import SourceError
from tests.support import FakeClock
from tests.timeline_support import EPOCH, app_at, count

GUARDED = FetchPolicy(allow_private_addresses=False, timeout_seconds=5.0)

# Each of these reads a local file if the check and the fetcher see different URLs.
SMUGGLED_FILE_URLS = [
    "\x01file:///{path}",
    "\x00file:///{path}",
    " \x1f file:///{path}",
    "\tfile:///{path}",
    "\nfile:///{path}",
    "FILE:///{path}",
    "File:///{path}",
    "fi\tle:///{path}",
    "fi\nle:///{path}",
    "file:///{path}\x01",
    "file:{path}",
]


@pytest.mark.parametrize(
    ("typed", "fetched"),
    [
        ("  https://example.com/feed  ", "https://example.com/feed"),
        ("\x01\x02https://example.com/feed", "https://example.com/feed"),
        ("https://example.com/feed\x1f", "https://example.com/feed"),
        ("ht\ttp://exa\nmple.com/fe\red", "http://example.com/feed"),
        ("HTTPS://EXAMPLE.COM/Feed", "https://example.com/Feed"),
        ("https://Bücher.Example/feed", "https://xn--bcher-kva.example/feed"),
        ("https://example.com:443/feed", "https://example.com/feed"),
        ("http://[::FFFF:127.0.0.1]/", "http://[::ffff:7f00:1]/"),
        ("\x01File:///tmp/x", "file:///tmp/x"),
    ],
)
def test_urls_are_normalised_as_the_fetcher_parses_them(typed: str, fetched: str) -> None:
    assert normalise_url(typed) == fetched


@pytest.mark.parametrize(
    "typed",
    [
        "https://exa mple.com/feed",
        "https://example.com/a\x00b",
        "https://example.com/\x7f",
        "https://example.com/\x85",
        "https://example.com/\u3000feed",
        "https://:80/feed",
        "https://example.com:99999/",
    ],
)
def test_inner_controls_whitespace_and_bad_hosts_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="invalid URL") as info:
        normalise_url(typed)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254 (cloud metadata)
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
        "::ffff:10.1.2.3",  # IPv4-mapped
    ],
)
def test_ipv6_carrying_a_private_ipv4_is_private(address: str) -> None:
    assert not is_public_address(address)
    with pytest.raises(Exception, match="is not a public address"):
        check_host(f"[{address}]", allow_private=False)


@pytest.mark.parametrize("address", ["2002:808:808::1", "64:ff9b::808:808", "2606:4700::1111"])
def test_ipv6_carrying_a_public_ipv4_stays_public(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize("url", ["http://[2002:7f00:1::1]/feed", "http://[64:FF9B::7F00:1]/feed"])
async def test_the_fetcher_refuses_embedded_private_literals(url: str) -> None:
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(resolver=GuardedResolver())
    ) as session:
        with pytest.raises(FetchError, match="refusing to connect to"):
            await fetch(session, url, GUARDED)


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[App]:
    """SQLite only: these checks happen before any SQL that could differ between databases."""
    async with app_at(f"sqlite:///{tmp_path / 'urls.db'}", FakeClock(EPOCH)) as opened:
        yield opened


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.xml"
    path.write_text(
        "<rss><channel><title>secret</title><item><title>leak</title>"
        "<description>Leaked on March 11, 2025.</description></item></channel></rss>"
    )
    return path


@pytest.mark.parametrize("form", SMUGGLED_FILE_URLS)
async def test_a_server_cannot_add_a_local_file_in_any_form(
    app: App, secret: Path, form: str
) -> None:
    url = form.format(path=str(secret).lstrip("/"))
    with pytest.raises(SourceError, match="only the CLI may add them") as info:
        await app.sources.add(url, guild_id=42)
    assert "\n" not in str(info.value)
    assert await count(app, Source) == 0


@pytest.mark.parametrize(
    "url", ["ftp://example.com/feed", "gopher://example.com/", "\x01data:text/plain,x"]
)
async def test_a_server_may_add_http_and_https_only(app: App, url: str) -> None:
    with pytest.raises(SourceError):
        await app.sources.add(url, guild_id=42)
    assert await count(app, Source) == 0


async def test_the_operator_may_add_a_local_file_and_it_is_stored_normalised(
    app: App, secret: Path
) -> None:
    added = await app.sources.add(
        f"\x01FILE://{secret}", allow_local_files=True, interval_minutes=30
    )
    assert added.source.url == secret.as_uri()


async def test_opml_import_normalises_and_refuses_local_files(app: App, secret: Path) -> None:
    opml = (
        '<opml version="2.0"><body>'
        f'<outline type="rss" xmlUrl="&#9; FILE://{secret}"/>'
        '<outline type="rss" xmlUrl=" HTTPS://Feeds.Example/a "/>'
        "</body></opml>"
    ).encode()
    result = await import_sources(app.sessions, app.clock, opml)
    assert result.added == ["https://feeds.example/a"]
    assert len(result.invalid) == 1 and "only http(s)" in result.invalid[0]
