"""The inputs of the render-job tests: a guitar-like DI, a short cab IR, and a three-chain
job spec over them (synthesized NAM captures, effects and input gains)."""

from __future__ import annotations

import numpy as np
import pytest

from gts_engine.spec import AmpBlock, ChainSpec, EffectBlock, IRBlock, RenderJobSpec, RenderOptions
from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

RATE = 48_000


@pytest.fixture
def di_wav(make_wav: WavMaker, guitar_like) -> bytes:  # type: ignore[no-untyped-def]
    return make_wav(guitar_like(6.0, RATE, 1), RATE, "PCM_24")


@pytest.fixture
def cab_wav(make_wav: WavMaker) -> bytes:
    t = np.arange(2400) / RATE
    return make_wav(np.exp(-t * 300) * np.cos(2 * np.pi * 2500 * t), RATE)


def three_chain_spec(di: bytes, cab: bytes, **options: object) -> RenderJobSpec:
    """A job of three chains ("Nano", "Feather gated", "Nano hot") with these options."""
    nano = synthesize_nam("nano", seed=1)
    feather = synthesize_nam("feather", seed=2)
    chains = [
        ChainSpec("Nano", [AmpBlock(nano, "amp", "nano"), IRBlock(cab, "cab")]),
        ChainSpec(
            "Feather gated",
            [
                EffectBlock("noise_gate", {"threshold_db": -70}),
                AmpBlock(feather, "amp", "feather"),
                IRBlock(cab, "cab"),
                EffectBlock("eq", {"high_gain_db": -3}),
            ],
            input_gain_db=6.0,
        ),
        ChainSpec("Nano hot", [AmpBlock(nano, "amp", "nano"), IRBlock(cab, "cab")], 12.0),
    ]
    return RenderJobSpec(di, chains, RenderOptions(**options), "synth.wav")  # type: ignore[arg-type]
