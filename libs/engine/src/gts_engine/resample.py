"""Sample-rate conversion for the amp stage (soxr, very high quality)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import soxr

from gts_engine.arrays import Floats


def resample(x: npt.ArrayLike, from_rate: int, to_rate: int) -> Floats:
    """Mono float32 `x` at `from_rate` Hz resampled to `to_rate` Hz (same array if equal)."""
    u = np.ascontiguousarray(x, dtype=np.float32)
    if from_rate == to_rate:
        return u
    out = soxr.resample(u, from_rate, to_rate, quality="VHQ")
    return np.ascontiguousarray(out, dtype=np.float32)


def fit_length(x: Floats, n: int) -> Floats:
    """`x` cut or zero-padded to exactly n samples (resampling round trips drift by one)."""
    if x.shape[0] == n:
        return x
    if x.shape[0] > n:
        return np.ascontiguousarray(x[:n])
    return np.concatenate([x, np.zeros(n - x.shape[0], np.float32)])
