"""The SQL that reads one owner's gear: an item by id or by file, and a filtered page."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db.tables import gear_items
from catalog.gear.rows import item_from_row
from catalog.gear.schemas import GearFilter, GearPage
from gts_kit.db.newest_first import newest_first
from gts_kit.errors import not_found
from gts_kit.http.paging import Paging


async def item_row(
    session: AsyncSession,
    owner_id: uuid.UUID,
    *,
    gear_id: uuid.UUID | None = None,
    sha: str | None = None,
    for_update: bool = False,
) -> Any:
    """The owner's `gear_items` row with this id or file's sha256 (locked with `for_update`);
    NotFoundError for a missing or another user's item."""
    query = select(gear_items).where(gear_items.c.owner_id == owner_id)
    if gear_id is not None:
        query = query.where(gear_items.c.id == gear_id)
    if sha is not None:
        query = query.where(gear_items.c.sha256 == sha)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    if row is None:
        raise not_found(f"gear item {gear_id or sha}")
    return row


async def item_page(
    session: AsyncSession, owner_id: uuid.UUID, filters: GearFilter, paging: Paging
) -> GearPage:
    """The owner's items matching every given filter, one page in the kit's paging order
    (newest first, ties by id), with the count of all that match."""
    where = and_(gear_items.c.owner_id == owner_id, *_conditions(filters))
    rows, total = await newest_first(session, gear_items, where, paging)
    items = [item_from_row(r) for r in rows]
    return GearPage(items=items, total=total, limit=paging.limit, offset=paging.offset)


def _conditions(filters: GearFilter) -> Sequence[Any]:
    c = gear_items.c
    found: list[Any] = []
    if filters.kind is not None:
        found.append(c.kind == filters.kind)
    if filters.format is not None:
        found.append(c.format == filters.format)
    if filters.source is not None:
        found.append(c.source == filters.source)
    if filters.favourite is not None:
        found.append(c.favourite == filters.favourite)
    if filters.tag:
        found.append(c.tags.contains([filters.tag.strip()]))
    if filters.q and filters.q.strip():
        escaped = filters.q.strip().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
        pattern = f"%{escaped}%"
        found.append(
            or_(
                c.name.ilike(pattern, escape="\\"),
                c.make.ilike(pattern, escape="\\"),
                c.model.ilike(pattern, escape="\\"),
            )
        )
    return found
