from __future__ import annotations

import pytest

from bot.templates import TemplateError, check_template, render_template


def test_known_placeholders_are_filled_once_and_values_stay_plain_text() -> None:
    template = check_template("{title} on {date} ({count} events) via {source}: {link} {summary}")
    text = render_template(
        template,
        {
            "title": "Plant {date} opens",
            "date": "Tuesday 9 December 2025",
            "count": "3",
            "source": "Metals Wire",
            "link": "https://news.example/a",
            "summary": "",
        },
    )
    assert text == (
        "Plant {date} opens on Tuesday 9 December 2025 (3 events) via Metals Wire: "
        "https://news.example/a "
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{titel}",
            "unknown placeholder {titel}; known ones: {title}, {date}, {source}, "
            "{link}, {summary}, {count}",
        ),
        ("{}", "unknown placeholder {}"),
        ("{title:>10}", "{title} takes no format"),
        ("{title", "unmatched brace"),
        ("   ", "the template is empty"),
    ],
)
def test_bad_templates_are_refused_in_one_line(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        check_template(template)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_doubled_braces_are_literal() -> None:
    assert render_template(check_template("{{x}} {title}"), {"title": "T"}) == "{x} T"
