"""Exactness: every official reference output reproduced to 1e-5 per sample."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_nam import parse_nam
from render.engine.nam import load_model

MODELS = ("jcm800_capture3", "tiny_lstm", "tiny_wavenet", "wavenet_nano")
INPUTS = ("di_gojira_left", "nam_core_input")
TOLERANCE = 1e-5


def _first_channel(path: Path) -> np.ndarray:
    audio, _ = sf.read(path, dtype="float32", always_2d=True)
    return np.ascontiguousarray(audio[:, 0])


def test_every_reference_file_is_covered(shared_fixtures: Path) -> None:
    present = {p.stem for p in (shared_fixtures / "reference").glob("*.wav")}
    covered = {f"{m}__{i}" for m in MODELS for i in INPUTS}
    assert present <= covered, f"references without a golden test: {sorted(present - covered)}"


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("input_name", INPUTS)
def test_output_matches_the_official_implementation(
    shared_fixtures: Path, model: str, input_name: str
) -> None:
    reference = shared_fixtures / "reference" / f"{model}__{input_name}.wav"
    if not reference.exists():
        pytest.skip(f"no reference {reference.name}")
    nam = parse_nam((shared_fixtures / "nam" / f"{model}.nam").read_bytes())
    x = _first_channel(shared_fixtures / "audio" / f"{input_name}.wav")
    expected, rate = sf.read(reference, dtype="float32")
    assert rate == nam.sample_rate
    y = load_model(nam).process(x)
    assert y.dtype == np.float32
    assert y.shape == expected.shape
    error = float(np.max(np.abs(y - expected)))
    assert error <= TOLERANCE, f"max abs error {error:.3g}"
