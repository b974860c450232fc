"""Tables of the catalog service."""

from __future__ import annotations

from catalog.db.metadata import MIGRATIONS_DIR, SCHEMA, metadata

__all__ = ["MIGRATIONS_DIR", "SCHEMA", "metadata"]
