"""A2 models (and ConvNet, Linear) split across pieces equal one pass, and A2 receptive
fields are exact.

A piece that starts receptive_field - 1 samples early reproduces one pass; one sample
less changes the output where the model's deepest path reaches (so the field is not
over-estimated), and a perturbation of the input moves the output exactly
receptive_field - 1 samples later and no further (so it is not under-estimated).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gts_engine.nam import load_model, run_amp, worker_pool
from gts_engine.nam.pieces import Piece, render_segment
from gts_nam import NamFile, parse_nam, synthesize_convnet, synthesize_linear
from gts_nam.a2_config import wavenet_weight_count
from gts_nam.parse_a2_array import parse_layer_array, parse_post_head

# Split and one pass differ only in float32 rounding (block sizes and BLAS column order).
BOUND = 1e-6
FIXTURES = (
    ("a2_container", None),
    ("a2_container", 0.0),
    ("a2_wavenet_max", None),
    ("a2_condition_dsp", None),
)


def _array(
    inputs: int, cond: int, channels: int, head: int, layers: list[tuple[int, int]], head_k: int
) -> dict[str, Any]:
    n = len(layers)
    return {
        "input_size": inputs,
        "condition_size": cond,
        "channels": channels,
        "bottleneck": channels,
        "kernel_sizes": [k for k, _ in layers],
        "dilations": [d for _, d in layers],
        "activation": [{"type": "LeakyReLU", "negative_slope": 0.5}] * n,
        "gating_mode": ["none"] * n,
        "layer1x1": {"active": True, "groups": 1},
        "head": {"out_channels": head, "kernel_size": head_k, "bias": True, "head_dilation": 3},
    }


def _wavenet(config: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    arrays = tuple(parse_layer_array(a, f"layers[{i}].") for i, a in enumerate(config["layers"]))
    count = wavenet_weight_count(arrays, parse_post_head(config["head"], arrays[-1].head_size, ""))
    weights = rng.uniform(-1.0, 1.0, count).astype(np.float32)
    weights[-1] = 1.0  # head scale
    return {
        "version": "0.7.0",
        "architecture": "WaveNet",
        "config": config,
        "weights": weights.tolist(),
        "sample_rate": 48_000,
    }


def _every_span() -> NamFile:
    """Two arrays with per-layer kernels and dilations, heads with kernels and a
    head_dilation, a post-stack head, and a condition model of its own."""
    rng = np.random.default_rng(3)
    cond = _wavenet(
        {"layers": [_array(1, 1, 2, 2, [(3, 2)], 2)], "head": None, "head_scale": 1.0}, rng
    )
    config = {
        "layers": [
            _array(1, 2, 3, 2, [(4, 1), (3, 3)], 3),
            _array(3, 2, 2, 1, [(2, 5)], 2),
        ],
        "head": {"channels": 2, "out_channels": 1, "kernel_sizes": [2], "activation": "Tanh"},
        "head_scale": 1.0,
        "condition_dsp": cond,
    }
    return parse_nam(json.dumps(_wavenet(config, rng)).encode())


def _fixture(shared_fixtures: Path, name: str, slim: float | None) -> NamFile:
    nam = parse_nam((shared_fixtures / "nam" / f"{name}.nam").read_bytes())
    return nam if slim is None else nam.with_slim(slim)


def _split(nam: NamFile, u: np.ndarray, cuts: list[int], warmup: int) -> np.ndarray:
    """Pieces cut at `cuts`, each after `warmup` samples (fewer at the start), odd blocks."""
    bounds = [0, *cuts, u.shape[0]]
    pieces = [Piece(a, b, min(a, warmup)) for a, b in itertools.pairwise(bounds)]
    return np.concatenate(
        [render_segment(nam, 997, u[p.start - p.warmup : p.stop], p.warmup) for p in pieces]
    )


def _input(nam: NamFile, seed: int) -> tuple[np.ndarray, list[int]]:
    rf = nam.receptive_field
    n = 3 * rf + 2_345
    rng = np.random.default_rng(seed)
    u = (0.5 * rng.standard_normal(n)).astype(np.float32)
    # awkward places: 1 and receptive_field - 1 in, mid-block, the last sample alone
    cuts = sorted({1, rf - 1, rf + 996, 2 * rf + 17, n - 1, *rng.integers(2, n - 1, 3).tolist()})
    return u, [c for c in cuts if 0 < c < n]


def _error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b))) / max(1.0, float(np.max(np.abs(b))))


@pytest.mark.parametrize(("name", "slim"), FIXTURES)
def test_a2_fixture_pieces_equal_one_pass(
    shared_fixtures: Path, name: str, slim: float | None
) -> None:
    nam = _fixture(shared_fixtures, name, slim)
    u, cuts = _input(nam, seed=len(name))
    one_pass = load_model(nam).process(u)
    split = _split(nam, u, cuts, nam.receptive_field - 1)
    assert split.shape == one_pass.shape
    assert _error(split, one_pass) <= BOUND


def test_condition_dsp_fixture_field_is_not_over_estimated(shared_fixtures: Path) -> None:
    nam = _fixture(shared_fixtures, "a2_condition_dsp", None)
    u, cuts = _input(nam, seed=4)
    one_pass = load_model(nam).process(u)
    assert _error(_split(nam, u, cuts, nam.receptive_field - 2), one_pass) > 10 * BOUND


def test_every_span_model_splits_exactly_at_its_receptive_field() -> None:
    nam = _every_span()
    # past samples: the condition 2 * 2 + its head 3 = 7, added by the first mixin
    # (max(3, 7)); array 1: + 6 = 13, its head + 2 * 3 = 19; array 2: 13 + 5 = 18, its head
    # max(19, 18) + 3 = 22 (the deepest path runs through array 1's head); post head + 1
    assert nam.receptive_field == 23 + 1
    u, cuts = _input(nam, seed=5)
    one_pass = load_model(nam).process(u)
    assert _error(_split(nam, u, cuts, nam.receptive_field - 1), one_pass) <= BOUND
    assert _error(_split(nam, u, cuts, nam.receptive_field - 2), one_pass) > 10 * BOUND


@pytest.mark.parametrize("kind", ["every_span", "a2_condition_dsp"])
def test_an_input_sample_reaches_exactly_receptive_field_outputs(
    shared_fixtures: Path, kind: str
) -> None:
    nam = _every_span() if kind == "every_span" else _fixture(shared_fixtures, kind, None)
    rf = nam.receptive_field
    u = (0.5 * np.random.default_rng(6).standard_normal(4 * rf)).astype(np.float32)
    at = rf
    bumped = u.copy()
    bumped[at] += 1.0
    model = load_model(nam)
    # outside the window the arithmetic is the same, so the outputs are equal bit for bit
    moved = model.process(bumped) != model.process(u)
    assert not moved[:at].any()
    assert moved[at]
    assert moved[at + rf - 1]
    assert not moved[at + rf :].any()


@pytest.mark.parametrize("kind", ["convnet", "linear"])
def test_other_windowed_models_split_too(kind: str) -> None:
    raw = synthesize_convnet(seed=2) if kind == "convnet" else synthesize_linear(300, seed=2)
    nam = parse_nam(raw)
    u, cuts = _input(nam, seed=7)
    one_pass = load_model(nam).process(u)
    assert _error(_split(nam, u, cuts, nam.receptive_field - 1), one_pass) <= BOUND


def test_a2_runs_split_across_a_worker_pool(shared_fixtures: Path) -> None:
    """The render service's path: a long-lived pool, pieces of an A2 on each worker."""
    u = (0.3 * np.random.default_rng(8).standard_normal(150_000)).astype(np.float32)
    with worker_pool(2) as pool:
        for name, slim in (("a2_container", None), ("a2_wavenet_max", None)):
            nam = _fixture(shared_fixtures, name, slim)
            split = run_amp(nam, u, nam.sample_rate, workers=2, pool=pool)
            assert _error(split, load_model(nam).process(u)) <= BOUND
