"""Per-user gear quotas: items and stored bytes, counted from the owner's rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db.tables import gear_items
from gts_kit.quotas import Quota, check_stored_room

LOCK_SCOPE = "catalog.gear"


@dataclass(frozen=True, slots=True)
class GearQuotas:
    """How many items, and how many bytes of files, one user may keep."""

    items: Quota
    bytes: Quota


async def check_room(
    session: AsyncSession, quotas: GearQuotas, owner_id: uuid.UUID, size: int
) -> None:
    """Raise QuotaExceededError unless one more item of `size` bytes fits the owner's quotas;
    decisive only where the caller holds `lock_owner(session, LOCK_SCOPE, owner_id)` in the
    transaction that adds the item."""
    await check_stored_room(
        session, gear_items, owner_id, size, count=quotas.items, stored=quotas.bytes
    )
