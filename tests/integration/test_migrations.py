"""Services migrate into one database, each confined to its own schema and version table."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from auth.db.models import MIGRATIONS_DIR as AUTH_MIGRATIONS
from catalog.db.models import MIGRATIONS_DIR as CATALOG_MIGRATIONS
from gts_kit.db.engine import asyncpg_url
from gts_kit.db.migrations import alembic_config, migrate

pytestmark = pytest.mark.usefixtures("clean_state")

OUTBOX_ROW = (
    "INSERT INTO auth.outbox (event_id, subject, payload, headers) "
    "VALUES (gen_random_uuid(), 'auth.user.registered.v1', 'x', '{}')"
)
OUTBOX_INDEXES = (
    "SELECT indexname FROM pg_indexes WHERE schemaname = 'auth' AND tablename = 'outbox'"
)


def head(migrations_dir: Path) -> str | None:
    return ScriptDirectory.from_config(alembic_config(migrations_dir, "", "")).get_current_head()


async def tables(database_url: str) -> dict[str, set[str]]:
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
        )
        found: dict[str, set[str]] = {}
        for schema, table in rows.all():
            found.setdefault(schema, set()).add(table)
    await engine.dispose()
    return found


async def test_two_services_migrate_into_one_database_without_touching_each_other(
    database_url: str,
) -> None:
    await asyncio.to_thread(migrate, AUTH_MIGRATIONS, database_url, "auth")
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    async with engine.begin() as conn:
        await conn.execute(text(OUTBOX_ROW))
    auth_before = (await tables(database_url))["auth"]

    await asyncio.to_thread(migrate, CATALOG_MIGRATIONS, database_url, "catalog")

    found = await tables(database_url)
    assert found["auth"] == auth_before
    assert "alembic_version" in found["auth"]
    assert "alembic_version" in found["catalog"]
    assert "public" not in found  # no version table or stray table outside the schemas
    async with engine.connect() as conn:
        assert await conn.scalar(text("SELECT count(*) FROM auth.outbox")) == 1
        auth_rev = await conn.scalar(text("SELECT version_num FROM auth.alembic_version"))
        catalog_rev = await conn.scalar(text("SELECT version_num FROM catalog.alembic_version"))
    await engine.dispose()
    assert auth_rev == head(AUTH_MIGRATIONS)
    assert catalog_rev == head(CATALOG_MIGRATIONS)


async def test_replicas_migrating_at_once_and_again_is_harmless(database_url: str) -> None:
    # Replicas are processes: two `gts-shootouts migrate` at once, then a third.
    env = {**os.environ, "GTS_DATABASE_URL": database_url}
    command = [str(Path(sys.executable).parent / "gts-shootouts"), "migrate"]
    for batch in (2, 1):
        procs = [
            await asyncio.create_subprocess_exec(*command, env=env, stderr=asyncio.subprocess.PIPE)
            for _ in range(batch)
        ]
        for proc in procs:
            _, err = await proc.communicate()
            assert proc.returncode == 0, err.decode()
    assert {"outbox", "inbox", "alembic_version"} <= (await tables(database_url))["shootouts"]


async def test_an_outbox_made_before_seq_gets_it_with_its_unpublished_rows_kept(
    database_url: str,
) -> None:
    await asyncio.to_thread(migrate, AUTH_MIGRATIONS, database_url, "auth")
    # Down to 0002: the outbox as it was released before, ordered by created_at, no seq.
    config = alembic_config(AUTH_MIGRATIONS, database_url, "auth")
    await asyncio.to_thread(command.downgrade, config, "0002")
    engine = create_async_engine(asyncpg_url(database_url), poolclass=NullPool)
    async with engine.begin() as conn:
        assert "ix_outbox_unpublished" in (await conn.execute(text(OUTBOX_INDEXES))).scalars().all()
        for _ in range(2):
            await conn.execute(text(OUTBOX_ROW))
    await asyncio.to_thread(migrate, AUTH_MIGRATIONS, database_url, "auth")
    async with engine.connect() as conn:
        seqs = (await conn.execute(text("SELECT seq FROM auth.outbox ORDER BY seq"))).all()
        indexes = (await conn.execute(text(OUTBOX_INDEXES))).scalars().all()
    await engine.dispose()
    assert [seq for (seq,) in seqs] == [1, 2]
    assert "ix_outbox_unpublished_seq" in indexes
    assert "ix_outbox_unpublished" not in indexes
