from __future__ import annotations

import io

import numpy as np
import pytest
import soundfile as sf

from gts_audio import IRFormatError, validate_ir


def _wav(frames: np.ndarray, rate: int, subtype: str = "PCM_24") -> bytes:
    buf = io.BytesIO()
    sf.write(buf, frames, rate, subtype=subtype, format="WAV")
    return buf.getvalue()


def test_stereo_24_bit_ir_reports_rate_channels_and_length() -> None:
    info = validate_ir(_wav(np.full((4_800, 2), 0.1), 48_000))
    assert (info.sample_format, info.bits_per_sample, info.channels) == ("pcm", 24, 2)
    assert info.seconds == pytest.approx(0.1)


def test_mp3_bytes_are_not_a_wav() -> None:
    with pytest.raises(IRFormatError, match="not a WAV file") as caught:
        validate_ir(b"ID3\x03\x00\x00\x00" + b"\xff\xfb" * 400)
    assert caught.value.field == "file"


def test_zero_length_file_is_not_a_wav() -> None:
    with pytest.raises(IRFormatError, match="not a WAV file"):
        validate_ir(b"")


def test_twenty_second_ir_is_too_long() -> None:
    with pytest.raises(IRFormatError, match="outside") as caught:
        validate_ir(_wav(np.zeros(20 * 8_000), 8_000, "PCM_16"))
    assert caught.value.field == "duration"
