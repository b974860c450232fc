"""The auth tables: users, sign-in attempts, refresh-token families and TONE3000 grants."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import UUID

from auth.db.metadata import metadata

users = Table(
    "users",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("tone3000_user_id", Text, nullable=False, unique=True),
    Column("username", Text, nullable=False),
    Column("display_name", Text),
    Column("avatar_url", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# One row per started sign-in; deleted when the callback spends it (single use).
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("state_hash", Text, primary_key=True),
    # sha256 of the random value in the browser's `gts_login` cookie
    Column("browser_hash", Text, nullable=False),
    Column("code_verifier", Text, nullable=False),
    Column("return_to", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

refresh_families = Table(
    "refresh_families",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("user_id", UUID(as_uuid=True), ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_reason", Text),
)

# Only the sha256 of a refresh token is kept; `used_at` set means rotated away.
refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", Text, primary_key=True),
    Column("family_id", UUID(as_uuid=True), ForeignKey("refresh_families.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Index("ix_refresh_tokens_family_id", "family_id"),
)

# The user's TONE3000 access and refresh tokens, sealed together with AES-GCM.
tone3000_grants = Table(
    "tone3000_grants",
    metadata,
    Column("user_id", UUID(as_uuid=True), ForeignKey("users.id"), primary_key=True),
    Column("key_id", Text, nullable=False),
    Column("nonce", LargeBinary, nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
