"""Levels as the NAM plugin sets them: the render engine applies each capture's resolved gains
(dB) just before and just after it; the loudness match at the end is unchanged."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from gts_engine.arrays import Audio
from gts_engine.effects import apply_gain_db
from gts_engine.job import AmpInput, render_job
from gts_engine.nam import run_amp
from gts_engine.prepare import RenderInputError
from gts_engine.spec import AmpBlock, ChainSpec, IRBlock, RenderJobSpec, RenderOptions
from gts_engine.testing import WavMaker
from gts_nam import synthesize_nam

RATE = 48_000


def _rms_db(x: np.ndarray) -> float:
    return 20.0 * math.log10(float(np.sqrt(np.mean(np.square(x.astype(np.float64))))))


class MeasuringAmp:
    """Runs the real amp stage, applying the input gain itself first and recording, per call,
    the level (dB) of what the capture hears relative to the DI, and the capture's output."""

    def __init__(self, di: Audio) -> None:
        self.di_db = _rms_db(di)
        self.heard: list[float] = []
        self.outputs: list[Audio] = []

    def __call__(self, run: AmpInput, progress: object) -> Audio:
        heard = apply_gain_db(run.audio, run.input_gain_db)
        self.heard.append(_rms_db(heard) - self.di_db)
        out = run_amp(run.nam, heard, run.sample_rate, input_gain_db=0.0, workers=1)
        self.outputs.append(out)
        return out


@pytest.fixture
def di_audio(guitar_like) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.asarray(guitar_like(3.0, RATE, 3), dtype=np.float32)


def _job(di: bytes, chains: list[ChainSpec]) -> RenderJobSpec:
    options = RenderOptions(segment_seconds=1.0, video=False, pictures=False)
    return RenderJobSpec(di, chains, options, "synth.wav")


def test_capture_gains_are_applied_as_resolved_within_a_hundredth_of_a_db(
    tmp_path: Path, make_wav: WavMaker, di_audio: np.ndarray
) -> None:
    # hand-computed gains for a reference of 12 dBu:
    # calibrated input, input_level_dbu 18.3: 12 - 18.3 = -6.3 dB before the capture;
    # normalized output, loudness -22.5: -18 - (-22.5) = +4.5 dB after it
    rig = synthesize_nam("nano", seed=5, gear_type="amp_cab", loudness=-22.5, input_level_dbu=18.3)
    di = make_wav(di_audio, RATE, "FLOAT")
    chains = [
        ChainSpec("Raw", [AmpBlock(rig, "amp-cab", "rig")]),
        ChainSpec(
            "Calibrated",
            [AmpBlock(rig, "amp-cab", "rig", input_gain_db=-6.3, output_gain_db=4.5)],
            input_mode="calibrated",
            output_mode="normalized",
        ),
        # the same gain into the capture as a plain input trim, and no output gain
        ChainSpec("Trim", [AmpBlock(rig, "amp-cab", "rig")], input_gain_db=-6.3),
    ]
    amp = MeasuringAmp(di_audio)
    result = render_job(_job(di, chains), tmp_path / "out", amp=amp)

    raw_in, calibrated_in, trim_in = amp.heard
    assert abs(raw_in - 0.0) < 0.01
    assert abs(calibrated_in - (-6.3)) < 0.01
    assert abs(trim_in - (-6.3)) < 0.01
    # the capture heard the same signal as with the trim; its output then got +4.5 dB,
    # which the loudness match takes back: its matching gain is 4.5 dB lower than the trim's
    np.testing.assert_array_equal(amp.outputs[1], amp.outputs[2])
    gains = result.loudness.gains_db
    assert abs((gains[1] - gains[2]) - (-4.5)) < 0.01
    # the manifest says how the levels were set, and the resolved gains
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    levels = manifest["chains"][1]["levels"]
    assert (levels["input_mode"], levels["output_mode"], levels["reference_dbu"]) == (
        "calibrated",
        "normalized",
        12.0,
    )
    assert levels["captures"] == [{"input_gain_db": -6.3, "output_gain_db": 4.5}]
    assert manifest["chains"][0]["levels"]["input_mode"] == "raw"
    assert "[in -6.3 dB, out +4.5 dB]" in manifest["chains"][1]["blocks"][0]


def test_a_pedal_calibrated_on_both_sides_feeds_the_amp_its_analog_level(
    tmp_path: Path, make_wav: WavMaker, di_audio: np.ndarray
) -> None:
    # reference 12 dBu; pedal: input 10 dBu, output 8 dBu; amp: input 18 dBu, output 20 dBu.
    # pedal in 12 - 10 = +2, pedal out 8 - 12 = -4, amp in 12 - 18 = -6, amp out 20 - 12 = +8:
    # between them the amp hears the pedal's output at 8 - 18 = -10 dB, as the analog pair
    pedal = synthesize_nam("nano", seed=7, gear_type="pedal")
    amp_nam = synthesize_nam("nano", seed=8)
    cab = make_wav(np.r_[1.0, np.zeros(63)].astype(np.float32), RATE)
    di = make_wav(di_audio, RATE, "FLOAT")
    chain = ChainSpec(
        "Drive into amp",
        [
            AmpBlock(pedal, "pedal", "drive", input_gain_db=2.0, output_gain_db=-4.0),
            AmpBlock(amp_nam, "amp", "amp", input_gain_db=-6.0, output_gain_db=8.0),
            IRBlock(cab, "cab"),
        ],
        input_mode="calibrated",
        output_mode="calibrated",
    )
    other = ChainSpec("Amp", [AmpBlock(amp_nam, "amp", "amp"), IRBlock(cab, "cab")])
    amp = MeasuringAmp(di_audio)
    render_job(_job(di, [chain, other]), tmp_path / "out", amp=amp)
    pedal_in, amp_in, _ = amp.heard
    assert abs(pedal_in - 2.0) < 0.01
    # what the amp hears relative to the pedal's raw output: -4 + -6 = -10 dB
    pedal_out_db = _rms_db(amp.outputs[0]) - amp.di_db
    assert abs((amp_in - pedal_out_db) - (-10.0)) < 0.01


def test_a_capture_gain_out_of_range_is_refused_before_any_work(
    tmp_path: Path, make_wav: WavMaker, di_audio: np.ndarray
) -> None:
    rig = synthesize_nam("nano", seed=5, gear_type="amp_cab")
    di = make_wav(di_audio, RATE, "FLOAT")
    bad = ChainSpec("Bad", [AmpBlock(rig, "amp-cab", "rig", output_gain_db=float("nan"))])
    with pytest.raises(RenderInputError) as caught:
        render_job(_job(di, [bad]), tmp_path / "out")
    assert caught.value.field == "chains[0] (Bad).blocks[0].output_gain_db"
    assert not (tmp_path / "out").exists()
