"""Request bodies checked against Discord's own OpenAPI description (shared/discord-api-spec).

The fake accepts what its handlers accept; this says what the real Discord accepts, so a body
Discord would reject fails a test here first. The document's `components/schemas` are put in a
`referencing` registry and each route's JSON request schema is checked with JSON Schema 2020-12.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:discord-openapi"
DEFAULT_SPEC = Path(__file__).resolve().parents[3] / "shared" / "discord-api-spec" / "openapi.json"


def spec_path() -> Path:
    """`DATELINE_DISCORD_SPEC`, else the shared copy beside the repository."""
    return Path(os.environ.get("DATELINE_DISCORD_SPEC") or DEFAULT_SPEC)


def _shape(template: str) -> str:
    """`/channels/{channel_id}/messages` and `/channels/{x}/messages` compare equal."""
    return re.sub(r"\{[^}]+\}", "{}", template)


# Discord takes snowflakes as JSON numbers too, and discord.py sends them so (role ids in
# allowed_mentions, attachment ids); the document only lists the string form.
SNOWFLAKE = {
    "anyOf": [
        {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"},
        {"type": "integer", "minimum": 0},
    ]
}


# GUILD_MEDIA (16) channels are documented by Discord but missing from this commit of the
# document; discord.py offers them wherever a ForumChannel option is declared.
GUILD_MEDIA = {"title": "GUILD_MEDIA", "const": 16}


class SpecValidator:
    def __init__(self, document: dict[str, Any]) -> None:
        schemas = document["components"]["schemas"]
        channel_types = schemas["ChannelTypes"]
        if not any(option.get("const") == 16 for option in channel_types["oneOf"]):
            channel_types = {**channel_types, "oneOf": [*channel_types["oneOf"], GUILD_MEDIA]}
        document = {
            **document,
            "components": {
                **document["components"],
                "schemas": {
                    **schemas,
                    "SnowflakeType": SNOWFLAKE,
                    "ChannelTypes": channel_types,
                },
            },
        }
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self._routes: dict[tuple[str, str], Draft202012Validator] = {}
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if not isinstance(operation, dict) or "requestBody" not in operation:
                    continue
                schema = (
                    operation["requestBody"]["content"].get("application/json", {}).get("schema")
                )
                if schema is None:
                    continue
                self._routes[(method.upper(), _shape(path))] = Draft202012Validator(
                    _rebased(schema), registry=self._registry
                )

    def errors(self, method: str, route: str, body: Any) -> list[str]:
        """Why Discord would refuse `body` on `method route` (empty: it would take it)."""
        validator = self._routes.get((method, _shape(route)))
        if validator is None or body is None:
            return []
        return [
            f"{'/'.join(str(p) for p in error.absolute_path) or '(body)'}: {error.message[:300]}"
            for error in validator.iter_errors(body)
        ]


def _rebased(schema: Any) -> Any:
    """Local `#/components/...` references point into the registered document."""
    if isinstance(schema, dict):
        return {
            key: (
                f"{SPEC_URI}{value}" if key == "$ref" and value.startswith("#") else _rebased(value)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_rebased(item) for item in schema]
    return schema


@lru_cache(maxsize=1)
def validator() -> SpecValidator | None:
    """The validator, or None when the spec is not where the shared folder puts it."""
    path = spec_path()
    if not path.is_file():
        return None
    return SpecValidator(json.loads(path.read_text()))
