"""synthesize_slimmable_wavenet: a valid slimmable A2 WaveNet .nam with seeded weights, for
tests and benches (NAM Core's SlimmableWavenet reads the same file).

The default layout has two layer arrays that slim differently: the first (6 channels,
bottleneck 3, allowed 2/4/6) mixes gated, plain and blended layers (LeakyReLU, PReLU), a head1x1
and FiLMs at five points; the second (4 channels, allowed 1..4 by default) adds FiLMs after
the convolutions and before the activation. Slim values 0..1 pick six configurations.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from gts_nam.a2_config import wavenet_weight_count
from gts_nam.parse_a2_array import parse_layer_array, parse_post_head
from gts_nam.synthesize import _metadata_json, nam_document
from gts_nam.synthesize_a2 import A2_VERSION

_WEIGHT_SCALE = 0.6  # large enough that the FiLM scales leave an output of about 0.1 RMS
_FILM = {"active": True, "shift": True, "groups": 1}
_SCALE_FILM = {"active": True, "shift": False, "groups": 1}


def slimmable_wavenet_config() -> dict[str, Any]:
    """The default slimmable WaveNet's config (a fresh copy, free to edit)."""
    first = {
        "input_size": 1,
        "condition_size": 1,
        "channels": 6,
        "bottleneck": 3,
        "kernel_sizes": [3, 2, 3],
        "dilations": [1, 2, 4],
        "activation": [
            "Tanh",
            {"type": "PReLU", "negative_slope": 0.2},
            {"type": "LeakyReLU", "negative_slope": 0.05},
        ],
        "gating_mode": ["gated", "none", "blended"],
        "secondary_activation": ["Sigmoid", "Sigmoid", "Tanh"],
        "layer1x1": {"active": True, "groups": 1},
        "head1x1": {"active": True, "out_channels": 2, "groups": 1},
        "conv_pre_film": _FILM,
        "input_mixin_pre_film": _FILM,
        "activation_post_film": _SCALE_FILM,
        "layer1x1_post_film": _FILM,
        "head1x1_post_film": _FILM,
        "head": {"out_channels": 4, "kernel_size": 1, "bias": True},
        "slimmable": {
            "method": "slice_channels_uniform",
            "kwargs": {"allowed_channels": [2, 4, 6]},
        },
    }
    second = {
        "input_size": 6,
        "condition_size": 1,
        "channels": 4,
        "kernel_size": 2,
        "dilations": [1, 3],
        "activation": "Tanh",
        "gating_mode": "none",
        "conv_post_film": _FILM,
        "input_mixin_post_film": _SCALE_FILM,
        "activation_pre_film": _FILM,
        "head": {"out_channels": 1, "kernel_size": 1, "bias": False},
        "slimmable": {"method": "slice_channels_uniform"},
    }
    return {"layers": [first, second], "head": None, "head_scale": 0.5}


def wavenet_weight_count_of(config: dict[str, Any]) -> int:
    """The floats an A2 WaveNet config (without a condition model) needs."""
    arrays = tuple(parse_layer_array(a, f"layers[{i}].") for i, a in enumerate(config["layers"]))
    head = parse_post_head(config.get("head"), arrays[-1].head_size, "head.")
    return wavenet_weight_count(arrays, head)


def a2_wavenet_document(
    config: dict[str, Any],
    weights: npt.ArrayLike,
    *,
    architecture: str = "WaveNet",
    metadata: dict[str, Any] | None = None,
) -> bytes:
    """A .nam file of a WaveNet config and its weights (float32 values, at 48 kHz)."""
    values = np.asarray(weights, dtype=np.float32)
    return nam_document(A2_VERSION, metadata or {}, architecture, config, values.tolist())


def synthesize_slimmable_wavenet(
    seed: int = 0,
    *,
    config: dict[str, Any] | None = None,
    architecture: str = "WaveNet",
    **metadata: Any,
) -> bytes:
    """A valid slimmable A2 WaveNet (`config`, else the default) with seeded weights.

    `architecture` "SlimmableWaveNet" writes NAM Core's other form: that name, with the
    WaveNet's config wrapped in {"model": ...}.
    """
    config = config if config is not None else slimmable_wavenet_config()
    rng = np.random.default_rng(seed)
    count = wavenet_weight_count_of(config)
    weights = (rng.standard_normal(count) * _WEIGHT_SCALE).astype(np.float32)
    stored = {"model": config} if architecture == "SlimmableWaveNet" else config
    return a2_wavenet_document(
        stored,
        weights,
        architecture=architecture,
        metadata=_metadata_json("slimmable-wavenet", seed, metadata),
    )
