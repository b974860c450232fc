"""ITU-R BS.1770 loudness, true peak, and matching every chain to one common loudness."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy import signal

Audio = npt.NDArray[np.float32]
TRUE_PEAK_CEILING_DBTP = -1.0
MIN_SECONDS = 0.4  # one BS.1770 gating block
_OVERSAMPLE = 4
_TRUE_PEAK_FILTER = _OVERSAMPLE * signal.firwin(
    2 * 10 * _OVERSAMPLE + 1, 1.0 / _OVERSAMPLE, window=("kaiser", 5.0)
)
_TRUE_PEAK_PHASES = [
    np.ascontiguousarray(_TRUE_PEAK_FILTER[k::_OVERSAMPLE], dtype=np.float32)
    for k in range(_OVERSAMPLE)
]


class LoudnessError(ValueError):
    """A chain whose loudness cannot be measured (too short or silent)."""


def integrated_loudness(audio: Audio, sample_rate: int) -> float:
    """BS.1770-4 integrated loudness of mono `audio` in LUFS (-inf when fully gated)."""
    if audio.shape[0] < MIN_SECONDS * sample_rate:
        raise LoudnessError(
            f"audio: {audio.shape[0] / sample_rate:.3f} s is shorter than the {MIN_SECONDS} s "
            "that one loudness block needs"
        )
    meter = pyloudnorm.Meter(sample_rate)
    return float(meter.integrated_loudness(audio.astype(np.float64)))


def loudness_range(audio: Audio, sample_rate: int) -> float:
    """EBU Tech 3342 loudness range (LU) of mono `audio`; NaN when shorter than 3 s or silent.

    Short-term (3 s) K-weighted loudness every 100 ms, gated at -70 LUFS and 20 LU below
    their mean; the spread from the 10th to the 95th percentile. Unlike pyloudnorm's, no
    silence is appended, which would inflate the range of short clips.
    """
    meter = pyloudnorm.Meter(sample_rate)
    x = audio.astype(np.float64)
    for stage in meter._filters.values():
        x = stage.apply_filter(x)
    hop = round(0.1 * sample_rate)
    hops = x.shape[0] // hop
    if hops < 30:
        return math.nan
    hop_power = (x[: hops * hop] ** 2).reshape(hops, hop).mean(axis=1)
    window = np.convolve(hop_power, np.ones(30) / 30, mode="valid")
    with np.errstate(divide="ignore"):
        short_term = -0.691 + 10.0 * np.log10(window)
    above = short_term[short_term >= -70.0]
    if above.shape[0] == 0:
        return math.nan
    relative = -0.691 + 10.0 * math.log10(float(np.mean(10.0 ** ((above + 0.691) / 10.0)))) - 20.0
    gated = above[above >= relative]
    return float(np.percentile(gated, 95) - np.percentile(gated, 10))


def true_peak_dbtp(audio: Audio) -> float:
    """True peak in dBTP: the largest magnitude of a 4x oversampled copy (BS.1770 Annex 2).

    The interpolation filter is scipy's `resample_poly(x, 4, 1)` design, run as four float32
    polyphase FFT convolutions: the same peaks about 5x faster than `resample_poly`.
    """
    if audio.shape[0] == 0:
        return -math.inf
    x = np.ascontiguousarray(audio, dtype=np.float32)
    peak = float(np.max(np.abs(x)))
    for phase in _TRUE_PEAK_PHASES:
        peak = max(peak, float(np.max(np.abs(signal.oaconvolve(x, phase)))))
    return 20.0 * math.log10(peak) if peak > 0.0 else -math.inf


def _gain_free_loudness(audio: Audio, sample_rate: int) -> float:
    """Integrated loudness (LUFS) measured on a peak-normalized copy, then shifted back.

    BS.1770's -70 LUFS absolute gate would call a quiet but usable chain silent; loudness
    is otherwise proportional to gain, so measuring at full scale avoids that.
    """
    peak = float(np.max(np.abs(audio))) if audio.shape[0] else 0.0
    if peak == 0.0:
        return -math.inf
    scaled = (audio.astype(np.float64) / peak).astype(np.float32)
    return integrated_loudness(scaled, sample_rate) + 20.0 * math.log10(peak)


@dataclass(frozen=True, slots=True)
class LoudnessMatch:
    """The outcome of matching: the common target (LUFS), each chain's gain (dB) and results."""

    target_lufs: float
    requested_lufs: float
    gains_db: list[float]
    loudness_lufs: list[float]
    true_peaks_dbtp: list[float]


def match_loudness(
    chains: Sequence[Audio], sample_rate: int, target_lufs: float = -14.0
) -> tuple[list[Audio], LoudnessMatch]:
    """Scale every chain to one integrated loudness with true peak <= -1 dBTP, no limiter.

    When a chain at `target_lufs` would peak above -1 dBTP, the common target drops for all
    chains by that chain's excess, so they stay equally loud. Returns the scaled chains and
    the figures.
    """
    measured = []
    for i, audio in enumerate(chains):
        lufs = _gain_free_loudness(audio, sample_rate)
        if not math.isfinite(lufs):
            raise LoudnessError(f"chain {i + 1}: the output is silent, its loudness is undefined")
        measured.append(lufs)
    peaks = [true_peak_dbtp(a) for a in chains]
    # the peak after gain g is peak + g, with g = target - lufs
    headroom = min(TRUE_PEAK_CEILING_DBTP - (p - m) for p, m in zip(peaks, measured, strict=True))
    target = min(target_lufs, headroom)
    out: list[Audio] = []
    gains: list[float] = []
    for audio, lufs in zip(chains, measured, strict=True):
        gain = target - lufs
        scaled = (audio.astype(np.float64) * 10.0 ** (gain / 20.0)).astype(np.float32)
        # float32 rounding and gating at the edges can move the result by a hair; one refine
        error = _gain_free_loudness(scaled, sample_rate) - target
        if abs(error) > 0.01:
            gain -= error
            scaled = (audio.astype(np.float64) * 10.0 ** (gain / 20.0)).astype(np.float32)
        gains.append(gain)
        out.append(scaled)
    final_peaks = [true_peak_dbtp(a) for a in out]
    # float32 rounding can push a peak that was exactly at the ceiling a hair over it
    over = max(final_peaks) - TRUE_PEAK_CEILING_DBTP
    if over > 0.0:
        trim = over + 1e-4
        out = [(a * np.float32(10.0 ** (-trim / 20.0))).astype(np.float32) for a in out]
        gains = [g - trim for g in gains]
        target -= trim
        final_peaks = [true_peak_dbtp(a) for a in out]
    final_lufs = [_gain_free_loudness(a, sample_rate) for a in out]
    return out, LoudnessMatch(target, target_lufs, gains, final_lufs, final_peaks)
