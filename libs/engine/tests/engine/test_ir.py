from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from gts_engine.cab import convolve_ir, load_ir
from gts_engine.ir import IRFormatError, probe_wav, validate_ir
from gts_engine.testing import WavMaker

RATE = 48_000


@pytest.mark.parametrize(
    ("subtype", "fmt", "bits"),
    [
        ("PCM_16", "pcm", 16),
        ("PCM_24", "pcm", 24),
        ("PCM_32", "pcm", 32),
        ("FLOAT", "float", 32),
        ("DOUBLE", "float", 64),
    ],
)
def test_accepted_sample_formats_probe_correctly(
    make_wav: WavMaker, subtype: str, fmt: str, bits: int
) -> None:
    info = validate_ir(make_wav(np.zeros((480, 2)) + 0.1, 44_100, subtype))
    assert (info.sample_format, info.bits_per_sample, info.channels) == (fmt, bits, 2)
    assert info.sample_rate == 44_100
    assert info.frames == 480


@pytest.mark.parametrize(
    ("frames", "rate", "subtype", "field"),
    [
        (np.zeros((100, 3)), RATE, "FLOAT", "channels"),
        (np.zeros(20), RATE, "FLOAT", "duration"),
        (np.zeros(RATE * 11), RATE, "PCM_16", "duration"),
        (np.zeros(480), 4_000, "FLOAT", "sample_rate"),
        (np.zeros(480), RATE, "PCM_U8", "bits_per_sample"),
    ],
)
def test_unusable_irs_are_rejected_naming_the_field(
    make_wav: WavMaker, frames: np.ndarray, rate: int, subtype: str, field: str
) -> None:
    with pytest.raises(IRFormatError) as caught:
        validate_ir(make_wav(frames, rate, subtype))
    assert caught.value.field == field


def test_non_wav_bytes_are_rejected() -> None:
    with pytest.raises(IRFormatError, match="not a WAV file"):
        validate_ir(b'{"version": "0.5.4"}')
    header = b"RIFF" + struct.pack("<I", 4) + b"WAVE"
    with pytest.raises(IRFormatError, match="fmt"):
        probe_wav(header)


def test_unit_impulse_ir_returns_the_input_exactly(make_wav: WavMaker) -> None:
    impulse = np.zeros(256)
    impulse[0] = 1.0
    ir = load_ir(make_wav(impulse, RATE), RATE)
    audio = np.random.default_rng(3).uniform(-0.9, 0.9, 5 * RATE).astype(np.float32)
    out = convolve_ir(audio, ir)
    assert out.shape == audio.shape
    np.testing.assert_allclose(out, audio, atol=1e-6)


def test_ir_keeps_its_own_level_unless_normalized(make_wav: WavMaker) -> None:
    impulse = np.zeros(480)
    impulse[0] = 0.25
    audio = np.full(RATE, 0.5, dtype=np.float32)
    assert convolve_ir(audio, load_ir(make_wav(impulse), RATE))[-1] == pytest.approx(0.125)
    normalized = load_ir(make_wav(impulse), RATE, normalize=True)
    assert float(np.sum(normalized.astype(np.float64) ** 2)) == pytest.approx(1.0, rel=1e-6)


def test_stereo_ir_is_mixed_down(make_wav: WavMaker) -> None:
    frames = np.zeros((100, 2))
    frames[0] = (1.0, 0.0)
    frames[5] = (0.0, 1.0)
    ir = load_ir(make_wav(frames), RATE)
    assert ir[0] == pytest.approx(0.5)
    assert ir[5] == pytest.approx(0.5)


def test_ir_is_resampled_to_the_render_rate_keeping_its_response(make_wav: WavMaker) -> None:
    # a smooth decaying IR, band-limited well below both Nyquists
    t = np.arange(4410) / 44_100
    ir44 = np.exp(-t * 40) * np.sin(2 * np.pi * 1000 * t)
    ir48 = load_ir(make_wav(ir44, 44_100), RATE)
    assert abs(ir48.shape[0] - round(4410 * RATE / 44_100)) <= 1

    # same DC-to-mid response: compare the gain at 1 kHz
    def gain_at(ir: np.ndarray, rate: int) -> float:
        n = np.arange(ir.shape[0]) / rate
        return float(np.abs(np.sum(ir * np.exp(-2j * np.pi * 1000 * n))) / rate)

    assert gain_at(ir48.astype(np.float64), RATE) == pytest.approx(gain_at(ir44, 44_100), rel=0.01)


def test_real_cab_irs_validate(shared_fixtures: Path) -> None:
    for path in sorted((shared_fixtures / "ir").glob("*.wav")):
        info = validate_ir(path.read_bytes())
        assert info.sample_rate == RATE
        assert info.channels == 1
        ir = load_ir(path.read_bytes(), RATE)
        assert ir.shape[0] == info.frames
        assert np.max(np.abs(ir)) > 0
