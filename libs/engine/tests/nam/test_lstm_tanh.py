"""The LSTM kernel's libm-free tanh and sigmoid against float64, over the whole range."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from gts_engine.nam.lstm_compile import sigmoid_of_twice32, tanh32

# float32 evaluation of the rational fit: 3.0e-7 measured (about 5 float32 ulps near +-1)
TANH_BOUND = 3.5e-7


@numba.njit(error_model="numpy")
def _tanh_all(x: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled by numba
    y = np.empty_like(x)
    for i in range(x.size):
        y[i] = tanh32(x[i])
    return y


@numba.njit(error_model="numpy")
def _sigmoid_all(x: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled by numba
    y = np.empty_like(x)
    for i in range(x.size):
        y[i] = sigmoid_of_twice32(x[i] * np.float32(0.5))
    return y


def _grid() -> np.ndarray:
    dense = np.linspace(-20.0, 20.0, 4_000_001)
    near_zero = np.geomspace(1e-30, 1.0, 10_001)
    return np.concatenate([dense, near_zero, -near_zero]).astype(np.float32)


def test_tanh_is_within_bound_of_float64_everywhere() -> None:
    x = _grid()
    error = np.abs(_tanh_all(x).astype(np.float64) - np.tanh(x.astype(np.float64)))
    assert error.max() <= TANH_BOUND, f"max error {error.max():.3g} at x={x[error.argmax()]}"


def test_tanh_keeps_small_values_relative() -> None:
    x = np.geomspace(1e-30, 1e-3, 1_001).astype(np.float32)
    y = _tanh_all(x).astype(np.float64)
    np.testing.assert_allclose(y, np.tanh(x.astype(np.float64)), rtol=3e-7, atol=0)


def test_sigmoid_is_within_bound_of_float64_everywhere() -> None:
    x = _grid()
    exact = 0.5 + 0.5 * np.tanh(0.5 * x.astype(np.float64))
    error = np.abs(_sigmoid_all(x).astype(np.float64) - exact)
    assert error.max() <= TANH_BOUND, f"max error {error.max():.3g} at x={x[error.argmax()]}"


@pytest.mark.parametrize(
    ("x", "tanh", "sigmoid"),
    [(np.inf, 1.0, 1.0), (-np.inf, -1.0, 0.0), (3e38, 1.0, 1.0), (-3e38, -1.0, 0.0)],
)
def test_huge_and_infinite_inputs_saturate(x: float, tanh: float, sigmoid: float) -> None:
    values = np.array([x], np.float32)
    assert _tanh_all(values)[0] == np.float32(tanh)
    assert _sigmoid_all(values)[0] == np.float32(sigmoid)


def test_nan_stays_nan() -> None:
    values = np.array([np.nan], np.float32)
    assert np.isnan(_tanh_all(values)[0])
    assert np.isnan(_sigmoid_all(values)[0])
