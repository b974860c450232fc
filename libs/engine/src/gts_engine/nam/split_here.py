"""A file split between this process and helper processes it starts (no long-lived pool).

This process renders pieces from the end of the file while its helpers start, and they
render from the beginning; each takes a share of what is left when it asks, so pieces
shrink as the two ends meet and everyone finishes within a small piece of the others.
(Handing a pool every piece up front let a worker reserve its next piece before it asked
for it: this process stopped at that piece and one core sat idle for a whole piece.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait

import numpy as np
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from gts_engine.arrays import Floats
from gts_engine.nam.pieces import Piece, piece_input, render_segment
from gts_nam import NamFile

# The largest piece (10 s at 48 kHz): progress at least every few tenths of a second.
MAX_PIECE_SAMPLES = 480_000
# The smallest (2 s at 48 kHz), at least this many warm-ups long: a piece's warm-up
# (receptive field - 1 samples) costs at most 1/16 of it.
MIN_PIECE_SAMPLES = 96_000
_WARMUPS_PER_PIECE = 16
# How often this process reports progress (and runs its cancel check) while it waits.
POLL_SECONDS = 0.5


class PieceClaims:
    """The not yet rendered part of n samples, claimed a piece at a time from either end.

    A claim takes 1 / (2 * parties) of what is left, between the smallest and largest
    piece sizes; thread-safe. `close()` refuses every later claim (a cancel)."""

    def __init__(self, n: int, receptive_field: int, parties: int) -> None:
        self._n = n
        self._warmup = receptive_field - 1
        self._parties = parties
        self._smallest = max(MIN_PIECE_SAMPLES, _WARMUPS_PER_PIECE * self._warmup)
        self._front, self._back, self._done = 0, n, 0
        self._lock = threading.Lock()

    def claim(self, from_end: bool) -> Piece | None:
        """The next piece at the end (or the start), or None when nothing is left."""
        with self._lock:
            left = self._back - self._front
            if left <= 0:
                return None
            share = left // (2 * self._parties)
            size = min(left, max(self._smallest, min(MAX_PIECE_SAMPLES, share)))
            if from_end:
                self._back -= size
                start = self._back
            else:
                start = self._front
                self._front += size
            return Piece(start=start, stop=start + size, warmup=min(start, self._warmup))

    def finished(self, piece: Piece) -> float:
        """Count `piece` as rendered; returns the fraction of the file rendered."""
        with self._lock:
            self._done += piece.stop - piece.start
            return self._done / self._n

    def close(self) -> None:
        """Hand out nothing more."""
        with self._lock:
            self._front = self._back

    @property
    def fraction_done(self) -> float:
        with self._lock:
            return self._done / self._n


def split_here(
    nam: NamFile,
    u: Floats,
    *,
    helpers: ProcessPoolExecutor,
    count: int,
    block: int | None,
    progress: Callable[[float], None] | None,
) -> Floats:
    """Run `u` through `nam` here and on `count` processes of `helpers` (fresh, one BLAS
    thread each); equals one pass up to rounding. `progress` is called from this thread
    only, so it may raise (a cancel check): claims stop and running pieces finish first."""
    claims = PieceClaims(u.shape[0], nam.receptive_field, count + 1)
    y = np.empty(u.shape[0], np.float32)
    feeders = ThreadPoolExecutor(max_workers=count, thread_name_prefix="gts-split")
    try:
        fed = [
            feeders.submit(_feed_helper, helpers, nam, block, u, y, claims) for _ in range(count)
        ]
        with threadpool_limits(limits=1, user_api="blas"):
            while (piece := claims.claim(from_end=True)) is not None:
                segment = piece_input(u, piece)
                y[piece.start : piece.stop] = render_segment(nam, block, segment, piece.warmup)
                fraction = claims.finished(piece)
                if progress is not None:
                    progress(fraction)
        while wait(fed, timeout=POLL_SECONDS).not_done:
            if progress is not None:
                progress(claims.fraction_done)
        for feeder in fed:
            feeder.result()  # a helper's failure is this call's
    except BaseException:
        claims.close()
        raise
    finally:
        feeders.shutdown(wait=True)
    if progress is not None:
        progress(1.0)
    return y


def _feed_helper(
    helpers: ProcessPoolExecutor,
    nam: NamFile,
    block: int | None,
    u: Floats,
    y: Floats,
    claims: PieceClaims,
) -> None:
    """One helper's loop: claim a piece at the start, render it there, repeat. A failure
    stops every claim, so this process does not go on alone before raising it."""
    try:
        while (piece := claims.claim(from_end=False)) is not None:
            segment = piece_input(u, piece)
            rendered = helpers.submit(render_segment, nam, block, segment, piece.warmup)
            y[piece.start : piece.stop] = rendered.result()
            claims.finished(piece)
    except BaseException:
        claims.close()
        raise
