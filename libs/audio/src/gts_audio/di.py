"""DI tracks: probe an uploaded recording (WAV, FLAC, AIFF, OGG, MP3) and draw its waveform peaks.

Decoding goes through libsndfile (soundfile) in blocks, so a 10-minute file never sits in memory
as one array.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile as sf

from gts_audio.di_rules import (
    MAX_CHANNELS,
    MAX_DI_SECONDS,
    MAX_RATE_HZ,
    MIN_DI_SECONDS,
    MIN_RATE_HZ,
    DIFormatError,
    check_di_shape,
)
from gts_audio.wav import WavHeaderError, read_wav_header

MAX_DI_BYTES = 100 * 1024 * 1024
PEAK_POINTS = 200
# libsndfile's container names for the formats a DI may come in.
DI_FORMATS = {
    "WAV": "wav",
    "WAVEX": "wav",
    "RF64": "wav",
    "FLAC": "flac",
    "AIFF": "aiff",
    "OGG": "ogg",
    "MP3": "mp3",
}
# How a user names the accepted formats, in messages.
DI_FORMAT_NAMES = "WAV, FLAC, AIFF, OGG or MP3"
# Formats whose header frame count is an estimate: mpg123 guesses the length of an MP3 without a
# Xing/Info header from its first frame, so only the decoded frames count.
_ESTIMATED_LENGTH = frozenset({"mp3"})
_BLOCK_FRAMES = 65_536

__all__ = [
    "DI_FORMATS",
    "DI_FORMAT_NAMES",
    "MAX_CHANNELS",
    "MAX_DI_BYTES",
    "MAX_DI_SECONDS",
    "MAX_RATE_HZ",
    "MIN_DI_SECONDS",
    "MIN_RATE_HZ",
    "PEAK_POINTS",
    "DIFormatError",
    "DIInfo",
    "probe_di",
    "waveform_peaks",
]


@dataclass(frozen=True, slots=True)
class DIInfo:
    """What a DI file holds: container format, rate (Hz), channels, frames, seconds, peaks.

    `peaks` has `PEAK_POINTS` values in 0..1: the largest absolute sample (any channel) of each
    equal slice of the track, for drawing its waveform.
    """

    format: str
    subtype: str
    sample_rate: int
    channels: int
    frames: int
    peaks: list[float]

    @property
    def seconds(self) -> float:
        """Duration in seconds."""
        return self.frames / self.sample_rate


def probe_di(path: Path, *, max_seconds: float = MAX_DI_SECONDS) -> DIInfo:
    """Check that `path` is a usable DI recording and return its facts and waveform peaks.

    Accepted: WAV, FLAC, AIFF, OGG or MP3 and what `check_di_shape` allows (1 or 2 channels,
    8 to 192 kHz, `MIN_DI_SECONDS` to `max_seconds`, which cannot exceed `MAX_DI_SECONDS`).
    A WAV's header must agree with itself (`read_wav_header`); the duration is checked on the
    header's claim (not an MP3's, which is an estimate) and again on the frames actually
    decoded. Raises `DIFormatError` naming the field, the reason and a stable code.
    """
    try:
        info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise DIFormatError(
            "file", f"not a readable {DI_FORMAT_NAMES} audio file", "not_audio"
        ) from exc
    fmt = DI_FORMATS.get(info.format)
    if fmt is None:
        raise DIFormatError(
            "file",
            f"{info.format_info or info.format} is not accepted ({DI_FORMAT_NAMES})",
            "unsupported_format",
        )
    if fmt == "wav":
        try:
            with path.open("rb") as stream:
                read_wav_header(stream)
        except WavHeaderError as exc:
            raise DIFormatError(exc.field, exc.message, "bad_wav_header") from exc
    if fmt not in _ESTIMATED_LENGTH:
        check_di_shape(info.samplerate, info.channels, info.frames, max_seconds=max_seconds)
    limit = math.floor(min(max_seconds, MAX_DI_SECONDS) * info.samplerate)
    peaks, frames = waveform_peaks(path, info.frames, max_frames=limit)
    if frames != info.frames:
        # the header's count was wrong (an estimate, or a truncated stream): slice the real one
        peaks, frames = waveform_peaks(path, frames, max_frames=limit)
    check_di_shape(info.samplerate, info.channels, frames, max_seconds=max_seconds)
    return DIInfo(fmt, info.subtype, info.samplerate, info.channels, frames, peaks)


def waveform_peaks(
    path: Path, frames: int, points: int = PEAK_POINTS, *, max_frames: int | None = None
) -> tuple[list[float], int]:
    """The largest |sample| of each of `points` equal slices, in one streaming pass.

    `frames` is the expected frame count (the header's), which sizes the slices; returns the
    peaks and the frames actually decoded.
    Decoding stops with a `too_long` `DIFormatError` once more than `max_frames` are decoded,
    whatever the header claimed.
    """
    per_point = max(1, math.ceil(frames / points))
    peaks = np.zeros(points, dtype=np.float64)
    decoded = 0
    try:
        for block in _blocks(path):
            magnitude = np.abs(block).max(axis=1)
            index = (decoded + np.arange(len(magnitude))) // per_point
            np.maximum.at(peaks, np.minimum(index, points - 1), magnitude)
            decoded += len(magnitude)
            if max_frames is not None and decoded > max_frames:
                raise DIFormatError(
                    "duration",
                    f"the audio decodes to more than {max_frames} frames, the limit "
                    f"(its header claims {frames})",
                    "too_long",
                )
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise DIFormatError("file", f"the audio data is damaged: {exc}", "corrupt") from exc
    if decoded == 0:
        raise DIFormatError("duration", "the file has no audio frames", "too_short")
    return [round(float(min(p, 1.0)), 4) for p in peaks], decoded


def _blocks(path: Path) -> Iterator[npt.NDArray[np.float32]]:
    """The decoded frames of `path` in blocks until the stream ends, whatever its header claims.

    `sf.blocks` yields whole blocks past a short read; this yields only what was decoded.
    """
    with sf.SoundFile(str(path)) as audio:
        while len(block := audio.read(_BLOCK_FRAMES, dtype="float32", always_2d=True)):
            yield block
