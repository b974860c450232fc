"""The outbox and inbox tables every service with a database carries in its own schema."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID


def outbox_table(metadata: MetaData) -> Table:
    """Events written with the domain change, published by the relay once committed."""
    return Table(
        "outbox",
        metadata,
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("subject", Text, nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text, nullable=True),
        Index("ix_outbox_unpublished", "created_at", postgresql_where=text("published_at IS NULL")),
    )


def inbox_table(metadata: MetaData) -> Table:
    """Events a consumer has already applied, so a redelivery has its effect once."""
    return Table(
        "inbox",
        metadata,
        Column("consumer", Text, primary_key=True),
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("subject", Text, nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def create_messaging_tables(schema: str) -> None:
    """For a service's first migration: create its outbox and inbox tables."""
    from alembic import op

    metadata = MetaData(schema=schema)
    bind = op.get_bind()
    for table in (outbox_table(metadata), inbox_table(metadata)):
        table.create(bind)
