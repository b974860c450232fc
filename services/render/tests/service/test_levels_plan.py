"""The render command turned into the engine's job spec: level gains and modes unchanged,
each blob fetched once, unrunnable captures refused before any fetch."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any, cast

import msgspec
import pytest

from gts_contracts import ChainSpec, GearBlock, RenderOptions, RenderRequestedV1
from gts_engine import spec as engine
from gts_kit.testing.render_commands import chain_spec, mono_di, render_command
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


def _gear(data: bytes, kind: str, fmt: str = "nam", **gains: float) -> GearBlock:
    return GearBlock(
        gear_id=uuid.uuid4(),
        kind=cast(Any, kind),  # a kind from a newer contract, in one test
        format=cast(Any, fmt),
        blob_sha256=hashlib.sha256(data).hexdigest(),
        name=kind,
        architecture="WaveNet" if fmt == "nam" else None,
        **gains,
    )


def _command(di: bytes, chains: list[ChainSpec]) -> RenderRequestedV1:
    """The command of a one-second mono DI `di` through `chains`, default options."""
    return render_command(mono_di(hashlib.sha256(di).hexdigest(), 1.0), chains, RenderOptions())


async def test_capture_gains_and_level_modes_reach_the_engine(tmp_path: Path) -> None:
    nam, di = synthesize_nam("nano", seed=1), b"RIFF-not-decoded-here"
    block = _gear(nam, "amp-cab", input_gain_db=-6.3, output_gain_db=4.5)
    levels = {"input_mode": "calibrated", "output_mode": "normalized", "reference_dbu": 10.0}
    calibrated = chain_spec("Calibrated", [block])
    command = _command(di, [msgspec.structs.replace(calibrated, input_gain_db=1.0, **levels)])
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


async def test_a_capture_shared_by_chains_is_fetched_once(tmp_path: Path) -> None:
    nam, ir, di = synthesize_nam("nano", seed=2), b"RIFF-an-IR", b"RIFF-a-DI"
    amp, cab = _gear(nam, "amp"), _gear(ir, "cab-ir", "ir")
    gear = Blobs(tmp_path / "g", nam, ir)
    chains = [chain_spec("c0", [amp, cab]), chain_spec("c1", [amp, cab]), chain_spec("c2", [amp])]
    plan = await plan_job(_command(di, chains), Blobs(tmp_path, di), gear)
    assert sorted(gear.reads) == sorted({amp.blob_sha256, cab.blob_sha256})
    kinds = [[type(b).__name__ for b in c.blocks] for c in plan.renders[0].spec.chains]
    assert kinds == [["AmpBlock", "IRBlock"], ["AmpBlock", "IRBlock"], ["AmpBlock"]]


async def test_a_capture_the_engine_cannot_run_is_refused_before_any_fetch(
    tmp_path: Path,
) -> None:
    nam, di = synthesize_nam("nano", seed=3), b"RIFF-a-DI"
    gear = Blobs(tmp_path / "g", nam)
    chains = [
        chain_spec("c0", [_gear(nam, "amp")]),
        chain_spec("c1", [_gear(b"absent", "full-rig")]),
    ]
    command = _command(di, chains)
    with pytest.raises(UnsupportedBlockError, match=r"chains\['c1'\]\.blocks\[0\]: a full-rig"):
        await plan_job(command, Blobs(tmp_path, di), gear)
    assert gear.reads == []
