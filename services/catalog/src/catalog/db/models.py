"""Tables of the catalog service."""

from __future__ import annotations

from catalog.db.metadata import MIGRATIONS_DIR, SCHEMA, metadata
from catalog.db.tables import gear_blobs, gear_items

__all__ = ["MIGRATIONS_DIR", "SCHEMA", "gear_blobs", "gear_items", "metadata"]
