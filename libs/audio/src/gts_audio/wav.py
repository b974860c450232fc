"""Cabinet impulse response files: probe a WAV's header and check it is a usable IR.

Pure Python (struct only): the catalog validates uploads and render loads IRs with the same rules.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MIN_RATE_HZ = 8_000
MAX_RATE_HZ = 192_000
MIN_SECONDS = 0.001
MAX_SECONDS = 10.0
_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE


class IRFormatError(ValueError):
    """A file that is not a usable cab IR; the message names the field and the reason."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class WavInfo:
    """What a WAV header says: sample format, channels, rate (Hz), frames and seconds."""

    sample_format: str  # "pcm" or "float"
    bits_per_sample: int
    channels: int
    sample_rate: int
    frames: int

    @property
    def seconds(self) -> float:
        """Duration in seconds."""
        return self.frames / self.sample_rate


def probe_wav(data: bytes) -> WavInfo:
    """Read a RIFF/WAVE header (fmt and data chunks) without decoding samples.

    Raises `IRFormatError` when the bytes are not a WAV file or its chunks are malformed.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise IRFormatError("file", "not a WAV file (no RIFF/WAVE header)")
    pos = 12
    fmt: tuple[int, int, int, int, int] | None = None
    data_size: int | None = None
    while pos + 8 <= len(data):
        chunk_id = data[pos : pos + 4]
        (size,) = struct.unpack_from("<I", data, pos + 4)
        body = pos + 8
        if chunk_id == b"fmt ":
            if size < 16 or body + size > len(data):
                raise IRFormatError("fmt", f"chunk of {size} bytes is too short or truncated")
            tag, channels, rate, _, block_align, bits = struct.unpack_from("<HHIIHH", data, body)
            if tag == _EXTENSIBLE and size >= 40:
                (tag,) = struct.unpack_from("<H", data, body + 24)  # sub-format GUID's first word
            fmt = (tag, channels, rate, block_align, bits)
        elif chunk_id == b"data":
            # a streaming writer may leave the size unset; trust the bytes actually present
            data_size = min(size, len(data) - body)
            break
        pos = body + size + (size & 1)
    if fmt is None:
        raise IRFormatError("fmt", "no fmt chunk before the data")
    if data_size is None:
        raise IRFormatError("data", "no data chunk")
    tag, channels, rate, block_align, bits = fmt
    if tag == _PCM:
        sample_format = "pcm"
    elif tag == _FLOAT:
        sample_format = "float"
    else:
        raise IRFormatError("format", f"format tag {tag:#06x} is neither PCM (1) nor float (3)")
    if block_align <= 0:
        raise IRFormatError("fmt", f"block align {block_align} must be positive")
    return WavInfo(sample_format, bits, channels, rate, data_size // block_align)


def validate_ir(data: bytes) -> WavInfo:
    """Check WAV bytes are a usable cab IR and return their header facts.

    Accepted: PCM 16/24/32-bit or float 32/64-bit, 1 or 2 channels, 8 kHz to 192 kHz,
    1 ms to 10 s. Raises `IRFormatError` naming the field and the reason.
    """
    info = probe_wav(data)
    allowed_bits = (16, 24, 32) if info.sample_format == "pcm" else (32, 64)
    if info.bits_per_sample not in allowed_bits:
        raise IRFormatError(
            "bits_per_sample",
            f"{info.bits_per_sample}-bit {info.sample_format} is not supported "
            f"(expected {', '.join(str(b) for b in allowed_bits)})",
        )
    if info.channels not in (1, 2):
        raise IRFormatError("channels", f"{info.channels} channels; an IR has 1 or 2")
    if not MIN_RATE_HZ <= info.sample_rate <= MAX_RATE_HZ:
        raise IRFormatError(
            "sample_rate",
            f"{info.sample_rate} Hz is outside {MIN_RATE_HZ} to {MAX_RATE_HZ} Hz",
        )
    if info.frames == 0:
        raise IRFormatError("duration", "the IR has no samples")
    if not MIN_SECONDS <= info.seconds <= MAX_SECONDS:
        raise IRFormatError(
            "duration",
            f"{info.seconds * 1000:.3f} ms is outside {MIN_SECONDS * 1000:g} ms to "
            f"{MAX_SECONDS:g} s",
        )
    return info
