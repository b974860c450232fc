"""The bound within which block sizes and worker splits agree with one pass."""

from __future__ import annotations

import numpy as np

# Block size and worker split change only where a BLAS kernel rounds (a column's sum may
# depend on its place in the matrix): outputs agree to this much per sample, relative to
# the larger of 1 and the peak. Float32 rounding gives about 1e-7; a wrong warm-up or a
# lost history gives 1e-3 and more.
SPLIT_BOUND = 4e-6


def assert_equal_up_to_rounding(actual: np.ndarray, expected: np.ndarray) -> None:
    """Same shape and dtype, and every sample within SPLIT_BOUND x max(1, peak)."""
    assert actual.shape == expected.shape
    assert actual.dtype == expected.dtype
    scale = max(1.0, float(np.max(np.abs(expected), initial=0.0)))
    error = float(np.max(np.abs(actual - expected), initial=0.0))
    assert error <= SPLIT_BOUND * scale, f"max abs difference {error:.3g} (scale {scale:.3g})"
