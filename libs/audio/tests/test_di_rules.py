"""The DI rules both the upload and the renderer apply: bounds, and the channel that renders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_audio.di import probe_di
from gts_audio.di_channel import DI_CHANNELS, pick_channel
from gts_audio.di_rules import MAX_DI_SECONDS, MIN_DI_SECONDS, DIFormatError, check_di_shape

RATE = 8_000


def _silence(path: Path, frames: int) -> Path:
    sf.write(str(path), np.full(frames, 0.1, dtype=np.float32), RATE, subtype="PCM_16")
    return path


def test_a_di_at_the_lower_bound_probes_and_one_frame_less_is_refused(tmp_path: Path) -> None:
    shortest = round(MIN_DI_SECONDS * RATE)
    assert probe_di(_silence(tmp_path / "min.wav", shortest)).frames == shortest
    with pytest.raises(DIFormatError) as caught:
        probe_di(_silence(tmp_path / "under.wav", shortest - 1))
    assert (caught.value.field, caught.value.code) == ("duration", "too_short")
    assert f"minimum of {MIN_DI_SECONDS:g} s" in caught.value.message


def test_a_service_cannot_raise_the_longest_di_past_the_shared_limit() -> None:
    frames = round(MAX_DI_SECONDS * RATE) + 1
    with pytest.raises(DIFormatError) as caught:
        check_di_shape(RATE, 1, frames, max_seconds=MAX_DI_SECONDS * 2)
    assert (caught.value.field, caught.value.code) == ("duration", "too_long")
    check_di_shape(RATE, 2, frames - 1, max_seconds=MAX_DI_SECONDS * 2)


def _stereo() -> np.ndarray:
    t = np.arange(RATE) / RATE
    left = 0.5 * np.sin(2 * np.pi * 110 * t)
    right = 0.3 * np.sin(2 * np.pi * 330 * t)
    return np.stack([left, right], axis=1).astype(np.float32)


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        ("left", lambda x: x[:, 0]),
        ("right", lambda x: x[:, 1]),
        ("mix", lambda x: (x[:, 0].astype(np.float64) + x[:, 1]) / 2),
    ],
)
def test_each_choice_reads_its_channel_of_a_stereo_di(channel: str, expected) -> None:  # type: ignore[no-untyped-def]
    frames = _stereo()
    mono = pick_channel(frames, channel)
    assert mono.dtype == np.float32
    assert mono.shape == (frames.shape[0],)
    np.testing.assert_allclose(mono, expected(frames), atol=1e-7)


@pytest.mark.parametrize("channel", DI_CHANNELS)
def test_every_choice_reads_the_one_channel_of_a_mono_di(channel: str) -> None:
    mono = _stereo()[:, :1]
    np.testing.assert_array_equal(pick_channel(mono, channel), mono[:, 0])


def test_an_unknown_channel_is_refused_naming_the_field() -> None:
    with pytest.raises(DIFormatError) as caught:
        pick_channel(_stereo(), "up")
    assert (caught.value.field, caught.value.code) == ("channel", "invalid_channel")
    assert "left, right, mix" in caught.value.message
