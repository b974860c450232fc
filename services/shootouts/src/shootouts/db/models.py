"""Tables of the shootouts service."""

from __future__ import annotations

from shootouts.db.metadata import MIGRATIONS_DIR, SCHEMA, metadata

__all__ = ["MIGRATIONS_DIR", "SCHEMA", "metadata"]
