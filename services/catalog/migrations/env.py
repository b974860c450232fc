"""Alembic environment of the catalog service: its own schema and version table only."""

from catalog.db.models import metadata
from gts_kit.db.alembic_env import run_migrations

run_migrations(metadata)
