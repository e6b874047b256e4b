"""The SSRF guard: URL syntax, address classes, the resolver, and end-to-end refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest

from bot.ingest.fetch import FetchError, FetchPolicy, fetch
from bot.ingest.netguard import (
    BlockedAddressError,
    GuardedResolver,
    check_host,
    check_url_syntax,
    is_public_address,
    make_session,
)
from tests.httpserver import CannedServer
from tests.ingest.resolvers import PublicNameResolver, StubResolver

GUARDED = FetchPolicy(timeout_seconds=5.0)


@pytest.mark.parametrize(
    "url",
    [
        "http://feeds.example/rss",
        "https://feeds.example:8443/a?b=c",
        "HTTPS://Feeds.Example/",
        "http://[2001:db8::1]/feed",
        "file:///srv/feeds/demo.xml",
        "file://localhost/srv/feeds/demo.xml",
    ],
)
def test_check_url_syntax_accepts(url: str) -> None:
    check_url_syntax(url)


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://feeds.example/rss", "unsupported URL scheme 'ftp'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("gopher://x/", "unsupported URL scheme"),
        ("feeds.example/rss", "missing scheme"),
        ("", "missing scheme"),
        ("http:///rss", "missing host"),
        ("http://feeds.example:99999/", "invalid URL"),
        ("http://[::1/", "invalid URL"),
        ("file://otherhost/etc/passwd", "invalid file URL"),
    ],
)
def test_check_url_syntax_rejects_with_one_line(url: str, fragment: str) -> None:
    with pytest.raises(ValueError) as info:
        check_url_syntax(url)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fe80::1%2",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2001:db8::1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"]
)
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(address)


def test_check_host_only_judges_ip_literals() -> None:
    check_host("feeds.example", allow_private=False)  # names are the resolver's job
    check_host("93.184.216.34", allow_private=False)
    check_host("127.0.0.1", allow_private=True)
    with pytest.raises(BlockedAddressError, match=r"169\.254\.169\.254"):
        check_host("169.254.169.254", allow_private=False)
    with pytest.raises(BlockedAddressError):
        check_host("[::1]", allow_private=False)


def test_blocked_error_names_host_and_address_on_one_line() -> None:
    error = BlockedAddressError("feeds.example", "10.0.0.5")
    assert str(error) == "refusing to connect to feeds.example: 10.0.0.5 is not a public address"
    assert (error.host, error.address) == ("feeds.example", "10.0.0.5")


async def test_resolver_refuses_names_resolving_to_private_addresses() -> None:
    inner = StubResolver({"feeds.example": ["127.0.0.1"], "mapped.example": ["::ffff:10.0.0.1"]})
    resolver = GuardedResolver(inner)
    with pytest.raises(BlockedAddressError, match=r"feeds\.example: 127\.0\.0\.1"):
        await resolver.resolve("feeds.example", 80)
    with pytest.raises(BlockedAddressError, match=r"mapped\.example"):
        await resolver.resolve("mapped.example", 80)


async def test_resolver_passes_public_answers_through() -> None:
    inner = StubResolver({"public.example": ["93.184.216.34", "2606:4700:4700::1111"]})
    results = await GuardedResolver(inner).resolve("public.example", 443)
    assert [r["host"] for r in results] == ["93.184.216.34", "2606:4700:4700::1111"]
    assert all(r["port"] == 443 for r in results)


async def test_resolver_refuses_a_mix_of_public_and_private_records() -> None:
    inner = StubResolver({"rebind.example": ["93.184.216.34", "192.168.0.10"]})
    with pytest.raises(BlockedAddressError, match=r"192\.168\.0\.10"):
        await GuardedResolver(inner).resolve("rebind.example")


async def test_resolver_checks_every_lookup_so_rebinding_is_caught() -> None:
    table = {"rebind.example": ["93.184.216.34"]}
    resolver = GuardedResolver(StubResolver(table))
    await resolver.resolve("rebind.example")
    table["rebind.example"] = ["127.0.0.1"]  # the attacker's DNS flips after the first check
    with pytest.raises(BlockedAddressError):
        await resolver.resolve("rebind.example")


async def test_resolver_allow_private_and_close() -> None:
    inner = StubResolver({"feeds.example": ["127.0.0.1"]})
    resolver = GuardedResolver(inner, allow_private=True)
    assert (await resolver.resolve("feeds.example"))[0]["host"] == "127.0.0.1"
    await resolver.close()
    assert inner.closed


def _tripwire(
    *, requests_to: frozenset[str] = frozenset(), resolving: frozenset[str] = frozenset()
) -> aiohttp.TraceConfig:
    """Fails the test before a request to a host outside ``requests_to`` starts, or before a
    connection follows a lookup of a name outside ``resolving``: a broken guard can never
    send traffic to a private range."""

    async def on_request_start(_: Any, __: SimpleNamespace, params: Any) -> None:
        if params.url.host not in requests_to:
            raise AssertionError(f"guard let a request to {params.url} through")

    async def on_resolved(_: Any, __: SimpleNamespace, params: Any) -> None:
        if params.host not in resolving:
            raise AssertionError(f"guard let {params.host} resolve")

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    trace.on_dns_resolvehost_end.append(on_resolved)
    return trace


@pytest.fixture
async def guarded_session() -> AsyncIterator[aiohttp.ClientSession]:
    async with make_session(GUARDED) as session:
        yield session


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "[::1]", "127.0.0.1.", "[::ffff:127.0.0.1]"]
)
async def test_make_session_refuses_loopback_without_sending(
    http_server: CannedServer, guarded_session: aiohttp.ClientSession, host: str
) -> None:
    http_server.add("/feed.xml", body=b"<rss/>")
    url = f"http://{host}:{http_server.port}/feed.xml"
    with pytest.raises(FetchError, match="refusing to connect to") as info:
        await fetch(guarded_session, url, GUARDED)
    assert "\n" not in str(info.value)
    assert http_server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]:8080/feed",
        "http://[::ffff:192.168.1.1]/feed",
    ],
)
async def test_private_literals_are_refused_before_any_request(url: str) -> None:
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(resolver=GuardedResolver()),
        trace_configs=[_tripwire()],
    ) as session:
        with pytest.raises(FetchError, match="refusing to connect to"):
            await fetch(session, url, GUARDED)


async def _session_with_public_name(
    server_address: str, others: dict[str, list[str]]
) -> aiohttp.ClientSession:
    """A session where ``feeds.example`` stands for a public host that is really our server."""
    resolver = PublicNameResolver({"feeds.example": server_address}, others)
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False),
        trace_configs=[
            _tripwire(
                requests_to=frozenset({"feeds.example", "internal.example"}),
                resolving=frozenset({"feeds.example"}),
            )
        ],
    )


async def test_redirect_to_private_literal_is_refused(http_server: CannedServer) -> None:
    http_server.add_redirect("/feed.xml", "http://169.254.169.254/latest/meta-data/")
    session = await _session_with_public_name("127.0.0.1", {})
    async with session:
        with pytest.raises(FetchError, match=r"169\.254\.169\.254"):
            await fetch(session, f"http://feeds.example:{http_server.port}/feed.xml", GUARDED)
    assert [r.path for r in http_server.requests] == ["/feed.xml"]


async def test_redirect_to_name_resolving_private_is_refused_by_resolver(
    http_server: CannedServer,
) -> None:
    http_server.add_redirect("/feed.xml", f"http://internal.example:{http_server.port}/admin")
    session = await _session_with_public_name("127.0.0.1", {"internal.example": ["10.0.0.7"]})
    async with session:
        with pytest.raises(FetchError, match=r"internal\.example: 10\.0\.0\.7"):
            await fetch(session, f"http://feeds.example:{http_server.port}/feed.xml", GUARDED)
    assert [r.path for r in http_server.requests] == ["/feed.xml"]


async def test_redirect_between_public_names_is_followed(http_server: CannedServer) -> None:
    http_server.add_redirect("/old.xml", f"http://feeds.example:{http_server.port}/new.xml")
    http_server.add("/new.xml", body=b"<rss/>")
    session = await _session_with_public_name("127.0.0.1", {})
    async with session:
        result = await fetch(session, f"http://feeds.example:{http_server.port}/old.xml", GUARDED)
    assert result.body == b"<rss/>"
    assert result.final_url == f"http://feeds.example:{http_server.port}/new.xml"


async def test_redirect_to_file_url_is_refused(http_server: CannedServer) -> None:
    http_server.add_redirect("/feed.xml", "file:///etc/passwd")
    session = await _session_with_public_name("127.0.0.1", {})
    async with session:
        with pytest.raises(FetchError, match="refusing redirect to 'file:///etc/passwd'"):
            await fetch(session, f"http://feeds.example:{http_server.port}/feed.xml", GUARDED)


async def test_make_session_sets_user_agent_and_allows_loopback_when_told(
    http_server: CannedServer,
) -> None:
    http_server.add("/feed.xml", body=b"<rss/>")
    policy = FetchPolicy(allow_private_addresses=True, user_agent="Dateline-test/1")
    async with make_session(policy) as session:
        result = await fetch(session, http_server.url("/feed.xml"), policy)
    assert result.status == 200
    request = http_server.requests_for("/feed.xml")[0]
    assert request.headers["User-Agent"] == "Dateline-test/1"
    assert "gzip" in request.headers["Accept-Encoding"]
