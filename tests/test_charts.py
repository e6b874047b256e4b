"""The timeline chart is a valid PNG of a fixed size, whatever the data."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from bot.charts import ChartPoint, render_timeline_png

FIRST, LAST = dt.date(2025, 3, 10), dt.date(2025, 3, 23)


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.verify()
    return Image.open(io.BytesIO(data))


def test_chart_is_a_png_of_the_expected_size() -> None:
    points = [
        ChartPoint(dt.date(2025, 3, 1) + dt.timedelta(days=i % 40), f"source {i % 12}")
        for i in range(120)
    ]
    image = _open(
        render_timeline_png(points, first_day=FIRST, last_day=LAST, today=dt.date(2025, 3, 20))
    )
    assert image.format == "PNG" and image.size == (1000, 400)


def test_empty_single_and_custom_sizes() -> None:
    assert _open(render_timeline_png([], first_day=FIRST, last_day=LAST)).size == (1000, 400)
    one = render_timeline_png(
        [ChartPoint(dt.date(2025, 3, 11), "CNRE")],
        first_day=FIRST,
        last_day=LAST,
        width_px=640,
        height_px=320,
    )
    assert _open(one).size == (640, 320)
