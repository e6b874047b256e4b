"""The package boundaries the architecture promises, read from the source (nothing is imported)."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"


def _modules() -> dict[str, ast.Module]:
    return {
        path.relative_to(BOT.parent).as_posix(): ast.parse(path.read_text("utf-8"), str(path))
        for path in sorted(BOT.rglob("*.py"))
    }


def _imported(tree: ast.Module) -> set[str]:
    """Absolute module names a module imports (relative imports are not used in bot/)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_discord_package_imports_discord() -> None:
    offenders = [
        path
        for path, tree in _modules().items()
        if not path.startswith("bot/discord/")
        and any(name == "discord" or name.startswith("discord.") for name in _imported(tree))
    ]
    assert offenders == []


def test_the_discord_renderer_needs_neither_ingest_nor_the_database() -> None:
    imported = _imported(_modules()["bot/discord/render.py"])
    assert not {n for n in imported if n.startswith(("bot.ingest", "bot.db", "sqlalchemy"))}


def test_only_the_outbox_store_touches_the_deliveries_table() -> None:
    allowed = {"bot/outbox/store.py", "bot/db/models.py"}
    offenders = [
        path
        for path, tree in _modules().items()
        if path not in allowed
        and any(isinstance(node, ast.Name) and node.id == "Delivery" for node in ast.walk(tree))
    ]
    assert offenders == []


def test_the_pure_renderer_imports_no_discord_library() -> None:
    """The outbox's deciders render through `bot.discord.render`: it must not bring discord.py
    (only `bot/discord/messages.py` turns finished dicts into its objects)."""
    imported = _imported(_modules()["bot/discord/render.py"])
    assert not {n for n in imported if n == "discord" or n.startswith("discord.")}
