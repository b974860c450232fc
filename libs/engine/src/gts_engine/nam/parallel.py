"""Whole-file inference split across worker processes (see `pieces` for why a split
equals one pass up to rounding): a long-lived pool's workers take pieces from its queue;
without one, this process and the helpers it starts share the file (`split_here`).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, wait
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from gts_engine.arrays import Floats
from gts_engine.nam.owner_watch import exit_with
from gts_engine.nam.pieces import piece_input, plan_pieces, render_segment
from gts_engine.nam.split_here import POLL_SECONDS, split_here
from gts_nam import NamFile, WaveNetConfig, parse_nam, synthesize_nam
from gts_nam.a2_config import A2Config

# Pieces of about this many samples (20 s at 48 kHz): progress every few seconds, and
# per-piece costs (model set-up, priming, warm-up of 4092 samples) under 1 %.
PIECE_SAMPLES = 960_000
# Below this many samples one process beats handing pieces to a running pool (2 s)...
MIN_SPLIT_SAMPLES = 96_000
# ...and without a running pool, beats starting one (about 0.4 s the first time).
COLD_SPLIT_SAMPLES = 1_440_000
_BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

# Held only inside worker processes, so the BLAS limit lives as long as the worker.
_worker_limits: list[Any] = []


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


def _start_worker(owner: int) -> None:
    """Worker initializer: one BLAS thread per process, so two workers do not oversubscribe,
    and an exit when the pool's owner ends (`owner_watch`)."""
    exit_with(owner)
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
    return ["gts_engine.nam.parallel", "gts_engine.nam.pieces", *kinds]


def worker_pool(workers: int, nam: NamFile | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes with one BLAS thread each (forkserver: no inherited
    locks from a threaded parent, cheap starts once the server has imported numpy and the
    modules `nam` needs, or every model kind's when None). The forkserver is one per
    process: the first pool's preloads stay."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_preload(nam))
    return _pool(workers, ctx)


def _pool(workers: int, ctx: multiprocessing.context.BaseContext) -> ProcessPoolExecutor:
    """`workers` processes started by `ctx`, each with one BLAS thread, ending with us."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_start_worker, initargs=(os.getpid(),)
    )


def helper_pool(workers: int, nam: NamFile) -> ProcessPoolExecutor:
    """A pool of `workers` helpers for one split, already started. A process with one
    thread forks them from itself: they start in milliseconds with everything `nam` needs
    already imported and warm (a forkserver's fresh interpreter takes 0.2-0.4 s to import
    numpy and the kernels, while this process renders alone). A threaded process (a
    service) uses the forkserver: a fork would copy locks its other threads may hold."""
    if threading.active_count() > 1:
        return worker_pool(workers, nam)
    pool = _pool(workers, multiprocessing.get_context("fork"))
    try:  # fork them here and now, before this call starts any thread
        wait([pool.submit(os.getpid) for _ in range(workers)])
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return pool


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
    `workers - 1` helper processes and renders from the end of the file while they render
    from its start (`split_here`).
    """
    if pool is None:
        with helper_pool(workers - 1, nam) as helpers:
            return split_here(
                nam, u, helpers=helpers, count=workers - 1, block=block, progress=progress
            )
    n = u.shape[0]
    count = max(workers, workers * -(-n // (workers * PIECE_SAMPLES)))
    y = np.empty(n, np.float32)
    futures = [
        (piece, pool.submit(render_segment, nam, block, piece_input(u, piece), piece.warmup))
        for piece in plan_pieces(n, nam.receptive_field, count)
    ]
    done = 0
    try:
        for piece, future in futures:
            # a progress call may raise (a cancel check): keep asking while a piece runs
            while progress is not None and not wait([future], timeout=POLL_SECONDS).done:
                progress(done / n)
            y[piece.start : piece.stop] = future.result()
            done += piece.stop - piece.start
            if progress is not None:
                progress(done / n)
    except BaseException:
        # pieces not started yet must not hold the shared pool after this job stopped
        for _, future in futures:
            future.cancel()
        raise
    return y
