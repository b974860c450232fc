"""The compiled LSTM agrees with a direct float64 implementation, stacked layers included."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.special import expit

from gts_engine.nam import load_model
from gts_nam import LstmConfig, NamFile, parse_nam, synthesize_nam
from gts_nam.layout import unpack_lstm


def _direct(nam: NamFile, x: np.ndarray) -> np.ndarray:
    """torch.nn.LSTM's equations in float64 from the stored initial states, then the head."""
    assert isinstance(nam.config, LstmConfig)
    w = unpack_lstm(nam.config, nam.weights)
    hid = nam.config.hidden_size
    h = [layer.h0.astype(np.float64) for layer in w.layers]
    c = [layer.c0.astype(np.float64) for layer in w.layers]
    y = np.empty(x.size)
    for t, sample in enumerate(x.astype(np.float64)):
        below = np.array([sample])
        for i, layer in enumerate(w.layers):
            gates = layer.w @ np.concatenate([below, h[i]]) + layer.b
            ig, fg = expit(gates[:hid]), expit(gates[hid : 2 * hid])
            gg, og = np.tanh(gates[2 * hid : 3 * hid]), expit(gates[3 * hid :])
            c[i] = fg * c[i] + ig * gg
            h[i] = og * np.tanh(c[i])
            below = h[i]
        y[t] = w.head_w @ h[-1] + w.head_b
    return y.astype(np.float32)


def _stacked(layers: int, hidden: int) -> NamFile:
    doc = json.loads(synthesize_nam("lstm", seed=6))
    config = LstmConfig(input_size=1, hidden_size=hidden, num_layers=layers)
    doc["config"] = {"input_size": 1, "hidden_size": hidden, "num_layers": layers}
    rng = np.random.default_rng(layers)
    doc["weights"] = [float(v) for v in rng.uniform(-0.4, 0.4, config.weight_count)]
    return parse_nam(json.dumps(doc).encode())


@pytest.mark.parametrize(("layers", "hidden"), [(1, 16), (2, 16), (2, 8), (1, 5), (3, 5), (1, 1)])
def test_compiled_lstm_equals_direct_equations(layers: int, hidden: int) -> None:
    nam = _stacked(layers, hidden)
    x = (0.5 * np.random.default_rng(3).standard_normal(4_000)).astype(np.float32)
    np.testing.assert_allclose(load_model(nam).process(x), _direct(nam, x), atol=1e-5, rtol=0)


def test_synthesized_lstm_equals_direct_equations() -> None:
    nam = parse_nam(synthesize_nam("lstm", seed=1))
    x = (0.3 * np.random.default_rng(4).standard_normal(3_000)).astype(np.float32)
    np.testing.assert_allclose(load_model(nam).process(x), _direct(nam, x), atol=1e-5, rtol=0)


def test_each_process_call_starts_from_the_stored_states() -> None:
    nam = parse_nam(synthesize_nam("lstm", seed=1))
    model = load_model(nam)
    x = (0.3 * np.random.default_rng(5).standard_normal(1_000)).astype(np.float32)
    assert np.array_equal(model.process(x), model.process(x))


def test_kernel_saturates_on_huge_inputs_and_keeps_nan() -> None:
    nam = _stacked(2, 5)
    x = np.array([1e30, -1e30, np.inf, -np.inf, 0.1], np.float32)
    y = load_model(nam).process(x)
    assert np.all(np.isfinite(y))
    np.testing.assert_allclose(y, _direct(nam, np.clip(x, -1e4, 1e4)), atol=1e-5, rtol=0)
    assert np.all(np.isnan(load_model(nam).process(np.array([0.1, np.nan, 0.1], np.float32))[1:]))


def test_each_shape_gets_its_own_cached_kernel() -> None:
    from gts_engine.nam.lstm_kernel import lstm_kernel

    assert lstm_kernel(5, 2) is lstm_kernel(5, 2)
    assert lstm_kernel(5, 2) is not lstm_kernel(5, 3)
