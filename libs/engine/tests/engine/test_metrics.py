from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from gts_engine.metrics import THIRD_OCTAVE_CENTRES_HZ, measure_chain, measure_chains
from gts_engine.pictures import draw_card, plot_spectra
from render.jobs.outputs import output_metrics

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


def test_spectrum_difference_is_against_the_mean_of_every_chain() -> None:
    quiet_low = _sine(100.0, 0.1)
    loud_high = _sine(5000.0, 0.5)
    middle = _sine(1000.0, 0.3)
    chains = measure_chains([quiet_low, loud_high, middle], RATE)
    i5k = int(np.argmin([abs(c - 5000) for c in THIRD_OCTAVE_CENTRES_HZ]))
    levels = [m.third_octave_db[i5k] for m in chains]
    for m, level in zip(chains, levels, strict=True):
        assert m.third_octave_diff_db[i5k] == pytest.approx(level - sum(levels) / 3, abs=1e-9)
    assert chains[1].third_octave_diff_db[i5k] > 40
    for band in zip(*(m.third_octave_diff_db for m in chains), strict=True):
        assert sum(band) == pytest.approx(0.0, abs=1e-6)
    assert chains[1].spectral_centroid_hz > chains[0].spectral_centroid_hz
    assert chains[1].band_energy_db["high"] > chains[0].band_energy_db["high"]


def test_output_metrics_carry_the_engine_difference() -> None:
    chains = measure_chains([_sine(100.0, 0.1), _sine(5000.0, 0.5)], RATE)
    for m in chains:
        sent = output_metrics(m).third_octave_diff_db
        assert sent == pytest.approx(m.third_octave_diff_db, abs=1e-4)


def test_cards_and_spectrum_plot_are_full_hd_pngs(tmp_path: Path) -> None:
    m = measure_chains([_sine(200.0), _sine(2000.0)], RATE)
    draw_card(tmp_path / "card.png", 0, "Marshall", ["Amp: JCM800", "Cab IR: 4x12"], m[0], "DI")
    plot_spectra(tmp_path / "spectrum.png", ["Marshall", "Mesa"], m)
    for name in ("card.png", "spectrum.png"):
        with Image.open(tmp_path / name) as image:
            assert image.format == "PNG"
            assert image.size == (1920, 1080)


def test_loudness_range_spans_a_ten_db_step() -> None:
    from gts_engine.levels import loudness_range

    step = np.concatenate([_sine(1000.0, 0.3, 10.0), _sine(1000.0, 0.3 * 10 ** (-10 / 20), 10.0)])
    assert loudness_range(step, RATE) == pytest.approx(10.0, abs=0.3)
    assert np.isnan(loudness_range(_sine(1000.0, 0.3, 2.0), RATE))
