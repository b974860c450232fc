"""The compiled A1 layer (wavenet_compile.py) gives numpy's layer to float32 rounding, for
every preset's shapes and any block length, and runs wherever it should."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from gts_engine.nam.activations import activation
from gts_engine.nam.precompile import preset_shapes
from gts_engine.nam.wavenet import WaveNetStream
from gts_engine.nam.wavenet_compile import group_size, layer_source
from gts_engine.nam.wavenet_kernel import compiles
from gts_engine.nam.wavenet_plan import WaveNetPlan, plan_wavenet
from gts_nam import WAVENET_PRESETS, parse_nam, synthesize_nam
from gts_nam.parse_config import parse_wavenet_config

from .direct_forward import direct_forward

# Block lengths that end mid-chunk, mid-vector and on one sample, then the default.
_BLOCKS = (1, 7, 511, 513, 1000, 3072)


def _numpy_plan(plan: WaveNetPlan) -> WaveNetPlan:
    arrays = tuple(dataclasses.replace(a, kernel=None) for a in plan.arrays)
    return dataclasses.replace(plan, arrays=arrays)


def _run(plan: WaveNetPlan, x: np.ndarray, blocks: tuple[int, ...]) -> np.ndarray:
    """x through a stream fed blocks of the given lengths in turn."""
    stream = WaveNetStream(plan, block=max(blocks))
    y = np.empty_like(x)
    start, turn = 0, 0
    while start < x.size:
        stop = min(x.size, start + blocks[turn % len(blocks)])
        stream.process_block(x[start:stop], y[start:stop])
        start, turn = stop, turn + 1
    return y


@pytest.mark.parametrize("kind", sorted(WAVENET_PRESETS))
def test_every_preset_runs_compiled_and_equals_the_numpy_layer(kind: str) -> None:
    nam = parse_nam(synthesize_nam(kind, seed=11))
    plan = plan_wavenet(nam.config, nam.weights)
    assert all(a.kernel is not None for a in plan.arrays)
    x = (0.4 * np.random.default_rng(3).standard_normal(12_000)).astype(np.float32)
    compiled = _run(plan, x, _BLOCKS)
    np.testing.assert_allclose(compiled, _run(_numpy_plan(plan), x, _BLOCKS), atol=2e-6, rtol=0)
    # and the block lengths change nothing but rounding
    np.testing.assert_allclose(compiled, _run(plan, x, (3072,)), atol=2e-6, rtol=0)


def test_loud_input_saturates_tanh_as_the_official_forward_does() -> None:
    nam = parse_nam(synthesize_nam("feather", seed=2))
    plan = plan_wavenet(nam.config, nam.weights)
    x = (40.0 * np.random.default_rng(4).standard_normal(6_000)).astype(np.float32)
    np.testing.assert_allclose(_run(plan, x, (700,)), direct_forward(nam, x), atol=2e-5, rtol=0)


def test_wide_gated_or_other_activation_layers_run_with_numpy() -> None:
    tanh = activation("Tanh")
    assert compiles(16, 3, gated=False, act=tanh)
    assert not compiles(24, 3, gated=False, act=tanh)  # compiling it would take a minute
    assert not compiles(8, 3, gated=True, act=tanh)
    assert not compiles(8, 3, gated=False, act=activation("ReLU"))
    doc = json.loads(synthesize_nam("nano", seed=3))
    doc["config"]["layers"][0]["channels"] = 24
    doc["config"]["layers"][1]["input_size"] = 24
    count = parse_wavenet_config(doc["config"]).weight_count
    doc["weights"] = [0.01] * count
    nam = parse_nam(json.dumps(doc).encode())
    plan = plan_wavenet(nam.config, nam.weights)
    assert [a.kernel is not None for a in plan.arrays] == [False, True]


def test_setup_compiles_every_preset_shape() -> None:
    assert preset_shapes() == [(16, 3), (12, 3), (8, 3), (6, 3), (4, 3), (2, 3)]


@pytest.mark.parametrize(("channels", "group"), [(16, 8), (12, 6), (8, 8), (6, 6), (5, 5), (2, 2)])
def test_output_channels_are_summed_in_groups_that_divide_them(channels: int, group: int) -> None:
    assert group_size(channels) == group
    source = layer_source(channels, 3)
    # each output channel's convolution sum is written once, naming all its taps
    for m in range(channels):
        (line,) = [ln for ln in source.splitlines() if ln.strip().startswith(f"a{m} = ")]
        assert line.count(" * x") == 3 * channels
