"""Migration 0011 (passages and montage mode): a shootout stored before it keeps rendering as
it did (whole DIs, alternated, no full renders), and it downgrades cleanly."""

from __future__ import annotations

import asyncio
import uuid

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gts_kit.db.migrations import alembic_config, migrate
from shootouts.db.models import MIGRATIONS_DIR, SCHEMA

from .conftest import ALICE, scalar

COLUMNS = (
    "SELECT column_name FROM information_schema.columns "
    "WHERE table_schema = 'shootouts' AND table_name = 'shootouts'"
)
OLD_SHOOTOUT = (
    "INSERT INTO shootouts.shootouts (id, owner_id, name, description, di_ids, chain_ids, "
    "segment_seconds, target_lufs, blind, video, pictures, visibility) VALUES (:id, :owner, "
    "'old', '', '[]', '[]', 4, -14, false, true, true, 'private')"
)
NEW = {"montage_mode", "rounds", "full_renders", "passages"}


async def columns(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set((await conn.execute(text(COLUMNS))).scalars())


async def test_a_shootout_from_before_passages_gets_the_defaults_and_it_downgrades(
    shootouts_db: str, engine: AsyncEngine
) -> None:
    config = alembic_config(MIGRATIONS_DIR, shootouts_db, SCHEMA)
    await asyncio.to_thread(command.downgrade, config, "0010")
    assert not NEW & await columns(engine)
    shootout_id = uuid.uuid4()
    async with engine.begin() as conn:
        await conn.execute(text(OLD_SHOOTOUT), {"id": shootout_id, "owner": ALICE})
    await asyncio.to_thread(migrate, MIGRATIONS_DIR, shootouts_db, SCHEMA)
    assert await columns(engine) >= NEW
    row = "SELECT {} FROM shootouts.shootouts WHERE id = :id"
    stored = [
        await scalar(engine, row.format(c), id=shootout_id)
        for c in ("montage_mode", "rounds", "full_renders", "passages")
    ]
    assert stored == ["alternate", 1, False, []]
    await asyncio.to_thread(command.downgrade, config, "0010")
    assert not NEW & await columns(engine)
    assert await scalar(engine, row.format("name"), id=shootout_id) == "old"
