"""A render service's first job should cost what every later one does: this renders a tiny
job (synthesized capture, IR and DI; montage, pictures and video) once at start-up, so the
engine's first-use costs (imports, fonts, the encoders' start, the worker pool's kernels,
the playhead's slices) are paid before any user waits on them."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

from gts_engine.amp_runner import AmpRunner
from gts_engine.job import RenderResult, render_job
from gts_engine.spec import AmpBlock, ChainSpec, IRBlock, RenderJobSpec
from gts_engine.video import prime_video
from gts_nam import synthesize_nam

RATE = 48_000


def _wav(samples: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, samples.astype(np.float32), RATE, format="WAV", subtype="FLOAT")
    return buffer.getvalue()


def warm_job() -> RenderJobSpec:
    """Two chains of a synthesized standard capture and IRs over 3 s of plucked tones."""
    t = np.arange(3 * RATE) / RATE
    di = 0.3 * np.sin(2 * np.pi * 110.0 * t) * np.exp(-(t % 0.5) * 6.0)
    ir = np.exp(-np.arange(2_400) / 300.0) * np.cos(np.arange(2_400) * 0.3)
    nam = synthesize_nam("standard", seed=7)
    chains = [
        ChainSpec(name, [AmpBlock(nam, "amp", "warm-up"), IRBlock(_wav(ir * gain))])
        for name, gain in (("A", 0.5), ("B", 0.25))
    ]
    return RenderJobSpec(_wav(di), chains, di_name="warm-up")


def warm_up_engine(amp: AmpRunner) -> RenderResult:
    """Render `warm_job` with `amp` into a temporary folder, removed after, and build the
    video's playhead slices."""
    prime_video()
    with tempfile.TemporaryDirectory(prefix="gts-warm-") as tmp:
        return render_job(warm_job(), Path(tmp) / "out", amp=amp)
