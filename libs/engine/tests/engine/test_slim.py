"""A capture block's `slim` picks an A2 container's submodel, through the path the service uses
(render_job with a CachedAmp over one shared AmpCache), matching NAM Core's `--slim 0`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from gts_engine.job import AmpInput, CachedAmp, RenderResult, render_job
from gts_engine.nam import AmpCache, load_model
from gts_engine.prepare import RenderInputError
from gts_engine.spec import AmpBlock, ChainSpec, RenderJobSpec, RenderOptions
from gts_nam import parse_nam, synthesize_nam, synthesize_slimmable_wavenet

TOLERANCE = 1e-5  # the fixtures' bound (absolute)
OPTIONS = RenderOptions(segment_seconds=1.0, video=False, pictures=False)


class RecordingAmp:
    """The service's amp stage (CachedAmp over an AmpCache), remembering each output in order."""

    def __init__(self) -> None:
        self.inner = CachedAmp(AmpCache(), workers=1)
        self.outputs: list[np.ndarray] = []

    def __call__(self, run: AmpInput, progress: Callable[[float], None] | None) -> np.ndarray:
        out = self.inner(run, progress)
        self.outputs.append(np.array(out))
        return out


def _render_full_slim_full(
    tmp_path: Path, shared_fixtures: Path, nam: bytes, name: str, slim: float
) -> tuple[RecordingAmp, RenderResult]:
    """Render NAM Core's input through three chains of one capture: as it is, at `slim`, and
    at slim 1.0 (the same model as the first); the amp stage that ran them, and the result."""
    di = (shared_fixtures / "audio" / "nam_core_input.wav").read_bytes()
    chains = [
        ChainSpec("Full", [AmpBlock(nam, "amp-cab", name)]),
        ChainSpec("Slim", [AmpBlock(nam, "amp-cab", name, slim=slim)]),
        ChainSpec("Full again", [AmpBlock(nam, "amp-cab", name, slim=1.0)]),
    ]
    amp = RecordingAmp()
    result = render_job(RenderJobSpec(di, chains, OPTIONS), tmp_path / "out", amp=amp)
    return amp, result


def test_slim_zero_and_the_default_render_differently_in_one_job(
    tmp_path: Path, shared_fixtures: Path
) -> None:
    a2 = (shared_fixtures / "nam" / "a2_container.nam").read_bytes()
    amp, result = _render_full_slim_full(tmp_path, shared_fixtures, a2, "a2", 0.0)
    # slim 1.0 selects the same (largest) submodel as the default: the job renders it once
    full, lite = amp.outputs

    def reference(suffix: str) -> np.ndarray:
        path = shared_fixtures / "reference" / f"a2_container{suffix}__nam_core_input.wav"
        return sf.read(path, dtype="float32")[0]

    assert np.max(np.abs(lite - reference("__slim0"))) <= TOLERANCE
    assert np.max(np.abs(full - reference(""))) <= TOLERANCE
    assert np.max(np.abs(full - lite)) > 100 * TOLERANCE
    assert len(amp.inner.cache) == 2  # type: ignore[arg-type]
    # the chains as written differ too (the loudness gain each needed, their sound)
    gains = result.loudness.gains_db
    assert gains[0] == pytest.approx(gains[2])
    assert abs(gains[0] - gains[1]) > 0.01
    assert result.metrics[0].spectral_centroid_hz != result.metrics[1].spectral_centroid_hz


def test_slim_on_a_capture_that_is_no_container_is_refused_naming_the_block(
    tmp_path: Path, shared_fixtures: Path
) -> None:
    di = (shared_fixtures / "audio" / "nam_core_input.wav").read_bytes()
    chains = [ChainSpec("Nano", [AmpBlock(synthesize_nam("nano", seed=1), "amp-cab", slim=0.0)])]
    with pytest.raises(RenderInputError) as caught:
        render_job(RenderJobSpec(di, chains, OPTIONS), tmp_path / "out", amp=RecordingAmp())
    assert caught.value.code == "INVALID_NAM"
    assert caught.value.field == "chains[0] (Nano).blocks[0]"
    assert "SlimmableContainer" in caught.value.message
    assert not (tmp_path / "out").exists()


def test_slim_picks_a_slimmable_wavenets_channels_in_one_job(
    tmp_path: Path, shared_fixtures: Path
) -> None:
    nam = synthesize_slimmable_wavenet(4)
    amp, _ = _render_full_slim_full(tmp_path, shared_fixtures, nam, "slimmable", 0.4)
    full, slim = amp.outputs  # "Full again" is the same model: rendered once
    x = sf.read(shared_fixtures / "audio" / "nam_core_input.wav", dtype="float32")[0]
    parsed = parse_nam(nam)
    np.testing.assert_array_equal(slim, load_model(parsed.with_slim(0.4)).process(x))
    np.testing.assert_array_equal(full, load_model(parsed).process(x))
    assert len(amp.inner.cache) == 2  # type: ignore[arg-type]
