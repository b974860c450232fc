"""Helpers for NAM engine tests: parsed synthesized models and a guitar-like signal."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from gts_nam import NamFile, parse_nam, synthesize_nam

SignalMaker = Callable[[float, int], np.ndarray]


def _guitar_like(seconds: float, sample_rate: int = 48_000, seed: int = 0) -> np.ndarray:
    """Plucked notes: decaying harmonic tones plus a little noise, about -20 dBFS RMS."""
    rng = np.random.default_rng(seed)
    n = int(seconds * sample_rate)
    t = np.arange(n) / sample_rate
    out = np.zeros(n)
    note_len = max(1, int(0.5 * sample_rate))
    for start in range(0, n, note_len):
        freq = rng.choice([82.4, 110.0, 146.8, 196.0, 246.9, 329.6])
        seg = t[start : start + note_len] - t[start]
        tone = sum(np.sin(2 * np.pi * freq * k * seg) / k for k in range(1, 6))
        out[start : start + note_len] = 0.3 * tone * np.exp(-4.0 * seg)
    out += 0.003 * rng.standard_normal(n)
    return out.astype(np.float32)


@pytest.fixture(scope="session")
def guitar() -> SignalMaker:
    """guitar(seconds, sample_rate) -> mono float32 guitar-like DI."""
    return _guitar_like


@pytest.fixture(scope="session")
def synth() -> Callable[..., NamFile]:
    """synth(kind, seed=0) -> a parsed synthesized model."""

    def make(kind: str, seed: int = 0) -> NamFile:
        return parse_nam(synthesize_nam(kind, seed=seed))

    return make
