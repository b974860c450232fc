"""The render command's level gains and modes reach the engine's job spec unchanged."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any, cast

from gts_contracts import ChainSpec, DITrackRef, GearBlock, RenderOptions, RenderRequestedV1
from gts_engine import spec as engine
from gts_nam import synthesize_nam
from render.jobs.blobs import BlobCache
from render.jobs.manifest import plan_job


class Blobs(BlobCache):
    """Blobs from a dict, by sha256 (no store, nothing cached)."""

    def __init__(self, directory: Path, *blobs: bytes) -> None:
        super().__init__(cast(Any, None), directory, 1)
        self.blobs = {hashlib.sha256(b).hexdigest(): b for b in blobs}

    async def read(self, sha256: str, what: str) -> bytes:
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
