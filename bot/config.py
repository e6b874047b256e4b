"""Typed settings loaded from a TOML file plus the environment.

Validation is strict (unknown keys, wrong types and bad values are refused) so a typo in the
config stops the start with one line naming the file, the key and what was expected, instead
of silently running with a default.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from bot.templates import check_template
from bot.timezones import is_timezone

ENV_TOKEN = "DATELINE_DISCORD_TOKEN"
ENV_DATABASE_URL = "DATELINE_DATABASE_URL"
ENV_CONFIG = "DATELINE_CONFIG"
ENV_API_BASE = "DATELINE_DISCORD_API_BASE"
ENV_GATEWAY_URL = "DATELINE_DISCORD_GATEWAY_URL"

DEFAULT_USER_AGENT = "Dateline/0.1 (+https://github.com/dateline-bot/dateline)"


class ConfigError(Exception):
    """A configuration problem, already phrased as one line for the user."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _check_timezone(name: str) -> str:
    """Config errors say what a key expects (`key 'discord.timezone': an IANA …`)."""
    if not is_timezone(name):
        raise ValueError(f"an IANA time zone name such as 'Europe/Berlin', got {name!r}")
    return name


class DatabaseSettings(_Strict):
    url: str = "sqlite:///dateline.db"


class DiscordSettings(_Strict):
    api_base: str | None = None
    gateway_url: str | None = None
    guild_ids: list[Annotated[int, Field(gt=0)]] = []
    timezone: str = "UTC"
    # Sharding (discord.py's AutoShardedBot): the total number of shards, and the ones this
    # process runs (empty: all of them). Unset: one connection, no sharding.
    shard_count: Annotated[int, Field(ge=1)] | None = None
    shard_ids: list[Annotated[int, Field(ge=0)]] = []
    # discord.py waits this long after the last server's data before it counts as ready.
    guild_ready_timeout: Annotated[float, Field(gt=0, le=60)] = 2.0

    _tz = field_validator("timezone")(_check_timezone)

    @model_validator(mode="after")
    def _shards_within_count(self) -> DiscordSettings:
        if self.shard_ids and self.shard_count is None:
            raise ValueError("discord.shard_ids needs discord.shard_count")
        beyond = [i for i in self.shard_ids if self.shard_count and i >= self.shard_count]
        if beyond:
            raise ValueError(f"discord.shard_ids {beyond} must be below shard_count")
        return self


class FetchSettings(_Strict):
    timeout_seconds: Annotated[float, Field(gt=0, le=300)] = 20.0
    max_bytes: Annotated[int, Field(ge=1024)] = 10_000_000
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_addresses: bool = False
    concurrency: Annotated[int, Field(ge=1, le=64)] = 8
    per_host_concurrency: Annotated[int, Field(ge=1, le=16)] = 2


class SchedulerSettings(_Strict):
    check_seconds: Annotated[int, Field(ge=1, le=3600)] = 30
    max_backoff_hours: Annotated[float, Field(gt=0, le=168)] = 24.0
    failure_notice_after: Annotated[int, Field(ge=1)] = 5
    delivery_check_seconds: Annotated[float, Field(gt=0, le=300)] = 5.0
    plan_seconds: Annotated[int, Field(ge=10, le=3600)] = 60
    lease_seconds: Annotated[float, Field(ge=1, le=86400)] = 300.0


class ExtractSettings(_Strict):
    date_order: Literal["MDY", "DMY", "YMD"] = "MDY"
    # Processes extracting events: unset = one per core; 0 = a thread of the main process.
    workers: Annotated[int, Field(ge=0, le=64)] | None = None


class SourceSettings(_Strict):
    url: str
    name: str | None = None
    interval_minutes: Annotated[int, Field(ge=1, le=10080)] = 30
    full_text: bool = True
    alert_backlog: bool = False
    # How the source writes numeric dates (03/04/2025: "dmy" is 3 April, "mdy" March 4); unset:
    # `[extract] date_order`.
    date_order: Literal["dmy", "mdy"] | None = None
    # The servers that see this source; empty: every server the bot is in.
    guild_ids: list[Annotated[int, Field(gt=0)]] = []


class AlertSettings(_Strict):
    channel_id: Annotated[int, Field(gt=0)]
    # The channel's server: its alerts then include that server's own (/source add) sources.
    # Without it the channel gets only the instance's sources shared with every server.
    guild_id: Annotated[int, Field(gt=0)] | None = None
    keywords: list[str] = []
    role_id: Annotated[int, Field(gt=0)] | None = None
    remind_hours: Annotated[int, Field(ge=1, le=24 * 60)] | None = None
    per: Literal["article", "event"] = "article"
    only: Literal["all", "upcoming"] = "all"
    template: str | None = None
    min_confidence: Annotated[float, Field(ge=0, le=1)] | None = None
    hourly_cap: Annotated[int, Field(ge=1, le=100)] | None = None

    @field_validator("template")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        return check_template(value) if value is not None else None


def _check_listen(value: str) -> str:
    listen_address(value)
    return value


def listen_address(value: str) -> tuple[str, int]:
    """`host:port` (`[::1]:8080` for IPv6) split into its parts; port 0 picks a free port."""
    host, sep, port = value.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"host:port such as '127.0.0.1:8080', got {value!r}")
    return host, int(port)


def _check_public_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"an http(s) URL without query such as 'https://dateline.example', got {value!r}"
        )
    return value.rstrip("/")


class WebSettings(_Strict):
    enabled: bool = False
    listen: str = "127.0.0.1:8080"
    public_url: str | None = None
    requests_per_minute: Annotated[int, Field(ge=1, le=100_000)] = 120

    _listen = field_validator("listen")(_check_listen)
    _public = field_validator("public_url")(_check_public_url)

    @property
    def base_url(self) -> str:
        """Where people reach the web server: `public_url`, else the listen address."""
        if self.public_url:
            return self.public_url
        host, port = listen_address(self.listen)
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


class Settings(_Strict):
    database: DatabaseSettings = DatabaseSettings()
    discord: DiscordSettings = DiscordSettings()
    fetch: FetchSettings = FetchSettings()
    scheduler: SchedulerSettings = SchedulerSettings()
    extract: ExtractSettings = ExtractSettings()
    sources: list[SourceSettings] = []
    alerts: list[AlertSettings] = []
    web: WebSettings = WebSettings()
    # Secrets and deployment overrides come from the environment only (never from the file).
    discord_token: str | None = Field(default=None, exclude=True)
    # The file these settings were read from; None means built-in defaults, and then the
    # database's sources and alerts are left exactly as they are (nothing to sync from).
    config_file: str | None = Field(default=None, exclude=True)

    @property
    def origin(self) -> str:
        """One line saying where the settings came from, for commands run without a file."""
        if self.config_file:
            return f"config {self.config_file}"
        return (
            "no config file (--config or $DATELINE_CONFIG): built-in defaults; "
            "sources and alerts in the database are left as they are"
        )


def _describe(error: ErrorDetails) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{key}'"
    if kind == "missing":
        return f"missing required key '{key}'"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"key '{key}': {message[0].lower()}{message[1:]} (got {error.get('input')!r})"


def load_settings(
    path: str | Path | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Read the TOML file (or `DATELINE_CONFIG`, or built-in defaults) and apply the environment."""
    env = dict(os.environ if environ is None else environ)
    chosen = path if path is not None else env.get(ENV_CONFIG)
    data: dict = {}  # type: ignore[type-arg]
    label = "<defaults>"
    if chosen:
        label = str(chosen)
        try:
            with open(chosen, "rb") as handle:
                data = tomllib.load(handle)
        except FileNotFoundError:
            raise ConfigError(f"{label}: file not found") from None
        except OSError as exc:
            raise ConfigError(f"{label}: cannot read ({exc.strerror})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{label}: not valid TOML ({exc})") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{label}: not UTF-8 text (a bad byte at offset {exc.start})"
            ) from None
    if "discord_token" in data:
        raise ConfigError(
            f"{label}: unknown key 'discord_token' (set {ENV_TOKEN} in the environment)"
        )
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{label}: {_describe(exc.errors()[0])}") from None
    if chosen:
        settings = _resolve_relative_files(settings, Path(chosen).resolve().parent)
        settings = settings.model_copy(update={"config_file": str(chosen)})
    return apply_environment(settings, env)


def _resolve_relative_files(settings: Settings, base: Path) -> Settings:
    """`file:samples/x.xml` means a path next to the config file, so the example runs anywhere."""
    sources = []
    for source in settings.sources:
        if source.url.startswith("file:") and not source.url.startswith("file://"):
            absolute = (base / source.url.removeprefix("file:")).resolve()
            source = source.model_copy(update={"url": absolute.as_uri()})
        sources.append(source)
    return settings.model_copy(update={"sources": sources})


def apply_environment(settings: Settings, env: dict[str, str]) -> Settings:
    """Environment variables win over the file: secrets live only there."""
    database = settings.database
    if env.get(ENV_DATABASE_URL):
        database = DatabaseSettings(url=env[ENV_DATABASE_URL])
    discord = settings.discord.model_copy(
        update={
            key: env[var]
            for key, var in (("api_base", ENV_API_BASE), ("gateway_url", ENV_GATEWAY_URL))
            if env.get(var)
        }
    )
    return settings.model_copy(
        update={
            "database": database,
            "discord": discord,
            "discord_token": env.get(ENV_TOKEN) or None,
        }
    )
