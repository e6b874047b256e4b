"""fetch() against a real aiohttp server on 127.0.0.1 (and local files)."""

from __future__ import annotations

import email.utils
import gzip
import os
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.ingest.fetch import (
    DEFAULT_USER_AGENT,
    FetchError,
    FetchPolicy,
    FetchResult,
    fetch,
    parse_retry_after,
)
from bot.ingest.netguard import make_session
from tests.httpserver import CannedServer
from tests.ingest.resolvers import StubResolver

POLICY = FetchPolicy(allow_private_addresses=True, timeout_seconds=5.0)
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with make_session(POLICY) as s:
        yield s


async def test_plain_get_returns_body_headers_and_validators(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add(
        "/feed.xml",
        body=FEED,
        content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 18 Mar 2025 09:00:00 GMT"},
    )
    result = await fetch(session, http_server.url("/feed.xml"), POLICY)
    assert result == FetchResult(
        url=http_server.url("/feed.xml"),
        final_url=http_server.url("/feed.xml"),
        status=200,
        body=FEED,
        headers=result.headers,
        etag='"v1"',
        last_modified="Tue, 18 Mar 2025 09:00:00 GMT",
        not_modified=False,
        retry_after_seconds=None,
    )
    assert result.headers["content-type"] == "application/rss+xml"
    request = http_server.requests_for("/feed.xml")[0]
    assert request.method == "GET"
    assert request.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert "If-None-Match" not in request.headers
    assert "If-Modified-Since" not in request.headers


async def test_user_agent_comes_from_policy_even_with_a_foreign_session(
    http_server: CannedServer,
) -> None:
    http_server.add("/feed.xml", body=FEED)
    policy = FetchPolicy(allow_private_addresses=True, user_agent="Dateline/9 (test)")
    async with aiohttp.ClientSession() as plain:
        await fetch(plain, http_server.url("/feed.xml"), policy)
    assert http_server.requests[0].headers["User-Agent"] == "Dateline/9 (test)"


async def test_conditional_get_sends_validators_and_maps_304(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    last_modified = "Tue, 18 Mar 2025 09:00:00 GMT"

    async def conditional(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        return web.Response(body=FEED, headers={"ETag": '"v1"', "Last-Modified": last_modified})

    http_server.add_handler("/feed.xml", conditional)
    first = await fetch(session, http_server.url("/feed.xml"), POLICY)
    second = await fetch(
        session,
        http_server.url("/feed.xml"),
        POLICY,
        etag=first.etag,
        last_modified=first.last_modified,
    )
    assert (second.status, second.not_modified, second.body) == (304, True, b"")
    # validators for next time: the fresh ETag, and the Last-Modified that was sent
    assert (second.etag, second.last_modified) == ('"v1"', last_modified)
    sent = http_server.requests[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == last_modified


async def test_if_modified_since_alone(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add("/feed.xml", status=304)
    result = await fetch(
        session, http_server.url("/feed.xml"), POLICY, last_modified="Mon, 17 Mar 2025 08:00:00 GMT"
    )
    assert result.not_modified
    assert result.etag is None
    assert result.last_modified == "Mon, 17 Mar 2025 08:00:00 GMT"
    assert "If-None-Match" not in http_server.requests[0].headers


@pytest.mark.parametrize(
    ("encoding", "compress"), [("gzip", gzip.compress), ("deflate", zlib.compress)]
)
async def test_compressed_responses_are_decoded(
    http_server: CannedServer,
    session: aiohttp.ClientSession,
    encoding: str,
    compress: Callable[[bytes], bytes],
) -> None:
    http_server.add("/feed.xml", body=compress(FEED), headers={"Content-Encoding": encoding})
    result = await fetch(session, http_server.url("/feed.xml"), POLICY)
    assert result.body == FEED


async def test_body_of_exactly_max_bytes_is_accepted(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add("/feed.xml", body=b"x" * 100, chunked=True)
    policy = FetchPolicy(allow_private_addresses=True, max_bytes=100)
    assert len((await fetch(session, http_server.url("/feed.xml"), policy)).body) == 100


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "streamed"])
async def test_oversize_body_is_refused(
    http_server: CannedServer, session: aiohttp.ClientSession, chunked: bool
) -> None:
    http_server.add("/big.xml", body=b"x" * 50_000, chunked=chunked)
    policy = FetchPolicy(allow_private_addresses=True, max_bytes=10_000)
    with pytest.raises(FetchError, match="larger than 10000 bytes") as info:
        await fetch(session, http_server.url("/big.xml"), policy)
    assert info.value.status is None


async def test_decompressed_size_counts_so_gzip_bombs_stop(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    bomb = gzip.compress(b"\0" * 1_000_000)
    assert len(bomb) < 10_000
    http_server.add("/bomb.xml", body=bomb, headers={"Content-Encoding": "gzip"})
    policy = FetchPolicy(allow_private_addresses=True, max_bytes=10_000)
    with pytest.raises(FetchError, match="larger than"):
        await fetch(session, http_server.url("/bomb.xml"), policy)


async def test_redirects_are_followed_to_the_final_url(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add_redirect("/a", "/b", status=301)
    http_server.add_redirect("/b", http_server.url("/c"), status=308)
    http_server.add("/c", body=FEED)
    result = await fetch(session, http_server.url("/a"), POLICY)
    assert (result.url, result.final_url, result.body) == (
        http_server.url("/a"),
        http_server.url("/c"),
        FEED,
    )
    assert [r.path for r in http_server.requests] == ["/a", "/b", "/c"]


async def test_conditional_headers_survive_redirects(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add_redirect("/old", "/new")
    http_server.add("/new", status=304)
    result = await fetch(session, http_server.url("/old"), POLICY, etag='"e"')
    assert result.not_modified
    assert http_server.requests_for("/new")[0].headers["If-None-Match"] == '"e"'


async def test_redirect_loop_is_an_error(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add_redirect("/a", "/b")
    http_server.add_redirect("/b", "/a")
    with pytest.raises(FetchError, match="redirect loop"):
        await fetch(session, http_server.url("/a"), POLICY)
    assert len(http_server.requests) == 2


async def test_too_many_redirects(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    for hop in range(3):
        http_server.add_redirect(f"/r{hop}", f"/r{hop + 1}")
    http_server.add("/r3", body=FEED)
    policy = FetchPolicy(allow_private_addresses=True, max_redirects=2)
    with pytest.raises(FetchError, match=r"too many redirects \(more than 2\)"):
        await fetch(session, http_server.url("/r0"), policy)
    assert [r.path for r in http_server.requests] == ["/r0", "/r1", "/r2"]
    exact = FetchPolicy(allow_private_addresses=True, max_redirects=3)
    assert (await fetch(session, http_server.url("/r0"), exact)).body == FEED


async def test_redirect_without_location_is_an_error(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add("/odd", status=302)
    with pytest.raises(FetchError, match="HTTP 302") as info:
        await fetch(session, http_server.url("/odd"), POLICY)
    assert info.value.status == 302


@pytest.mark.parametrize(
    ("status", "gone"), [(404, False), (410, True), (500, False), (403, False)]
)
async def test_http_errors(
    http_server: CannedServer, session: aiohttp.ClientSession, status: int, gone: bool
) -> None:
    http_server.add("/feed.xml", status=status, body=b"nope", headers={"Retry-After": "5"})
    with pytest.raises(FetchError) as info:
        await fetch(session, http_server.url("/feed.xml"), POLICY)
    error = info.value
    assert (error.status, error.gone, error.retry_after_seconds) == (status, gone, None)
    assert str(error).startswith(f"HTTP {status} ")
    assert http_server.url("/feed.xml") in str(error)
    assert "\n" not in str(error)


async def test_429_with_retry_after_seconds(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    http_server.add("/feed.xml", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match="HTTP 429 Too Many Requests") as info:
        await fetch(session, http_server.url("/feed.xml"), POLICY)
    assert (info.value.status, info.value.retry_after_seconds) == (429, 120.0)


async def test_503_with_retry_after_http_date(
    http_server: CannedServer, session: aiohttp.ClientSession
) -> None:
    later = datetime.now(UTC) + timedelta(hours=1)
    http_server.add(
        "/feed.xml",
        status=503,
        headers={"Retry-After": email.utils.format_datetime(later, usegmt=True)},
    )
    with pytest.raises(FetchError) as info:
        await fetch(session, http_server.url("/feed.xml"), POLICY)
    assert info.value.status == 503
    assert info.value.retry_after_seconds is not None
    assert 3500 < info.value.retry_after_seconds <= 3600


def test_parse_retry_after_forms() -> None:
    now = datetime(2025, 3, 18, 9, 0, tzinfo=UTC)
    assert parse_retry_after("30", now=now) == 30.0
    assert parse_retry_after(" 0 ", now=now) == 0.0
    assert parse_retry_after("Tue, 18 Mar 2025 09:02:00 GMT", now=now) == 120.0
    assert parse_retry_after("Tue, 18 Mar 2025 08:00:00 GMT", now=now) == 0.0  # in the past
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("-5", now=now) is None
    assert parse_retry_after("", now=now) is None
    assert parse_retry_after(None, now=now) is None


async def test_slow_server_times_out(http_server: CannedServer) -> None:
    http_server.add_hang("/slow")
    policy = FetchPolicy(allow_private_addresses=True, timeout_seconds=0.2)
    async with make_session(policy) as session:
        with pytest.raises(FetchError, match=r"timed out after 0.2s fetching") as info:
            await fetch(session, http_server.url("/slow"), policy)
    assert info.value.status is None
    assert [r.path for r in http_server.requests] == ["/slow"]


async def test_timeout_covers_the_whole_fetch_not_one_request(http_server: CannedServer) -> None:
    """A session with a generous timeout still obeys the policy's (shorter) deadline."""
    http_server.add_hang("/slow")
    policy = FetchPolicy(allow_private_addresses=True, timeout_seconds=0.2)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(FetchError, match="timed out"):
            await fetch(session, http_server.url("/slow"), policy)


async def test_connection_refused_is_a_fetch_error(session: aiohttp.ClientSession) -> None:
    async with CannedServer() as gone_server:
        url = gone_server.url("/feed.xml")
    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1:\d+") as info:
        await fetch(session, url, POLICY)
    assert "\n" not in str(info.value)


async def test_dns_failure_is_a_fetch_error() -> None:
    connector = aiohttp.TCPConnector(resolver=StubResolver({}))
    async with aiohttp.ClientSession(connector=connector) as session:
        with pytest.raises(FetchError, match=r"cannot resolve host nowhere\.example"):
            await fetch(session, "http://nowhere.example/feed.xml", POLICY)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://feeds.example/feed.xml", "unsupported URL scheme 'ftp'"),
        ("not a url", "missing scheme"),
    ],
)
async def test_bad_urls_are_fetch_errors(
    session: aiohttp.ClientSession, url: str, message: str
) -> None:
    with pytest.raises(FetchError, match=message):
        await fetch(session, url, POLICY)


async def test_file_url_validator_is_its_mtime_and_size(
    session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    path = tmp_path / "demo feed.xml"
    path.write_bytes(FEED)
    os.utime(path, (1_742_288_400, 1_742_288_400))  # 2025-03-18 09:00:00 UTC
    url = path.as_uri()
    result = await fetch(session, url, POLICY)
    assert (result.status, result.body, result.final_url) == (200, FEED, url)
    assert result.last_modified == "Tue, 18 Mar 2025 09:00:00 GMT"
    assert result.headers["Content-Type"] in ("application/xml", "text/xml")
    again = await fetch(session, url, POLICY, etag=result.etag)
    assert (again.status, again.not_modified, again.body) == (304, True, b"")
    # Rewritten within the same second: an HTTP-date could not tell, the validator does.
    path.write_bytes(FEED + b" ")
    os.utime(path, ns=(1_742_288_400_000_000_001, 1_742_288_400_000_000_001))
    changed = await fetch(session, url, POLICY, etag=result.etag)
    assert not changed.not_modified
    assert changed.body == FEED + b" "


async def test_file_url_size_cap_and_missing_file(
    session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FetchError, match="larger than 100 bytes"):
        await fetch(session, path.as_uri(), FetchPolicy(max_bytes=100))
    assert (await fetch(session, path.as_uri(), FetchPolicy(max_bytes=101))).body == b"x" * 101
    with pytest.raises(FetchError, match=r"cannot read .*missing\.xml"):
        await fetch(session, (tmp_path / "missing.xml").as_uri(), POLICY)
