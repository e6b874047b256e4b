"""Draw what Dateline posts, from the real payloads: `python docs/pictures/render_messages.py`.

Runs the real pipeline on a throw-away SQLite database (the test feed of three articles written
for the alert tests), takes the message dicts the delivery worker would send (an alert, a move
line, a reminder, a weekly digest and its chart), lays each out as Discord shows it (dark theme,
embed with its colour bar) in HTML and screenshots it with headless Chromium. Needs `chromium`
(Debian package) and, for emoji, `fonts-noto-color-emoji`.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from bot.app import open_app  # noqa: E402
from bot.config import DatabaseSettings, FetchSettings, Settings  # noqa: E402
from bot.db.models import Delivery, Source  # noqa: E402
from bot.visibility import Viewer  # noqa: E402
from tests.discord.helpers import report_change  # noqa: E402
from tests.support import FakeClock  # noqa: E402

OUT = Path(__file__).resolve().parent
FEEDS = ROOT / "tests" / "fixtures" / "feeds"
START = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC)

PAGE = """<!doctype html><meta charset="utf-8"><style>
body {{ background:#313338; color:#dbdee1; font:15px/1.375 "DejaVu Sans", sans-serif;
        margin:0; padding:16px 16px 24px; width:{width}px; }}
.head {{ display:flex; align-items:baseline; gap:8px; }}
.name {{ color:#f2f3f5; font-weight:600; }}
.tag {{ background:#5865f2; color:#fff; font-size:10px; padding:1px 4px; border-radius:3px; }}
.time {{ color:#949ba4; font-size:12px; }}
.avatar {{ width:40px; height:40px; border-radius:50%; background:#5865f2; float:left;
        margin-right:16px; }}
.body {{ margin-left:56px; }} a {{ color:#00a8fc; text-decoration:none; }}
.embed {{ background:#2b2d31; border-left:4px solid {colour}; border-radius:4px;
        padding:8px 16px 16px 12px; margin-top:4px; max-width:520px; }}
.author {{ font-size:13px; font-weight:600; color:#f2f3f5; margin-top:8px; }}
.title {{ font-weight:600; margin-top:8px; }} .desc {{ font-size:14px; margin-top:8px; }}
.field {{ margin-top:8px; font-size:14px; }} .fname {{ font-weight:600; color:#f2f3f5; }}
.footer {{ font-size:12px; color:#949ba4; margin-top:8px; }}
.image img {{ max-width:100%; border-radius:4px; margin-top:16px; }}
code {{ background:#1e1f22; padding:0 3px; border-radius:3px; font-size:13px; }}
</style><div class="avatar"></div><div class="body">
<div class="head"><span class="name">{author}</span><span class="tag">APP</span>
<span class="time">Today at 09:00</span></div>{content}{embeds}</div>"""


def markdown(text: str) -> str:
    """The bits of Discord markdown Dateline uses: bold, links, <links>, code, line breaks."""
    out = html.escape(text)
    out = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', out)
    out = re.sub(r"&lt;(https?://[^&]+)&gt;", r'<a href="\1">\1</a>', out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return out.replace("\n", "<br>")


def embed_html(embed: dict[str, Any], files: dict[str, str]) -> str:
    parts = []
    if embed.get("author"):
        parts.append(f'<div class="author">{markdown(embed["author"]["name"])}</div>')
    if embed.get("title"):
        title = markdown(embed["title"])
        if embed.get("url"):
            title = f'<a href="{html.escape(embed["url"])}">{title}</a>'
        parts.append(f'<div class="title">{title}</div>')
    if embed.get("description"):
        parts.append(f'<div class="desc">{markdown(embed["description"])}</div>')
    for field in embed.get("fields", []):
        parts.append(
            f'<div class="field"><div class="fname">{markdown(field["name"])}</div>'
            f"{markdown(field['value'])}</div>"
        )
    image = (embed.get("image") or {}).get("url", "")
    if image.startswith("attachment://") and image.removeprefix("attachment://") in files:
        data = files[image.removeprefix("attachment://")]
        parts.append(f'<div class="image"><img src="data:image/png;base64,{data}"></div>')
    if embed.get("footer"):
        parts.append(f'<div class="footer">{markdown(embed["footer"]["text"])}</div>')
    colour = f"#{embed.get('color', 0x1E1F22):06x}"
    return f'<div class="embed" style="border-left-color:{colour}">{"".join(parts)}</div>'


def shoot(name: str, message: dict[str, Any], *, height: int, width: int = 620) -> Path:
    files = {f["filename"]: f["data_b64"] for f in message.get("files") or []}
    page = PAGE.format(
        width=width - 32,
        colour="#1e1f22",
        author="Dateline",
        content=f"<div>{markdown(message['content'])}</div>" if message.get("content") else "",
        embeds="".join(embed_html(e, files) for e in message.get("embeds") or []),
    )
    target = OUT / f"{name}.png"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.html"
        source.write_text(page)
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--screenshot={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    return target


async def payloads() -> dict[str, dict[str, Any]]:
    """The messages as the delivery worker would send them, from a real ingest."""
    clock = FakeClock(START)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database=DatabaseSettings(url=f"sqlite:///{folder}/pictures.db"),
            fetch=FetchSettings(allow_private_addresses=True),
        )
        async with open_app(settings, clock=clock) as app:
            async with app.sessions.begin() as session:
                for feed in ("three_articles.xml", "seed_cnre.xml"):
                    session.add(
                        Source(
                            url=(FEEDS / feed).as_uri(),
                            alert_backlog=True,
                            full_text=False,
                            next_poll_at=START,
                            created_at=START,
                        )
                    )
            result = await app.subscriptions.subscribe(guild_id=1, channel_id=2, remind_hours=24)
            await app.guilds.set_timezone(1, "Europe/London")
            subscription = result.subscription
            three, seed = await app.sources.list()
            clock.current = START - dt.timedelta(days=3)  # the seed article came on Friday
            await app.ingestor.poll(seed.id)
            clock.current = START
            await app.ingestor.poll(three.id)
            async with app.sessions() as session:
                rows = list(await session.scalars(select(Delivery).order_by(Delivery.id)))
            [metals] = [
                r for r in rows if r.payload.get("event_ids") and len(r.payload["event_ids"]) == 5
            ]
            alert = await app.alerts.compose(metals, subscription, clock.now())
            [investor] = [
                e
                for e in await app.timeline.upcoming(START.date(), 400, viewer=Viewer.everything())
                if "investor" in e.title
            ]
            await report_change(app, investor.id, moved_to=dt.date(2025, 10, 8))
            async with app.sessions.begin() as session:
                row = await session.get(Delivery, metals.id)
                assert row is not None
                row.sent_at, row.message_id = clock.now(), 1_300_000_000_000_000_000
            async with app.sessions() as session:
                [moved] = [
                    r
                    for r in await session.scalars(select(Delivery).order_by(Delivery.id))
                    if r.kind == "event_moved"
                ]
            move = await app.alerts.compose(moved, subscription, clock.now())
            clock.current = dt.datetime(2025, 5, 31, 22, 59, tzinfo=dt.UTC)  # LME, 2 June
            await app.reminders.plan()
            async with app.sessions() as session:
                [reminder] = [
                    r
                    for r in await session.scalars(select(Delivery).order_by(Delivery.id))
                    if r.kind == "reminder"
                ]
            clock.current = dt.datetime(2025, 3, 10, 18, tzinfo=dt.UTC)
            digest = await app.digests.preview(2, "Europe/London")
    assert alert.message is not None and move.message is not None
    return {
        "alert": alert.message,
        "moved": move.message,
        "reminder": reminder.payload["message"],
        "digest": digest,
    }


def main() -> None:
    messages = asyncio.run(payloads())
    shoot("alert", messages["alert"], height=330)
    shoot("moved", messages["moved"], height=90)
    shoot("reminder", messages["reminder"], height=90)
    shoot("digest", messages["digest"], height=1290)
    chart = base64.b64decode(messages["digest"]["files"][0]["data_b64"])
    (OUT / "digest-chart.png").write_bytes(chart)
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
