"""The montage's AAC encode: its packets make the M4A download, and made stereo they decode
on both sides to exactly the mono stream."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_engine.aac_stereo import AacFrameError, stereo_frame
from gts_engine.audio_io import ffmpeg_exe
from gts_engine.encode import AacEncode, AacPacket
from gts_engine.video import write_sound


def _decode(path: Path, channels: int) -> tuple[np.ndarray, str]:
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-f", "f32le", "-ac", str(channels), "-"],
        capture_output=True,
        check=True,
    )
    info = done.stderr.decode(errors="replace")
    return np.frombuffer(done.stdout, dtype="<f4").reshape(-1, channels), info


def _packets(audio: np.ndarray, rate: int) -> list[AacPacket]:
    encode = AacEncode(rate)
    encode.samples(audio.shape[0])[:] = audio
    encode.start()
    return list(encode.packets())


def _adts(frames: list[bytes], channels: int, path: Path) -> Path:
    """Raw AAC-LC 48 kHz frames in ADTS (header without CRC, one block a frame)."""
    with path.open("wb") as out:
        for frame in frames:
            size = 7 + len(frame)
            head = (0xFF, 0xF1, 0x40 | (3 << 2), (channels << 6) | (size >> 11),
                    (size >> 3) & 0xFF, ((size & 7) << 5) | 0x1F, 0xFC)  # fmt: skip
            out.write(bytes(head) + frame)
    return path


def test_stereo_frames_decode_to_the_m4a_on_both_sides(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    audio, rate = sf.read(shared_fixtures / "audio" / "di_gojira_left.wav", dtype="float32")
    # long enough for the encoder's fill elements (its name, every 256 frames) to appear
    mono = np.tile(np.ascontiguousarray(audio[:, 0]), 4)
    packets = _packets(mono, rate)
    assert [p.pts for p in packets[:3]] == [-1024, 0, 1024]  # the encoder's priming first
    stereo, info = _decode(_adts([stereo_frame(p.data) for p in packets], 2, tmp_path / "s.aac"), 2)
    assert "Audio: aac (LC), 48000 Hz, stereo" in info
    np.testing.assert_array_equal(stereo[:, 0], stereo[:, 1])
    write_sound(packets, tmp_path / "a.m4a", None)
    from_m4a, info = _decode(tmp_path / "a.m4a", 1)
    assert "Audio: aac (LC) (mp4a" in info
    assert "mono" in info
    # the M4A trims the priming that an ADTS stream cannot mark: the same samples after it
    np.testing.assert_array_equal(from_m4a[:, 0], stereo[1024 : 1024 + from_m4a.shape[0], 0])
    assert from_m4a.shape[0] == mono.shape[0]  # the last frame counts only what it ends
    error = from_m4a[:, 0] - mono[: from_m4a.shape[0]]
    assert float(np.sqrt(np.mean(error**2))) < 0.05 * float(np.sqrt(np.mean(mono**2)))


def test_a_montage_at_another_rate_is_encoded_at_48k(tmp_path: Path) -> None:
    rate = 44_100
    tone = (0.3 * np.sin(2 * np.pi * 220 * np.arange(3 * rate) / rate)).astype(np.float32)
    write_sound(_packets(tone, rate), tmp_path / "a.m4a", None)
    decoded, info = _decode(tmp_path / "a.m4a", 1)
    assert "48000 Hz, mono" in info
    assert abs(decoded.shape[0] - 3 * 48_000) <= 1  # resampled: within a sample
    spectrum = np.abs(np.fft.rfft(decoded[48_000:96_000, 0]))
    assert abs(int(np.argmax(spectrum)) - 220) <= 1  # 1 Hz bins: the tone kept its pitch


def test_frames_that_are_not_mono_are_refused() -> None:
    frame = _packets(np.zeros(48_000, np.float32), 48_000)[1].data
    with pytest.raises(AacFrameError, match="single channel element"):
        stereo_frame(stereo_frame(frame))  # a channel pair element
    with pytest.raises(AacFrameError):
        stereo_frame(b"RIFF....WAVE")


def test_a_failed_encode_says_why_and_a_killed_one_leaves_no_process() -> None:
    failing = AacEncode(0)  # no sample rate: the encoder cannot read its samples
    failing.samples(48_000)[:] = 0.0
    failing.start()
    with pytest.raises(RuntimeError, match=r"aac encode failed \(1\): aac: "):
        list(failing.packets())
    long = AacEncode(48_000)
    long.samples(48_000 * 600)[:] = 0.0
    long.start()
    long.kill()
    assert long._process.poll() is not None
