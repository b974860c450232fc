"""ITU-R BS.1770 loudness matching: every chain to one common loudness, true peak kept.

The measures live in `levels`: one pass per chain, read here at the gains that match.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyloudnorm

from gts_engine.arrays import Audio
from gts_engine.levels import (
    MIN_SECONDS,
    ChainLevels,
    LoudnessError,
    analyse,
    gain_free_loudness,
    loudness_range,
)
from gts_engine.true_peak import true_peak_dbtp

TRUE_PEAK_CEILING_DBTP = -1.0
# float32 rounding of a scaled render may move its peak by ~1e-6 dB: stay this far below
_CEILING_MARGIN_DB = 1e-4

__all__ = [
    "TRUE_PEAK_CEILING_DBTP",
    "LoudnessError",
    "LoudnessMatch",
    "apply_gain",
    "integrated_loudness",
    "loudness_range",
    "match_levels",
    "match_loudness",
    "true_peak_dbtp",
]


def integrated_loudness(audio: Audio, sample_rate: int) -> float:
    """BS.1770-4 integrated loudness of mono `audio` in LUFS (-inf when fully gated)."""
    if audio.shape[0] < MIN_SECONDS * sample_rate:
        raise LoudnessError(
            f"audio: {audio.shape[0] / sample_rate:.3f} s is shorter than the {MIN_SECONDS} s "
            "that one loudness block needs"
        )
    meter = pyloudnorm.Meter(sample_rate)
    return float(meter.integrated_loudness(audio.astype(np.float64)))


@dataclass(frozen=True, slots=True)
class LoudnessMatch:
    """The outcome of matching: the common target (LUFS), each chain's gain (dB) and results."""

    target_lufs: float
    requested_lufs: float
    gains_db: list[float]
    loudness_lufs: list[float]
    true_peaks_dbtp: list[float]


def match_levels(levels: Sequence[ChainLevels], target_lufs: float = -14.0) -> LoudnessMatch:
    """The gains that bring every chain to one integrated loudness with true peak <= -1 dBTP,
    no limiter.

    When a chain at `target_lufs` would peak above -1 dBTP, the common target drops for all
    chains by that chain's excess, so they stay equally loud.
    """
    measured = []
    for i, chain in enumerate(levels):
        lufs = gain_free_loudness(chain)
        if not math.isfinite(lufs):
            raise LoudnessError(f"chain {i + 1}: the output is silent, its loudness is undefined")
        measured.append(lufs)
    peaks = [20.0 * math.log10(c.true_peak) for c in levels]
    # the peak after gain g is peak + g, with g = target - lufs
    ceiling = TRUE_PEAK_CEILING_DBTP - _CEILING_MARGIN_DB
    headroom = min(ceiling - (p - m) for p, m in zip(peaks, measured, strict=True))
    target = min(target_lufs, headroom)
    gains = [target - m for m in measured]
    return LoudnessMatch(
        target,
        target_lufs,
        gains,
        [m + g for m, g in zip(measured, gains, strict=True)],
        [p + g for p, g in zip(peaks, gains, strict=True)],
    )


def apply_gain(audio: Audio, gain_db: float, *, in_place: bool = False) -> Audio:
    """`audio` scaled by `gain_db`, float32: a new array, or `audio` itself when `in_place`."""
    scale = np.float32(10.0 ** (gain_db / 20.0))
    return np.multiply(audio, scale, out=audio if in_place else None, dtype=np.float32)


def match_loudness(
    chains: Sequence[Audio], sample_rate: int, target_lufs: float = -14.0
) -> tuple[list[Audio], LoudnessMatch]:
    """Measure and match `chains` (see `match_levels`); returns the scaled chains too."""
    match = match_levels([analyse(c, sample_rate) for c in chains], target_lufs)
    return [apply_gain(c, g) for c, g in zip(chains, match.gains_db, strict=True)], match
