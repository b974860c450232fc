"""run_amp: the amp stage of a chain, from a DI at any rate to the model's output."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Floats
from gts_engine.nam.model import load_model
from gts_engine.nam.parallel import (
    COLD_SPLIT_SAMPLES,
    MIN_SPLIT_SAMPLES,
    default_workers,
    process_split,
)
from gts_engine.nam.pieces import splittable
from gts_engine.resample import fit_length, resample
from gts_nam import LinearConfig, NamFile


def run_amp(
    nam: NamFile,
    audio: npt.ArrayLike,
    sample_rate: int,
    *,
    input_gain_db: float = 0.0,
    workers: int | None = None,
    progress: Callable[[float], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> Floats:
    """Mono float32 DI at `sample_rate` Hz to the raw model output, same rate and length.

    Applies `input_gain_db` (dB) first, resamples to the model's rate and back when they
    differ, and splits a long input across `workers` processes (default: all cores) for
    a WaveNet (A1 or A2) or ConvNet: an LSTM keeps state and runs in one pass, a Linear (an
    FFT) is too cheap to split. `pool`, a long-lived worker_pool, makes splitting pay from
    2 s of audio; without one, from 30 s. `progress` gets the fraction done, 0..1.
    """
    x = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
    n = x.shape[0]
    if input_gain_db != 0.0:
        x = x * np.float32(10.0 ** (input_gain_db / 20.0))
    u = resample(x, sample_rate, nam.sample_rate)
    del x  # whole-file arrays go as soon as they are used: memory stays at ~3 file copies
    count = default_workers() if workers is None else max(1, workers)
    split_from = MIN_SPLIT_SAMPLES if pool is not None else COLD_SPLIT_SAMPLES
    split = splittable(nam) and not isinstance(nam.config, LinearConfig)
    if count > 1 and split and u.shape[0] >= split_from:
        y = process_split(nam, u, workers=count, progress=progress, pool=pool)
    else:
        y = load_model(nam).process(u, progress)
    del u
    return fit_length(resample(y, nam.sample_rate, sample_rate), n)
