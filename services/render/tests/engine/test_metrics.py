from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from render.engine.metrics import THIRD_OCTAVE_CENTRES_HZ, measure_chain, measure_chains
from render.engine.pictures import draw_card, plot_spectra

RATE = 48_000


def _sine(freq: float, amplitude: float = 0.5, seconds: float = 4.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_sine_metrics_match_theory() -> None:
    m = measure_chain(_sine(1000.0), RATE)
    assert m.spectral_centroid_hz == pytest.approx(1000.0, rel=0.02)
    assert m.crest_factor_db == pytest.approx(3.01, abs=0.05)
    assert m.sample_peak_dbfs == pytest.approx(-6.02, abs=0.05)
    assert m.rms_dbfs == pytest.approx(-9.03, abs=0.05)
    assert m.band_energy_db["mid"] == pytest.approx(0.0, abs=0.01)
    assert m.band_energy_db["low"] < -40
    peak_band = THIRD_OCTAVE_CENTRES_HZ[int(np.argmax(m.third_octave_db))]
    assert peak_band == pytest.approx(1000.0, rel=0.01)
    assert m.loudness_range_lu == pytest.approx(0.0, abs=0.5)


def test_spectrum_difference_is_against_the_first_chain() -> None:
    quiet_low = _sine(100.0, 0.1)
    loud_high = _sine(5000.0, 0.5)
    first, second = measure_chains([quiet_low, loud_high], RATE)
    assert all(d == 0.0 for d in first.third_octave_diff_db)
    i5k = int(np.argmin([abs(c - 5000) for c in THIRD_OCTAVE_CENTRES_HZ]))
    assert second.third_octave_diff_db[i5k] > 40
    assert second.spectral_centroid_hz > first.spectral_centroid_hz
    assert second.band_energy_db["high"] > first.band_energy_db["high"]


def test_cards_and_spectrum_plot_are_full_hd_pngs(tmp_path: Path) -> None:
    m = measure_chains([_sine(200.0), _sine(2000.0)], RATE)
    draw_card(tmp_path / "card.png", 0, "Marshall", ["Amp: JCM800", "Cab IR: 4x12"], m[0], "DI")
    plot_spectra(tmp_path / "spectrum.png", ["Marshall", "Mesa"], m)
    for name in ("card.png", "spectrum.png"):
        with Image.open(tmp_path / name) as image:
            assert image.format == "PNG"
            assert image.size == (1920, 1080)


def test_loudness_range_spans_a_ten_db_step() -> None:
    from render.engine.loudness import loudness_range

    step = np.concatenate([_sine(1000.0, 0.3, 10.0), _sine(1000.0, 0.3 * 10 ** (-10 / 20), 10.0)])
    assert loudness_range(step, RATE) == pytest.approx(10.0, abs=0.3)
    assert np.isnan(loudness_range(_sine(1000.0, 0.3, 2.0), RATE))
