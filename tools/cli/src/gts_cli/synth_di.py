"""A guitar DI the project synthesizes: a plucked-string phrase (Karplus-Strong), as a WAV."""

from __future__ import annotations

import io

import numpy as np
import soundfile as sf

SAMPLE_RATE = 48_000
# A riff in E: (MIDI note, length in beats); 0 is a rest.
PHRASE: tuple[tuple[int, float], ...] = (
    (40, 0.5), (40, 0.5), (52, 0.5), (40, 0.5), (50, 0.5), (40, 0.5), (47, 1.0),
    (45, 0.5), (45, 0.5), (57, 0.5), (45, 0.5), (55, 0.5), (45, 0.5), (52, 1.0),
    (0, 0.5), (64, 0.25), (62, 0.25), (59, 0.5), (57, 0.5), (55, 1.0), (52, 1.5),
)  # fmt: skip


def pluck(frequency: float, seconds: float, rng: np.random.Generator) -> np.ndarray:
    """One plucked string: a noise burst through a damped delay loop (Karplus-Strong)."""
    n = int(seconds * SAMPLE_RATE)
    period = max(2, round(SAMPLE_RATE / frequency))
    buffer = rng.uniform(-1.0, 1.0, period)
    out = np.empty(n, dtype=np.float64)
    damping = 0.996
    for start in range(0, n, period):
        stop = min(n, start + period)
        out[start:stop] = buffer[: stop - start]
        buffer = damping * 0.5 * (buffer + np.roll(buffer, -1))
    # A gentle pick attack and release, so notes do not click.
    fade = min(n, int(0.004 * SAMPLE_RATE))
    out[:fade] *= np.linspace(0.0, 1.0, fade)
    out[-fade:] *= np.linspace(1.0, 0.0, fade)
    return out


def synthesize_di(seconds: float = 12.0, tempo_bpm: float = 120.0, seed: int = 7) -> np.ndarray:
    """Mono float32 at 48 kHz: the phrase repeated to `seconds`, peaking near -6 dBFS."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / tempo_bpm
    total = int(seconds * SAMPLE_RATE)
    out = np.zeros(total, dtype=np.float64)
    cursor = 0
    while cursor < total:
        for note, beats in PHRASE:
            length = int(beats * beat * SAMPLE_RATE)
            if note:
                frequency = 440.0 * 2.0 ** ((note - 69) / 12.0)
                # Let each note ring a little past its beat, as a real string does.
                tone = pluck(frequency, beats * beat * 1.6, rng) * rng.uniform(0.7, 1.0)
                end = min(total, cursor + tone.size)
                out[cursor:end] += tone[: end - cursor]
            cursor += length
            if cursor >= total:
                break
    peak = float(np.max(np.abs(out))) or 1.0
    return (out * (0.5 / peak)).astype(np.float32)


def di_wav_bytes(seconds: float = 12.0, seed: int = 7) -> bytes:
    """The synthesized DI as a 24-bit PCM WAV file."""
    buffer = io.BytesIO()
    sf.write(buffer, synthesize_di(seconds, seed=seed), SAMPLE_RATE, format="WAV", subtype="PCM_24")
    return buffer.getvalue()
