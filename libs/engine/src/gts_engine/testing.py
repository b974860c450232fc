"""Pytest fixtures for tests of the engine and of what uses it (a plugin: the root conftest
loads it): synthesized WAV bytes and test signals."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pytest
import soundfile as sf

WavMaker = Callable[..., bytes]


def _wav(samples: np.ndarray, sample_rate: int = 48_000, subtype: str = "FLOAT") -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, samples, sample_rate, format="WAV", subtype=subtype)
    return buffer.getvalue()


@pytest.fixture
def make_wav() -> WavMaker:
    """Encode samples (frames or frames x channels) as WAV bytes: make_wav(x, rate, subtype)."""
    return _wav


@pytest.fixture
def guitar_like() -> Callable[[float, int, int], np.ndarray]:
    """Plucked-string-like notes with decays (seconds, rate, seed) -> mono float32."""

    def make(seconds: float, sample_rate: int = 48_000, seed: int = 0) -> np.ndarray:
        rng = np.random.default_rng(seed)
        n = round(seconds * sample_rate)
        t = np.arange(n) / sample_rate
        out = np.zeros(n)
        note = 0.5
        start = 0.0
        while start < seconds:
            f0 = rng.uniform(80, 400)
            tt = t - start
            env = np.where(tt >= 0, np.exp(-np.clip(tt, 0, None) * 4.0), 0.0)
            out += env * sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 6)) * 0.2
            start += note
        return out.astype(np.float32)

    return make
