"""The render command turned into the engine's job spec: level gains and modes unchanged,
each blob fetched once, unrunnable captures refused before any fetch."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any, cast

import pytest

from gts_contracts import (
    ChainSpec,
    DITrackRef,
    EffectBlock,
    GearBlock,
    RenderOptions,
    RenderRequestedV1,
)
from gts_engine import spec as engine
from gts_nam import synthesize_nam
from render.jobs.blobs import BlobCache
from render.jobs.manifest import UnsupportedBlockError, plan_job


class Blobs(BlobCache):
    """Blobs from a dict, by sha256 (no store, nothing cached)."""

    def __init__(self, directory: Path, *blobs: bytes) -> None:
        super().__init__(cast(Any, None), directory, 1)
        self.blobs = {hashlib.sha256(b).hexdigest(): b for b in blobs}

        self.reads: list[str] = []

    async def read(self, sha256: str, what: str) -> bytes:
        self.reads.append(sha256)
        return self.blobs[sha256]


async def test_capture_gains_and_level_modes_reach_the_engine(tmp_path: Path) -> None:
    nam = synthesize_nam("nano", seed=1)
    di = b"RIFF-not-decoded-here"
    sha = hashlib.sha256(nam).hexdigest()
    block = GearBlock(
        gear_id=uuid.uuid4(),
        kind="amp-cab",
        format="nam",
        blob_sha256=sha,
        name="Rig",
        architecture="WaveNet",
        input_gain_db=-6.3,
        output_gain_db=4.5,
    )
    command = RenderRequestedV1.new(
        job_id=uuid.uuid4(),
        shootout_id=uuid.uuid4(),
        owner_id=uuid.uuid4(),
        di_tracks=[
            DITrackRef(
                di_id=uuid.uuid4(),
                name="riff",
                blob_sha256=hashlib.sha256(di).hexdigest(),
                sample_rate=48_000,
                channels=1,
                duration_seconds=1.0,
            )
        ],
        chains=[
            ChainSpec(
                chain_id=uuid.uuid4(),
                name="Calibrated",
                input_gain_db=1.0,
                blocks=[block],
                input_mode="calibrated",
                output_mode="normalized",
                reference_dbu=10.0,
            )
        ],
        options=RenderOptions(),
    )
    plan = await plan_job(command, Blobs(tmp_path / "d", di), Blobs(tmp_path / "g", nam))
    (chain,) = plan.renders[0].spec.chains
    (amp,) = chain.blocks
    assert isinstance(amp, engine.AmpBlock)
    assert (amp.input_gain_db, amp.output_gain_db) == (-6.3, 4.5)
    assert (chain.input_gain_db, chain.input_mode, chain.output_mode, chain.reference_dbu) == (
        1.0,
        "calibrated",
        "normalized",
        10.0,
    )


def _gear(data: bytes, kind: str, fmt: str = "nam") -> GearBlock:
    return GearBlock(
        gear_id=uuid.uuid4(),
        kind=cast(Any, kind),  # a kind from a newer contract, in one test
        format=cast(Any, fmt),
        blob_sha256=hashlib.sha256(data).hexdigest(),
        name=kind,
        architecture="WaveNet" if fmt == "nam" else None,
    )


def _command(di: bytes, *chains: list[GearBlock | EffectBlock]) -> RenderRequestedV1:
    return RenderRequestedV1.new(
        job_id=uuid.uuid4(),
        shootout_id=uuid.uuid4(),
        owner_id=uuid.uuid4(),
        di_tracks=[
            DITrackRef(
                di_id=uuid.uuid4(),
                name="riff",
                blob_sha256=hashlib.sha256(di).hexdigest(),
                sample_rate=48_000,
                channels=1,
                duration_seconds=1.0,
            )
        ],
        chains=[
            ChainSpec(chain_id=uuid.uuid4(), name=f"c{n}", input_gain_db=0.0, blocks=blocks)
            for n, blocks in enumerate(chains)
        ],
        options=RenderOptions(),
    )


async def test_a_capture_shared_by_chains_is_fetched_once(tmp_path: Path) -> None:
    nam, ir, di = synthesize_nam("nano", seed=2), b"RIFF-an-IR", b"RIFF-a-DI"
    amp, cab = _gear(nam, "amp"), _gear(ir, "cab-ir", "ir")
    gear = Blobs(tmp_path / "g", nam, ir)
    plan = await plan_job(_command(di, [amp, cab], [amp, cab], [amp]), Blobs(tmp_path, di), gear)
    assert sorted(gear.reads) == sorted({amp.blob_sha256, cab.blob_sha256})
    kinds = [[type(b).__name__ for b in c.blocks] for c in plan.renders[0].spec.chains]
    assert kinds == [["AmpBlock", "IRBlock"], ["AmpBlock", "IRBlock"], ["AmpBlock"]]


async def test_a_capture_the_engine_cannot_run_is_refused_before_any_fetch(
    tmp_path: Path,
) -> None:
    nam, di = synthesize_nam("nano", seed=3), b"RIFF-a-DI"
    gear = Blobs(tmp_path / "g", nam)
    command = _command(di, [_gear(nam, "amp")], [_gear(b"no such blob", "full-rig")])
    with pytest.raises(UnsupportedBlockError, match=r"chains\['c1'\]\.blocks\[0\]: a full-rig"):
        await plan_job(command, Blobs(tmp_path, di), gear)
    assert gear.reads == []
