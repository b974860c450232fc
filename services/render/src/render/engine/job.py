"""Run a whole render job: chains, loudness match, montage, metrics, pictures, video, manifest.

Output is built in a hidden sibling folder and renamed into place at the end, so a failure
or a cancel leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import msgspec
import soundfile as sf

from gts_nam import NamFile
from render.engine.audio_io import encode_audio, write_flac
from render.engine.cab import Audio, convolve_ir
from render.engine.effects import apply_effect, apply_gain_db
from render.engine.loudness import LoudnessMatch, match_loudness
from render.engine.metrics import ChainMetrics, measure_chains
from render.engine.montage import Montage, build_montage
from render.engine.nam import AmpCache, AmpKey, run_amp, worker_pool
from render.engine.nam.cache import audio_sha256, model_key
from render.engine.nam.parallel import default_workers
from render.engine.pictures import draw_card, plot_spectra
from render.engine.prepare import (
    PreparedAmp,
    PreparedEffect,
    PreparedIR,
    PreparedJob,
    RenderInputError,
    describe_block,
    describe_levels,
    prepare_job,
    slug,
)
from render.engine.spec import RenderJobSpec
from render.engine.video import make_video

Progress = Callable[[str, float], None]
# Starting worker processes costs ~2 s here (2 cores, loaded); one process renders a standard
# capture at ~15-45x real time, so splitting only pays for DIs of about half a minute or more.
POOL_MIN_SECONDS = 30.0
CancelCheck = Callable[[], bool]
# share of the whole job each stage takes, roughly by measured cost (inference dominates)
_STAGE_SPAN: dict[str, tuple[float, float]] = {
    "pedals": (0.0, 0.02),  # pre-amp effects, reported as the effects stage
    "amp": (0.02, 0.70),
    "cab": (0.70, 0.72),
    "effects": (0.72, 0.75),
    "loudness": (0.75, 0.78),
    "montage": (0.78, 0.85),
    "video": (0.85, 1.0),
}


class AmpRunner(Protocol):
    """Runs a capture over mono float32 audio at `sample_rate` Hz; same length out.

    `di_sha256` names the input when it is the job's DI (so a cache can key on it);
    `progress` gets the fraction done, 0..1.
    """

    def __call__(
        self,
        nam: NamFile,
        audio: Audio,
        sample_rate: int,
        *,
        input_gain_db: float,
        di_sha256: str | None,
        progress: Callable[[float], None] | None,
    ) -> Audio: ...


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

    def __call__(
        self,
        nam: NamFile,
        audio: Audio,
        sample_rate: int,
        *,
        input_gain_db: float,
        di_sha256: str | None,
        progress: Callable[[float], None] | None,
    ) -> Audio:
        """Render `audio` through `nam` (see `AmpRunner`)."""
        key = None
        if self.cache is not None:
            source = di_sha256 or audio_sha256(audio, sample_rate)
            key = AmpKey(source, model_key(nam), round(float(input_gain_db), 6), sample_rate)
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        out = run_amp(
            nam,
            audio,
            sample_rate,
            input_gain_db=input_gain_db,
            workers=self.workers,
            progress=progress,
            pool=self.pool,
        )
        return out if self.cache is None or key is None else self.cache.put(key, out)


class RenderCancelledError(Exception):
    """The caller's cancel check said stop; nothing was written."""


class RenderOutputError(OSError):
    """The output folder cannot be used (exists with files in it, or is not writable)."""


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One written file: path relative to the output folder, what it is, its chain, duration (s)."""

    path: str
    kind: str
    chain: str | None
    duration_seconds: float | None
    bytes: int
    sha256: str
    metrics: ChainMetrics | None = None


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What `render_job` made: the folder, its files, the loudness figures and the montage."""

    out_dir: Path
    files: list[OutputFile]
    loudness: LoudnessMatch
    metrics: list[ChainMetrics]
    timeline: list[dict[str, Any]]
    blind_key: dict[str, str] | None
    manifest: dict[str, Any] = field(default_factory=dict)


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


def _render_chains(job: PreparedJob, amp: AmpRunner, report: _Reporter) -> list[Audio]:
    """Every chain through its blocks, stage by stage across chains: effects before the first
    capture; the captures (pedals, then the amp) with any effects between them; cab; post."""
    signals: list[Audio] = [apply_gain_db(job.di, c.input_gain_db) for c in job.chains]
    amp_at = [
        next(
            i
            for i, b in enumerate(c.blocks)
            if isinstance(b, PreparedAmp) and b.kind in ("amp", "amp-cab")
        )
        for c in job.chains
    ]
    first_capture = [
        next(i for i, b in enumerate(c.blocks) if isinstance(b, PreparedAmp)) for c in job.chains
    ]

    def run_effect(ci: int, bi: int) -> None:
        block = job.chains[ci].blocks[bi]
        assert isinstance(block, PreparedEffect)
        signals[ci] = apply_effect(block.effect, block.params, signals[ci], job.sample_rate)

    def run_effects(stage: str, stage_blocks: Sequence[tuple[int, int]]) -> None:
        for n, (ci, bi) in enumerate(stage_blocks):
            report(stage, n / max(len(stage_blocks), 1))
            run_effect(ci, bi)

    def blocks_where(test: Callable[[int, int], bool]) -> list[tuple[int, int]]:
        return [
            (ci, bi)
            for ci, c in enumerate(job.chains)
            for bi in range(len(c.blocks))
            if test(ci, bi)
        ]

    pre = blocks_where(lambda ci, bi: bi < first_capture[ci])
    run_effects("pedals", pre)
    count = len(job.chains)
    for ci, chain in enumerate(job.chains):
        report("amp", ci / count)
        captures = [
            bi
            for bi in range(first_capture[ci], amp_at[ci] + 1)
            if isinstance(chain.blocks[bi], PreparedAmp)
        ]
        for bi in range(first_capture[ci], amp_at[ci] + 1):
            block = chain.blocks[bi]
            if not isinstance(block, PreparedAmp):
                run_effect(ci, bi)  # an effect between pedal captures or before the amp
                continue
            nth = captures.index(bi)

            def amp_progress(
                done: float, ci: int = ci, nth: int = nth, n: int = len(captures)
            ) -> None:
                report("amp", (ci + (nth + done) / n) / count)

            if bi == 0:
                # the capture hears the DI itself: let a cache key on the DI and the gain
                # (the chain's trim plus the capture's level gain)
                signals[ci] = amp(
                    block.nam,
                    job.di,
                    job.sample_rate,
                    input_gain_db=chain.input_gain_db + block.input_gain_db,
                    di_sha256=job.di_sha256,
                    progress=amp_progress,
                )
            else:
                signals[ci] = amp(
                    block.nam,
                    signals[ci],
                    job.sample_rate,
                    input_gain_db=block.input_gain_db,
                    di_sha256=None,
                    progress=amp_progress,
                )
            signals[ci] = apply_gain_db(signals[ci], block.output_gain_db)
    report("amp", 1.0)
    for ci, chain in enumerate(job.chains):
        report("cab", ci / len(job.chains))
        for b in chain.blocks:
            if isinstance(b, PreparedIR):
                signals[ci] = convolve_ir(signals[ci], b.ir)
    post = blocks_where(
        lambda ci, bi: bi > amp_at[ci] and isinstance(job.chains[ci].blocks[bi], PreparedEffect)
    )
    run_effects("effects", post)
    report("effects", 1.0)
    return signals


def _file(
    root: Path,
    name: str,
    kind: str,
    chain: str | None,
    seconds: float | None,
    metrics: ChainMetrics | None = None,
) -> OutputFile:
    data = (root / name).read_bytes()
    return OutputFile(
        name, kind, chain, seconds, len(data), hashlib.sha256(data).hexdigest(), metrics
    )


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


def _labels_for(job: PreparedJob, montage: Montage, blind: bool) -> list[str]:
    return montage.labels if blind else [c.name for c in job.chains]


def _write_outputs(
    work: Path,
    job: PreparedJob,
    spec: RenderJobSpec,
    rendered: list[Audio],
    metrics: list[ChainMetrics],
    montage: Montage,
    report: _Reporter,
) -> list[OutputFile]:
    rate = job.sample_rate
    blind = spec.options.blind
    shown = _labels_for(job, montage, blind)
    files: list[OutputFile] = []
    seconds = rendered[0].shape[0] / rate
    for ci, audio in enumerate(rendered):
        stem = f"chain-{shown[ci]}" if blind else f"chain-{ci + 1:02d}-{slug(shown[ci])}"
        write_flac(work / f"{stem}.flac", audio, rate)
        files.append(_file(work, f"{stem}.flac", "chain_audio", shown[ci], seconds, metrics[ci]))
    montage_seconds = montage.audio.shape[0] / rate
    write_flac(work / "montage.flac", montage.audio, rate)
    files.append(_file(work, "montage.flac", "montage_audio", None, montage_seconds))
    report("montage", 0.6)
    encode_audio(montage.audio, rate, work / "montage.mp3", "mp3")
    files.append(
        _file(work, "montage.mp3", "montage_audio", None, _probe_seconds(work / "montage.mp3"))
    )
    report("montage", 1.0)
    if blind and montage.blind_key is not None:
        (work / "blind_key.json").write_text(json.dumps(montage.blind_key, indent=2) + "\n")
        files.append(_file(work, "blind_key.json", "blind_key", None, None))
    need_cards = spec.options.pictures or spec.options.video
    # Blind: colours and the spectrum's legend go in letter order, so no picture (nor the
    # video made of the cards) tells which letter is the chain at which place.
    order = sorted(range(len(shown)), key=lambda ci: shown[ci]) if blind else range(len(shown))
    colour = {ci: n for n, ci in enumerate(order)}
    cards: list[Path] = []
    if need_cards:
        for ci, chain in enumerate(job.chains):
            report("video", 0.3 * ci / len(job.chains))
            name = f"card-{shown[ci]}.png" if blind else f"card-{ci + 1:02d}-{slug(shown[ci])}.png"
            lines = [] if blind else [describe_block(b) for b in chain.blocks]
            if not blind and describe_levels(chain):
                lines.append(describe_levels(chain))
            footer = "Blind comparison: which one is which?" if blind else f"DI: {job.di_name}"
            draw_card(
                work / name, colour[ci], shown[ci], lines, None if blind else metrics[ci], footer
            )
            cards.append(work / name)
    if spec.options.pictures:
        files.extend(_file(work, c.name, "card", shown[ci], None) for ci, c in enumerate(cards))
        plot_spectra(
            work / "spectrum.png", [shown[ci] for ci in order], [metrics[ci] for ci in order]
        )
        files.append(_file(work, "spectrum.png", "spectrum_plot", None, None))
    if spec.options.video:
        report("video", 0.4)
        m4a = work / ".montage.m4a"
        encode_audio(montage.audio, rate, m4a, "aac")
        report("video", 0.6)
        make_video(cards, montage.timeline, rate, m4a, montage_seconds, work / "montage.mp4")
        m4a.unlink()
        files.append(_file(work, "montage.mp4", "montage_video", None, montage_seconds))
    if not spec.options.pictures:
        for c in cards:
            c.unlink()
    report("video", 1.0)
    return files


def _probe_seconds(path: Path) -> float:
    info = sf.info(str(path))
    return float(info.frames) / float(info.samplerate)


def _manifest(
    job: PreparedJob,
    spec: RenderJobSpec,
    files: list[OutputFile],
    loudness: LoudnessMatch,
    montage: Montage,
    shown: list[str],
) -> dict[str, Any]:
    blind = spec.options.blind
    rate = job.sample_rate
    chains = []
    for ci, chain in enumerate(job.chains):
        entry: dict[str, Any] = {"label": shown[ci], "gain_db": loudness.gains_db[ci]}
        if not blind:
            entry["name"] = chain.name
            entry["blocks"] = [describe_block(b) for b in chain.blocks]
            entry["levels"] = {
                "input_mode": chain.input_mode,
                "output_mode": chain.output_mode,
                "reference_dbu": chain.reference_dbu,
                "captures": [
                    {"input_gain_db": b.input_gain_db, "output_gain_db": b.output_gain_db}
                    for b in chain.blocks
                    if isinstance(b, PreparedAmp)
                ],
            }
        chains.append(entry)
    return {
        "version": 1,
        "sample_rate": rate,
        "di": {"name": job.di_name, "sha256": job.di_sha256, "seconds": job.di.shape[0] / rate},
        "options": msgspec.to_builtins(spec.options),
        "blind": blind,
        "loudness": {
            "requested_lufs": loudness.requested_lufs,
            "target_lufs": loudness.target_lufs,
            "lowered_for_true_peak": loudness.target_lufs < loudness.requested_lufs - 1e-9,
        },
        "chains": chains,
        "montage": {
            "seconds": montage.audio.shape[0] / rate,
            "windows": [[a / rate, b / rate] for a, b in montage.windows],
            "timeline": timeline_dicts(montage),
        },
        "files": [msgspec.to_builtins(f) for f in files],
    }


def timeline_dicts(montage: Montage) -> list[dict[str, Any]]:
    """The montage timeline as plain dicts (samples and seconds) for JSON."""
    rate = montage.sample_rate
    return [
        {
            "label": e.label,
            "window": e.window,
            "start_sample": e.start,
            "end_sample": e.end,
            "start_seconds": e.start / rate,
            "end_seconds": e.end / rate,
            "source_start_seconds": e.source_start / rate,
            "source_end_seconds": e.source_end / rate,
        }
        for e in montage.timeline
    ]


def render_job(
    spec: RenderJobSpec,
    out_dir: Path,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    amp: AmpRunner | None = None,
    on_prepared: Callable[[PreparedJob], None] | None = None,
) -> RenderResult:
    """Render every chain of `spec` and write the outputs plus `manifest.json` into `out_dir`.

    `progress(stage, fraction)` gets the stage (amp, cab, effects, loudness, montage, video)
    and the whole job's completion 0..1; `cancel()` returning True stops between blocks and
    stages with `RenderCancelledError`. `out_dir` must not exist or be empty; it appears only
    when everything succeeded. Raises `RenderInputError` for bad input before any work.
    `amp` runs the captures (default: `run_amp`, no cache, on a worker pool shared by
    every chain for DIs of `POOL_MIN_SECONDS` or more, else in this process).
    `on_prepared(job)` hears the checked job (DI decoded, captures parsed) before any work.
    """
    job = prepare_job(spec)
    if on_prepared is not None:
        on_prepared(job)
    work = _claim_output(out_dir)
    report = _Reporter(progress, cancel)
    pool = None
    if amp is None and job.di.shape[0] >= POOL_MIN_SECONDS * job.sample_rate:
        pool = worker_pool(default_workers()) if default_workers() > 1 else None
    try:
        workers = default_workers() if pool is not None else 1
        rendered = _render_chains(job, amp or CachedAmp(workers=workers, pool=pool), report)
        report("loudness", 0.0)
        try:
            matched, loudness = match_loudness(rendered, job.sample_rate, spec.options.target_lufs)
        except ValueError as exc:
            raise RenderInputError("SILENT_OUTPUT", "chains", str(exc)) from exc
        report("loudness", 0.5)
        metrics = measure_chains(matched, job.sample_rate)
        report("montage", 0.0)
        montage = build_montage(
            matched,
            [c.name for c in job.chains],
            job.sample_rate,
            spec.options.segment_seconds,
            blind=spec.options.blind,
            seed=spec.options.seed,
        )
        files = _write_outputs(work, job, spec, matched, metrics, montage, report)
        shown = _labels_for(job, montage, spec.options.blind)
        manifest = _manifest(job, spec, files, loudness, montage, shown)
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        if out_dir.exists():
            out_dir.rmdir()  # checked empty when claimed
        work.rename(out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return RenderResult(
        out_dir, files, loudness, metrics, timeline_dicts(montage), montage.blind_key, manifest
    )
