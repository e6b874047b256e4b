"""The gateway websocket: HELLO, heartbeats, IDENTIFY -> READY, RESUME with replay, dispatch.

Frames are sent as plain TEXT, so discord.py never needs to inflate them even though it asks
for ``compress=zlib-stream`` in the URL (it only decompresses BINARY frames).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from .payloads import JSON

log = logging.getLogger("fake_discord.gateway")

HELLO, HEARTBEAT, IDENTIFY, PRESENCE, RESUME, REQUEST_MEMBERS = 10, 1, 2, 3, 6, 8
HEARTBEAT_ACK, INVALID_SESSION, DISPATCH, RECONNECT = 11, 9, 0, 7


@dataclass
class Session:
    """One identified session; its dispatch log lets a RESUME replay what the client missed."""

    session_id: str
    intents: int = 0
    seq: int = 0
    log: list[tuple[int, str]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def frame(self, event: str, data: JSON) -> str:
        """Number, log and serialise a dispatch."""
        self.seq += 1
        text = json.dumps({"op": DISPATCH, "t": event, "s": self.seq, "d": data})
        self.log.append((self.seq, text))
        return text


class Gateway:
    """Serves ``/gateway``; ``ready_payloads`` supplies READY's body and the GUILD_CREATEs."""

    def __init__(
        self,
        ready_payloads: Callable[[str], tuple[JSON, list[JSON]]],
        members_for: Callable[[int], list[JSON]],
        heartbeat_interval_ms: int = 41250,
    ) -> None:
        self._ready_payloads = ready_payloads
        self._members_for = members_for
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None
        #: Every frame the client sent, in order (``{"op": ..., "d": ...}``).
        self.received: list[JSON] = []
        #: Sequence numbers re-sent because a RESUME asked for them.
        self.replayed: list[int] = []
        self._sockets: set[web.WebSocketResponse] = set()
        self._closing: set[asyncio.Task[bool]] = set()

    def ops(self, op: int) -> list[JSON]:
        """Frames the client sent with this opcode (2 IDENTIFY, 6 RESUME, 1 HEARTBEAT...)."""
        return [f for f in self.received if f.get("op") == op]

    @property
    def connected(self) -> bool:
        """True while the current session has a live socket."""
        return (
            self.current is not None and self.current.ws is not None and not self.current.ws.closed
        )

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.add(ws)
        session: Session | None = None
        try:
            await ws.send_json(
                {
                    "op": HELLO,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                    "s": None,
                    "t": None,
                }
            )
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    log.warning("fake gateway ignoring non-text frame %s", msg.type)
                    continue
                frame = json.loads(msg.data)
                self.received.append(frame)
                op, data = frame.get("op"), frame.get("d")
                if op == HEARTBEAT:
                    await ws.send_json({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
                elif op == IDENTIFY:
                    session = await self._identify(ws, data)
                elif op == RESUME:
                    session = await self._resume(ws, data)
                elif op == REQUEST_MEMBERS and session is not None:
                    await self._send_members(session, data)
                elif op != PRESENCE:
                    log.warning("fake gateway: unhandled op %s: %s", op, frame)
        finally:
            self._sockets.discard(ws)
            if session is not None and session.ws is ws:
                session.ws = None
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: JSON) -> Session:
        session = Session(secrets.token_hex(16), intents=int(data.get("intents") or 0))
        self.sessions[session.session_id] = session
        self.current = session
        ready, guilds = self._ready_payloads(session.session_id)
        async with session.lock:
            await ws.send_str(session.frame("READY", ready))
            for guild in guilds:
                await ws.send_str(session.frame("GUILD_CREATE", guild))
            session.ws = ws
        return session

    async def _resume(self, ws: web.WebSocketResponse, data: JSON) -> Session | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None:
            await ws.send_json({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        seq = data.get("seq") or 0
        async with session.lock:
            for s, text in session.log:
                if s > seq:
                    await ws.send_str(text)
                    self.replayed.append(s)
            await ws.send_str(session.frame("RESUMED", {}))
            session.ws = ws
        self.current = session
        return session

    async def _send_members(self, session: Session, data: JSON) -> None:
        members = self._members_for(int(data["guild_id"]))
        if data.get("user_ids"):
            wanted = {str(u) for u in data["user_ids"]}
            members = [m for m in members if m["user"]["id"] in wanted]
        chunk: JSON = {
            "guild_id": str(data["guild_id"]),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self.dispatch("GUILD_MEMBERS_CHUNK", chunk, session)

    async def dispatch(self, event: str, data: JSON, session: Session | None = None) -> int:
        """Send (or, while disconnected, queue for RESUME) a dispatch; returns its seq number."""
        session = session or self.current
        if session is None:
            raise RuntimeError("no gateway session: has the bot connected (wait_until_ready)?")
        async with session.lock:
            text = session.frame(event, data)
            if session.ws is not None and not session.ws.closed:
                try:
                    await session.ws.send_str(text)
                except ConnectionError:
                    session.ws = None
            return session.seq

    async def drop(self, code: int | None = 4000) -> None:
        """Cut the current connection: a close frame with ``code``, or (None) an abrupt TCP reset.

        Returns without yielding to the event loop after detaching the socket (the close
        handshake runs in a task), so dispatches made right after this call are always queued
        and must reach the client through its RESUME replay.
        """
        session = self.current
        if session is None or session.ws is None:
            raise RuntimeError("no live gateway connection to drop")
        async with session.lock:
            ws, session.ws = session.ws, None
        if code is None:
            transport = ws._req.transport if ws._req is not None else None
            if transport is not None:
                transport.abort()
        else:
            task = asyncio.get_running_loop().create_task(ws.close(code=code))
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    async def send_reconnect(self) -> None:
        """Ask the client to reconnect (op 7), as Discord does before maintenance."""
        if self.current is None or self.current.ws is None:
            raise RuntimeError("no live gateway connection")
        await self.current.ws.send_json({"op": RECONNECT, "d": None, "s": None, "t": None})

    async def close(self) -> None:
        """Close every socket (server shutdown)."""
        for ws in list(self._sockets):
            await ws.close(code=1001)
        await asyncio.gather(*self._closing)
