from __future__ import annotations

import numpy as np
import pytest

from gts_engine.effect_params import EFFECTS, EffectParamError, validate_effect
from gts_engine.effects import apply_effect, apply_gain_db

RATE = 48_000


def test_defaults_fill_missing_parameters() -> None:
    resolved = validate_effect("compressor", {"ratio": 8})
    assert resolved["ratio"] == 8.0
    assert resolved["threshold_db"] == -20.0


@pytest.mark.parametrize(
    ("effect", "params", "field", "fragment"),
    [
        ("fuzz", {}, "effect", "unknown effect 'fuzz'"),
        ("delay", {"time": 1.0}, "delay.time", "unknown parameter"),
        ("delay", {"feedback": 1.5}, "delay.feedback", "outside 0 to 0.95"),
        ("compressor", {"ratio": "4"}, "compressor.ratio", "must be a number, got str"),
        ("noise_gate", {"threshold_db": True}, "noise_gate.threshold_db", "got bool"),
        ("reverb", {"room_size": float("nan")}, "reverb.room_size", "must be finite"),
        ("eq", {"highpass_hz": 1000, "lowpass_hz": 1000}, "eq.highpass_hz", "must be below"),
    ],
)
def test_bad_parameters_name_the_field(
    effect: str, params: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(EffectParamError) as caught:
        validate_effect(effect, params)
    assert caught.value.field == field
    assert fragment in str(caught.value)


@pytest.mark.parametrize("effect", sorted(EFFECTS))
def test_every_effect_keeps_length_and_stays_finite(effect: str) -> None:
    rng = np.random.default_rng(1)
    audio = (0.1 * rng.standard_normal(RATE)).astype(np.float32)
    out = apply_effect(effect, {}, audio, RATE)
    assert out.shape == audio.shape
    assert out.dtype == np.float32
    assert np.all(np.isfinite(out))


def test_gain_effect_scales_by_decibels() -> None:
    audio = np.full(1000, 0.1, dtype=np.float32)
    out = apply_effect("gain", {"gain_db": 6.0}, audio, RATE)
    np.testing.assert_allclose(out, 0.1 * 10 ** (6 / 20), rtol=1e-4)
    np.testing.assert_allclose(apply_gain_db(audio, -20.0), 0.01, rtol=1e-6)


def test_noise_gate_silences_signal_below_threshold() -> None:
    t = np.arange(RATE) / RATE
    quiet = (0.001 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    out = apply_effect("noise_gate", {"threshold_db": -30, "ratio": 100}, quiet, RATE)
    assert np.sqrt(np.mean(out[RATE // 2 :] ** 2)) < 0.1 * np.sqrt(np.mean(quiet**2))


def test_eq_highpass_removes_low_frequencies() -> None:
    t = np.arange(RATE) / RATE
    low = np.sin(2 * np.pi * 40 * t).astype(np.float32)
    out = apply_effect("eq", {"highpass_hz": 400}, low, RATE)
    assert np.max(np.abs(out[RATE // 2 :])) < 0.1


def test_delay_repeats_an_impulse_after_its_delay() -> None:
    impulse = np.zeros(RATE, dtype=np.float32)
    impulse[0] = 1.0
    out = apply_effect("delay", {"delay_seconds": 0.25, "feedback": 0.0, "mix": 0.5}, impulse, RATE)
    echo = int(np.argmax(np.abs(out[100:]))) + 100
    assert abs(echo - RATE // 4) <= 2
