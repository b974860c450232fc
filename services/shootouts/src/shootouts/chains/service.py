"""Signal chains of one owner: create, read, change, delete, each checked as a whole."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_contracts import uuid7
from gts_kit.db.newest_first import newest_first
from gts_kit.http.paging import Page, Paging
from gts_kit.quotas import Quota
from shootouts.chains.blocks import (
    BlockIn,
    Unusable,
    check_blocks,
    describe,
    gear_ids,
    loaded,
    stored,
)
from shootouts.chains.levels import InputMode, OutputMode, check_levels, level_problems
from shootouts.chains.schemas import ChainIn, ChainPatch, ChainView
from shootouts.db.owned_rows import changed_row, delete_owned, owned_row
from shootouts.db.row_structs import from_row
from shootouts.db.tables import signal_chains
from shootouts.gear.read_model import Gear, gear_by_id
from shootouts.quotas import check_count


def chain_view(row: Any, known: Mapping[uuid.UUID, Gear]) -> ChainView:
    """A stored chain as the API shows it, usable or not given the gear `known` now."""
    blocks = loaded(row.blocks)
    views, problems = describe(blocks, known)
    problems += level_problems(blocks, known, row.input_mode, row.output_mode)
    unusable = [Unusable.of(p) for p in problems]
    return from_row(ChainView, row, blocks=views, usable=not unusable, unusable=unusable)


async def view_rows(session: AsyncSession, owner_id: uuid.UUID, rows: list[Any]) -> list[ChainView]:
    """Views of several stored chains with one gear look-up."""
    ids = [g for row in rows for g in gear_ids(loaded(row.blocks))]
    known = await gear_by_id(session, owner_id, ids)
    return [chain_view(row, known) for row in rows]


async def insert_chain(
    session: AsyncSession,
    owner_id: uuid.UUID,
    name: str,
    input_gain_db: float,
    blocks: list[BlockIn],
    group_id: uuid.UUID | None = None,
    *,
    input_mode: InputMode = "raw",
    output_mode: OutputMode = "raw",
) -> Any:
    """Insert an already checked chain in the caller's transaction; return its row."""
    result = await session.execute(
        signal_chains.insert()
        .values(
            id=uuid7(),
            owner_id=owner_id,
            name=name,
            input_gain_db=input_gain_db,
            blocks=stored(blocks),
            group_id=group_id,
            input_mode=input_mode,
            output_mode=output_mode,
        )
        .returning(signal_chains)
    )
    return result.one()


@dataclass(eq=False)
class SignalChains:
    """The chain operations the API offers."""

    sessions: async_sessionmaker[AsyncSession]
    quota: Quota

    async def create(self, owner_id: uuid.UUID, body: ChainIn) -> ChainView:
        """Check and store a new chain (422 naming each bad block, 429 past the quota)."""
        async with self.sessions.begin() as session:
            await check_count(session, self.quota, signal_chains, owner_id)
            known = await gear_by_id(session, owner_id, gear_ids(body.blocks))
            blocks = check_blocks(body.blocks, known)
            check_levels(blocks, known, body.input_mode, body.output_mode)
            row = await insert_chain(
                session,
                owner_id,
                body.name,
                body.input_gain_db,
                blocks,
                input_mode=body.input_mode,
                output_mode=body.output_mode,
            )
            return chain_view(row, known)

    async def get(self, owner_id: uuid.UUID, chain_id: uuid.UUID) -> ChainView:
        """One of the owner's chains (404 for anyone else's)."""
        async with self.sessions() as session:
            row = await owned_row(session, signal_chains, owner_id, chain_id, "signal chain")
            return (await view_rows(session, owner_id, [row]))[0]

    async def page(
        self, owner_id: uuid.UUID, paging: Paging, gear_id: uuid.UUID | None = None
    ) -> Page[ChainView]:
        """A page of the owner's chains, newest first, and their total count; with `gear_id`,
        only the chains with a block of that item."""
        async with self.sessions() as session:
            mine = signal_chains.c.owner_id == owner_id
            if gear_id is not None:
                mine &= signal_chains.c.blocks.contains([{"gear_id": str(gear_id)}])
            rows, total = await newest_first(session, signal_chains, mine, paging)
            return paging.page(await view_rows(session, owner_id, rows), total)

    async def update(self, owner_id: uuid.UUID, chain_id: uuid.UUID, body: ChainPatch) -> ChainView:
        """Change a chain's name, gain, level modes or blocks; the result is checked like a new
        chain (new blocks, and the level metadata its modes need)."""
        async with self.sessions.begin() as session:
            row = await owned_row(
                session, signal_chains, owner_id, chain_id, "signal chain", lock=True
            )
            values: dict[str, Any] = {"updated_at": func.now()}
            if body.name is not None:
                values["name"] = body.name
            if body.input_gain_db is not None:
                values["input_gain_db"] = body.input_gain_db
            if body.input_mode is not None:
                values["input_mode"] = body.input_mode
            if body.output_mode is not None:
                values["output_mode"] = body.output_mode
            blocks = loaded(row.blocks)
            if body.blocks is not None:
                known = await gear_by_id(session, owner_id, gear_ids(body.blocks))
                blocks = check_blocks(body.blocks, known)
                values["blocks"] = stored(blocks)
            if body.blocks is not None or body.input_mode or body.output_mode:
                known = await gear_by_id(session, owner_id, gear_ids(blocks))
                check_levels(
                    blocks,
                    known,
                    body.input_mode or row.input_mode,
                    body.output_mode or row.output_mode,
                )
            row = await changed_row(session, signal_chains, chain_id, **values)
            return (await view_rows(session, owner_id, [row]))[0]

    async def delete(self, owner_id: uuid.UUID, chain_id: uuid.UUID) -> None:
        """Delete one of the owner's chains (shootouts that named it keep their last render)."""
        async with self.sessions.begin() as session:
            await delete_owned(session, signal_chains, owner_id, chain_id, "signal chain")
