"""Per-user quotas on what a user stores, counted from the database at the time of a request.

A service counts the rows (or bytes) the user owns inside the transaction that adds one more,
after `lock_owner`: two requests of one user that add things queue on that lock, so they cannot
both take the last free slot. A byte quota refuses with 413, a count quota with 429, each a
problem naming the quota, its limit and the use.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gts_kit.errors import QuotaExceededError


@dataclass(frozen=True, slots=True)
class Quota:
    """At most `limit` of something per user: `name` is what the problem's `quota` says
    ("gear_bytes"), `label` how the detail names it ("gear storage", "gear items")."""

    name: str
    label: str
    limit: int
    in_bytes: bool = False

    def check(self, used: int, adding: int = 1) -> None:
        """Raise QuotaExceededError when `adding` more on top of `used` passes the limit."""
        if used + adding <= self.limit:
            return
        if self.in_bytes:
            detail = (
                f"{self.label} quota reached: {readable_bytes(used)} of "
                f"{readable_bytes(self.limit)} used, and this file is {readable_bytes(adding)}"
            )
        else:
            detail = f"{self.label} quota reached: {used} of {self.limit} used"
        raise QuotaExceededError(
            detail,
            quota=self.name,
            limit=self.limit,
            used=used,
            status=413 if self.in_bytes else 429,
        )


def readable_bytes(count: int) -> str:
    """Bytes as a person reads them, in decimal units: "498.2 MB", "500 MB", "12 kB"."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= size:
            return f"{round(count / size, 1):g} {unit}"
    return f"{count} bytes"


async def lock_owner(session: AsyncSession, scope: str, owner_id: uuid.UUID) -> None:
    """Hold a per-user lock until the session's transaction ends (`scope` keeps one service's
    locks apart from another's on the same database)."""
    key = func.hashtextextended(f"{scope}:{owner_id}", 0)
    await session.execute(select(func.pg_advisory_xact_lock(key)))


async def check_stored_room(
    session: AsyncSession,
    table: Table,
    owner_id: uuid.UUID,
    size: int,
    *,
    count: Quota,
    stored: Quota,
) -> None:
    """Raise QuotaExceededError unless one more row of `size` bytes fits the owner's quotas:
    `count` on their rows of `table`, `stored` on the sum of those rows' `size_bytes`.

    Decisive only where the caller holds `lock_owner` for the owner in the transaction that
    adds the row. An owner keeps one row per file, so the sum is what they store.
    """
    used, stored_bytes = (
        await session.execute(
            select(func.count(), func.coalesce(func.sum(table.c.size_bytes), 0)).where(
                table.c.owner_id == owner_id
            )
        )
    ).one()
    count.check(int(used))
    stored.check(int(stored_bytes), size)
