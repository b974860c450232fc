"""The DI as the renderer reads it: the upload's bounds, and the channel the user chose."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import numpy as np
import pytest
import soundfile as sf

import gts_contracts
from gts_audio.di import MAX_DI_SECONDS, MIN_DI_SECONDS, DIFormatError, probe_di
from gts_engine.audio_io import AudioInputError, read_di
from gts_engine.job import CachedAmp, render_job
from gts_engine.prepare import RenderInputError, prepare_job
from gts_engine.spec import AmpBlock, ChainSpec, IRBlock, RenderJobSpec, RenderOptions
from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

RATE = 48_000
LOW_RATE = 8_000
CHANNELS = ("left", "right", "mix")


def _accepted(check: Callable[[Any], object], refusal: type[Exception], value: object) -> bool:
    """Whether `check(value)` returns rather than raising `refusal`."""
    try:
        check(value)
    except refusal:
        return False
    return True


@pytest.mark.parametrize(
    "frames",
    [
        round(MIN_DI_SECONDS * LOW_RATE) - 1,
        round(MIN_DI_SECONDS * LOW_RATE),
        round(MAX_DI_SECONDS * LOW_RATE),
        round(MAX_DI_SECONDS * LOW_RATE) + 1,
    ],
    ids=["under-min", "min", "max", "over-max"],
)
def test_upload_and_render_agree_on_every_duration_bound(tmp_path: Path, frames: int) -> None:
    path = tmp_path / "di.wav"
    sf.write(str(path), np.full(frames, 0.1, dtype=np.float32), LOW_RATE, subtype="PCM_16")
    at_upload = _accepted(probe_di, DIFormatError, path)
    assert at_upload == _accepted(read_di, AudioInputError, path.read_bytes())


def test_the_channel_choices_of_the_contract_are_the_ones_the_engine_reads() -> None:
    from gts_audio.di_channel import DI_CHANNELS

    assert set(get_args(gts_contracts.DIChannel)) == set(DI_CHANNELS) == set(CHANNELS)


def _chains(make_wav: WavMaker) -> list[ChainSpec]:
    t = np.arange(2400) / RATE
    cab = make_wav(np.exp(-t * 300) * np.cos(2 * np.pi * 2500 * t), RATE)
    nano = synthesize_nam("nano", seed=1)
    return [
        ChainSpec("Nano", [AmpBlock(nano, "amp", "nano"), IRBlock(cab, "cab")]),
        ChainSpec("Nano hot", [AmpBlock(nano, "amp", "nano"), IRBlock(cab, "cab")], 6.0),
    ]


def test_a_di_at_the_lower_bound_renders(
    tmp_path: Path,
    make_wav: WavMaker,
    guitar_like,  # type: ignore[no-untyped-def]
) -> None:
    seconds = round(MIN_DI_SECONDS * RATE) / RATE
    di = make_wav(guitar_like(seconds, RATE, 3), RATE, "PCM_24")
    options = RenderOptions(segment_seconds=1.0, video=False, pictures=False)
    result = render_job(
        RenderJobSpec(di, _chains(make_wav), options), tmp_path / "out", amp=CachedAmp(workers=1)
    )
    rendered = [sf.info(str(f)) for f in result.out_dir.glob("*.flac")]
    assert rendered
    assert all(info.duration >= MIN_DI_SECONDS - 1e-9 for info in rendered)


def _two_takes(seconds: float = 1.5) -> np.ndarray:
    """A stereo DI whose channels differ: a low note on the left, a high one on the right."""
    t = np.arange(round(seconds * RATE)) / RATE
    left = 0.5 * np.sin(2 * np.pi * 82.4 * t) * np.exp(-t)
    right = 0.4 * np.sin(2 * np.pi * 659.3 * t) * np.exp(-2 * t)
    return np.stack([left, right], axis=1).astype(np.float32)


def _expected(frames: np.ndarray, channel: str) -> np.ndarray:
    if channel == "left":
        return frames[:, 0]
    if channel == "right":
        return frames[:, 1]
    return (frames[:, 0].astype(np.float64) + frames[:, 1]) / 2


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_render_reads_the_chosen_channel_of_a_stereo_di(
    make_wav: WavMaker, channel: str
) -> None:
    frames = _two_takes()
    spec = RenderJobSpec(make_wav(frames, RATE), _chains(make_wav), di_channel=channel)  # type: ignore[arg-type]
    prepared = prepare_job(spec)
    np.testing.assert_allclose(prepared.di, _expected(frames, channel), atol=1e-7)


def test_a_spec_without_a_channel_reads_the_left_one(make_wav: WavMaker) -> None:
    frames = _two_takes()
    prepared = prepare_job(RenderJobSpec(make_wav(frames, RATE), _chains(make_wav)))
    np.testing.assert_array_equal(prepared.di, frames[:, 0])


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_choice_reads_a_mono_di(make_wav: WavMaker, channel: str) -> None:
    mono = _two_takes()[:, 0]
    di, rate = read_di(make_wav(mono, RATE), channel=channel)
    assert rate == RATE
    np.testing.assert_array_equal(di, mono)


def test_an_unknown_channel_fails_the_job_naming_the_field(make_wav: WavMaker) -> None:
    spec = RenderJobSpec(make_wav(_two_takes(), RATE), _chains(make_wav), di_channel="up")  # type: ignore[arg-type]
    with pytest.raises(RenderInputError) as caught:
        prepare_job(spec)
    assert (caught.value.code, caught.value.field) == ("INVALID_DI", "di.channel")


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_real_stereo_di_reads_the_chosen_channel(shared_fixtures: Path, channel: str) -> None:
    data = (shared_fixtures / "audio" / "di_gojira_left.wav").read_bytes()
    frames, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    assert frames.shape[1] == 2
    di, di_rate = read_di(data, channel=channel)
    assert di_rate == rate
    np.testing.assert_allclose(di, _expected(frames, channel), atol=1e-7)


def test_gts_render_reads_the_channel_its_option_names(
    tmp_path: Path, make_wav: WavMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    from gts_cli.main import main

    frames = _two_takes(2.0)
    frames[:, 0] = np.nan  # a left channel that fails the render if it is read
    di = tmp_path / "stereo.wav"
    sf.write(str(di), frames, RATE, subtype="FLOAT")
    nam = tmp_path / "amp.nam"
    nam.write_bytes(synthesize_nam("nano", seed=1))
    t = np.arange(2400) / RATE
    ir = tmp_path / "cab.wav"
    ir.write_bytes(make_wav(np.exp(-t * 300) * np.cos(2 * np.pi * 2500 * t), RATE))
    argv = ["render", "--di", str(di), "--chain", f"A={nam},{ir}", "--chain", f"B={nam},{ir}"]
    argv += ["--no-video", "--no-pictures"]
    codes = {}
    for channel in ("right", "left"):
        with pytest.raises(SystemExit) as exited:
            main([*argv, "--channel", channel, "-o", str(tmp_path / channel)])
        codes[channel] = (exited.value.code or 0, capsys.readouterr().err)
    assert codes["right"][0] == 0, codes["right"][1]
    assert codes["left"][0] == 2
    assert "di: the samples contain NaN" in codes["left"][1]
