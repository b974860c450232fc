"""Exactness: every official reference output reproduced to 1e-5 per sample."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from gts_engine.nam import load_model
from gts_nam import parse_nam

from .test_golden_a2 import A2_REFERENCES

MODELS = ("jcm800_capture3", "tiny_lstm", "tiny_wavenet", "wavenet_nano")
INPUTS = ("di_gojira_left", "nam_core_input")
TOLERANCE = 1e-5


def _first_channel(path: Path) -> np.ndarray:
    audio, _ = sf.read(path, dtype="float32", always_2d=True)
    return np.ascontiguousarray(audio[:, 0])


def test_every_reference_file_is_covered(shared_fixtures: Path) -> None:
    present = {p.stem for p in (shared_fixtures / "reference").glob("*.wav")}
    covered = {f"{m}__{i}" for m in MODELS for i in INPUTS}
    assert covered <= present, f"references missing: {sorted(covered - present)}"
    assert present >= A2_REFERENCES, f"references missing: {sorted(A2_REFERENCES - present)}"
    untested = present - covered - A2_REFERENCES
    assert not untested, f"references without a golden test: {sorted(untested)}"


def test_output_matches_the_official_implementation(shared_fixtures: Path) -> None:
    errors: dict[str, float] = {}
    for model in MODELS:
        nam = parse_nam((shared_fixtures / "nam" / f"{model}.nam").read_bytes())
        for input_name in INPUTS:
            reference = shared_fixtures / "reference" / f"{model}__{input_name}.wav"
            assert reference.exists(), f"reference {reference.name} missing"
            x = _first_channel(shared_fixtures / "audio" / f"{input_name}.wav")
            expected, rate = sf.read(reference, dtype="float32")
            assert rate == nam.sample_rate
            y = load_model(nam).process(x)
            assert y.dtype == np.float32
            assert y.shape == expected.shape
            errors[reference.stem] = float(np.max(np.abs(y - expected)))
    assert len(errors) == len(MODELS) * len(INPUTS) == 8
    worst = max(errors, key=errors.__getitem__)
    assert errors[worst] <= TOLERANCE, f"{worst}: max abs error {errors[worst]:.3g}"
