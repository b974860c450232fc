from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gts_engine.loudness import (
    LoudnessError,
    integrated_loudness,
    match_loudness,
    true_peak_dbtp,
)

RATE = 48_000


def _signal(kind: int, seed: int, gain_db: float, seconds: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    if kind == 0:
        x = rng.standard_normal(n) * 0.2
    elif kind == 1:
        x = np.sin(2 * np.pi * rng.uniform(60, 5000) * t)
    else:  # sparse clicks: huge crest factor, forces the common target down
        x = np.zeros(n)
        x[rng.integers(0, n, 20)] = rng.uniform(-1, 1, 20)
        x += rng.standard_normal(n) * 0.001
    return (x * 10 ** (gain_db / 20)).astype(np.float32)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chains=st.lists(
        st.tuples(
            st.integers(0, 2), st.integers(0, 10_000), st.floats(-40.0, 12.0, allow_nan=False)
        ),
        min_size=1,
        max_size=4,
    ),
    target=st.floats(-30.0, -8.0),
)
def test_matched_chains_share_loudness_and_respect_true_peak(
    chains: list[tuple[int, int, float]], target: float
) -> None:
    signals = [_signal(k, s, g) for k, s, g in chains]
    out, result = match_loudness(signals, RATE, target)
    loudness = [integrated_loudness(x, RATE) for x in out]
    assert max(loudness) - min(loudness) <= 0.1
    assert all(abs(lufs - result.target_lufs) <= 0.05 for lufs in loudness)
    assert all(true_peak_dbtp(x) <= -1.0 for x in out)
    assert result.target_lufs <= target + 1e-9


def test_common_target_drops_for_all_chains_when_one_would_clip() -> None:
    noise = _signal(0, 1, 0.0)
    clicks = _signal(2, 2, 0.0)
    out, result = match_loudness([noise, clicks], RATE, -8.0)
    assert result.target_lufs < -8.0
    assert max(true_peak_dbtp(x) for x in out) == pytest.approx(-1.0, abs=0.01)
    assert integrated_loudness(out[0], RATE) == pytest.approx(result.target_lufs, abs=0.05)


def test_target_is_kept_when_there_is_headroom() -> None:
    _, result = match_loudness([_signal(0, 3, -30.0), _signal(0, 4, -10.0)], RATE, -20.0)
    assert result.target_lufs == -20.0
    assert [round(x, 1) for x in result.loudness_lufs] == [-20.0, -20.0]
    assert result.gains_db[0] - result.gains_db[1] == pytest.approx(20.0, abs=0.1)


def test_true_peak_sees_intersample_peaks() -> None:
    # a quarter-rate sine sampled at 45 degrees never hits its crest on a sample
    n = np.arange(RATE)
    x = np.sin(2 * np.pi * n / 4 + np.pi / 4).astype(np.float32)
    sample_peak = 20 * np.log10(np.max(np.abs(x)))
    assert sample_peak == pytest.approx(-3.01, abs=0.01)
    assert true_peak_dbtp(x) > sample_peak + 2.5


def test_silent_or_short_chains_raise() -> None:
    with pytest.raises(LoudnessError, match="silent"):
        match_loudness([np.zeros(RATE, dtype=np.float32)], RATE)
    with pytest.raises(LoudnessError, match="shorter"):
        integrated_loudness(np.ones(100, dtype=np.float32), RATE)


def test_true_peak_matches_a_plain_4x_resample() -> None:
    from scipy import signal

    x = _signal(0, 9, -6.0, 3.0)
    reference = 20 * np.log10(np.max(np.abs(signal.resample_poly(x.astype(np.float64), 4, 1))))
    assert true_peak_dbtp(x) == pytest.approx(
        max(reference, 20 * np.log10(np.max(np.abs(x)))), abs=1e-3
    )


def test_chain_below_the_absolute_gate_is_still_matched() -> None:
    quiet = _signal(0, 11, -62.0)  # about -75 LUFS: every block under BS.1770's -70 gate
    assert integrated_loudness(quiet, RATE) == float("-inf")
    out, result = match_loudness([quiet, _signal(0, 12, 0.0)], RATE, -16.0)
    assert [integrated_loudness(x, RATE) for x in out] == pytest.approx([-16.0, -16.0], abs=0.05)
    assert result.gains_db[0] > 55
