"""SSRF guard for user-added feed URLs.

Feed URLs come from Discord users, so the bot must never be tricked into requesting
internal services (cloud metadata, databases on the LAN, the bot's own host). The guard
sits in the connector's resolver, so it sees every connection the session makes: the
first request, every redirect hop and every re-resolution (DNS rebinding). aiohttp skips
the resolver for IP-literal hosts, so ``check_host`` must also be called for each hop
before connecting (``fetch`` does this).
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

if TYPE_CHECKING:
    from bot.ingest.fetch import FetchPolicy

ALLOWED_SCHEMES = frozenset({"http", "https", "file"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddressError(Exception):
    """A host resolved to (or is) an address the bot must not connect to."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"refusing to connect to {host}: {address} is not a public address")
        self.host = host
        self.address = address


def check_url_syntax(url: str) -> None:
    """Reject URLs the fetcher cannot or must not handle, with a one-line reason."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - accessing .port validates it
    except ValueError as exc:
        raise ValueError(f"invalid URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise ValueError(f"invalid URL {url!r}: missing scheme (expected http:// or https://)")
    if scheme not in ALLOWED_SCHEMES:
        raise ValueError(f"unsupported URL scheme {scheme!r} in {url!r}: use http, https or file")
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path:
            raise ValueError(f"invalid file URL {url!r}: expected file:///absolute/path")
    elif not parts.hostname:
        raise ValueError(f"invalid URL {url!r}: missing host")


def is_public_address(address: str | IPAddress) -> bool:
    """True only for globally routable unicast addresses (IPv4-mapped IPv6 is unwrapped)."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:  # "fe80::1%eth0" style: always link-scoped
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_host(host: str, *, allow_private: bool) -> None:
    """Refuse an IP-literal host that is not public; hostnames are left to the resolver."""
    if allow_private:
        return
    try:
        ip = ipaddress.ip_address(host.strip("[]").rstrip("."))
    except ValueError:
        return
    if not is_public_address(ip):
        raise BlockedAddressError(host, str(ip))


class GuardedResolver(AbstractResolver):
    """Resolver that refuses hosts resolving to any non-public address.

    If any of a host's addresses is non-public the whole lookup is refused: a rebinding
    attacker can mix one public and one private record, and the connector would try both.
    """

    def __init__(self, inner: AbstractResolver | None = None, *, allow_private: bool = False):
        self._inner = inner if inner is not None else aiohttp.DefaultResolver()
        self._allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if not self._allow_private:
            for result in results:
                if not is_public_address(result["host"]):
                    raise BlockedAddressError(host, result["host"])
        return results

    async def close(self) -> None:
        await self._inner.close()


def make_session(policy: FetchPolicy) -> aiohttp.ClientSession:
    """A session whose every connection goes through the guard, with the policy's limits.

    ``trust_env=False``: with an environment proxy the resolver would only see the proxy.
    """
    connector = aiohttp.TCPConnector(
        resolver=GuardedResolver(allow_private=policy.allow_private_addresses),
        limit_per_host=4,  # polite to any one site however many feeds it hosts
    )
    return aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=policy.timeout_seconds),
        headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        auto_decompress=True,
        trust_env=False,
    )
