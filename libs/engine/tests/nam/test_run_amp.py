"""run_amp: gain, resampling round trip, worker split and LSTM, same length out."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from gts_engine.nam import load_model, run_amp, worker_pool
from gts_engine.resample import fit_length, resample
from gts_nam import NamFile

from .rounding import assert_equal_up_to_rounding

Synth = Callable[..., NamFile]
Signal = Callable[[float, int], np.ndarray]


def test_at_the_model_rate_it_is_the_model_output(synth: Synth, guitar: Signal) -> None:
    nam = synth("feather")
    x = guitar(1.0, 48_000)
    y = run_amp(nam, x, 48_000, workers=1)
    assert np.array_equal(y, load_model(nam).process(x))


def test_input_gain_scales_the_di_before_the_model(synth: Synth, guitar: Signal) -> None:
    nam = synth("nano")
    x = guitar(0.5, 48_000)
    louder = run_amp(nam, x, 48_000, input_gain_db=6.0, workers=1)
    expected = load_model(nam).process(x * np.float32(10 ** (6.0 / 20)))
    assert np.array_equal(louder, expected)


@pytest.mark.parametrize("rate", [44_100, 96_000])
def test_other_rates_come_back_at_their_rate_and_length(
    synth: Synth, guitar: Signal, rate: int
) -> None:
    nam = synth("nano")
    x = guitar(1.0, rate)
    y = run_amp(nam, x, rate, workers=1)
    assert y.dtype == np.float32
    assert y.shape == x.shape
    at_model_rate = load_model(nam).process(resample(x, rate, 48_000))
    expected = fit_length(resample(at_model_rate, 48_000, rate), x.size)
    assert np.array_equal(y, expected)
    assert np.sqrt(np.mean(y**2)) > 1e-3


def test_input_split_across_a_worker_pool_equals_one_process(synth: Synth, guitar: Signal) -> None:
    nam = synth("lite")
    x = guitar(4.0, 48_000)
    reported: list[float] = []
    with worker_pool(2) as pool:
        two = run_amp(nam, x, 48_000, workers=2, progress=reported.append, pool=pool)
    assert_equal_up_to_rounding(two, run_amp(nam, x, 48_000, workers=1))
    assert reported[-1] == 1.0


def test_long_input_without_a_pool_starts_workers_and_equals_one_process(
    synth: Synth, guitar: Signal
) -> None:
    nam = synth("nano")
    x = guitar(31.0, 48_000)
    assert_equal_up_to_rounding(run_amp(nam, x, 48_000, workers=2), load_model(nam).process(x))


def test_lstm_runs_in_one_process_from_its_initial_state(synth: Synth, guitar: Signal) -> None:
    nam = synth("lstm")
    x = guitar(3.0, 48_000)
    y = run_amp(nam, x, 48_000, workers=2)
    assert np.array_equal(y, load_model(nam).process(x))


def test_empty_input_gives_empty_output(synth: Synth) -> None:
    y = run_amp(synth("nano"), np.zeros(0, np.float32), 48_000)
    assert y.shape == (0,)


@pytest.mark.parametrize("kind", ["standard", "lite", "feather", "nano", "lstm"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_synthesized_models_sound_like_a_driven_amp(
    synth: Synth, guitar: Signal, kind: str, seed: int
) -> None:
    y = load_model(synth(kind, seed)).process(guitar(1.0, 48_000))
    rms = float(np.sqrt(np.mean(y**2)))
    assert np.all(np.isfinite(y))
    assert 0.01 < rms < 0.5, f"rms {rms:.3f}"
    assert float(np.max(np.abs(y))) < 1.5
