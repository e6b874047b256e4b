"""The read-only web server: calendar feed, timeline page, read API, health and metrics.

Everything a visitor sees hangs off a secret link (`/c/{secret}/…`, or the API with
`Authorization: Bearer {secret}`); a wrong secret and a missing event give the same 404. Only
GET (and HEAD) routes exist, so nothing can be written through the web.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web
from sqlalchemy import text

from bot.app import App
from bot.config import ConfigError, WebSettings, listen_address
from bot.exports import is_web_link, load_details, to_ics, with_articles
from bot.render import detail_json
from bot.timeline import MAX_PER_PAGE, EventDetail, TimelineQuery
from bot.web.links import MAX_QUERY_CHARS, CalendarLinks, ResolvedLink, link_urls
from bot.web.metrics import CONTENT_TYPE, Metrics
from bot.web.ratelimit import RateLimiter

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
DEFAULT_API_LIMIT = 50
NOT_FOUND = "not found"
MAX_EVENT_ID = 2**31 - 1
# Part of every calendar ETag: bump it when the .ics rendering changes, so clients re-fetch.
FEED_FORMAT = "1"
MAX_PAGE = 100_000
SECURITY_HEADERS = {
    # No script at all, styles only from our own stylesheet, no framing, no <base> tricks.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # The secret is in the URL: never send it to the sites the source links point to.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class QueryTooLong(ValueError):
    """A search longer than links may hold; the message says the limit."""


@dataclass(frozen=True, slots=True)
class Liveness:
    """What /healthz asks of the rest of the process."""

    scheduler_running: Callable[[], bool]
    # "console" (no token), "connected" or "disconnected".
    discord_state: Callable[[], str]


def json_error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    """Every error: one line of JSON, `{"error": "..."}`."""
    return web.json_response({"error": message}, status=status, headers=headers)


def _not_found() -> web.Response:
    return json_error(404, NOT_FOUND)


def _client(request: web.Request) -> str:
    return request.remote or "unknown"


def encode_cursor(day: dt.date, event_id: int) -> str:
    raw = f"{day.isoformat()}:{event_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, int]:
    """Raises ValueError for anything that is not a cursor this server gave out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, _, event_id = raw.partition(":")
        position = dt.date.fromisoformat(day), parse_event_id(event_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        position = None
    if position is None or position[1] is None:
        raise ValueError("cursor is not one this API returned")
    return position[0], position[1]


def parse_event_id(value: str) -> int | None:
    """An event id as the database can hold it (a 32-bit integer), else None."""
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if 0 < number <= MAX_EVENT_ID else None


class WebHandlers:
    def __init__(
        self,
        app: App,
        links: CalendarLinks,
        metrics: Metrics,
        liveness: Liveness,
        settings: WebSettings,
    ) -> None:
        self.app = app
        self.links = links
        self.metrics = metrics
        self.liveness = liveness
        self.settings = settings
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.templates.tests["web_link"] = is_web_link

    # -- operability -------------------------------------------------------------------------

    async def healthz(self, request: web.Request) -> web.Response:
        database = "ok"
        try:
            async with self.app.sessions() as session:
                await session.execute(text("SELECT 1"))
        except Exception as exc:  # any failure means "not reachable"; the log has the detail
            log.warning("health check: database unreachable: %s", exc)
            database = "unreachable"
        scheduler = "running" if self.liveness.scheduler_running() else "stopped"
        discord = self.liveness.discord_state()
        healthy = database == "ok" and scheduler == "running" and discord != "disconnected"
        body = {
            "status": "ok" if healthy else "unhealthy",
            "database": database,
            "scheduler": scheduler,
            "discord": discord,
        }
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics_text(self, request: web.Request) -> web.Response:
        await self.metrics.refresh(self.app.sessions, self.app.clock.now())
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    async def openapi(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(HERE / "openapi.json")

    # -- what a secret link opens ------------------------------------------------------------

    async def _link(self, request: web.Request) -> ResolvedLink | None:
        secret = request.match_info.get("secret")
        if secret is None:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            secret = token.strip() if scheme.lower() == "bearer" else ""
        return await self.links.resolve(secret)

    async def _today(self, link: ResolvedLink) -> dt.date:
        return await self.app.guilds.today(link.viewer.guild_id, self.app.clock.now())

    async def _query(self, link: ResolvedLink, request: web.Request) -> TimelineQuery:
        """The link's keywords and the visitor's q/since/until, read like /timeline's.

        Raises ValueError (DateInputError or QueryTooLong), one line, for bad input."""
        params = request.query
        if len(params.get("q", "")) > MAX_QUERY_CHARS:
            raise QueryTooLong(f"q is limited to {MAX_QUERY_CHARS} characters")
        words = " ".join(part for part in (link.query, params.get("q", "")) if part.strip())
        return TimelineQuery.typed(
            words or None,
            params.get("since") or None,
            params.get("until") or None,
            await self._today(link),
        )

    async def calendar(self, request: web.Request) -> web.StreamResponse:
        link = await self._link(request)
        if link is None:
            return _not_found()
        query = TimelineQuery(text=link.query or None)
        viewer = link.viewer
        instance_id = await self.links.instance_id()
        # The validator comes from a cheap query, so an unchanged calendar (most polls) is
        # answered 304 without loading or rendering anything.
        fingerprint = await self.app.timeline.fingerprint(query, viewer=viewer)
        state = f"{FEED_FORMAT}|{instance_id}|{link.query}|{fingerprint}"
        etag = f'"{hashlib.sha256(state.encode()).hexdigest()[:32]}"'
        headers = {"ETag": etag, "Cache-Control": "private, max-age=300"}
        if _etag_matches(request.headers.get("If-None-Match"), etag):
            return web.Response(status=304, headers=headers)
        details = await load_details(self.app.sessions, query, viewer=viewer)
        name = f"Dateline: {link.query}" if link.query else "Dateline timeline"
        # Thousands of events take icalendar seconds: off the loop, which also serves Discord.
        body = await asyncio.to_thread(to_ics, details, name=name, instance_id=instance_id)
        headers["Content-Type"] = "text/calendar; charset=utf-8"
        headers["Content-Disposition"] = 'inline; filename="dateline.ics"'
        return web.Response(body=body, headers=headers)

    async def page(self, request: web.Request) -> web.Response:
        link = await self._link(request)
        if link is None:
            return _not_found()
        params = request.query
        upcoming = params.get("view") == "upcoming"
        error = None
        page_number = _page_number(params.get("page"))
        try:
            query = await self._query(link, request)
        except ValueError as exc:
            error = str(exc)
            query = TimelineQuery(text=link.query or None)
        today = await self._today(link)
        if upcoming and (query.since is None or query.since < today):
            query = TimelineQuery(text=query.text, since=today, until=query.until)
        result = await self.app.timeline.search(
            query, viewer=link.viewer, page=page_number, per_page=PAGE_SIZE
        )
        details = await with_articles(self.app.sessions, result.items, link.viewer)
        secret = request.match_info["secret"]
        urls = link_urls(self.settings.base_url, secret)
        state = {key: params.get(key, "") for key in ("q", "since", "until") if params.get(key, "")}
        if upcoming:
            state["view"] = "upcoming"
        html = self.templates.get_template("timeline.html").render(
            details=details,
            page=result,
            error=error,
            q=params.get("q", ""),
            since=params.get("since", ""),
            until=params.get("until", ""),
            upcoming=upcoming,
            keywords=link.query,
            feed_url=urls.https,
            webcal_url=urls.webcal,
            page_url=lambda number: _page_url(state, number),
            all_url=_page_url({k: v for k, v in state.items() if k != "view"}, 1),
            upcoming_url=_page_url({**state, "view": "upcoming"}, 1),
            day_label=_day_label,
        )
        return web.Response(
            text=html,
            content_type="text/html",
            charset="utf-8",
            status=400 if error else 200,
            headers={"Cache-Control": "private, no-store"},
        )

    async def api_events(self, request: web.Request) -> web.Response:
        link = await self._link(request)
        if link is None:
            return _not_found()
        params = request.query
        try:
            limit = int(params.get("limit", DEFAULT_API_LIMIT))
        except ValueError:
            return json_error(400, f"limit must be a whole number from 1 to {MAX_PER_PAGE}")
        if not 1 <= limit <= MAX_PER_PAGE:
            return json_error(400, f"limit must be a whole number from 1 to {MAX_PER_PAGE}")
        try:
            position = decode_cursor(params["cursor"]) if params.get("cursor") else None
            query = await self._query(link, request)
        except ValueError as exc:
            return json_error(400, str(exc))
        rows = await self.app.timeline.after(query, position, viewer=link.viewer, limit=limit + 1)
        details = await with_articles(self.app.sessions, rows[:limit], link.viewer)
        next_cursor = (
            encode_cursor(rows[limit - 1].date, rows[limit - 1].id) if len(rows) > limit else None
        )
        return web.json_response(
            {"events": [_event_json(d) for d in details], "next_cursor": next_cursor},
            dumps=_dumps,
            headers={"Cache-Control": "private, no-store"},
        )

    async def api_event(self, request: web.Request) -> web.Response:
        link = await self._link(request)
        if link is None:
            return _not_found()
        event_id = parse_event_id(request.match_info["event_id"])
        if event_id is None:
            return _not_found()
        detail = await self.app.timeline.get(event_id, viewer=link.viewer)
        if detail is None:
            return _not_found()
        return web.json_response(
            _event_json(detail), dumps=_dumps, headers={"Cache-Control": "private, no-store"}
        )


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _event_json(detail: EventDetail) -> dict[str, Any]:
    data = detail_json(detail)
    data["sources"] = len({a.source_name for a in detail.articles})
    data["revision"] = detail.event.revision
    data["cancelled"] = detail.event.cancelled_at is not None
    return data


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = {part.strip().removeprefix("W/") for part in header.split(",")}
    return "*" in candidates or etag in candidates


def _page_number(value: str | None) -> int:
    """The page asked for, 1 when unreadable, at most `MAX_PAGE`."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 6:
        return 1
    return max(1, min(int(value), MAX_PAGE))


def _page_url(state: dict[str, str], number: int) -> str:
    params = dict(state)
    if number > 1:
        params["page"] = str(number)
    return "?" + urlencode(params) if params else "./"


def _day_label(detail: EventDetail) -> str:
    row = detail.event
    if row.granularity == "month":
        return row.date.strftime("%B %Y")
    return f"{row.date:%a} {row.date.day} {row.date:%b %Y}"


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def build_web_app(
    dateline: App,
    links: CalendarLinks,
    metrics: Metrics,
    liveness: Liveness,
    *,
    monotonic: Callable[[], float] = time.monotonic,
) -> web.Application:
    """The aiohttp application; `monotonic` drives the rate limiter (tests step it)."""
    settings = dateline.settings.web
    limiter = RateLimiter(settings.requests_per_minute, monotonic)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        wait = limiter.check(_client(request))
        if wait:
            response: web.StreamResponse = json_error(
                429, "too many requests; slow down", {"Retry-After": str(max(1, round(wait)))}
            )
        else:
            try:
                response = await handler(request)
            except web.HTTPException as exc:
                message = NOT_FOUND if exc.status == 404 else exc.reason.lower()
                kept = {k: v for k, v in exc.headers.items() if k.lower() in ("allow",)}
                response = json_error(exc.status, message, kept)
            except Exception:
                # The route's pattern, not the path: paths carry secrets, logs must not.
                resource = request.match_info.route.resource
                log.exception("web request %s failed", resource.canonical if resource else "?")
                response = json_error(500, "internal error; the log has the details")
        response.headers.update(SECURITY_HEADERS)
        metrics.requests.labels(status=str(response.status)).inc()
        return response

    handlers = WebHandlers(dateline, links, metrics, liveness, settings)
    application = web.Application(middlewares=[guard])
    application.router.add_get("/healthz", handlers.healthz)
    application.router.add_get("/metrics", handlers.metrics_text)
    application.router.add_static("/static/", HERE / "static", show_index=False)
    application.router.add_get("/openapi.json", handlers.openapi)
    application.router.add_get("/c/{secret}/calendar.ics", handlers.calendar)
    application.router.add_get("/c/{secret}/", handlers.page)
    application.router.add_get("/c/{secret}/api/events", handlers.api_events)
    application.router.add_get("/c/{secret}/api/events/{event_id}", handlers.api_event)
    application.router.add_get("/api/events", handlers.api_events)
    application.router.add_get("/api/events/{event_id}", handlers.api_event)
    return application


class WebServer:
    """Runs the web application on `[web] listen` next to the bot, and the loop-lag probe."""

    def __init__(self, dateline: App, liveness: Liveness, metrics: Metrics) -> None:
        self._dateline = dateline
        self.links = CalendarLinks(dateline.sessions, dateline.clock)
        self.metrics = metrics
        self._application = build_web_app(dateline, self.links, metrics, liveness)
        self._runner = web.AppRunner(self._application, access_log=None)
        self._lag_task: asyncio.Task[None] | None = None
        self.port: int | None = None

    async def start(self) -> None:
        host, port = listen_address(self._dateline.settings.web.listen)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            raise ConfigError(
                f"[web] listen = {self._dateline.settings.web.listen!r}: cannot listen there "
                f"({exc.strerror or exc}); choose another address or set [web] enabled = false"
            ) from None
        # The bound address tells the real port when port 0 (any free one) was asked for.
        self.port = int(self._runner.addresses[0][1])
        self._lag_task = asyncio.create_task(self.metrics.watch_loop_lag(), name="loop-lag")

    @property
    def base_url(self) -> str:
        """`[web] public_url`, else the address actually listened on."""
        settings = self._dateline.settings.web
        if settings.public_url or self.port is None:
            return settings.base_url
        host, _ = listen_address(settings.listen)
        return f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"

    async def stop(self) -> None:
        if self._lag_task is not None:
            self._lag_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._lag_task
        await self._runner.cleanup()


@contextlib.asynccontextmanager
async def serve_web(
    dateline: App, metrics: Metrics, liveness: Liveness
) -> AsyncIterator[WebServer | None]:
    """The web server while the block runs when `[web] enabled`; otherwise no port is opened."""
    if not dateline.settings.web.enabled:
        yield None
        return
    server = WebServer(dateline, liveness, metrics)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
