"""Linear and ConvNet run as NAM Core runs them.

No shared reference renders exist for these architectures, so each is checked against
hand-computed outputs of tiny models and against a direct per-sample float64 loop written
here from the documented semantics (its own reading of the weight list, zero input before
the first sample), never against the engine's own code.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from gts_engine.nam import load_model, run_amp
from gts_nam import parse_nam, synthesize_convnet, synthesize_linear

from .conftest import SignalMaker
from .rounding import assert_equal_up_to_rounding

# float32 arithmetic against an exact float64 loop: rounding only, relative to max(1, peak)
FLOAT32_BOUND = 2e-5


def _nam(architecture: str, config: dict[str, Any], weights: list[float]) -> Any:
    doc = {"version": "0.5.4", "architecture": architecture, "config": config, "weights": weights}
    return parse_nam(json.dumps(doc).encode())


def _close(actual: np.ndarray, expected: np.ndarray) -> None:
    scale = max(1.0, float(np.max(np.abs(expected))))
    error = float(np.max(np.abs(actual.astype(np.float64) - expected)))
    assert error <= FLOAT32_BOUND * scale, f"max abs difference {error:.3g}"


def _impulse(n: int) -> np.ndarray:
    x = np.zeros(n, np.float32)
    x[0] = 1.0
    return x


# --- Linear ---------------------------------------------------------------------------


def test_a_linear_of_three_taps_answers_an_impulse_with_its_taps_plus_bias() -> None:
    nam = _nam("Linear", {"receptive_field": 3, "bias": True}, [0.5, -0.25, 0.125, 0.0625])
    y = load_model(nam).process(_impulse(6))
    np.testing.assert_array_equal(y, np.float32([0.5, -0.25, 0.125, 0, 0, 0]) + np.float32(0.0625))


def test_a_linear_sees_zero_before_the_first_sample() -> None:
    nam = _nam("Linear", {"receptive_field": 2, "bias": False}, [1.0, 1.0])
    y = load_model(nam).process(np.float32([3.0, 5.0, 7.0]))
    np.testing.assert_array_equal(y, np.float32([3.0, 8.0, 12.0]))


def _linear_reference(weights: list[float], rf: int, bias: bool, x: np.ndarray) -> np.ndarray:
    """y[n] = bias + sum_k w[k] x[n - k], one sample at a time in float64."""
    taps = np.asarray(weights[:rf], np.float64)
    b = weights[rf] if bias else 0.0
    wide = x.astype(np.float64)
    out = np.empty(len(x))
    for n in range(len(x)):
        k = min(rf, n + 1)
        out[n] = b + float(np.dot(taps[:k], wide[n::-1][:k]))
    return out


@pytest.mark.parametrize(
    ("rf", "bias", "block"),
    [(1, True, None), (48, False, 500), (300, True, 1_000), (5_000, True, 1_777)],
    ids=["1-tap", "direct-48", "fft-300", "fft-5000-history-across-blocks"],
)
def test_linear_matches_a_per_sample_float64_loop(
    guitar: SignalMaker, rf: int, bias: bool, block: int | None
) -> None:
    data = synthesize_linear(rf, bias=bias, seed=rf)
    weights = json.loads(data)["weights"]
    x = guitar(0.15, 48_000)
    y = load_model(parse_nam(data), block=block).process(x)
    _close(y, _linear_reference(weights, rf, bias, x))


# --- ConvNet --------------------------------------------------------------------------


def test_a_one_channel_convnet_computed_by_hand() -> None:
    # conv (1, 1, 2): the sample 2 ago x 0.5, the current x 0.25; bias 0.1; Hardtanh;
    # head 2.0, bias -0.2
    nam = _nam(
        "ConvNet",
        {"channels": 1, "dilations": [2], "batchnorm": False, "activation": "Hardtanh"},
        [0.5, 0.25, 0.1, 2.0, -0.2],
    )
    y = load_model(nam).process(np.float32([1.0, 0.0, 0.0, 0.0, 4.0]))
    # t0: clip(0.25 + 0.1) = 0.35; t1: 0.1; t2: clip(0.5 + 0.1) = 0.6; t3: 0.1; t4: clip(1.1) = 1
    np.testing.assert_allclose(y, [0.5, 0.0, 1.0, 0.0, 1.8], atol=1e-7)


def test_a_convnet_batch_norm_scales_then_offsets_before_the_activation() -> None:
    # conv without bias: x 2.0 (current); batch norm mean 1, var 3, weight 4, bias 0.5,
    # eps 1: (z - 1) / 2 * 4 + 0.5; ReLU; head 1, bias 0
    nam = _nam(
        "ConvNet",
        {"channels": 1, "dilations": [1], "batchnorm": True, "activation": "ReLU"},
        [0.0, 2.0, 1.0, 3.0, 4.0, 0.5, 1.0, 1.0, 0.0],
    )
    y = load_model(nam).process(np.float32([1.0, 0.25, -1.0]))
    # z = 2, 0.5, -2 -> 2.5, -0.5, -5.5 -> ReLU
    np.testing.assert_allclose(y, [2.5, 0.0, 0.0], atol=1e-7)


def _act(name: str, z: np.ndarray) -> np.ndarray:
    if name == "Tanh":
        return np.tanh(z)
    if name == "LeakyReLU":
        return np.where(z > 0, z, 0.2 * z)
    raise AssertionError(name)


def _convnet_reference(doc: dict[str, Any], x: np.ndarray) -> np.ndarray:
    """The trainer's reading: pad the input with receptive_field - 1 zeros, run each
    kernel-2 dilated conv without padding, one output sample at a time in float64."""
    cfg, w = doc["config"], iter(doc["weights"])
    c, dilations, bn = cfg["channels"], cfg["dilations"], cfg["batchnorm"]
    act = cfg["activation"] if isinstance(cfg["activation"], str) else cfg["activation"]["type"]

    def take(*shape: int) -> np.ndarray:
        count = int(np.prod(shape))
        return np.array([next(w) for _ in range(count)], np.float64).reshape(shape)

    signal = np.concatenate([np.zeros(sum(dilations)), x.astype(np.float64)])[None, :]
    for i, d in enumerate(dilations):
        conv = take(c, 1 if i == 0 else signal.shape[0], 2)
        if bn:
            mean, var, weight, beta = take(c), take(c), take(c), take(c)
            eps = take(1)[0]
        else:
            bias = take(c)
        out = np.empty((c, signal.shape[1] - d))
        for t in range(out.shape[1]):
            z = conv[:, :, 0] @ signal[:, t] + conv[:, :, 1] @ signal[:, t + d]
            z = (z - mean) / np.sqrt(var + eps) * weight + beta if bn else z + bias
            out[:, t] = _act(act, z)
        signal = out
    head_w, head_b = take(c), take(1)[0]
    return np.asarray(head_w @ signal + head_b)


@pytest.mark.parametrize(
    ("channels", "dilations", "batchnorm", "activation", "block"),
    [
        (4, (1, 2, 4, 8, 16, 32, 64), True, "Tanh", None),
        (3, (3, 1, 7), False, {"type": "LeakyReLU", "negative_slope": 0.2}, 250),
        (8, (1, 2, 4, 8, 16, 32, 64, 128, 256, 512), True, "Tanh", 999),
    ],
    ids=["bn-tanh", "bias-leaky-small-blocks", "bn-8ch-rf1024"],
)
def test_convnet_matches_a_per_sample_float64_loop(
    guitar: SignalMaker,
    channels: int,
    dilations: tuple[int, ...],
    batchnorm: bool,
    activation: Any,
    block: int | None,
) -> None:
    data = synthesize_convnet(
        channels, dilations, batchnorm=batchnorm, activation=activation, seed=channels
    )
    x = guitar(0.05, 48_000)
    y = load_model(parse_nam(data), block=block).process(x)
    _close(y, _convnet_reference(json.loads(data), x))


def test_block_length_changes_nothing_but_rounding(guitar: SignalMaker) -> None:
    x = guitar(0.5, 48_000)
    for data in (synthesize_convnet(seed=5), synthesize_linear(2_000, seed=5)):
        nam = parse_nam(data)
        whole = load_model(nam).process(x)
        assert_equal_up_to_rounding(load_model(nam, block=613).process(x), whole)


def test_run_amp_renders_both_at_another_rate(guitar: SignalMaker) -> None:
    x = guitar(0.5, 44_100)
    for data in (synthesize_convnet(seed=6), synthesize_linear(64, seed=6)):
        y = run_amp(parse_nam(data), x, 44_100, workers=2)
        assert y.shape == x.shape
        assert y.dtype == np.float32
        assert np.all(np.isfinite(y))
        assert float(np.std(y)) > 1e-4
