"""The MetaData of the `auth` schema; every table of this service is declared on it."""

from __future__ import annotations

from pathlib import Path

from gts_kit.db.engine import schema_metadata

SCHEMA = "auth"
metadata = schema_metadata(SCHEMA)

# The service's Alembic scripts, next to src/ in the service folder.
MIGRATIONS_DIR = Path(__file__).resolve().parents[3] / "migrations"
