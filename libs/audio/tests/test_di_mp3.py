"""MP3 DI recordings: probed like the lossless formats, their length from the decoded frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_audio.di import PEAK_POINTS, DIFormatError, probe_di


def _encode_fixture(shared_fixtures: Path, path: Path) -> tuple[int, int, float]:
    """The real DI fixture encoded as MP3 at `path`; returns the source's rate (Hz), channels
    and duration (seconds)."""
    audio, rate = sf.read(
        str(shared_fixtures / "audio" / "di_gojira_left.wav"), dtype="float32", always_2d=True
    )
    sf.write(str(path), audio, rate, format="MP3")
    return int(rate), audio.shape[1], len(audio) / rate


def test_real_di_encoded_as_mp3_probes_with_the_source_rate_and_duration(
    shared_fixtures: Path, tmp_path: Path
) -> None:
    # a name without a suffix, as the upload spools it: the format comes from the bytes
    path = tmp_path / "spooled"
    rate, channels, seconds = _encode_fixture(shared_fixtures, path)
    info = probe_di(path)
    assert info.format == "mp3"
    assert info.subtype == "MPEG_LAYER_III"
    assert (info.sample_rate, info.channels) == (rate, channels)
    assert info.seconds == pytest.approx(seconds, abs=0.05)
    assert len(info.peaks) == PEAK_POINTS
    assert 0.05 < max(info.peaks) <= 1


def test_truncated_mp3_reports_the_frames_it_decodes_not_its_header_claim(tmp_path: Path) -> None:
    rate = 44_100
    t = np.arange(4 * rate) / rate
    full = tmp_path / "full.mp3"
    sf.write(str(full), (0.5 * np.sin(2 * np.pi * 196 * t)).astype(np.float32), rate)
    data = full.read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(data[: len(data) // 2])
    assert sf.info(str(cut)).duration == pytest.approx(4.0, abs=0.05)  # the header still says 4 s
    info = probe_di(cut)
    assert info.seconds == pytest.approx(2.0, abs=0.2)
    # the peaks slice what is there: the last slice is as loud as the first
    assert info.peaks[-1] == pytest.approx(info.peaks[0], abs=0.05)


def test_text_named_mp3_is_refused_as_not_audio(tmp_path: Path) -> None:
    path = tmp_path / "riff.mp3"
    path.write_bytes(b"ID3 but not really an MP3 " * 200)
    with pytest.raises(DIFormatError) as caught:
        probe_di(path)
    assert (caught.value.field, caught.value.code) == ("file", "not_audio")
    assert "MP3" in caught.value.message
