"""Tables of the auth service."""

from __future__ import annotations

from auth.db.metadata import MIGRATIONS_DIR, SCHEMA, metadata

__all__ = ["MIGRATIONS_DIR", "SCHEMA", "metadata"]
