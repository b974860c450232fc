"""Whole-file inference split across worker processes, equal to one pass up to rounding.

A model without recurrent state (a WaveNet A1 or A2, a container's selected submodel, a
ConvNet, a Linear) has an output at t that depends on input t - receptive_field + 1 .. t
only, so each piece starts receptive_field - 1 samples early and drops that warm-up (an
LSTM, or anything with one inside, keeps state and runs in one pass). The arithmetic is
then the same as one pass except for float32 rounding: a BLAS kernel may sum a column's
products in an order that depends on where the column sits in the matrix (OpenBLAS's
Haswell kernel does), so split and block size agree to about 1e-7, not bit for bit.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from gts_engine.nam.model import load_model
from gts_nam import NamFile, WaveNetConfig, parse_nam, synthesize_nam
from gts_nam.a2_config import A2Config

Floats = npt.NDArray[np.float32]

# Pieces of about this many samples (20 s at 48 kHz): progress every few seconds, and
# per-piece costs (model set-up, priming, warm-up of 4092 samples) under 1 %.
PIECE_SAMPLES = 960_000
# Below this many samples one process beats handing pieces to a running pool (2 s)...
MIN_SPLIT_SAMPLES = 96_000
# ...and without a running pool, beats starting one (about 0.4 s the first time).
COLD_SPLIT_SAMPLES = 1_440_000
# How often a caller waiting on a piece hears from `progress` (and its cancel check).
POLL_SECONDS = 0.5
_BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

# Held only inside worker processes, so the BLAS limit lives as long as the worker.
_worker_limits: list[Any] = []


@dataclass(frozen=True, slots=True)
class Piece:
    """Output samples [start, stop) computed from input [start - warmup, stop)."""

    start: int
    stop: int
    warmup: int


def plan_pieces(n: int, receptive_field: int, count: int) -> list[Piece]:
    """Split n samples into `count` contiguous pieces with their warm-up lengths."""
    bounds = [n * i // count for i in range(count + 1)]
    return [
        Piece(start=a, stop=b, warmup=min(a, receptive_field - 1))
        for a, b in itertools.pairwise(bounds)
        if b > a
    ]


def splittable(nam: NamFile) -> bool:
    """True when `nam`'s output depends on a finite window of input (not an LSTM's state)."""
    return not nam.is_lstm


def render_segment(nam: NamFile, block: int | None, segment: Floats, warmup: int) -> Floats:
    """Run `segment` through a fresh model and drop its first `warmup` outputs.

    Runs in worker processes, so it needs only numpy and the model's modules.
    """
    if not splittable(nam):
        raise TypeError("architecture: an LSTM keeps state, it cannot be split")
    model = load_model(nam, block)
    # A full warm-up overwrites whatever history the stream starts with: no need to prime.
    stream = model.stream(prime=warmup < model.receptive_field - 1)
    y = np.empty_like(segment)
    step = model.block
    for start in range(0, segment.shape[0], step):
        stream.process_block(segment[start : start + step], y[start : start + step])
    return y[warmup:]


def _warm_up(seconds: float) -> int:
    """Run a synthesized standard WaveNet over `seconds` of noise: the worker's first piece
    then pays no kernel loading or BLAS start-up. Returns the process id."""

    nam = parse_nam(synthesize_nam("standard", seed=1))
    noise = np.random.default_rng(0).standard_normal(round(seconds * nam.sample_rate))
    render_segment(nam, None, noise.astype(np.float32) * np.float32(0.1), 0)
    return os.getpid()


def warm_up(pool: ProcessPoolExecutor, workers: int) -> None:
    """Start every worker of `pool` and warm it (see `_warm_up`); returns when all did.

    A pool starts its processes on demand, so without this the first job of a fresh
    service pays their start and their first piece's set-up (1.5-2 s here).
    """
    seconds = 0.5
    for _ in range(4):  # a worker that finishes first may take a second warm-up: try again
        warmed = {f.result() for f in [pool.submit(_warm_up, seconds) for _ in range(workers)]}
        if len(warmed) >= workers:
            return
        seconds *= 2


def _pin_one_blas_thread() -> None:
    """Worker initializer: one BLAS thread per process, so two workers do not oversubscribe."""
    for name in _BLAS_ENV:
        os.environ[name] = "1"
    _worker_limits.append(threadpool_limits(limits=1, user_api="blas"))


def default_workers() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _preload(nam: NamFile | None) -> list[str]:
    """Modules the forkserver imports once for its workers: those `nam` runs on (every
    kind's for None, a long-lived pool), so an A2 run does not load the A1 kernels' numba."""
    a1, a2 = ["gts_engine.nam.wavenet"], ["gts_engine.nam.a2_fast"]
    if nam is None:
        kinds = a1 + a2
    elif isinstance(nam.config, WaveNetConfig):
        kinds = a1
    else:
        kinds = a2 if isinstance(nam.config, A2Config) else []
    return ["gts_engine.nam.parallel", *kinds]


def worker_pool(workers: int, nam: NamFile | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes with one BLAS thread each (forkserver: no inherited
    locks from a threaded parent, cheap starts once the server has imported numpy and the
    modules `nam` needs, or every model kind's when None). The forkserver is one per
    process: the first pool's preloads stay."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_preload(nam))
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_pin_one_blas_thread
    )


def process_split(
    nam: NamFile,
    u: Floats,
    *,
    workers: int,
    block: int | None = None,
    progress: Callable[[float], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> Floats:
    """Run a splittable model over `u` in pieces on `workers` processes; equals one pass
    up to rounding.

    Without a long-lived `pool`, this process is one of the workers: it starts
    `workers - 1` helper processes and, while they start, renders pieces itself from the
    end of the file (one BLAS thread), taking each piece no helper has picked up yet.
    """
    n = u.shape[0]
    own_pool = pool is None
    piece_samples = PIECE_SAMPLES // 2 if own_pool else PIECE_SAMPLES
    count = max(workers, workers * -(-n // (workers * piece_samples)))
    pieces = plan_pieces(n, nam.receptive_field, count)
    y = np.empty(n, np.float32)
    executor = worker_pool(workers - 1, nam) if pool is None else pool
    futures: list[tuple[Piece, Future[Floats]]] = []
    try:
        futures = [
            (piece, executor.submit(render_segment, nam, block, _segment(u, piece), piece.warmup))
            for piece in pieces
        ]
        done = _render_unclaimed(nam, block, u, y, futures, progress) if own_pool else 0
        for piece, future in futures:
            if future.cancelled():
                continue  # rendered here
            # a progress call may raise (a cancel check): keep asking while a piece runs
            while progress is not None and not wait([future], timeout=POLL_SECONDS).done:
                progress(done / n)
            y[piece.start : piece.stop] = future.result()
            done += piece.stop - piece.start
            if progress is not None:
                progress(done / n)
    except BaseException:
        # pieces not started yet must not hold a shared pool after this job stopped
        for _, future in futures:
            future.cancel()
        raise
    finally:
        if own_pool:
            executor.shutdown(wait=True, cancel_futures=True)
    return y


def _segment(u: Floats, piece: Piece) -> Floats:
    return u[piece.start - piece.warmup : piece.stop]


def _render_unclaimed(
    nam: NamFile,
    block: int | None,
    u: Floats,
    y: Floats,
    futures: list[tuple[Piece, Future[Floats]]],
    progress: Callable[[float], None] | None,
) -> int:
    """Render here, last piece first, every piece no worker has started (its future is
    cancelled, so the workers never get it); stop at the first one a worker holds.
    Returns the samples rendered."""
    done = 0
    with threadpool_limits(limits=1, user_api="blas"):
        for piece, future in reversed(futures):
            if not future.cancel():
                break
            y[piece.start : piece.stop] = render_segment(
                nam, block, _segment(u, piece), piece.warmup
            )
            done += piece.stop - piece.start
            if progress is not None:
                progress(done / u.shape[0])
    return done
