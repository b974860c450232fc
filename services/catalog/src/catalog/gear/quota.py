"""Per-user gear quotas: items and stored bytes, counted from the owner's rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db.tables import gear_items
from gts_kit.quotas import Quota

LOCK_SCOPE = "catalog.gear"


@dataclass(frozen=True, slots=True)
class GearQuotas:
    """How many items, and how many bytes of files, one user may keep."""

    items: Quota
    bytes: Quota


async def check_room(
    session: AsyncSession, quotas: GearQuotas, owner_id: uuid.UUID, size: int
) -> None:
    """Raise QuotaExceededError unless one more item of `size` bytes fits the owner's quotas.

    Decisive only where the caller holds `lock_owner(session, LOCK_SCOPE, owner_id)` in the
    transaction that adds the item. A file counts once per owner (an owner has one item per
    sha256), so the sum of the owner's item sizes is what they store.
    """
    count, stored = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(gear_items.c.size_bytes), 0)).where(
                gear_items.c.owner_id == owner_id
            )
        )
    ).one()
    quotas.items.check(int(count))
    quotas.bytes.check(int(stored), size)
