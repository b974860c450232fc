"""Tables of the auth service."""

from __future__ import annotations

from auth.db.metadata import MIGRATIONS_DIR, SCHEMA, metadata
from auth.db.tables import login_attempts, refresh_families, refresh_tokens, tone3000_grants, users

__all__ = [
    "MIGRATIONS_DIR",
    "SCHEMA",
    "login_attempts",
    "metadata",
    "refresh_families",
    "refresh_tokens",
    "tone3000_grants",
    "users",
]
