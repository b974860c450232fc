"""The body of every service's `migrations/env.py`: online, async, confined to one schema."""

from __future__ import annotations

import asyncio
import zlib

from alembic import context
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from gts_kit.db.engine import asyncpg_url


def run_migrations(metadata: MetaData) -> None:
    """Migrate the schema named in the Alembic config attributes; no other schema is touched."""
    cfg = context.config
    schema = str(cfg.attributes["schema"])
    url = asyncpg_url(str(cfg.attributes["url"]))
    asyncio.run(_run(url, schema, metadata))


async def _run(url: str, schema: str, metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            # Replicas starting together: one migrates, the others wait and then find nothing to do.
            lock_key = zlib.crc32(f"gts-migrate-{schema}".encode())
            await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key})
            try:
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
                await conn.commit()
                await conn.run_sync(_configure_and_upgrade, schema, metadata)
                await conn.commit()
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key})
                await conn.commit()
    finally:
        await engine.dispose()


def _configure_and_upgrade(connection: Connection, schema: str, metadata: MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=lambda name, type_, _parent: type_ != "schema" or name == schema,
    )
    with context.begin_transaction():
        context.run_migrations()
