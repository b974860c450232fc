"""The mono AAC stream made stereo: both channels decode to exactly the mono stream."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_engine.aac_stereo import AacFrameError, mono_adts_to_stereo
from gts_engine.audio_io import ffmpeg_exe
from gts_engine.encode import Encode


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
    encode = Encode(mono, rate, tmp_path / "out.aac", "aac")
    stereo_path = encode.wait()
    assert not (tmp_path / "out.mono.aac").exists()
    stereo, info = _decode(stereo_path, 2)
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
    stereo = Encode(np.zeros(48_000, np.float32), 48_000, tmp_path / "a.aac", "aac").wait()
    with pytest.raises(AacFrameError, match="mono is expected"):
        mono_adts_to_stereo(stereo.read_bytes())
    with pytest.raises(AacFrameError, match="no ADTS frame"):
        mono_adts_to_stereo(b"RIFF....WAVE")
