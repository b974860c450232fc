"""Cabinet impulse response files: the rules live in `gts_audio.wav`, shared with the catalog."""

from __future__ import annotations

from gts_audio.wav import (
    MAX_RATE_HZ,
    MAX_SECONDS,
    MIN_RATE_HZ,
    MIN_SECONDS,
    IRFormatError,
    WavInfo,
    probe_wav,
    validate_ir,
)

__all__ = [
    "MAX_RATE_HZ",
    "MAX_SECONDS",
    "MIN_RATE_HZ",
    "MIN_SECONDS",
    "IRFormatError",
    "WavInfo",
    "probe_wav",
    "validate_ir",
]
