"""Apply a built-in effect (validated by `effect_params`) to mono audio with pedalboard."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pedalboard
from pedalboard._pedalboard import Pedalboard

from gts_chains import validate_effect
from gts_engine.arrays import Audio
from gts_engine.loudness import apply_gain

# The effects that take a threshold (dB), ratio, attack and release (ms).
_DYNAMICS: dict[str, type[pedalboard.NoiseGate] | type[pedalboard.Compressor]] = {
    "noise_gate": pedalboard.NoiseGate,
    "compressor": pedalboard.Compressor,
}


def _plugins(effect: str, p: Mapping[str, float], sample_rate: int) -> list[pedalboard.Plugin]:
    if effect == "gain":
        return [pedalboard.Gain(gain_db=p["gain_db"])]
    if effect in _DYNAMICS:
        return [
            _DYNAMICS[effect](
                threshold_db=p["threshold_db"],
                ratio=p["ratio"],
                attack_ms=p["attack_ms"],
                release_ms=p["release_ms"],
            )
        ]
    if effect == "eq":
        # filters above Nyquist are undefined; keep every corner below 0.45 x the rate
        top = 0.45 * sample_rate
        plugins: list[pedalboard.Plugin] = [
            pedalboard.HighpassFilter(cutoff_frequency_hz=min(p["highpass_hz"], top)),
            pedalboard.LowShelfFilter(
                cutoff_frequency_hz=min(p["low_hz"], top), gain_db=p["low_gain_db"]
            ),
            pedalboard.PeakFilter(
                cutoff_frequency_hz=min(p["mid_hz"], top), gain_db=p["mid_gain_db"], q=p["mid_q"]
            ),
            pedalboard.HighShelfFilter(
                cutoff_frequency_hz=min(p["high_hz"], top), gain_db=p["high_gain_db"]
            ),
        ]
        if p["lowpass_hz"] < top:
            plugins.append(pedalboard.LowpassFilter(cutoff_frequency_hz=p["lowpass_hz"]))
        return plugins
    if effect == "delay":
        return [
            pedalboard.Delay(delay_seconds=p["delay_seconds"], feedback=p["feedback"], mix=p["mix"])
        ]
    if effect == "reverb":
        return [
            pedalboard.Reverb(
                room_size=p["room_size"],
                damping=p["damping"],
                wet_level=p["wet_level"],
                dry_level=p["dry_level"],
                width=p["width"],
            )
        ]
    raise AssertionError(f"effect {effect!r} passed validation but has no implementation")


def apply_effect(
    effect: str, params: Mapping[str, object], audio: Audio, sample_rate: int
) -> Audio:
    """Run one built-in effect over mono float32 `audio` at `sample_rate` (Hz); same length out.

    Tails (reverb, delay) past the input's end are cut so every chain stays sample-aligned.
    """
    resolved = validate_effect(effect, params)
    board = Pedalboard(_plugins(effect, resolved, sample_rate))
    out = board(np.ascontiguousarray(audio, dtype=np.float32)[np.newaxis, :], sample_rate)
    return np.ascontiguousarray(out[0, : audio.shape[0]], dtype=np.float32)


def apply_gain_db(audio: Audio, gain_db: float) -> Audio:
    """Scale `audio` by `gain_db` decibels."""
    return audio if gain_db == 0.0 else apply_gain(audio, gain_db)
