"""The mono AAC stream made stereo: both channels decode to exactly the mono stream."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_engine.aac_stereo import AacFrameError, mono_adts_to_stereo
from gts_engine.audio_io import ffmpeg_exe
from gts_engine.encode import AacEncode, adts_to_m4a, stereo_adts


def _decode(path: Path, channels: int) -> tuple[np.ndarray, str]:
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-f", "f32le", "-ac", str(channels), "-"],
        capture_output=True,
        check=True,
    )
    info = done.stderr.decode(errors="replace")
    return np.frombuffer(done.stdout, dtype="<f4").reshape(-1, channels), info


def test_stereo_frames_decode_to_the_mono_stream_on_both_sides(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    audio, rate = sf.read(shared_fixtures / "audio" / "di_gojira_left.wav", dtype="float32")
    mono = np.ascontiguousarray(audio[:, 0])
    # long enough for ffmpeg's fill elements (its name, every 256 frames) to appear
    mono = np.tile(mono, 4)
    mono_adts = AacEncode(mono, rate, tmp_path / "out.aac").wait()
    stereo, info = _decode(stereo_adts(mono_adts, tmp_path / "stereo.aac"), 2)
    assert "Audio: aac (LC), 48000 Hz, stereo" in info
    np.testing.assert_array_equal(stereo[:, 0], stereo[:, 1])
    # the same bytes as mono decode to the same samples, and they are the montage
    mono_path = tmp_path / "mono.aac"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "-",
         "-c:a", "aac", "-aac_coder", "fast", "-aac_pns", "0", "-b:a", "128k", "-f", "adts",
         str(mono_path)],
        input=mono.astype("<f4").tobytes(),
        check=True,
    )  # fmt: skip
    decoded, _ = _decode(mono_path, 1)
    np.testing.assert_array_equal(stereo[:, 0], decoded[:, 0])
    delay = 1024  # AAC's encoder delay, in an ADTS stream not trimmed
    n = mono.shape[0]
    error = stereo[delay : delay + n, 0] - mono[: stereo.shape[0] - delay]
    assert float(np.sqrt(np.mean(error**2))) < 0.05 * float(np.sqrt(np.mean(mono**2)))


def test_frames_that_are_not_mono_are_refused(tmp_path: Path) -> None:
    mono = AacEncode(np.zeros(48_000, np.float32), 48_000, tmp_path / "a.aac").wait()
    stereo = stereo_adts(mono, tmp_path / "stereo.aac")
    with pytest.raises(AacFrameError, match="mono is expected"):
        mono_adts_to_stereo(stereo.read_bytes())
    with pytest.raises(AacFrameError, match="no ADTS frame"):
        mono_adts_to_stereo(b"RIFF....WAVE")


def test_the_m4a_holds_the_aac_as_it_was_encoded(tmp_path: Path) -> None:
    rate = 48_000
    tone = (0.3 * np.sin(2 * np.pi * 220 * np.arange(3 * rate) / rate)).astype(np.float32)
    adts = AacEncode(tone, rate, tmp_path / "a.aac").wait()
    adts_to_m4a(adts, tmp_path / "a.m4a")
    from_m4a, info = _decode(tmp_path / "a.m4a", 1)
    from_adts, _ = _decode(adts, 1)
    assert "Audio: aac (LC) (mp4a" in info
    assert "mono" in info
    np.testing.assert_array_equal(from_m4a, from_adts[: from_m4a.shape[0]])
    assert abs(from_m4a.shape[0] - tone.shape[0]) <= 2048  # within AAC's delay and last frame


def test_a_broken_adts_file_fails_the_m4a_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.aac"
    broken.write_bytes(b"not an AAC stream at all" * 10)
    with pytest.raises(RuntimeError, match="ffmpeg failed"):
        adts_to_m4a(broken, tmp_path / "out.m4a")
    assert not (tmp_path / "out.m4a").exists()


def test_a_failed_encode_says_why_and_a_killed_one_leaves_nothing(tmp_path: Path) -> None:
    failing = AacEncode(np.zeros(48_000, np.float32), 48_000, tmp_path / "missing" / "a.aac")
    with pytest.raises(RuntimeError, match=r"ffmpeg \(aac\) failed"):
        failing.wait()
    long = AacEncode(np.zeros(48_000 * 600, np.float32), 48_000, tmp_path / "long.aac")
    long.kill()
    assert long._process.poll() is not None
    assert list(tmp_path.iterdir()) == []
