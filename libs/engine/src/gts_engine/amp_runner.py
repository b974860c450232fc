"""The amp stage's interface: what runs a capture over audio, and the engine's own runner
(`run_amp` on a worker pool, through an optional cache of renders)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from gts_engine.arrays import Audio
from gts_engine.nam import AmpCache, AmpKey, run_amp
from gts_engine.nam.cache import audio_sha256, model_key
from gts_nam import NamFile


@dataclass(frozen=True, slots=True)
class AmpInput:
    """One run of a capture: the model, mono float32 audio at `sample_rate` Hz, and the gain
    (dB) before the model; `di_sha256` names the audio when it is the job's DI (so a cache
    can key on it)."""

    nam: NamFile
    audio: Audio
    sample_rate: int
    input_gain_db: float = 0.0
    di_sha256: str | None = None


class AmpRunner(Protocol):
    """Runs a capture over its input (see `AmpInput`); the output has the input's length.
    `progress` gets the fraction done, 0..1."""

    def __call__(self, run: AmpInput, progress: Callable[[float], None] | None) -> Audio: ...


class CachedAmp:
    """The engine's own amp stage: `run_amp` (on `pool` when given), through an `AmpCache`
    when one is given, keyed by DI, model, input gain and rate."""

    def __init__(
        self,
        cache: AmpCache | None = None,
        workers: int | None = None,
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.cache = cache
        self.workers = workers
        self.pool = pool

    def __call__(self, run: AmpInput, progress: Callable[[float], None] | None) -> Audio:
        """Run the capture (see `AmpRunner`)."""
        key = None
        if self.cache is not None:
            source = run.di_sha256 or audio_sha256(run.audio, run.sample_rate)
            gain = round(float(run.input_gain_db), 6)
            key = AmpKey(source, model_key(run.nam), gain, run.sample_rate)
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        out = run_amp(
            run.nam,
            run.audio,
            run.sample_rate,
            input_gain_db=run.input_gain_db,
            workers=self.workers,
            progress=progress,
            pool=self.pool,
        )
        return out if self.cache is None or key is None else self.cache.put(key, out)
