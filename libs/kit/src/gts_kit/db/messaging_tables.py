"""The outbox and inbox tables every service with a database carries in its own schema."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
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
    """Events written with the domain change, published by the relay once committed.

    `seq` is taken when the row is written, so two changes of one row (serialized by its
    lock) are published in the order they were made; `created_at` is the transaction's start.
    """
    return Table(
        "outbox",
        metadata,
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("seq", BigInteger, Identity(always=True), nullable=False),
        Column("subject", Text, nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text, nullable=True),
        Index("ix_outbox_unpublished_seq", "seq", postgresql_where=text("published_at IS NULL")),
    )


def outbox_dead_letters_table(metadata: MetaData) -> Table:
    """Outbox rows the relay gave up on (NATS refused them for good), kept with the error.

    `seq` is the row's place in the outbox; a moved row no longer holds up the ones behind it.
    Replaying one is a deliberate act: insert it into the outbox again once the cause is fixed.
    """
    key = f"{metadata.schema}.outbox_dead_letters" if metadata.schema else "outbox_dead_letters"
    if key in metadata.tables:
        return metadata.tables[key]
    return Table(
        "outbox_dead_letters",
        metadata,
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("seq", BigInteger, nullable=False),
        Column("subject", Text, nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("error", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("moved_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
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
