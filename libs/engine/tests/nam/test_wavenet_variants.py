"""Gated layers and every activation agree with a direct, unblocked implementation."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from gts_engine.nam import load_model
from gts_nam import NamFile, parse_nam, synthesize_nam
from gts_nam.parse_config import parse_wavenet_config

from .direct_forward import ACTIVATIONS, direct_forward


def _variant(gated: bool, activation: str) -> NamFile:
    doc: dict[str, Any] = json.loads(synthesize_nam("nano", seed=3))
    for layer in doc["config"]["layers"]:
        layer["gated"] = gated
        layer["activation"] = activation
        layer["dilations"] = layer["dilations"][:3]
    count = parse_wavenet_config(doc["config"]).weight_count
    rng = np.random.default_rng(0)
    doc["weights"] = [float(v) for v in rng.standard_normal(count) * 0.5]
    return parse_nam(json.dumps(doc).encode())


@pytest.mark.parametrize("gated", [False, True])
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_blocked_engine_equals_direct_forward(gated: bool, activation: str) -> None:
    nam = _variant(gated, activation)
    x = (0.3 * np.random.default_rng(1).standard_normal(5_000)).astype(np.float32)
    y = load_model(nam, block=700).process(x)
    np.testing.assert_allclose(y, direct_forward(nam, x), atol=2e-5, rtol=0)


def test_standard_preset_equals_direct_forward() -> None:
    nam = parse_nam(synthesize_nam("standard", seed=4))
    x = (0.2 * np.random.default_rng(2).standard_normal(9_000)).astype(np.float32)
    y = load_model(nam).process(x)
    np.testing.assert_allclose(y, direct_forward(nam, x), atol=2e-5, rtol=0)


@pytest.mark.parametrize(
    ("kernel_size", "dilations"), [(1, [1, 1]), (2, [1, 3]), (4, [2, 5]), (3, [900, 1])]
)
def test_kernel_sizes_and_dilations_longer_than_a_block(
    kernel_size: int, dilations: list[int]
) -> None:
    doc: dict[str, Any] = json.loads(synthesize_nam("nano", seed=8))
    for layer in doc["config"]["layers"]:
        layer["kernel_size"] = kernel_size
        layer["dilations"] = dilations
    count = parse_wavenet_config(doc["config"]).weight_count
    doc["weights"] = [float(v) for v in np.random.default_rng(1).standard_normal(count) * 0.5]
    nam = parse_nam(json.dumps(doc).encode())
    x = (0.3 * np.random.default_rng(2).standard_normal(6_000)).astype(np.float32)
    y = load_model(nam, block=256).process(x)
    np.testing.assert_allclose(y, direct_forward(nam, x), atol=2e-5, rtol=0)
