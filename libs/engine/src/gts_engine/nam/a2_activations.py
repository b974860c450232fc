"""The activations of NAM A2 models as float32 functions, exactly as NAM Core computes them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gts_engine.arrays import Floats
from gts_nam.a2_layers import Activation

Act = Callable[[Floats], Floats]

_F = np.float32


def make_activation(spec: Activation) -> Act:
    """The activation as a float32 function of a (channels, samples) array."""
    name = spec.name
    if name == "Identity":
        return lambda z: z
    if name == "Tanh":
        return np.tanh
    if name == "Fasttanh":
        return _fast_tanh
    if name == "Hardtanh":
        return lambda z: np.clip(z, _F(-1.0), _F(1.0))
    if name == "ReLU":
        return lambda z: np.maximum(z, _F(0.0))
    if name == "LeakyReLU":
        return _prelu(np.asarray([[spec.negative_slope]], dtype=_F))
    if name == "PReLU":
        return _prelu(np.asarray(spec.negative_slopes, dtype=_F)[:, None])
    if name == "Sigmoid":
        return _sigmoid
    if name == "SiLU":
        return lambda z: z * _sigmoid(z)
    if name == "Hardswish":
        return _hardswish
    if name == "Softsign":
        return _softsign
    if name == "LeakyHardtanh":
        return _leaky_hardtanh(spec)
    raise ValueError(f"activation: {name} is not implemented")


def _prelu(slopes: Floats) -> Act:
    """Leaky ReLU with a negative slope per channel (row); one slope serves every row."""

    if np.all((slopes >= 0) & (slopes <= 1)):
        # for a slope in [0, 1], max(z, slope * z) is z above zero and slope * z below

        def apply(z: Floats) -> Floats:
            out: Floats = np.maximum(z, slopes * z)
            return out

        return apply

    def apply_any(z: Floats) -> Floats:
        out: Floats = np.where(z > 0, z, slopes * z)
        return out

    return apply_any


def _softsign(z: Floats) -> Floats:
    out: Floats = (z / (_F(1.0) + np.abs(z))).astype(_F, copy=False)
    return out


def _sigmoid(z: Floats) -> Floats:
    with np.errstate(over="ignore"):
        out: Floats = _F(1.0) / (_F(1.0) + np.exp(-z))
    return out


def _fast_tanh(z: Floats) -> Floats:
    ax = np.abs(z)
    x2 = z * z
    num = z * (
        _F(2.45550750702956)
        + _F(2.45550750702956) * ax
        + (_F(0.893229853513558) + _F(0.821226666969744) * ax) * x2
    )
    den = _F(2.44506634652299) + (_F(2.44506634652299) + x2) * np.abs(
        z + _F(0.814642734961073) * z * ax
    )
    out: Floats = num / den
    return out


def _hardswish(z: Floats) -> Floats:
    wide = z.astype(np.float64)
    out = np.where(wide <= -3.0, 0.0, np.where(wide >= 3.0, wide, wide * (wide + 3.0) / 6.0))
    return out.astype(_F)


def _leaky_hardtanh(spec: Activation) -> Act:
    lo, hi = _F(spec.min_val), _F(spec.max_val)
    lo_slope, hi_slope = _F(spec.min_slope), _F(spec.max_slope)

    def apply(z: Floats) -> Floats:
        below = (z - lo) * lo_slope + lo
        above = (z - hi) * hi_slope + hi
        out: Floats = np.where(z < lo, below, np.where(z > hi, above, z))
        return out

    return apply
