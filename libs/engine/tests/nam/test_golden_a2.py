"""Exactness of A2 models: NAM Core's references reproduced within the fixtures' bound."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_engine.nam import load_model
from gts_engine.nam.amp_stage import run_amp
from gts_engine.nam.wavenet_a2 import A2WaveNetRunner
from gts_nam import NamFile, parse_nam
from gts_nam.a2_config import A2WaveNet, SlimmableContainer
from gts_nam.parse_a2 import parse_nam_a2

INPUTS = ("di_gojira_left", "nam_core_input")
# (model, slim value or None for NAM Core's default, reference name suffix)
CASES = (
    ("a2_container", None, ""),
    ("a2_container", 0.0, "__slim0"),
    ("a2_wavenet_max", None, ""),
    ("a2_condition_dsp", None, ""),
)
A2_REFERENCES = frozenset(f"{m}{suffix}__{i}" for m, _, suffix in CASES for i in INPUTS)
TOLERANCE = 1e-5  # absolute, scaled by the reference's peak where that exceeds 1


def _first_channel(path: Path) -> np.ndarray:
    audio, _ = sf.read(path, dtype="float32", always_2d=True)
    return np.ascontiguousarray(audio[:, 0])


def _model(shared_fixtures: Path, name: str, slim: float | None) -> A2WaveNet:
    model = parse_nam_a2((shared_fixtures / "nam" / f"{name}.nam").read_bytes())
    if isinstance(model, SlimmableContainer):
        return model.select(slim)
    return model


def _nam(shared_fixtures: Path, name: str, slim: float | None) -> NamFile:
    nam = parse_nam((shared_fixtures / "nam" / f"{name}.nam").read_bytes())
    return nam if slim is None else nam.with_slim(slim)


@pytest.mark.parametrize(("name", "slim", "suffix"), CASES)
def test_a2_output_matches_nam_core(
    shared_fixtures: Path, name: str, slim: float | None, suffix: str
) -> None:
    nam = _nam(shared_fixtures, name, slim)
    assert nam.is_a2
    model = load_model(nam)
    for input_name in INPUTS:
        reference = shared_fixtures / "reference" / f"{name}{suffix}__{input_name}.wav"
        expected, rate = sf.read(reference, dtype="float32")
        assert rate == nam.sample_rate
        y = model.process(_first_channel(shared_fixtures / "audio" / f"{input_name}.wav"))
        assert y.dtype == np.float32
        assert y.shape == expected.shape
        bound = TOLERANCE * max(1.0, float(np.max(np.abs(expected))))
        error = float(np.max(np.abs(y - expected)))
        assert error <= bound, f"{reference.stem}: max abs error {error:.3g} > {bound:.3g}"


def test_block_length_does_not_change_the_output(shared_fixtures: Path) -> None:
    """Blocks carry receptive_field - 1 samples of history: the same output as one pass."""
    nam = _nam(shared_fixtures, "a2_condition_dsp", None)
    x = _first_channel(shared_fixtures / "audio" / "nam_core_input.wav")
    whole = A2WaveNetRunner(_model(shared_fixtures, "a2_condition_dsp", None)).process(x)
    blocks = load_model(nam, block=997).process(x)
    np.testing.assert_allclose(blocks, whole, rtol=0, atol=1e-6)


def test_run_amp_runs_the_selected_submodel(shared_fixtures: Path) -> None:
    nam = _nam(shared_fixtures, "a2_container", 0.0)
    x = _first_channel(shared_fixtures / "audio" / "nam_core_input.wav")
    expected, _ = sf.read(
        shared_fixtures / "reference" / "a2_container__slim0__nam_core_input.wav", dtype="float32"
    )
    y = run_amp(nam, x, nam.sample_rate, workers=2)
    assert float(np.max(np.abs(y - expected))) <= TOLERANCE


def test_container_picks_submodels_by_slim_value(shared_fixtures: Path) -> None:
    container = parse_nam_a2((shared_fixtures / "nam" / "a2_container.nam").read_bytes())
    assert isinstance(container, SlimmableContainer)
    small, large = (s.model for s in container.submodels)
    assert [s.max_value for s in container.submodels] == [0.5, 1.0]
    assert container.select(None) is large
    assert container.select(0.0) is small
    assert container.select(0.5) is small
    assert container.select(0.51) is large
    assert container.select(1.0) is large
    assert small.arrays[0].channels == 3
    assert large.arrays[0].channels == 8


def test_output_does_not_depend_on_what_follows(shared_fixtures: Path) -> None:
    """Causal: a prefix of the input gives the prefix of the output (same zero history)."""
    runner = A2WaveNetRunner(_model(shared_fixtures, "a2_wavenet_max", None))
    x = _first_channel(shared_fixtures / "audio" / "nam_core_input.wav")[:20_000]
    whole = runner.process(x)
    head = runner.process(x[:7_000])
    np.testing.assert_allclose(head, whole[:7_000], rtol=0, atol=1e-5 * 16)
