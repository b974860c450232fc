"""Synthesized cabinet impulse responses: decaying, low-passed noise bursts as WAV."""

from __future__ import annotations

import struct

import numpy as np

IR_SAMPLE_RATE = 48_000
IR_SECONDS = 0.2
_WAVE_FORMAT_IEEE_FLOAT = 3


def synthesize_ir(seed: int, decay_s: float = 0.03, cutoff_hz: float = 5_000.0) -> bytes:
    """A mono 48 kHz float32 WAV, 200 ms: noise shaped by a one-pole low-pass and an
    exponential decay with time constant `decay_s` seconds, peak normalised to 0.9."""
    rng = np.random.default_rng(seed)
    n = int(IR_SAMPLE_RATE * IR_SECONDS)
    noise = rng.standard_normal(n)
    # one-pole low-pass: y[t] = a*x[t] + (1-a)*y[t-1], a from the cutoff
    a = 1.0 - np.exp(-2.0 * np.pi * cutoff_hz / IR_SAMPLE_RATE)
    shaped = np.empty(n)
    acc = 0.0
    for t in range(n):
        acc += a * (noise[t] - acc)
        shaped[t] = acc
    envelope = np.exp(-np.arange(n) / (decay_s * IR_SAMPLE_RATE))
    ir = shaped * envelope
    ir *= 0.9 / np.max(np.abs(ir))
    return float_wav(ir.astype("<f4"), IR_SAMPLE_RATE)


def float_wav(samples: np.ndarray, sample_rate: int) -> bytes:
    """A mono IEEE-float WAV of little-endian float32 `samples`.

    Written by hand: libsndfile adds a PEAK chunk with a timestamp, which breaks determinism.
    """
    data = samples.astype("<f4").tobytes()
    fmt = struct.pack("<HHIIHH", _WAVE_FORMAT_IEEE_FLOAT, 1, sample_rate, sample_rate * 4, 4, 32)
    chunks = [
        b"fmt " + struct.pack("<I", len(fmt)) + fmt,
        b"fact" + struct.pack("<II", 4, len(samples)),
        b"data" + struct.pack("<I", len(data)) + data,
    ]
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
