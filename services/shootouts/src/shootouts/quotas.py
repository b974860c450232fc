"""Per-user quotas on what a user keeps here, counted from their rows under their lock."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gts_kit.quotas import Quota, check_stored_room, lock_owner
from shootouts.db.tables import di_tracks

LOCK_SCOPE = "shootouts"


@dataclass(frozen=True, slots=True)
class Quotas:
    """How many DI tracks (and DI bytes), shootouts, chains and chain groups one user keeps."""

    di_tracks: Quota
    di_bytes: Quota
    shootouts: Quota
    signal_chains: Quota
    chain_groups: Quota


async def check_count(
    session: AsyncSession, quota: Quota, table: Table, owner_id: uuid.UUID, adding: int = 1
) -> None:
    """Lock the owner for the rest of the transaction, then raise QuotaExceededError unless
    `adding` more rows of `table` fit the quota."""
    quota.check(await owned(session, table, owner_id), adding)


async def owned(session: AsyncSession, table: Table, owner_id: uuid.UUID) -> int:
    """Lock the owner for the rest of the transaction and count their rows of `table`."""
    await lock_owner(session, LOCK_SCOPE, owner_id)
    used = (
        await session.execute(select(func.count()).where(table.c.owner_id == owner_id))
    ).scalar_one()
    return int(used)


async def check_di_room(
    session: AsyncSession, quotas: Quotas, owner_id: uuid.UUID, size: int
) -> None:
    """Raise QuotaExceededError unless one more DI of `size` bytes fits; decisive only where
    the caller holds `lock_owner(session, LOCK_SCOPE, owner_id)` in the transaction that adds
    it."""
    await check_stored_room(
        session, di_tracks, owner_id, size, count=quotas.di_tracks, stored=quotas.di_bytes
    )
