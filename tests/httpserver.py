"""A real aiohttp server on 127.0.0.1 for tests: canned responses per path plus a request log.

Usage (see the ``http_server`` fixture)::

    http_server.add("/feed.xml", body=b"<rss/>", headers={"ETag": '"v1"'})
    http_server.add_handler("/dynamic", my_handler)      # full control
    http_server.add_hang("/slow")                        # never answers (until close)
    url = http_server.url("/feed.xml")
    assert http_server.requests_for("/feed.xml")[0].headers["User-Agent"]

Unknown paths answer 404 and are logged too, so "the server saw nothing" is
``http_server.requests == []``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class RecordedRequest:
    """What the server received, kept after the request is done."""

    method: str
    path: str
    query_string: str
    headers: CIMultiDictProxy[str]


@dataclass(frozen=True)
class CannedResponse:
    """A fixed response; ``chunked`` sends the body in pieces with no Content-Length."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    chunked: bool = False

    async def respond(self, request: web.Request) -> web.StreamResponse:
        if not self.chunked:
            return web.Response(status=self.status, body=self.body, headers=dict(self.headers))
        response = web.StreamResponse(status=self.status, headers=dict(self.headers))
        response.enable_chunked_encoding()
        await response.prepare(request)
        for start in range(0, len(self.body), 8192):
            await response.write(self.body[start : start + 8192])
        await response.write_eof()
        return response


class CannedServer:
    """Serves registered paths on an ephemeral 127.0.0.1 port; start it with ``async with``."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._routes: dict[str, Handler] = {}
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._base = ""

    async def __aenter__(self) -> CannedServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._base = f"http://{host}:{port}"

    async def close(self) -> None:
        self._closing.set()  # releases add_hang handlers
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def port(self) -> int:
        """The ephemeral port, for building URLs with other host names."""
        return int(self._base.rsplit(":", 1)[1])

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return self._base + path

    def add(
        self,
        path: str,
        *,
        body: bytes | str = b"",
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        content_type: str | None = None,
        chunked: bool = False,
    ) -> None:
        """Answer ``path`` (any method, any query) with a fixed response; re-adding replaces it."""
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        data = body.encode() if isinstance(body, str) else body
        self._routes[path] = CannedResponse(status, data, all_headers, chunked).respond

    def add_redirect(self, path: str, location: str, *, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``location`` (relative or absolute)."""
        self.add(path, status=status, headers={"Location": location})

    def add_handler(self, path: str, handler: Handler) -> None:
        """Answer ``path`` with arbitrary code (conditional responses, sequences...)."""
        self._routes[path] = handler

    def add_hang(self, path: str) -> None:
        """Accept requests on ``path`` and never answer, until the server closes."""

        async def hang(request: web.Request) -> web.StreamResponse:
            await self._closing.wait()
            return web.Response(status=503)

        self._routes[path] = hang

    def requests_for(self, path: str) -> list[RecordedRequest]:
        """The requests received for ``path``, oldest first."""
        return [r for r in self.requests if r.path == path]

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                query_string=request.query_string,
                headers=CIMultiDictProxy(CIMultiDict(request.headers)),
            )
        )
        handler = self._routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text=f"no canned response for {request.path}")
        return await handler(request)
