"""Alembic environment of the shootouts service: its own schema and version table only."""

from gts_kit.db.alembic_env import run_migrations
from shootouts.db.models import metadata

run_migrations(metadata)
