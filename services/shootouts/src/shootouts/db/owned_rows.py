"""A user's own rows of a table with `id`, `owner_id` and `created_at`: one of them (another
user's is a 404, never a 403), changing one, deleting one."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gts_kit.errors import not_found


async def owned_row(
    session: AsyncSession,
    table: Table,
    owner_id: uuid.UUID,
    row_id: uuid.UUID,
    what: str,
    *,
    lock: bool = False,
) -> Any:
    """The owner's row `row_id` of `table`, locked for the transaction with `lock`; 404 naming
    `what` when there is none."""
    query = select(table).where(table.c.id == row_id, table.c.owner_id == owner_id)
    row = (await session.execute(query.with_for_update() if lock else query)).one_or_none()
    if row is None:
        raise not_found(what)
    return row


async def changed_row(
    session: AsyncSession, table: Table, row_id: uuid.UUID, /, **values: Any
) -> Any:
    """Set `values` on row `row_id` of `table` (a row the caller has found already) and return
    the row as it is now."""
    result = await session.execute(
        update(table).where(table.c.id == row_id).values(**values).returning(table)
    )
    return result.one()


async def delete_owned(
    session: AsyncSession, table: Table, owner_id: uuid.UUID, row_id: uuid.UUID, what: str
) -> None:
    """Delete the owner's row `row_id` of `table`; 404 naming `what` when there is none."""
    result = await session.execute(
        delete(table)
        .where(table.c.id == row_id, table.c.owner_id == owner_id)
        .returning(table.c.id)
    )
    if result.first() is None:
        raise not_found(what)
