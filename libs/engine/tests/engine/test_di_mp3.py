"""An MP3 DI renders like any other: decoded from bytes, the upload's length, every chain."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_audio.di import probe_di
from gts_cli.main import main
from gts_engine.audio_io import read_di, run_ffmpeg
from gts_engine.job import CachedAmp, render_job
from gts_engine.spec import AmpBlock, ChainSpec, IRBlock, RenderJobSpec, RenderOptions
from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

RATE = 48_000


def _fixture_as_mp3(shared_fixtures: Path, path: Path, *ffmpeg_options: str) -> float:
    """Encode the real DI fixture to `path` with the bundled ffmpeg; the source's seconds."""
    source = shared_fixtures / "audio" / "di_gojira_left.wav"
    run_ffmpeg(["-i", str(source), "-c:a", "libmp3lame", *ffmpeg_options, str(path)])
    return float(sf.info(str(source)).duration)


def _cab(make_wav: WavMaker) -> bytes:
    t = np.arange(2400) / RATE
    return make_wav(np.exp(-t * 300) * np.cos(2 * np.pi * 2500 * t), RATE)


def test_a_job_whose_di_is_mp3_renders_every_chain_at_the_di_length(
    tmp_path: Path, shared_fixtures: Path, make_wav: WavMaker
) -> None:
    mp3 = tmp_path / "di.mp3"
    seconds = _fixture_as_mp3(shared_fixtures, mp3, "-b:a", "192k")
    nano = synthesize_nam("nano", seed=1)
    chains = [
        ChainSpec(name, [AmpBlock(nano, "amp", "nano"), IRBlock(_cab(make_wav), "cab")], gain)
        for name, gain in (("Nano", 0.0), ("Nano hot", 6.0))
    ]
    options = RenderOptions(segment_seconds=1.0, video=False, pictures=False)
    result = render_job(
        RenderJobSpec(mp3.read_bytes(), chains, options, "mp3 riff", "mix"),
        tmp_path / "out",
        amp=CachedAmp(workers=1),
    )
    rendered = sorted(result.out_dir.glob("chain-*.flac"))
    assert len(rendered) == 2
    for path in rendered:
        info = sf.info(str(path))
        assert info.samplerate == RATE
        assert info.duration == pytest.approx(seconds, abs=0.05)
        audio, _ = sf.read(str(path), dtype="float32")
        assert np.abs(audio).max() > 0.01


def test_vbr_mp3_without_a_length_header_is_as_long_at_render_as_at_upload(
    tmp_path: Path, shared_fixtures: Path
) -> None:
    # without a Xing header the stream's length is a guess from its first frame
    mp3 = tmp_path / "vbr.mp3"
    seconds = _fixture_as_mp3(shared_fixtures, mp3, "-q:a", "4", "-write_xing", "0")
    assert abs(sf.info(str(mp3)).duration - seconds) > 0.5  # the guess is wrong
    uploaded = probe_di(mp3)
    di, rate = read_di(mp3.read_bytes())
    assert (uploaded.sample_rate, uploaded.format) == (rate, "mp3")
    assert uploaded.frames == len(di)
    assert uploaded.seconds == pytest.approx(seconds, abs=0.1)


def test_gts_render_takes_an_mp3_di(
    tmp_path: Path,
    shared_fixtures: Path,
    make_wav: WavMaker,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mp3 = tmp_path / "riff.mp3"
    seconds = _fixture_as_mp3(shared_fixtures, mp3, "-b:a", "160k")
    nam = tmp_path / "amp.nam"
    nam.write_bytes(synthesize_nam("nano", seed=2))
    ir = tmp_path / "cab.wav"
    ir.write_bytes(_cab(make_wav))
    out = tmp_path / "out"
    argv = ["render", "--di", str(mp3), "--chain", f"A={nam},{ir}", "--chain", f"B={nam},{ir}"]
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--no-video", "--no-pictures", "-o", str(out)])
    assert (exited.value.code or 0) == 0, capsys.readouterr().err
    durations = [sf.info(str(p)).duration for p in out.glob("chain-*.flac")]
    assert durations == pytest.approx([seconds, seconds], abs=0.05)
