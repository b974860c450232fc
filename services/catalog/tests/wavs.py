"""Short WAV files for uploads: a quiet constant signal, 24-bit, of any length and shape."""

from __future__ import annotations

import io

import numpy as np
import soundfile as sf


def wav(seconds: float, rate: int = 48_000, channels: int = 1) -> bytes:
    """A WAV of `seconds` at `rate` Hz with `channels` channels, every sample 0.01."""
    buf = io.BytesIO()
    frames = np.zeros((round(seconds * rate), channels)) + 0.01
    sf.write(buf, frames, rate, subtype="PCM_24", format="WAV")
    return buf.getvalue()
