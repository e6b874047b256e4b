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
import re
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

if TYPE_CHECKING:
    from bot.ingest.fetch import FetchPolicy

ALLOWED_SCHEMES = frozenset({"http", "https", "file"})
# What a person may add from chat: the web only (file: is for the machine's operator).
WEB_SCHEMES = frozenset({"http", "https"})
# WHATWG URL parsing (and Python's urlsplit, which the fetcher uses) drops these at both ends
# and tab/newline anywhere: a check must see the URL after that, not before.
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Embedded IPv4 in IPv6: NAT64 (RFC 6052 well-known prefix), 6to4 is `sixtofour`, Teredo `teredo`.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddressError(Exception):
    """A host resolved to (or is) an address the bot must not connect to."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"refusing to connect to {host}: {address} is not a public address")
        self.host = host
        self.address = address


def normalise_url(url: str) -> str:
    """The URL exactly as the fetcher will request it, so that every check judges that URL.

    Leading/trailing control characters and spaces and inner tabs/newlines are dropped (as the
    URL parsers do); any other control character or whitespace is refused; the scheme and host
    are lower-cased and the host IDNA-encoded (as yarl sends it). Raises `ValueError` with a
    one-line reason.
    """
    cleaned = url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    if not _SCHEME.match(cleaned):
        raise ValueError(f"invalid URL {cleaned!r}: missing scheme (expected http:// or https://)")
    bad = next((c for c in cleaned if c.isspace() or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0), None)
    if bad is not None:
        raise ValueError(f"invalid URL {cleaned!r}: it contains {bad!r}")
    try:
        parts = urlsplit(cleaned)
        parts.port  # noqa: B018 - accessing .port validates it
    except ValueError as exc:
        raise ValueError(f"invalid URL {cleaned!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        return urlunsplit(parts._replace(scheme=scheme)) if scheme else cleaned
    try:
        parsed = URL(cleaned)
    except (ValueError, UnicodeError) as exc:
        raise ValueError(f"invalid URL {cleaned!r}: {exc}") from None
    if not parsed.raw_host:
        raise ValueError(f"invalid URL {cleaned!r}: missing host")
    return str(parsed)


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
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            # Routed to the IPv4 inside: as public as that address and no more.
            return is_public_address(embedded)
    return not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: mapped, 6to4, Teredo (client) or NAT64."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


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
