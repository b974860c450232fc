"""WAV headers checked against themselves, and cabinet impulse responses checked for use.

Pure Python (struct only): the catalog validates IR uploads and render loads IRs with the same
rules, and DI uploads in WAV pass the same header check (`read_wav_header`).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import BinaryIO

MIN_RATE_HZ = 8_000
MAX_RATE_HZ = 192_000
MIN_SECONDS = 0.001
MAX_SECONDS = 10.0
_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE
# Sanity bounds on any WAV header; IRs and DIs have their own, narrower rules.
MAX_WAV_CHANNELS = 64
MAX_WAV_RATE_HZ = 768_000
MAX_WAV_BITS = 64
# A data size of 0xFFFFFFFF is the streaming writers' "to the end of the file".
_UNSET_SIZE = 0xFFFFFFFF
_MAX_CHUNKS = 1_000


class FieldError(ValueError):
    """An unusable audio file: `field: message`, with both kept for a problem's field and
    reason."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class WavHeaderError(FieldError):
    """A WAV header that is malformed or whose fields disagree; names the field and the reason."""


@dataclass(frozen=True, slots=True)
class WavHeader:
    """A RIFF/RF64 WAVE header whose fields agree with each other and with the file's size.

    `format_tag` is the sub-format's tag for WAVE_FORMAT_EXTENSIBLE; `bits_per_sample` is the
    header's wBitsPerSample (the container size for EXTENSIBLE); `sample_rate` in Hz;
    `data_size` in bytes; `frames` is what a decoder reads: `data_size // block_align`.
    """

    format_tag: int
    channels: int
    sample_rate: int
    byte_rate: int
    block_align: int
    bits_per_sample: int
    data_size: int
    frames: int


class IRFormatError(FieldError):
    """A file that is not a usable cab IR; the message names the field and the reason."""


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


def read_wav_header(stream: BinaryIO) -> WavHeader:
    """Read a WAV file's fmt and data chunks from `stream` and require that they agree.

    For PCM and float: block_align is channels x bytes per sample (the container size for
    WAVE_FORMAT_EXTENSIBLE), byte_rate is sample_rate x block_align, and the data chunk holds
    whole frames. For every format: 1 to `MAX_WAV_CHANNELS` channels, 1 Hz to
    `MAX_WAV_RATE_HZ`, and a data chunk that ends inside the file. Reads only the headers
    (seeking past other chunks). Raises `WavHeaderError` naming the field and the reason.
    """
    file_size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    head = stream.read(12)
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RF64") or head[8:12] != b"WAVE":
        raise WavHeaderError("file", "not a WAV file (no RIFF/WAVE header)")
    pos = 12
    fmt: bytes | None = None
    ds64_data_size: int | None = None
    for _ in range(_MAX_CHUNKS):
        stream.seek(pos)
        chunk = stream.read(8)
        if len(chunk) < 8:
            break
        chunk_id, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        body = pos + 8
        if chunk_id == b"fmt ":
            if size < 16 or body + size > file_size:
                raise WavHeaderError("fmt", f"chunk of {size} bytes is too short or truncated")
            fmt = stream.read(min(size, 40))
        elif chunk_id == b"ds64" and head[:4] == b"RF64" and size >= 16:
            sizes = stream.read(16)
            if len(sizes) < 16:
                raise WavHeaderError("file", "the RF64 ds64 chunk is truncated")
            (ds64_data_size,) = struct.unpack("<8xQ", sizes)
        elif chunk_id == b"data":
            if fmt is None:
                raise WavHeaderError("fmt", "no fmt chunk before the data")
            if size == _UNSET_SIZE and ds64_data_size is not None:
                size = ds64_data_size
            elif size == _UNSET_SIZE:
                size = file_size - body
            return _checked(fmt, size, file_size - body)
        pos = body + size + (size & 1)
    else:
        raise WavHeaderError("file", f"more than {_MAX_CHUNKS} chunks before the audio data")
    if fmt is None:
        raise WavHeaderError("fmt", "no fmt chunk before the data")
    raise WavHeaderError("data", "no data chunk")


def _checked(fmt: bytes, data_size: int, bytes_left: int) -> WavHeader:
    """The fmt chunk's fields and the data chunk's size, once they agree (see `read_wav_header`)."""
    tag, channels, rate, byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", fmt)
    if tag == _EXTENSIBLE and len(fmt) >= 40:
        (tag,) = struct.unpack_from("<H", fmt, 24)  # sub-format GUID's first word
    says = "WAV header says"
    if not 1 <= channels <= MAX_WAV_CHANNELS:
        raise WavHeaderError(
            "file", f"{says} {channels} channels; a WAV file has 1 to {MAX_WAV_CHANNELS}"
        )
    if not 1 <= rate <= MAX_WAV_RATE_HZ:
        raise WavHeaderError("file", f"{says} {rate} Hz; a WAV file has 1 to {MAX_WAV_RATE_HZ} Hz")
    if block_align == 0:
        raise WavHeaderError("file", f"{says} block_align 0; a frame needs at least 1 byte")
    if tag in (_PCM, _FLOAT):
        if not 1 <= bits <= MAX_WAV_BITS:
            raise WavHeaderError(
                "file", f"{says} {bits}-bit samples; PCM and float have 1 to {MAX_WAV_BITS} bits"
            )
        needed = channels * ((bits + 7) // 8)
        if block_align != needed:
            of = "1 channel" if channels == 1 else f"{channels} channels"
            need = "needs" if channels == 1 else "need"
            raise WavHeaderError(
                "file",
                f"{says} block_align {block_align}, but {of} of {bits}-bit samples {need} {needed}",
            )
        if byte_rate != rate * block_align:
            raise WavHeaderError(
                "file",
                f"{says} byte_rate {byte_rate}, but {rate} Hz of {block_align}-byte frames "
                f"needs {rate * block_align}",
            )
        if data_size % block_align:
            raise WavHeaderError(
                "file",
                f"{says} the data chunk holds {data_size} bytes, not a multiple of the "
                f"{block_align}-byte frame",
            )
    if data_size > bytes_left:
        raise WavHeaderError(
            "file",
            f"{says} the data chunk holds {data_size} bytes, but the file holds only "
            f"{bytes_left} after its start",
        )
    return WavHeader(
        tag, channels, rate, byte_rate, block_align, bits, data_size, data_size // block_align
    )


def probe_wav(data: bytes) -> WavInfo:
    """Read and cross-check a RIFF/WAVE header (fmt and data chunks) without decoding samples.

    Raises `IRFormatError` when the bytes are not a WAV file or its chunks are malformed or
    disagree with each other (see `read_wav_header`).
    """
    try:
        header = read_wav_header(io.BytesIO(data))
    except WavHeaderError as exc:
        raise IRFormatError(exc.field, exc.message) from exc
    if header.format_tag == _PCM:
        sample_format = "pcm"
    elif header.format_tag == _FLOAT:
        sample_format = "float"
    else:
        raise IRFormatError(
            "format", f"format tag {header.format_tag:#06x} is neither PCM (1) nor float (3)"
        )
    return WavInfo(
        sample_format, header.bits_per_sample, header.channels, header.sample_rate, header.frames
    )


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
