"""Build the render command: a self-contained manifest of a shootout as it is now."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from gts_contracts import (
    ChainSpec,
    DITrackRef,
    EffectBlock,
    GearBlock,
    RenderOptions,
    RenderRequestedV1,
)
from gts_contracts.shootouts import ChainBlock
from gts_kit.errors import FieldProblem, invalid_fields
from shootouts.chains.blocks import GearBlockIn, describe, loaded
from shootouts.chains.levels import DEFAULT_REFERENCE_DBU, InputMode, OutputMode, level_problems
from shootouts.chains.levels import resolve as resolve_levels
from shootouts.db.row_structs import from_row
from shootouts.gear.read_model import Gear
from shootouts.shootout.passages import loaded as loaded_passages
from shootouts.shootout.schemas import PassageIn

# The catalog's gear kinds map onto the manifest's (cab IRs are gear of format `ir`).
_FORMATS = {"nam", "ir"}


def _blocks(
    raw: Sequence[Mapping[str, Any]],
    known: Mapping[uuid.UUID, Gear],
    input_mode: InputMode = "raw",
    output_mode: OutputMode = "raw",
    reference_dbu: float = DEFAULT_REFERENCE_DBU,
) -> list[ChainBlock]:
    """The command's blocks; each capture carries the gains its chain's level modes resolve to."""
    blocks: list[ChainBlock] = []
    for block in loaded(raw):
        if isinstance(block, GearBlockIn):
            item = known[block.gear_id]
            gains = resolve_levels(item, block.slim, input_mode, output_mode, reference_dbu)
            blocks.append(
                GearBlock(
                    gear_id=item.id,
                    kind=item.kind,  # type: ignore[arg-type]
                    format=item.format,  # type: ignore[arg-type]
                    blob_sha256=item.blob_sha256,
                    name=item.name,
                    architecture=item.architecture,
                    slim=block.slim,
                    input_gain_db=gains.input_gain_db,
                    output_gain_db=gains.output_gain_db,
                )
            )
        else:
            blocks.append(EffectBlock(effect=block.effect, params=dict(block.params)))  # type: ignore[arg-type]
    return blocks


def _track(di: Any, passage: PassageIn | None) -> DITrackRef:
    """The command's DI: its blob and format, and its passage (whole when none is set)."""
    return from_row(
        DITrackRef,
        di,
        di_id=di.id,
        blob_sha256=di.sha256,
        start_seconds=passage.start_seconds if passage else 0.0,
        end_seconds=passage.end_seconds if passage else None,
    )


def build_command(
    *,
    job_id: uuid.UUID,
    shootout: Any,
    dis: Sequence[Any],
    chains: Sequence[Any],
    known: Mapping[uuid.UUID, Gear],
) -> RenderRequestedV1:
    """The render command for `shootout` (rows in its order); 422 when a chain is unusable."""
    problems: list[FieldProblem] = []
    for i, chain in enumerate(chains):
        prefix = f"chain_ids[{i}].blocks"
        blocks = loaded(chain.blocks)
        _, found = describe(blocks, known, prefix=prefix)
        found += level_problems(blocks, known, chain.input_mode, chain.output_mode, prefix)
        problems.extend(FieldProblem(p.field, f"{chain.name}: {p.reason}", p.code) for p in found)
    if problems:
        raise invalid_fields(problems)
    passages = {p.di_id: p for p in loaded_passages(shootout.passages)}
    return RenderRequestedV1.new(
        job_id=job_id,
        shootout_id=shootout.id,
        owner_id=shootout.owner_id,
        di_tracks=[_track(d, passages.get(d.id)) for d in dis],
        chains=[
            from_row(
                ChainSpec,
                c,
                chain_id=c.id,
                blocks=_blocks(
                    c.blocks, known, c.input_mode, c.output_mode, shootout.reference_dbu
                ),
                reference_dbu=shootout.reference_dbu,
            )
            for c in chains
        ],
        options=from_row(RenderOptions, shootout),
        shootout_name=shootout.name,
    )
