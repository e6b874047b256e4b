"""Fetching feed and article URLs with conditional GET, size caps, timeouts and the SSRF guard.

Redirects are followed here, hop by hop, rather than by aiohttp: each hop's host is checked
before connecting (aiohttp never consults the resolver for IP literals), ``file://`` targets
are refused, and loops get a precise error.

``file://`` URLs are read from disk (for local demo feeds and tests). Their modification time
(in nanoseconds) and size are reported as an ``etag``, and passing it back makes the next fetch
return ``not_modified`` exactly like an HTTP 304, so callers need no special case; a file
rewritten within the same second is still new (an HTTP-date alone would hide it).
"""

from __future__ import annotations

import asyncio
import email.utils
import mimetypes
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from urllib.request import url2pathname

import aiohttp
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from bot.errors import one_line
from bot.ingest.netguard import (
    BlockedAddressError,
    check_host,
    check_url_syntax,
    normalise_url,
)

DEFAULT_USER_AGENT = "Dateline/0.1 (+https://github.com/dateline-bot/dateline)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for one fetch; ``allow_private_addresses`` is for tests and trusted setups only."""

    timeout_seconds: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_addresses: bool = False


@dataclass(frozen=True)
class FetchResult:
    """A successful fetch. ``headers`` is case-insensitive.

    ``etag``/``last_modified`` are the validators to send next time: on a 304 without
    fresh validators the ones that were sent are echoed back, so callers can always store them.
    """

    url: str
    final_url: str
    status: int
    body: bytes
    headers: Mapping[str, str]
    etag: str | None
    last_modified: str | None
    not_modified: bool
    retry_after_seconds: float | None


class FetchError(Exception):
    """A fetch that produced no usable body; the message is one line, fit for users."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after_seconds = retry_after_seconds

    @property
    def gone(self) -> bool:
        """HTTP 410: the feed was removed for good and should stop being polled."""
        return self.status == 410


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now; it may be delta-seconds or an HTTP-date."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def fetch(
    session: aiohttp.ClientSession,
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """Fetch an http, https or file URL; anything but a body or a 304 is a ``FetchError``."""
    try:
        url = normalise_url(url)
        check_url_syntax(url)
    except ValueError as exc:
        raise FetchError(str(exc)) from None
    if urlsplit(url).scheme == "file":
        return await asyncio.to_thread(_read_file, url, policy, etag)
    try:
        async with asyncio.timeout(policy.timeout_seconds):
            return await _fetch_http(session, url, policy, etag, last_modified)
    except FetchError:
        raise
    except BlockedAddressError as exc:
        raise FetchError(str(exc)) from None
    except TimeoutError:
        raise FetchError(f"timed out after {policy.timeout_seconds:g}s fetching {url}") from None
    except aiohttp.ClientConnectorDNSError as exc:
        raise FetchError(f"cannot resolve host {exc.host}: {one_line(exc.os_error)}") from None
    except aiohttp.ClientConnectorError as exc:
        raise FetchError(
            f"cannot connect to {exc.host}:{exc.port}: {one_line(exc.os_error)}"
        ) from None
    except aiohttp.ClientError as exc:
        raise FetchError(f"request to {url} failed: {one_line(exc)}") from None


async def _fetch_http(
    session: aiohttp.ClientSession,
    url: str,
    policy: FetchPolicy,
    etag: str | None,
    last_modified: str | None,
) -> FetchResult:
    """Follow redirects by hand, checking every hop, and read the final response."""
    headers = {"User-Agent": policy.user_agent}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = URL(url)
    seen = {current}
    for _ in range(policy.max_redirects + 1):
        check_host(current.host or "", allow_private=policy.allow_private_addresses)
        async with session.get(current, headers=headers, allow_redirects=False) as resp:
            location = resp.headers.get("Location")
            if resp.status in REDIRECT_STATUSES and location:
                current = _redirect_target(current, location, url)
                if current in seen:
                    raise FetchError(f"redirect loop fetching {url} (back to {current})")
                seen.add(current)
                continue
            return await _read_response(resp, url, policy, etag, last_modified)
    raise FetchError(f"too many redirects (more than {policy.max_redirects}) fetching {url}")


def _redirect_target(current: URL, location: str, url: str) -> URL:
    """Resolve a Location header; only http(s) targets may be followed."""
    try:
        target = current.join(URL(location))
    except ValueError:
        raise FetchError(f"invalid redirect to {location!r} fetching {url}") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise FetchError(f"refusing redirect to {location!r} fetching {url}")
    return target


async def _read_response(
    resp: aiohttp.ClientResponse,
    url: str,
    policy: FetchPolicy,
    etag: str | None,
    last_modified: str | None,
) -> FetchResult:
    """Turn the final response into a result or a ``FetchError``, capping the body size."""
    retry_after = parse_retry_after(resp.headers.get("Retry-After"))
    if resp.status == 304:
        return FetchResult(
            url=url,
            final_url=str(resp.url),
            status=304,
            body=b"",
            headers=resp.headers,
            etag=resp.headers.get("ETag") or etag,
            last_modified=resp.headers.get("Last-Modified") or last_modified,
            not_modified=True,
            retry_after_seconds=retry_after,
        )
    if not 200 <= resp.status < 300:
        raise FetchError(
            f"HTTP {resp.status} {resp.reason or ''}".rstrip() + f" fetching {url}",
            status=resp.status,
            retry_after_seconds=retry_after if resp.status in (429, 503) else None,
        )
    if resp.content_length is not None and resp.content_length > policy.max_bytes:
        raise _too_large(url, policy)
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(_CHUNK_SIZE):
        size += len(chunk)
        if size > policy.max_bytes:  # counts decompressed bytes, so gzip bombs stop too
            raise _too_large(url, policy)
        chunks.append(chunk)
    return FetchResult(
        url=url,
        final_url=str(resp.url),
        status=resp.status,
        body=b"".join(chunks),
        headers=resp.headers,
        etag=resp.headers.get("ETag"),
        last_modified=resp.headers.get("Last-Modified"),
        not_modified=False,
        retry_after_seconds=retry_after,
    )


def _too_large(url: str, policy: FetchPolicy) -> FetchError:
    return FetchError(f"response from {url} is larger than {policy.max_bytes} bytes")


def _read_file(url: str, policy: FetchPolicy, etag: str | None) -> FetchResult:
    """Blocking read of a ``file://`` URL (run in a thread), with the same size cap."""
    path = url2pathname(urlsplit(url).path)
    try:
        with open(path, "rb") as f:
            stat = os.fstat(f.fileno())
            mtime = email.utils.formatdate(stat.st_mtime, usegmt=True)
            validator = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            if etag == validator:
                body, status = b"", 304
            elif stat.st_size > policy.max_bytes:
                raise _too_large(url, policy)
            else:
                body, status = f.read(policy.max_bytes + 1), 200
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(body) > policy.max_bytes:  # the file grew after fstat
        raise _too_large(url, policy)
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return FetchResult(
        url=url,
        final_url=url,
        status=status,
        body=body,
        headers=CIMultiDictProxy(CIMultiDict({"Content-Type": content_type})),
        etag=validator,
        last_modified=mtime,
        not_modified=status == 304,
        retry_after_seconds=None,
    )
