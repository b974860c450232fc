"""Find an output a caller may read: their own, or one of an unlisted or public shootout."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shootouts.db.tables import outputs, shootouts
from shootouts.problems import not_found


async def readable_output(
    sessions: async_sessionmaker[AsyncSession], output_id: uuid.UUID, user_id: uuid.UUID | None
) -> Any:
    """The output row, or 404 when it does not exist or the caller may not see it."""
    async with sessions() as session:
        row = (
            await session.execute(
                select(outputs, shootouts.c.visibility)
                .join(shootouts, shootouts.c.id == outputs.c.shootout_id)
                .where(outputs.c.id == output_id)
            )
        ).one_or_none()
    if row is None or (row.visibility == "private" and row.owner_id != user_id):
        raise not_found("output")
    return row
