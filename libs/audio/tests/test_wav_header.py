"""WAV headers are checked, not trusted: hostile fmt/data chunks built here with struct."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_audio import IRFormatError, validate_ir
from gts_audio.di import DIFormatError, probe_di, waveform_peaks
from gts_audio.wav import WavHeaderError, read_wav_header

RATE = 8_000
_PCM_GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


def _samples(seconds: float, channels: int = 1) -> bytes:
    frames = int(seconds * RATE)
    tone = (np.sin(np.arange(frames * channels) / 7) * 8_000).astype("<i2")
    return tone.tobytes()


def hostile_wav(
    audio: bytes,
    *,
    channels: int = 1,
    rate: int = RATE,
    bits: int = 16,
    block_align: int | None = None,
    byte_rate: int | None = None,
    data_size: int | None = None,
    tag: int = 1,
    extensible_bits: int | None = None,
) -> bytes:
    """A RIFF/WAVE file whose fmt fields default to consistent values; any may be overridden."""
    container = extensible_bits or bits
    align = channels * container // 8 if block_align is None else block_align
    rate_bytes = rate * align if byte_rate is None else byte_rate
    if extensible_bits is None:
        fmt = struct.pack("<HHIIHH", tag, channels, rate, rate_bytes, align, bits)
    else:
        fmt = struct.pack(
            "<HHIIHHHHI", 0xFFFE, channels, rate, rate_bytes, align, container, 22, bits, 0
        )
        fmt += struct.pack("<H", tag) + _PCM_GUID_TAIL
    size = len(audio) if data_size is None else data_size
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", size) + audio + b"\x00" * (len(audio) & 1)
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize(
    ("wav", "reason"),
    [
        (
            hostile_wav(_samples(0.5), block_align=200),
            "WAV header says block_align 200, but 1 channel of 16-bit samples needs 2",
        ),
        (
            hostile_wav(_samples(0.5, 2), channels=2, block_align=2),
            "WAV header says block_align 2, but 2 channels of 16-bit samples need 4",
        ),
        (
            hostile_wav(_samples(0.5), byte_rate=1_000),
            "WAV header says byte_rate 1000, but 8000 Hz of 2-byte frames needs 16000",
        ),
        (hostile_wav(_samples(0.5) + b"\x01", data_size=8_001), "not a multiple"),
        (hostile_wav(_samples(0.5), data_size=80_000), "but the file holds only 8000"),
        (hostile_wav(b"", channels=0, block_align=0), "WAV header says 0 channels"),
        (hostile_wav(_samples(0.5), rate=0), "WAV header says 0 Hz"),
        (hostile_wav(_samples(0.5), bits=0, block_align=2), "WAV header says 0-bit samples"),
    ],
    ids=[
        "mono-block-align",
        "stereo-block-align",
        "byte-rate",
        "partial-frame",
        "data-past-eof",
        "no-channels",
        "no-rate",
        "no-bits",
    ],
)
def test_an_ir_whose_header_fields_disagree_is_refused_naming_the_file(
    wav: bytes, reason: str
) -> None:
    with pytest.raises(IRFormatError) as caught:
        validate_ir(wav)
    assert caught.value.field == "file"
    assert reason in caught.value.message


def test_an_ir_claiming_ten_seconds_through_a_wide_block_align_is_refused() -> None:
    # 9.9 s by the header's block_align 200; libsndfile decodes 2-byte frames, about 990 s
    audio = b"\x00\x01" * (99 * RATE) * 10
    wav = hostile_wav(audio, block_align=200, byte_rate=RATE * 200)
    assert sf.info(io.BytesIO(wav)).duration > 900
    with pytest.raises(IRFormatError) as caught:
        validate_ir(wav)
    assert caught.value.field == "file"


def test_a_consistent_header_counts_the_frames_the_decoder_reads() -> None:
    wav = hostile_wav(_samples(0.25, 2), channels=2)
    header = read_wav_header(io.BytesIO(wav))
    assert (header.channels, header.block_align, header.frames) == (2, 4, 2_000)
    assert header.frames == sf.info(io.BytesIO(wav)).frames


def test_extensible_24_bit_samples_in_32_bit_containers_pass() -> None:
    frames = 800
    audio = (np.arange(frames, dtype="<i4") << 8).tobytes()
    wav = hostile_wav(audio, bits=24, extensible_bits=32)
    info = validate_ir(wav)
    assert (info.channels, info.frames) == (1, frames)
    assert sf.info(io.BytesIO(wav)).frames == frames


def test_extensible_block_align_counts_the_container_size() -> None:
    audio = b"\x00" * 800 * 4
    with pytest.raises(WavHeaderError, match="needs 4") as caught:
        read_wav_header(io.BytesIO(hostile_wav(audio, bits=24, extensible_bits=32, block_align=3)))
    assert caught.value.field == "file"


def test_an_unset_data_size_means_the_rest_of_the_file() -> None:
    wav = hostile_wav(_samples(0.5), data_size=0xFFFFFFFF)
    assert validate_ir(wav).frames == 4_000


def test_an_rf64_di_reads_its_data_size_from_ds64(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    sf.write(str(path), np.full(2 * RATE, 0.1, dtype=np.float32), RATE, format="RF64")
    with path.open("rb") as stream:
        assert read_wav_header(stream).frames == 2 * RATE
    assert probe_di(path).frames == 2 * RATE


@pytest.mark.parametrize("name", ["mesa_fav.wav", "mesa_os_4x12_57.wav"])
def test_real_irs_pass_the_header_check(shared_fixtures: Path, name: str) -> None:
    data = (shared_fixtures / "ir" / name).read_bytes()
    assert validate_ir(data).frames == sf.info(io.BytesIO(data)).frames


@pytest.mark.parametrize("name", ["di_gojira_left.wav", "nam_core_input.wav"])
def test_real_dis_pass_the_header_check(shared_fixtures: Path, name: str) -> None:
    path = shared_fixtures / "audio" / name
    with path.open("rb") as stream:
        header = read_wav_header(stream)
    assert header.frames == sf.info(str(path)).frames


def test_a_di_whose_header_fields_disagree_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "di.wav"
    path.write_bytes(hostile_wav(_samples(3.0), block_align=4))
    with pytest.raises(DIFormatError) as caught:
        probe_di(path)
    assert (caught.value.field, caught.value.code) == ("file", "bad_wav_header")
    assert caught.value.message == (
        "WAV header says block_align 4, but 1 channel of 16-bit samples needs 2"
    )


def test_a_di_whose_data_runs_past_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.wav"
    path.write_bytes(hostile_wav(_samples(2.0), data_size=RATE * 2 * 60))
    with pytest.raises(DIFormatError) as caught:
        probe_di(path)
    assert (caught.value.field, caught.value.code) == ("file", "bad_wav_header")


def test_decoding_stops_and_refuses_once_past_the_frame_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    path.write_bytes(hostile_wav(_samples(3.0)))
    with pytest.raises(DIFormatError) as caught:
        waveform_peaks(path, frames=RATE, max_frames=2 * RATE)
    assert (caught.value.field, caught.value.code) == ("duration", "too_long")


def test_a_flac_di_is_judged_by_its_decoded_length(tmp_path: Path) -> None:
    path = tmp_path / "di.flac"
    sf.write(str(path), np.full(3 * RATE, 0.1, dtype=np.float32), RATE, format="FLAC")
    with pytest.raises(DIFormatError) as caught:
        probe_di(path, max_seconds=2.0)
    assert (caught.value.field, caught.value.code) == ("duration", "too_long")
