"""Config: every bad value stops the start with one line naming the file, the key, the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

REPO = Path(__file__).resolve().parent.parent


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dateline.toml"
    path.write_text(text)
    return path


def test_example_config_is_valid_and_resolves_the_sample_feed() -> None:
    settings = load_settings(REPO / "config.example.toml", environ={})
    sample = settings.sources[0]
    assert sample.url == (REPO / "samples/feeds/rare-earths-sample.xml").as_uri()
    assert sample.alert_backlog
    assert settings.database.url == "sqlite:///dateline.db"
    assert settings.discord_token is None


def test_defaults_without_a_file() -> None:
    settings = load_settings(None, environ={})
    assert settings.sources == [] and settings.fetch.allow_private_addresses is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour = 1", "unknown key 'colour'"),
        ("[fetch]\ntimeout = 3", "unknown key 'fetch.timeout'"),
        (
            '[fetch]\ntimeout_seconds = "fast"',
            "key 'fetch.timeout_seconds': input should be a valid number",
        ),
        (
            "[fetch]\ntimeout_seconds = -1",
            "key 'fetch.timeout_seconds': input should be greater than 0",
        ),
        ('[discord]\ntimezone = "Mars/Olympus"', "key 'discord.timezone': an IANA time zone name"),
        ("[[sources]]\nname = 'x'", "missing required key 'sources.0.url'"),
        (
            "[[sources]]\nurl = 'https://a.example/feed'\ninterval_minutes = 0",
            "sources.0.interval_minutes",
        ),
        ("[[alerts]]\nchannel_id = 'general'", "key 'alerts.0.channel_id'"),
        ('[extract]\ndate_order = "DM"', "key 'extract.date_order'"),
        (
            "[[sources]]\nurl = 'https://a.example/feed'\ndate_order = 'ymd'",
            "key 'sources.0.date_order'",
        ),
        ("[database\nurl = 1", "not valid TOML"),
        ('discord_token = "abc"', "set DATELINE_DISCORD_TOKEN in the environment"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, environ={})
    message = str(info.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_environment_overrides_file_and_carries_secrets(tmp_path: Path) -> None:
    path = _write(tmp_path, '[database]\nurl = "sqlite:///file.db"\n')
    settings = load_settings(
        None,
        environ={
            "DATELINE_CONFIG": str(path),
            "DATELINE_DATABASE_URL": "postgresql://u@h/db",
            "DATELINE_DISCORD_TOKEN": "secret",
            "DATELINE_DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",
        },
    )
    assert settings.database.url == "postgresql://u@h/db"
    assert settings.discord_token == "secret"
    assert settings.discord.api_base == "http://127.0.0.1:9/api/v10"


def test_an_alert_template_with_an_unknown_placeholder_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "dateline.toml"
    config.write_text("[[alerts]]\nchannel_id = 1\ntemplate = '{headline}'\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    message = str(caught.value)
    assert "alerts.0.template" in message and "unknown placeholder {headline}" in message
    assert "\n" not in message
