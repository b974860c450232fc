"""The chains of shared shootouts as anyone may see them: names and blocks, never gear files."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from shootouts.chains.blocks import EffectBlockIn, gear_ids, loaded
from shootouts.db.row_structs import from_row
from shootouts.db.tables import gear, signal_chains
from shootouts.shootout.schemas import PublicBlockView, PublicChainView

_IDS = bindparam("ids", type_=ARRAY(PG_UUID(as_uuid=True)))
_CHAINS = select(
    signal_chains.c.id,
    signal_chains.c.owner_id,
    signal_chains.c.name,
    signal_chains.c.input_gain_db,
    signal_chains.c.blocks,
    signal_chains.c.input_mode,
    signal_chains.c.output_mode,
).where(signal_chains.c.id == any_(_IDS))
# names and kinds only: a visitor never learns which file a gear item is
_GEAR = select(gear.c.id, gear.c.owner_id, gear.c.name, gear.c.kind).where(
    gear.c.id == any_(_IDS), ~gear.c.removed
)

# One shootout's owner and its chain ids, in order.
Shown = tuple[uuid.UUID, Sequence[uuid.UUID]]


async def public_chains(
    db: AsyncSession | AsyncConnection, shown: Sequence[Shown]
) -> list[list[PublicChainView]]:
    """The public views of each shootout's chains (two queries for a whole page); a chain the
    owner has deleted since is left out."""
    wanted = list({chain_id for _, chain_ids in shown for chain_id in chain_ids})
    rows = list(await db.execute(_CHAINS, {"ids": wanted})) if wanted else []
    chains = {(row.owner_id, row.id): row for row in rows}
    items = list({g for row in rows for g in gear_ids(loaded(row.blocks))})
    found: list[Any] = list(await db.execute(_GEAR, {"ids": items})) if items else []
    names = {(g.owner_id, g.id): (g.name, g.kind) for g in found}
    return [
        [
            _chain(chains[owner_id, chain_id], owner_id, names)
            for chain_id in chain_ids
            if (owner_id, chain_id) in chains
        ]
        for owner_id, chain_ids in shown
    ]


def _chain(
    row: Any, owner_id: uuid.UUID, names: dict[tuple[uuid.UUID, uuid.UUID], tuple[str, str]]
) -> PublicChainView:
    blocks: list[PublicBlockView] = []
    for block in loaded(row.blocks):
        if isinstance(block, EffectBlockIn):
            blocks.append(PublicBlockView(type="effect", effect=block.effect, params=block.params))
            continue
        # only the owner's own items: a chain never names another user's gear
        name, kind = names.get((owner_id, block.gear_id), (None, None))
        blocks.append(PublicBlockView(type="gear", gear_name=name, gear_kind=kind))
    return from_row(PublicChainView, row, blocks=blocks)
