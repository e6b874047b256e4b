"""Feed text is escaped everywhere, headers lock the page down, nothing writes, clients are
rate-limited, and health and metrics show no secrets."""

from __future__ import annotations

import datetime as dt
import json

import aiohttp
import pytest
from icalendar import Calendar

from bot.ingest.pipeline import PollReport
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import DeliveryStore, enqueue
from bot.web.server import SECURITY_HEADERS, Liveness
from tests.support import FakeClock
from tests.timeline_support import add_event
from tests.web.conftest import NOW, Web, serving

# What these check lives above SQL: one database is enough.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

HOSTILE_TITLE = '<script>alert("t")</script><img src=x onerror=alert(1)>'
HOSTILE_SUMMARY = '</p><script>document.write("s")</script><a href="javascript:alert(2)">x</a>'


async def test_markup_in_feed_text_is_shown_as_text(web: Web) -> None:
    event_id = await add_event(
        web.app,
        dt.date(2025, 3, 14),
        HOSTILE_TITLE,
        summary=HOSTILE_SUMMARY,
        article_title="<b>bold</b> & <i>title</i>",
        article_url='javascript:alert("link")',
    )
    link = await web.new_link(None)

    page = await (await web.get(f"{link}/")).text()
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in page
    assert "&lt;/p&gt;&lt;script&gt;document.write" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;title&lt;/i&gt;" in page
    assert 'href="javascript:' not in page  # a javascript: link is shown without its link

    searched = await web.get(f"{link}/", params={"q": '"><script>q</script>', "since": "<i>"})
    reflected = await searched.text()
    assert searched.status == 400  # the unreadable date, said in the page
    assert "<script" not in reflected and "<i>" not in reflected
    assert 'value="&#34;&gt;&lt;script&gt;q&lt;/script&gt;"' in reflected

    detail = await (await web.get(f"{link}/api/events/{event_id}")).json()
    assert detail["title"] == HOSTILE_TITLE and detail["summary"] == HOSTILE_SUMMARY

    [vevent] = Calendar.from_ical(await (await web.get(f"{link}/calendar.ics")).read()).walk(
        "VEVENT"
    )
    assert str(vevent["SUMMARY"]) == HOSTILE_TITLE
    assert "URL" not in vevent


async def test_every_answer_carries_the_security_headers(web: Web) -> None:
    link = await web.new_link(None)
    for path in (f"{link}/", f"{link}/calendar.ics", f"{link}/api/events", "/healthz", "/nope"):
        response = await web.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp  # so no script runs at all
    css = await web.get("/static/style.css")
    assert css.status == 200 and css.headers["Content-Type"].startswith("text/css")


async def test_nothing_can_be_written_through_the_web(web: Web) -> None:
    link = await web.new_link(None)
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in (f"{link}/", f"{link}/api/events", f"{link}/api/events/1", "/metrics"):
            async with web.client.request(method, f"{web.base}{path}", data="x") as response:
                assert response.status == 405, (method, path)
                assert json.loads(await response.read()) == {"error": "method not allowed"}


async def test_each_client_address_is_rate_limited(database_url: str) -> None:
    async with serving(database_url, FakeClock(NOW), requests_per_minute=3) as web:
        link = await web.new_link(None)
        for _ in range(3):
            assert (await web.get(f"{link}/api/events")).status == 200
        limited = await web.get(f"{link}/api/events")
        assert limited.status == 429
        assert limited.headers["Retry-After"] == "20"
        assert await limited.json() == {"error": "too many requests; slow down"}

        # Another client address (127.0.0.2 is loopback too) has its own allowance.
        connector = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
        async with (
            aiohttp.ClientSession(connector=connector) as other,
            other.get(f"{web.base}{link}/api/events") as response,
        ):
            assert response.status == 200

        web.monotonic.value += 20  # one request's worth refilled
        assert (await web.get(f"{link}/api/events")).status == 200
        assert (await web.get(f"{link}/api/events")).status == 429


async def test_health_and_metrics_report_without_secrets(web: Web) -> None:
    await add_event(web.app, dt.date(2025, 3, 14), "Plenary")
    secret = await web.links.create(None)
    await web.get(f"/c/{secret}/")
    store = DeliveryStore(web.app.sessions)
    async with web.app.sessions.begin() as session:
        for number, due in enumerate(
            (NOW - dt.timedelta(seconds=90), NOW, NOW + dt.timedelta(hours=1))
        ):
            await enqueue(
                session,
                kind=DeliveryKind.NOTICE,
                dedupe_key=f"n{number}",
                channel_id=5,
                now=NOW,
                due_at=due,
            )
    [oldest, *_] = await store.claim_due(NOW, "test", dt.timedelta(minutes=5))
    await store.record_refusal(oldest.id, "403 from Discord")
    web.metrics.observe_poll_pass(
        [PollReport(1, "Wire", "ok"), PollReport(2, "Down", "error")], 0.25
    )

    health = await web.get("/healthz")
    assert health.status == 200
    assert await health.json() == {
        "status": "ok",
        "database": "ok",
        "scheduler": "running",
        "discord": "console",
    }
    metrics = await web.get("/metrics")
    text = await metrics.text()
    assert metrics.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    for line in (
        "dateline_events 1.0",
        "dateline_articles 1.0",
        'dateline_deliveries{state="queued"} 3.0',
        'dateline_deliveries{state="failed"} 1.0',
        'dateline_deliveries{state="sent"} 0.0',
        "dateline_outbox_oldest_age_seconds 90.0",
        'dateline_polls_total{outcome="ok"} 1.0',
        'dateline_polls_total{outcome="error"} 1.0',
        "dateline_poll_pass_seconds_sum 0.25",
        'dateline_web_requests_total{status="200"}',
        "dateline_event_loop_lag_seconds",
        "dateline_poll_pass_seconds_count",
    ):
        assert line in text, line
    assert secret not in text and secret not in await health.text()


async def test_health_says_what_is_wrong_with_503(database_url: str) -> None:
    down = Liveness(scheduler_running=lambda: False, discord_state=lambda: "disconnected")
    async with serving(database_url, FakeClock(NOW), liveness=down) as web:
        health = await web.get("/healthz")
        assert health.status == 503
        assert await health.json() == {
            "status": "unhealthy",
            "database": "ok",
            "scheduler": "stopped",
            "discord": "disconnected",
        }


async def test_a_failure_inside_is_a_one_line_500_and_the_log_has_no_secret(
    web: Web, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(web.app.timeline, "after", broken)
    secret = await web.links.create(None)
    response = await web.get(f"/c/{secret}/api/events")
    assert response.status == 500
    assert await response.json() == {"error": "internal error; the log has the details"}
    assert "/c/{secret}/api/events" in caplog.text and secret not in caplog.text
