from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_audio.di import PEAK_POINTS, DIFormatError, probe_di


def _write(path: Path, seconds: float, rate: int = 48_000, channels: int = 1, **kw: str) -> Path:
    frames = int(seconds * rate)
    t = np.arange(frames) / rate
    # a ramped sine: the peaks must rise from start to end
    mono = (np.sin(2 * np.pi * 220 * t) * np.linspace(0.05, 0.9, frames)).astype(np.float32)
    data = np.stack([mono] * channels, axis=1) if channels > 1 else mono
    sf.write(str(path), data, rate, **kw)
    return path


@pytest.mark.parametrize(
    ("name", "fmt", "kwargs"),
    [
        ("a.wav", "wav", {"subtype": "PCM_24"}),
        ("a.flac", "flac", {}),
        ("a.aiff", "aiff", {"subtype": "PCM_16"}),
        ("a.ogg", "ogg", {"subtype": "VORBIS"}),
        ("a.mp3", "mp3", {"format": "MP3"}),
    ],
)
def test_probe_reads_every_accepted_format(
    tmp_path: Path, name: str, fmt: str, kwargs: dict[str, str]
) -> None:
    info = probe_di(_write(tmp_path / name, 2.0, channels=2, **kwargs))
    assert info.format == fmt
    assert info.channels == 2
    assert info.sample_rate == 48_000
    assert info.seconds == pytest.approx(2.0, abs=0.01)
    assert len(info.peaks) == PEAK_POINTS
    assert info.peaks[-1] > info.peaks[0] * 5
    assert max(info.peaks) == pytest.approx(0.9, abs=0.02)


def test_too_long_file_is_refused_naming_the_duration(tmp_path: Path) -> None:
    path = _write(tmp_path / "long.wav", 3.0, rate=8_000)
    with pytest.raises(DIFormatError) as caught:
        probe_di(path, max_seconds=2.0)
    assert (caught.value.field, caught.value.code) == ("duration", "too_long")
    assert "3.0 s" in str(caught.value)


def test_non_audio_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_bytes(b"this is not audio at all" * 100)
    with pytest.raises(DIFormatError) as caught:
        probe_di(path)
    assert caught.value.code == "not_audio"


def test_more_than_two_channels_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DIFormatError) as caught:
        probe_di(_write(tmp_path / "surround.wav", 1.0, channels=4))
    assert caught.value.field == "channels"


def test_real_di_fixture_probes(shared_fixtures: Path) -> None:
    path = shared_fixtures / "audio" / "di_gojira_left.wav"
    info = probe_di(path)
    expected = sf.info(str(path))
    assert info.frames == expected.frames
    assert info.sample_rate == expected.samplerate
    assert 0 < max(info.peaks) <= 1
