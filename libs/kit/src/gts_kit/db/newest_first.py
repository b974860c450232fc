"""One page of a table's rows in the paging order every list endpoint keeps."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gts_kit.http.paging import Paging


async def newest_first(
    session: AsyncSession, table: Table, where: ColumnElement[bool], paging: Paging
) -> tuple[list[Any], int]:
    """The page `paging` asks for of the rows of `table` (with `id` and `created_at`) matching
    `where`, newest first with ties by id, and how many match in all."""
    total = (
        await session.execute(select(func.count()).select_from(table).where(where))
    ).scalar_one()
    rows = await session.execute(
        select(table)
        .where(where)
        .order_by(table.c.created_at.desc(), table.c.id.desc())
        .limit(paging.limit)
        .offset(paging.offset)
    )
    return list(rows), int(total)
