"""A2 activations in place on a (rows, samples) view, with the same arithmetic as
a2_activations.make_activation (so outputs are bit-identical to it)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gts_engine.arrays import Floats
from gts_engine.nam.a2_activations import make_activation
from gts_nam.a2_layers import Activation

# (values, scratch of the same shape) -> None: overwrites values with act(values)
InPlace = Callable[[Floats, Floats], None]

_F = np.float32


def _identity(z: Floats, tmp: Floats) -> None:
    return None


def _tanh(z: Floats, tmp: Floats) -> None:
    np.tanh(z, out=z)


def _hardtanh(z: Floats, tmp: Floats) -> None:
    np.clip(z, _F(-1.0), _F(1.0), out=z)


def _relu(z: Floats, tmp: Floats) -> None:
    np.maximum(z, _F(0.0), out=z)


def _leaky(slopes: Floats) -> InPlace:
    """max(z, slope * z): z above zero, slope * z below, for slopes in [0, 1]."""
    scalar = _F(slopes.reshape(-1)[0]) if slopes.size == 1 else None

    def apply(z: Floats, tmp: Floats) -> None:
        np.multiply(z, slopes if scalar is None else scalar, out=tmp)
        np.maximum(z, tmp, out=z)

    return apply


def _copying(spec: Activation) -> InPlace:
    f = make_activation(spec)

    def apply(z: Floats, tmp: Floats) -> None:
        np.copyto(z, f(z))

    return apply


def inplace_activation(spec: Activation, rows: int) -> InPlace:
    """The activation `spec` over `rows` channels, computed in place."""
    simple = {"Identity": _identity, "Tanh": _tanh, "Hardtanh": _hardtanh, "ReLU": _relu}
    if spec.name in simple:
        return simple[spec.name]
    if spec.name in ("LeakyReLU", "PReLU"):
        values = (spec.negative_slope,) if spec.name == "LeakyReLU" else spec.negative_slopes
        slopes = np.asarray(values, dtype=_F).reshape(-1, 1)
        if np.all((slopes >= 0) & (slopes <= 1)) and slopes.shape[0] in (1, rows):
            return _leaky(slopes)
    return _copying(spec)
