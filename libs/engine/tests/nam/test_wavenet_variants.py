"""Gated layers and every activation agree with a direct, unblocked implementation."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from scipy.special import expit

from gts_engine.nam import load_model
from gts_nam import NamFile, WaveNetConfig, parse_nam, synthesize_nam
from gts_nam.layout import unpack_wavenet
from gts_nam.parse_config import parse_wavenet_config

_ACTS = {
    "Tanh": np.tanh,
    "Hardtanh": lambda z: np.clip(z, -1.0, 1.0),
    "ReLU": lambda z: np.maximum(z, 0.0),
    "Sigmoid": expit,
    "SiLU": lambda z: z * expit(z),
}


def _direct(nam: NamFile, x: np.ndarray) -> np.ndarray:
    """The official forward in float64 on the whole file: pad the input, convolve valid."""
    assert isinstance(nam.config, WaveNetConfig)
    w = unpack_wavenet(nam.config, nam.weights)
    n = x.size
    cond = np.concatenate([np.zeros(nam.receptive_field - 1), x.astype(np.float64)])
    src = cond[None, :]
    head: np.ndarray | None = None
    for cfg, arr in zip(nam.config.layers, w.arrays, strict=True):
        xs = arr.rechannel_w.astype(np.float64) @ src
        for d, lw in zip(cfg.dilations, arr.layers, strict=True):
            k = cfg.kernel_size
            length = xs.shape[1] - (k - 1) * d
            z = sum(
                lw.conv_w[:, :, tap].astype(np.float64) @ xs[:, tap * d : tap * d + length]
                for tap in range(k)
            )
            z = z + lw.conv_b[:, None] + lw.mixin_w.astype(np.float64) @ cond[None, -length:]
            act = _ACTS[cfg.activation]
            post = act(z[: cfg.channels]) * expit(z[cfg.channels :]) if cfg.gated else act(z)
            head = post if head is None else head[:, -length:] + post
            xs = xs[:, -length:] + lw.layer_w @ post + lw.layer_b[:, None]
        head = arr.head_w @ head + (0 if arr.head_b is None else arr.head_b[:, None])
        src = xs
    assert head is not None
    return (w.head_scale * head[0, -n:]).astype(np.float32)


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
@pytest.mark.parametrize("activation", sorted(_ACTS))
def test_blocked_engine_equals_direct_forward(gated: bool, activation: str) -> None:
    nam = _variant(gated, activation)
    x = (0.3 * np.random.default_rng(1).standard_normal(5_000)).astype(np.float32)
    y = load_model(nam, block=700).process(x)
    np.testing.assert_allclose(y, _direct(nam, x), atol=2e-5, rtol=0)


def test_standard_preset_equals_direct_forward() -> None:
    nam = parse_nam(synthesize_nam("standard", seed=4))
    x = (0.2 * np.random.default_rng(2).standard_normal(9_000)).astype(np.float32)
    np.testing.assert_allclose(load_model(nam).process(x), _direct(nam, x), atol=2e-5, rtol=0)


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
    np.testing.assert_allclose(y, _direct(nam, x), atol=2e-5, rtol=0)
