"""The render command (a contract) turned into the engine's job specs: one per DI track."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Literal

from gts_contracts.shootouts import EffectBlock, GearBlock, RenderRequestedV1
from gts_engine import spec as engine
from render.jobs.blobs import BlobCache

# The catalog's capture kinds onto the engine's: pedal and outboard captures run before the amp.
_CAPTURE_KINDS: dict[str, Literal["amp", "amp-cab", "pedal"]] = {
    "amp": "amp",
    "amp-cab": "amp-cab",
    "pedal": "pedal",
    "outboard": "pedal",
}


class UnsupportedBlockError(ValueError):
    """A block the engine cannot run (the command is wrong; retrying will not help)."""


@dataclass(frozen=True, slots=True)
class DIRender:
    """One montage to render: which DI, and the engine's spec for it."""

    di_id: uuid.UUID
    spec: engine.RenderJobSpec


@dataclass(frozen=True, slots=True)
class JobPlan:
    """Every montage of a job, and the chain id behind each engine chain name."""

    renders: list[DIRender]
    chain_ids: dict[str, uuid.UUID]


def blind_seed(job_id: uuid.UUID) -> int:
    """The blind shuffle's seed: fixed per job, so a re-render labels chains the same way."""
    return job_id.int % (2**32)


def unique_names(names: list[str]) -> list[str]:
    """Chain names made unique (the engine labels files by name): "X", "X (2)", ..."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in names:
        name = raw.strip() or "chain"
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name} ({n})"
        seen.add(candidate)
        out.append(candidate)
    return out


async def plan_job(command: RenderRequestedV1, dis: BlobCache, gear: BlobCache) -> JobPlan:
    """Fetch every blob the command names and build one engine spec per DI track.

    DIs come from `dis`, captures and IRs from `gear`.

    Raises MissingBlobError for an absent blob, UnsupportedBlockError for a block kind the
    engine does not run.
    """
    names = unique_names([c.name for c in command.chains])
    for name, chain in zip(names, command.chains, strict=True):
        for index, block in enumerate(chain.blocks):
            _check_block(block, f"chains[{name!r}].blocks[{index}]")
    blobs = await _gear_blobs(command, gear)
    chains: list[engine.ChainSpec] = []
    for name, chain in zip(names, command.chains, strict=True):
        blocks = [_engine_block(block, blobs) for block in chain.blocks]
        chains.append(
            engine.ChainSpec(
                name,
                blocks,
                chain.input_gain_db,
                input_mode=chain.input_mode,
                output_mode=chain.output_mode,
                reference_dbu=chain.reference_dbu,
            )
        )
    o = command.options
    options = engine.RenderOptions(
        montage_mode=o.montage_mode,
        rounds=o.rounds if o.montage_mode == "sequence" else 1,
        segment_seconds=o.segment_seconds,
        target_lufs=o.target_lufs,
        blind=o.blind,
        video=o.video,
        pictures=o.pictures,
        full_renders=o.full_renders,
        seed=blind_seed(command.job_id),
    )
    renders = []
    for di in command.di_tracks:
        audio = await dis.read(di.blob_sha256, f"DI {di.name!r}")
        spec = engine.RenderJobSpec(
            audio,
            chains,
            options,
            di.name,
            title=_title(command.shootout_name, di.name, len(command.di_tracks)),
            di_channel=di.channel,
            start_seconds=di.start_seconds,
            end_seconds=di.end_seconds,
        )
        renders.append(DIRender(di.di_id, spec))
    chain_ids = {name: c.chain_id for name, c in zip(names, command.chains, strict=True)}
    return JobPlan(renders, chain_ids)


def _title(shootout: str, di: str, dis: int) -> str:
    """The video's title: the shootout's name (with the DI's when it has several)."""
    if not shootout:
        return ""
    return f"{shootout}: {di}" if dis > 1 else shootout


def _check_block(block: GearBlock | EffectBlock, where: str) -> None:
    """UnsupportedBlockError for a capture of a kind the engine does not run."""
    if isinstance(block, EffectBlock) or block.format == "ir" or block.kind == "cab-ir":
        return
    if block.kind not in _CAPTURE_KINDS:
        raise UnsupportedBlockError(
            f"{where}: a {block.kind} capture ({block.name}) cannot be rendered; "
            f"captures of kind {', '.join(_CAPTURE_KINDS)} and cab IRs can"
        )


async def _gear_blobs(command: RenderRequestedV1, gear: BlobCache) -> dict[str, bytes]:
    """Every capture's and IR's bytes by sha256, each fetched once, side by side."""
    wanted = {
        block.blob_sha256: f"gear {block.name!r} ({block.kind})"
        for chain in command.chains
        for block in chain.blocks
        if isinstance(block, GearBlock)
    }
    data = await asyncio.gather(*(gear.read(sha, what) for sha, what in wanted.items()))
    return dict(zip(wanted, data, strict=True))


def _engine_block(block: GearBlock | EffectBlock, blobs: dict[str, bytes]) -> engine.Block:
    if isinstance(block, EffectBlock):
        return engine.EffectBlock(block.effect, dict(block.params))
    if block.format == "ir" or block.kind == "cab-ir":
        return engine.IRBlock(blobs[block.blob_sha256], block.name)
    return engine.AmpBlock(
        blobs[block.blob_sha256],
        _CAPTURE_KINDS[block.kind],
        block.name,
        block.slim,
        input_gain_db=block.input_gain_db,
        output_gain_db=block.output_gain_db,
    )
