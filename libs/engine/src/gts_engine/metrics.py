"""Per-chain measurements: loudness, range, peaks, crest factor, spectrum and band energies."""

from __future__ import annotations

import math
from collections.abc import Sequence

import msgspec
import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Audio
from gts_engine.levels import ChainLevels, analyse, loudness_at, loudness_range_at

LOW_MID_HZ = 250.0
MID_HIGH_HZ = 2_000.0
# IEC 61260 base-10 third-octave centres, 25 Hz (band -16) to 20 kHz (band 13)
THIRD_OCTAVE_CENTRES_HZ: tuple[float, ...] = tuple(
    1000.0 * 10.0 ** (n / 10.0) for n in range(-16, 14)
)
_FLOOR_DB = -150.0


class ChainMetrics(msgspec.Struct, frozen=True):
    """Measurements of one rendered chain (levels in dB relative to full scale)."""

    integrated_lufs: float
    loudness_range_lu: float | None
    true_peak_dbtp: float
    sample_peak_dbfs: float
    rms_dbfs: float
    crest_factor_db: float
    spectral_centroid_hz: float
    band_energy_db: dict[str, float]  # low < 250 Hz <= mid < 2 kHz <= high, share of total
    third_octave_hz: list[float]
    third_octave_db: list[float]
    third_octave_diff_db: list[float]  # against the mean of every chain's band levels (dB)


def _db(power: float) -> float:
    return 10.0 * math.log10(power) if power > 0.0 else _FLOOR_DB


def third_octave_db(freqs: npt.NDArray[np.float64], psd: npt.NDArray[np.float64]) -> list[float]:
    """Band power in dB for each centre in `THIRD_OCTAVE_CENTRES_HZ` (floor -150 dB), from a
    Welch power spectrum (`levels.ChainLevels`)."""
    df = float(freqs[1] - freqs[0]) if freqs.shape[0] > 1 else 1.0
    out = []
    for centre in THIRD_OCTAVE_CENTRES_HZ:
        lo, hi = centre * 10.0 ** (-0.05), centre * 10.0**0.05
        mask = (freqs >= lo) & (freqs < hi)
        out.append(_db(float(np.sum(psd[mask])) * df))
    return out


def metrics_at(
    levels: ChainLevels, gain_db: float, reference_third_octave: Sequence[float] | None = None
) -> ChainMetrics:
    """One chain's measurements after `gain_db`, from its single measuring pass; the
    third-octave difference is against `reference_third_octave` (dB per band), or zero."""
    freqs, psd = levels.freqs, levels.psd * 10.0 ** (gain_db / 10.0)
    total = float(np.sum(psd))
    centroid = float(np.sum(freqs * psd) / total) if total > 0.0 else 0.0
    bands = {
        "low": float(np.sum(psd[freqs < LOW_MID_HZ])),
        "mid": float(np.sum(psd[(freqs >= LOW_MID_HZ) & (freqs < MID_HIGH_HZ)])),
        "high": float(np.sum(psd[freqs >= MID_HIGH_HZ])),
    }
    thirds = third_octave_db(freqs, psd)
    reference = thirds if reference_third_octave is None else list(reference_third_octave)
    lra = loudness_range_at(levels, gain_db)
    scale = 10.0 ** (gain_db / 20.0)
    peak, rms = levels.sample_peak * scale, math.sqrt(levels.mean_square) * scale
    true_peak = levels.true_peak * scale
    return ChainMetrics(
        integrated_lufs=loudness_at(levels, gain_db),
        loudness_range_lu=lra if math.isfinite(lra) else None,
        true_peak_dbtp=20.0 * math.log10(true_peak) if true_peak > 0.0 else -math.inf,
        sample_peak_dbfs=20.0 * math.log10(peak) if peak > 0.0 else _FLOOR_DB,
        rms_dbfs=20.0 * math.log10(rms) if rms > 0.0 else _FLOOR_DB,
        crest_factor_db=20.0 * math.log10(peak / rms) if rms > 0.0 else 0.0,
        spectral_centroid_hz=centroid,
        band_energy_db={k: _db(v / total) if total > 0.0 else _FLOOR_DB for k, v in bands.items()},
        third_octave_hz=list(THIRD_OCTAVE_CENTRES_HZ),
        third_octave_db=thirds,
        third_octave_diff_db=[a - b for a, b in zip(thirds, reference, strict=True)],
    )


def measure_chain(
    audio: Audio, sample_rate: int, reference_third_octave: Sequence[float] | None = None
) -> ChainMetrics:
    """Measure one chain's render (see `metrics_at`)."""
    return metrics_at(analyse(audio, sample_rate), 0.0, reference_third_octave)


def metrics_of(levels: Sequence[ChainLevels], gains_db: Sequence[float]) -> list[ChainMetrics]:
    """Every chain's measurements after its gain; spectrum differences are against the mean
    of every chain's band levels (dB), so no chain is the reference and the differences of a
    band sum to zero."""
    alone = [metrics_at(c, g) for c, g in zip(levels, gains_db, strict=True)]
    mean = np.mean(np.array([m.third_octave_db for m in alone], dtype=np.float64), axis=0)
    return [
        msgspec.structs.replace(
            m, third_octave_diff_db=[float(v) for v in np.asarray(m.third_octave_db) - mean]
        )
        for m in alone
    ]


def measure_chains(chains: Sequence[Audio], sample_rate: int) -> list[ChainMetrics]:
    """Measure every chain as it is (see `metrics_of`)."""
    return metrics_of([analyse(c, sample_rate) for c in chains], [0.0] * len(chains))
