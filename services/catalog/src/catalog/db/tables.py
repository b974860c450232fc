"""The gear tables: one row per item a user owns, one per stored file (blob)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from catalog.db.metadata import metadata

# One row per file in the blob store; locked while items referencing it come and go.
gear_blobs = Table(
    "gear_blobs",
    metadata,
    Column("sha256", Text, primary_key=True),
    Column("size_bytes", BigInteger, nullable=False),
    Column("format", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

gear_items = Table(
    "gear_items",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("owner_id", UUID(as_uuid=True), nullable=False),
    Column("kind", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("make", Text),
    Column("model", Text),
    Column("tags", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    Column("notes", Text, nullable=False, server_default=""),
    Column("favourite", Boolean, nullable=False, server_default=text("false")),
    Column("filename", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("tone3000", JSONB),  # provenance of an import: tone, model, title, author, license
    Column("sha256", Text, nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("architecture", Text),
    Column("size_preset", Text),
    Column("sample_rate", Integer, nullable=False),
    Column("receptive_field", Integer),
    Column("nam_metadata", JSONB),
    Column("submodels", JSONB),  # an A2 container's submodels: max_value, size, loudness
    Column("channels", Integer),
    Column("duration_seconds", Float),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("owner_id", "sha256", name="gear_items_owner_sha256_key"),
    Index("gear_items_owner_created_idx", "owner_id", "created_at"),
    Index("gear_items_sha256_idx", "sha256"),
)
