"""A slimmed WaveNet's weights: the leading rows and columns of each full tensor, in order."""

from __future__ import annotations

from typing import Any

import numpy as np

from gts_nam import parse_nam
from gts_nam.a2_config import A2Config
from gts_nam.slimmable_wavenet import SlimmableWaveNet
from gts_nam.synthesize_slimmable import a2_wavenet_document, wavenet_weight_count_of

_FILM = {"active": True, "shift": True, "groups": 1}


def _tiny_config() -> dict[str, Any]:
    first = {
        "input_size": 1,
        "condition_size": 1,
        "channels": 4,
        "bottleneck": 2,
        "kernel_size": 2,
        "dilations": [1],
        "activation": "Tanh",
        "gating_mode": "gated",
        "layer1x1": {"active": True, "groups": 1},
        "head1x1": {"active": True, "out_channels": 2, "groups": 1},
        "conv_pre_film": _FILM,
        "head": {"out_channels": 3, "kernel_size": 1, "bias": True},
        "slimmable": {"method": "slice_channels_uniform", "kwargs": {"allowed_channels": [2, 4]}},
    }
    second = {
        "input_size": 4,
        "condition_size": 1,
        "channels": 3,
        "kernel_size": 2,
        "dilations": [1],
        "activation": "Tanh",
        "activation_post_film": {"active": True, "shift": False, "groups": 1},
        "head": {"out_channels": 1, "kernel_size": 1, "bias": False},
        "slimmable": {"method": "slice_channels_uniform", "kwargs": {"allowed_channels": [2, 3]}},
    }
    return {"layers": [first, second], "head": None, "head_scale": 0.5}


# Every tensor of the tiny model in file order: (rows, columns, taps, bias) in full, then the
# rows and columns kept at channels (2, 2): array 0 at bottleneck 1 (2 * 2 // 4), array 1
# at bottleneck 2.
_TENSORS = [
    # array 0
    ((4, 1, 1, False), (2, 1)),  # rechannel
    ((4, 4, 2, True), (2, 2)),  # gated conv: 2 x bottleneck rows
    ((4, 1, 1, False), (2, 1)),  # input mixin
    ((4, 2, 1, True), (2, 1)),  # layer1x1
    ((2, 2, 1, True), (2, 1)),  # head1x1: its 2 outputs stay
    ((8, 1, 1, True), (4, 1)),  # conv_pre_film: scale and shift rows, the leading 2 x 2
    ((3, 2, 1, True), (2, 2)),  # head rechannel: to array 1's 2 channels
    # array 1
    ((3, 4, 1, False), (2, 2)),  # rechannel
    ((3, 3, 2, True), (2, 2)),  # conv
    ((3, 1, 1, False), (2, 1)),  # input mixin
    ((3, 3, 1, True), (2, 2)),  # layer1x1
    ((3, 1, 1, True), (2, 1)),  # activation_post_film (scale only)
    ((1, 3, 1, False), (1, 2)),  # head rechannel
]


def _hand_sliced(full: np.ndarray) -> np.ndarray:
    kept = []
    at = 0
    for (rows, cols, taps, bias), (keep_rows, keep_cols) in _TENSORS:
        n = rows * cols * taps
        kept.append(full[at : at + n].reshape(rows, cols, taps)[:keep_rows, :keep_cols].ravel())
        at += n
        if bias:
            kept.append(full[at : at + keep_rows])
            at += rows
    kept.append(full[at : at + 1])  # head scale
    assert at + 1 == full.size
    return np.concatenate(kept)


def test_reduced_weights_are_the_leading_rows_and_columns_of_each_tensor() -> None:
    config = _tiny_config()
    count = wavenet_weight_count_of(config)
    # each weight is its own index: the slimmed vector says which full weights it kept
    full = np.arange(count, dtype=np.float32)
    nam = parse_nam(a2_wavenet_document(config, full))
    assert isinstance(nam.config, A2Config)
    model = nam.config.model
    assert isinstance(model, SlimmableWaveNet)
    reduced = model.select(0.0)
    assert [(a.channels, a.bottleneck) for a in reduced.arrays] == [(2, 1), (2, 2)]
    np.testing.assert_array_equal(reduced.weights, _hand_sliced(full))


def test_an_array_at_full_channels_keeps_its_rows_while_its_input_slims() -> None:
    config = _tiny_config()
    del config["layers"][0]["slimmable"]
    count = wavenet_weight_count_of(config)
    full = np.arange(count, dtype=np.float32)
    nam = parse_nam(a2_wavenet_document(config, full))
    reduced = nam.with_slim(0.0).config
    assert isinstance(reduced, A2Config)
    arrays = reduced.selected.arrays
    assert [(a.input_size, a.channels, a.head_size) for a in arrays] == [(1, 4, 2), (4, 2, 1)]
    # array 0 keeps everything but its head rechannel's last output row
    head_at = sum(r * c * t + (r if b else 0) for (r, c, t, b), _ in _TENSORS[:6])
    np.testing.assert_array_equal(reduced.selected.weights[:head_at], full[:head_at])
    np.testing.assert_array_equal(
        reduced.selected.weights[head_at : head_at + 4], full[head_at : head_at + 4]
    )
    assert reduced.selected.weights[head_at + 4 : head_at + 6].tolist() == [
        full[head_at + 6],
        full[head_at + 7],
    ]
