"""Fake DNS for the ingest tests: names map to addresses without touching the network."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping, Sequence

from aiohttp.abc import AbstractResolver, ResolveResult

from bot.ingest.netguard import GuardedResolver


class StubResolver(AbstractResolver):
    """Answers from a fixed table; unknown names fail like a DNS miss."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.table = table
        self.lookups: list[str] = []
        self.closed = False

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.lookups.append(host)
        if host not in self.table:
            raise OSError(f"Name or service not known: {host}")
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6
                if ipaddress.ip_address(address).version == 6
                else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in self.table[host]
        ]

    async def close(self) -> None:
        self.closed = True


class PublicNameResolver(AbstractResolver):
    """Plays the public internet: ``trusted`` names reach the loopback test server unguarded,
    every other name goes through a real ``GuardedResolver`` (the thing under test)."""

    def __init__(self, trusted: Mapping[str, str], others: Mapping[str, Sequence[str]]) -> None:
        self._trusted = StubResolver({name: [addr] for name, addr in trusted.items()})
        self.guarded = GuardedResolver(StubResolver(others), allow_private=False)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host in self._trusted.table:
            return await self._trusted.resolve(host, port, family)
        return await self.guarded.resolve(host, port, family)

    async def close(self) -> None:
        await self.guarded.close()
