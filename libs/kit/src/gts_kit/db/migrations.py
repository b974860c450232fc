"""Run one service's Alembic migrations into its own schema, with a schema-scoped version table."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config


class MigrationError(Exception):
    """A migration failed; the message says which service and why, in one line."""


def alembic_config(migrations_dir: Path, url: str, schema: str) -> Config:
    """An Alembic config for the scripts in `migrations_dir`, targeting `schema` at `url`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    cfg.attributes["url"] = url
    cfg.attributes["schema"] = schema
    return cfg


def migrate(migrations_dir: Path, url: str, schema: str, revision: str = "head") -> None:
    """Upgrade `schema` to `revision`. Blocking: call it in a thread from async code."""
    try:
        command.upgrade(alembic_config(migrations_dir, url, schema), revision)
    except Exception as exc:
        raise MigrationError(f"migrating schema {schema!r} failed: {exc}".splitlines()[0]) from exc
