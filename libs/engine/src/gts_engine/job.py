"""Run a whole render job: chains, loudness match, montage, metrics, pictures, video, manifest.

Output is built in a hidden sibling folder and renamed into place at the end, so a failure
or a cancel leaves nothing behind.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gts_engine.amp_runner import AmpInput, AmpRunner, CachedAmp
from gts_engine.arrays import Audio
from gts_engine.chain_render import ChainRenderer, RenderedChain
from gts_engine.encode import AacEncode
from gts_engine.job_manifest import Manifest, TimelineRecord, build_manifest, manifest_json
from gts_engine.loudness import LoudnessError, LoudnessMatch, apply_gain, match_levels
from gts_engine.metrics import ChainMetrics, metrics_of
from gts_engine.montage import build_montage
from gts_engine.nam import worker_pool
from gts_engine.nam.parallel import default_workers
from gts_engine.output_files import OutputFile, OutputWriter, Rendered
from gts_engine.prepare import PreparedJob, RenderInputError, prepare_job
from gts_engine.spec import RenderJobSpec

__all__ = [
    "AmpInput",
    "AmpRunner",
    "CachedAmp",
    "OutputFile",
    "RenderCancelledError",
    "RenderOutputError",
    "RenderResult",
    "render_job",
]

Progress = Callable[[str, float], None]
# Starting worker processes costs ~2 s here (2 cores, loaded); one process renders a standard
# capture at ~15-45x real time, so splitting only pays for DIs of about half a minute or more.
POOL_MIN_SECONDS = 30.0
CancelCheck = Callable[[], bool]
# share of the whole job each stage takes, roughly by measured cost (inference dominates)
_STAGE_SPAN: dict[str, tuple[float, float]] = {
    "amp": (0.0, 0.80),
    "loudness": (0.80, 0.82),
    "montage": (0.82, 0.90),
    "video": (0.90, 1.0),
}


class RenderCancelledError(Exception):
    """The caller's cancel check said stop; nothing was written."""


class RenderOutputError(OSError):
    """The output folder cannot be used (exists with files in it, or is not writable)."""


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What `render_job` made: the folder, its files, the loudness figures and the montage."""

    out_dir: Path
    files: list[OutputFile]
    loudness: LoudnessMatch
    metrics: list[ChainMetrics]
    timeline: list[TimelineRecord]
    blind_key: dict[str, str] | None
    manifest: Manifest
    timings: dict[str, float] = field(default_factory=dict)


class _Reporter:
    def __init__(self, progress: Progress | None, cancel: CancelCheck | None) -> None:
        self.progress = progress
        self.cancel = cancel

    def __call__(self, stage: str, within: float) -> None:
        if self.cancel is not None and self.cancel():
            raise RenderCancelledError(f"render cancelled during {stage}")
        if self.progress is not None:
            lo, hi = _STAGE_SPAN[stage]
            shown = "effects" if stage == "pedals" else stage
            self.progress(shown, lo + (hi - lo) * min(max(within, 0.0), 1.0))


def _claim_output(out_dir: Path) -> Path:
    """Check `out_dir` is usable and make the hidden work folder beside it."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise RenderOutputError(f"output: {out_dir} already exists and is not an empty folder")
    parent = out_dir.parent
    if not parent.is_dir():
        raise RenderOutputError(f"output: the parent folder {parent} does not exist")
    work = parent / f".{out_dir.name}.partial-{uuid.uuid4().hex[:8]}"
    try:
        work.mkdir()
    except OSError as exc:
        raise RenderOutputError(f"output: cannot write in {parent} ({exc.strerror})") from exc
    return work


def _gained(chain: RenderedChain, gain_db: float) -> tuple[Audio, Audio | None]:
    """The chain's passage and whole render at `gain_db`: scaled in place when the chain owns
    them (fresh memory is slow to touch on some VMs: 30 ms for a minute of audio), else into
    new arrays."""
    if not chain.owned:
        full = None if chain.full is None else apply_gain(chain.full, gain_db)
        return apply_gain(chain.passage, gain_db), full
    whole = chain.passage if chain.full is None else chain.full  # the passage is a view of it
    apply_gain(whole, gain_db, in_place=True)
    return chain.passage, chain.full


def _matched(
    job: PreparedJob,
    spec: RenderJobSpec,
    chains: list[RenderedChain],
    timings: defaultdict[str, float],
    encode: AacEncode,
) -> tuple[Rendered, LoudnessMatch]:
    """Every chain at the common loudness, its metrics, and the montage of the passages,
    built in `encode`'s memory and handed to it; `timings` gets the seconds of each
    (`matching`, `montage`)."""
    started = time.perf_counter()
    try:
        loudness = match_levels([c.levels for c in chains], spec.options.target_lufs)
    except LoudnessError as exc:
        raise RenderInputError("SILENT_OUTPUT", "chains", str(exc)) from exc
    gained = [_gained(c, g) for c, g in zip(chains, loudness.gains_db, strict=True)]
    passages, fulls = [p for p, _ in gained], [f for _, f in gained]
    o = spec.options
    building = time.perf_counter()
    timings["matching"] += building - started
    montage = build_montage(
        passages,
        [c.name for c in job.chains],
        job.sample_rate,
        o.segment_seconds,
        mode=o.montage_mode,
        rounds=o.rounds,
        blind=o.blind,
        seed=o.seed,
        allocate=encode.samples,
    )
    encode.start()
    shown = montage.labels if o.blind else [c.name for c in job.chains]
    measured = time.perf_counter()
    timings["montage"] += measured - building
    metrics = metrics_of([c.levels for c in chains], loudness.gains_db)
    timings["matching"] += time.perf_counter() - measured
    return Rendered(passages, fulls, metrics, montage, shown), loudness


def render_job(
    spec: RenderJobSpec,
    out_dir: Path,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    amp: AmpRunner | None = None,
    on_prepared: Callable[[PreparedJob], None] | None = None,
) -> RenderResult:
    """Render every chain of `spec` over its passage and write the outputs plus
    `manifest.json` into `out_dir`.

    `progress(stage, fraction)` gets the stage (amp, loudness, montage, video) and the whole
    job's completion 0..1; `cancel()` returning True stops between blocks and stages with
    `RenderCancelledError`. `out_dir` must not exist or be empty; it appears only when
    everything succeeded. Raises `RenderInputError` for bad input before any work.
    `amp` runs the captures (default: `run_amp`, no cache, on a worker pool shared by
    every chain for DIs of `POOL_MIN_SECONDS` or more, else in this process); with a pool,
    the distinct amps run side by side. `on_prepared(job)` hears the checked job (DI
    decoded, captures parsed) before any work.
    """
    started = time.perf_counter()
    job = prepare_job(spec)
    if on_prepared is not None:
        on_prepared(job)
    work = _claim_output(out_dir)
    report = _Reporter(progress, cancel)
    pool = None
    first, end = job.passage
    if amp is None and end - first >= POOL_MIN_SECONDS * job.sample_rate:
        pool = worker_pool(default_workers()) if default_workers() > 1 else None
    runner = amp or CachedAmp(workers=default_workers() if pool is not None else 1, pool=pool)
    encode = AacEncode(job.sample_rate)  # the encoder starts up beside the amps
    try:
        pooled = isinstance(runner, CachedAmp) and runner.pool is not None
        renderer = ChainRenderer(job, runner, report, side_by_side=pooled)
        chains = renderer.render(spec.options.full_renders)
        timings = renderer.timings  # the stages after the amps add theirs
        report("loudness", 0.0)
        rendered, loudness = _matched(job, spec, chains, timings, encode)
        report("montage", 0.0)
        files = OutputWriter(work, job, spec, rendered, timings).write(report, encode)
        timings["total"] = time.perf_counter() - started
        manifest = build_manifest(
            job, spec, files, loudness, rendered.montage, rendered.shown, timings
        )
        (work / "manifest.json").write_bytes(manifest_json(manifest))
        report("video", 1.0)  # the last point a cancel is heard: nothing is in place yet
        if out_dir.exists():
            out_dir.rmdir()  # checked empty when claimed
        work.rename(out_dir)
    except BaseException:
        encode.kill()
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    montage = rendered.montage
    return RenderResult(
        out_dir, files, loudness, rendered.metrics, manifest.montage.timeline,
        montage.blind_key, manifest, dict(timings),
    )  # fmt: skip
