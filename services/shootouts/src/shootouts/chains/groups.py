"""Chain groups: a base chain with slots; `generate` makes one real chain per combination."""

from __future__ import annotations

import itertools
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_contracts import uuid7
from gts_kit.db.newest_first import newest_first
from gts_kit.errors import FieldProblem, InvalidInputError, invalid_fields
from gts_kit.http.paging import Page, Paging
from shootouts.chains.blocks import (
    BlockIn,
    BlockView,
    EffectBlockIn,
    GearBlockIn,
    check_blocks,
    describe,
)
from shootouts.chains.levels import InputMode, OutputMode, block_level_problems
from shootouts.chains.schemas import (
    Generated,
    GroupBlockIn,
    GroupIn,
    GroupView,
    SkippedCombination,
    SlotIn,
)
from shootouts.chains.service import chain_view, insert_chain
from shootouts.db.owned_rows import delete_owned, owned_row
from shootouts.db.row_structs import from_row
from shootouts.db.tables import chain_groups, signal_chains
from shootouts.gear.read_model import Gear, gear_by_id
from shootouts.quotas import Quotas, check_count, owned


def combinations(blocks: Sequence[GroupBlockIn], gains: Sequence[float] | None = None) -> int:
    """How many chains the group makes: the product of its slots' option counts, times the
    number of input gains it sweeps."""
    slots = math.prod(len(b.options) for b in blocks if isinstance(b, SlotIn))
    return slots * (len(gains) if gains else 1)


def _gain_name(gain_db: float) -> str:
    return f"{gain_db:+g} dB" if gain_db else "0 dB"


def _group_gear_ids(blocks: Sequence[GroupBlockIn]) -> list[uuid.UUID]:
    ids: list[uuid.UUID] = []
    for b in blocks:
        if isinstance(b, GearBlockIn):
            ids.append(b.gear_id)
        elif isinstance(b, SlotIn):
            ids.extend(o for o in b.options if o is not None)
    return ids


def _check_group(
    blocks: Sequence[GroupBlockIn],
    known: Mapping[uuid.UUID, Gear],
    cap: int,
    gains: Sequence[float] | None = None,
    input_mode: InputMode = "raw",
    output_mode: OutputMode = "raw",
) -> None:
    problems: list[FieldProblem] = []
    count = combinations(blocks, gains)
    if count > cap:
        problems.append(
            FieldProblem(
                "blocks",
                f"the slots make {count} combinations; at most {cap} chains are generated",
                "too_many_combinations",
            )
        )
    for i, block in enumerate(blocks):
        if isinstance(block, SlotIn):
            for j, option in enumerate(block.options):
                item = known.get(option) if option is not None else None
                if option is not None and (item is None or item.removed):
                    problems.append(
                        FieldProblem(
                            f"blocks[{i}].options[{j}]",
                            f"gear {option} is not in your library",
                            "UNKNOWN_GEAR",
                        )
                    )
                elif option is not None:
                    # every option must carry the level metadata the group's modes need
                    problems += block_level_problems(
                        GearBlockIn(gear_id=option),
                        known,
                        input_mode,
                        output_mode,
                        f"blocks[{i}].options[{j}]",
                    )
            continue
        if isinstance(block, GearBlockIn):
            problems += block_level_problems(block, known, input_mode, output_mode, f"blocks[{i}]")
        try:
            # fixed blocks alone: gear and parameters (the grammar needs the slots filled)
            check_blocks([block], known, prefix="block")
        except InvalidInputError as exc:
            problems.extend(
                FieldProblem(p.field.replace("block[0]", f"blocks[{i}]"), p.reason, p.code)
                for p in exc.problems
                if not p.field.endswith("]") and p.field != "block"
            )
    if problems:
        raise invalid_fields(problems)


def _view(row: Any, known: Mapping[uuid.UUID, Gear]) -> GroupView:
    blocks = msgspec.convert(row.blocks, list[GroupBlockIn])
    views: list[BlockView] = []
    for block in blocks:
        if isinstance(block, SlotIn):
            views.append(BlockView(type="slot", name=block.name, options=list(block.options)))
        else:
            views.extend(describe([block], known)[0])
    count = combinations(blocks, row.input_gains_db)
    return from_row(GroupView, row, blocks=views, combinations=count)


@dataclass(eq=False)
class ChainGroups:
    """The chain-group operations the API offers; a group makes at most `cap` chains."""

    sessions: async_sessionmaker[AsyncSession]
    cap: int
    quotas: Quotas

    async def create(self, owner_id: uuid.UUID, body: GroupIn) -> GroupView:
        """Check and store a group (422 above the cap, naming the count; 429 past the quota)."""
        async with self.sessions.begin() as session:
            await check_count(session, self.quotas.chain_groups, chain_groups, owner_id)
            known = await gear_by_id(session, owner_id, _group_gear_ids(body.blocks))
            _check_group(
                body.blocks,
                known,
                self.cap,
                body.input_gains_db,
                body.input_mode,
                body.output_mode,
            )
            row = (
                await session.execute(
                    chain_groups.insert()
                    .values(
                        id=uuid7(),
                        owner_id=owner_id,
                        name=body.name,
                        input_gain_db=body.input_gain_db,
                        blocks=[msgspec.to_builtins(b) for b in body.blocks],
                        input_mode=body.input_mode,
                        output_mode=body.output_mode,
                        input_gains_db=body.input_gains_db,
                    )
                    .returning(chain_groups)
                )
            ).one()
            return _view(row, known)

    async def get(self, owner_id: uuid.UUID, group_id: uuid.UUID) -> GroupView:
        """One of the owner's groups."""
        async with self.sessions() as session:
            row = await owned_row(session, chain_groups, owner_id, group_id, "chain group")
            blocks = msgspec.convert(row.blocks, list[GroupBlockIn])
            return _view(row, await gear_by_id(session, owner_id, _group_gear_ids(blocks)))

    async def page(
        self, owner_id: uuid.UUID, paging: Paging, gear_id: uuid.UUID | None = None
    ) -> Page[GroupView]:
        """A page of the owner's groups, newest first, and their total count; with `gear_id`,
        only the groups with a block of that item or a slot offering it."""
        async with self.sessions() as session:
            mine = chain_groups.c.owner_id == owner_id
            if gear_id is not None:
                blocks = chain_groups.c.blocks
                mine &= blocks.contains([{"gear_id": str(gear_id)}]) | blocks.contains(
                    [{"options": [str(gear_id)]}]
                )
            rows, total = await newest_first(session, chain_groups, mine, paging)
            ids = [
                g
                for r in rows
                for g in _group_gear_ids(msgspec.convert(r.blocks, list[GroupBlockIn]))
            ]
            known = await gear_by_id(session, owner_id, ids)
            return paging.page([_view(r, known) for r in rows], total)

    async def delete(self, owner_id: uuid.UUID, group_id: uuid.UUID) -> None:
        """Delete a group (chains it generated stay)."""
        async with self.sessions.begin() as session:
            await delete_owned(session, chain_groups, owner_id, group_id, "chain group")

    async def generate(self, owner_id: uuid.UUID, group_id: uuid.UUID) -> Generated:
        """Create one chain per combination the grammar accepts; report the others. All or
        none: 429 when the new chains would pass the user's chain quota."""
        async with self.sessions.begin() as session:
            used = await owned(session, signal_chains, owner_id)
            row = await owned_row(session, chain_groups, owner_id, group_id, "chain group")
            blocks = msgspec.convert(row.blocks, list[GroupBlockIn])
            known = await gear_by_id(session, owner_id, _group_gear_ids(blocks))
            sweep: list[float] | None = row.input_gains_db
            _check_group(blocks, known, self.cap, sweep, row.input_mode, row.output_mode)
            slots = [b.options for b in blocks if isinstance(b, SlotIn)]
            made, skipped = [], []
            gains = sweep or [row.input_gain_db]
            for choice, gain in itertools.product(itertools.product(*slots), gains):
                chain, picked = _fill(blocks, choice)
                name = " + ".join(known[g].name for g in picked)
                if sweep:
                    # a gain sweep names each chain by its gain (and its options, if any)
                    name = f"{name or row.name} @ {_gain_name(gain)}"
                name = name or f"{row.name} (no options)"
                try:
                    checked = check_blocks(chain, known)
                except InvalidInputError as exc:
                    first = exc.problems[0]
                    skipped.append(
                        SkippedCombination(name=name, code=first.code or "", reason=first.reason)
                    )
                    continue
                inserted = await insert_chain(
                    session,
                    owner_id,
                    name,
                    gain,
                    checked,
                    group_id,
                    input_mode=row.input_mode,
                    output_mode=row.output_mode,
                )
                made.append(chain_view(inserted, known))
            # past the quota the whole transaction rolls back
            self.quotas.signal_chains.check(used, len(made))
            return Generated(chains=made, skipped=skipped)


def _fill(
    blocks: Sequence[GroupBlockIn], choice: Sequence[uuid.UUID | None]
) -> tuple[list[BlockIn], list[uuid.UUID]]:
    chain: list[BlockIn] = []
    picked: list[uuid.UUID] = []
    options = iter(choice)
    for block in blocks:
        if isinstance(block, SlotIn):
            option = next(options)
            if option is not None:
                chain.append(GearBlockIn(gear_id=option))
                picked.append(option)
        elif isinstance(block, GearBlockIn | EffectBlockIn):
            chain.append(block)
    return chain, picked
