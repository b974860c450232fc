"""synthesize_a2_container: a valid A2 .nam (a SlimmableContainer of two WaveNets) with seeded
weights, for benches and tests; the project ships no model file it did not synthesize.

The layout follows NAM's A2 example's shape (one layer array of 23 layers, kernel 6 with two
15s, dilations cycling 1..239, LeakyReLU, a kernel-16 head), at 3 channels (the lite
submodel, slim values up to 0.5) and 8 channels (the full one).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gts_nam.a2_config import wavenet_weight_count
from gts_nam.parse_a2_array import parse_layer_array, parse_post_head
from gts_nam.synthesize import _metadata_json, nam_document

A2_VERSION = "0.7.0"
_CYCLE = (1, 3, 7, 17, 41, 101, 239)
_DILATIONS = (*_CYCLE, *_CYCLE, 1, 13, *_CYCLE)
_KERNELS = tuple(15 if i in (14, 15) else 6 for i in range(len(_DILATIONS)))
_WEIGHT_SCALE = 0.05  # small enough that 23 residual layers stay far from overflow


def _wavenet_config(channels: int) -> dict[str, Any]:
    n = len(_DILATIONS)
    layer = {
        "input_size": 1,
        "condition_size": 1,
        "head": {"out_channels": 1, "kernel_size": 16, "bias": True},
        "channels": channels,
        "bottleneck": channels,
        "kernel_sizes": list(_KERNELS),
        "dilations": list(_DILATIONS),
        "activation": [{"type": "LeakyReLU", "negative_slope": 0.01}] * n,
        "gating_mode": ["none"] * n,
        "head1x1": {"active": False, "out_channels": 1, "groups": 1},
        "layer1x1": {"active": True, "groups": 1},
    }
    return {"layers": [layer], "head": None, "head_scale": 0.01}


def _weight_count(config: dict[str, Any]) -> int:
    arrays = tuple(parse_layer_array(a, f"layers[{i}].") for i, a in enumerate(config["layers"]))
    head = parse_post_head(config.get("head"), arrays[-1].head_size, "head.")
    return wavenet_weight_count(arrays, head)


def synthesize_a2_container(seed: int = 0, **metadata: Any) -> bytes:
    """A valid A2 SlimmableContainer: a 3-channel submodel up to slim 0.5, 8 channels to 1."""
    rng = np.random.default_rng(seed)
    submodels = []
    for max_value, channels in ((0.5, 3), (1.0, 8)):
        config = _wavenet_config(channels)
        count = _weight_count(config)
        weights = (rng.standard_normal(count) * _WEIGHT_SCALE).astype(np.float32)
        model = {
            "version": A2_VERSION,
            "architecture": "WaveNet",
            "config": config,
            "weights": weights.tolist(),
            "sample_rate": 48_000,
        }
        submodels.append({"max_value": max_value, "model": model})
    return nam_document(
        A2_VERSION,
        _metadata_json("a2", seed, metadata),
        "SlimmableContainer",
        {"submodels": submodels},
        [],
    )
