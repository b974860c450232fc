"""Random secrets and their hashes: only hashes of bearer secrets are ever stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime


def new_secret() -> str:
    """32 random bytes, url-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def digest(value: str) -> str:
    """Hex SHA-256 of `value`; secrets are high-entropy, so no salt or stretching is needed."""
    return hashlib.sha256(value.encode()).hexdigest()


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(UTC)
