"""Splitting across workers and choosing block sizes change nothing beyond float32 rounding."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gts_engine.nam import load_model, worker_pool
from gts_engine.nam.parallel import process_split
from gts_engine.nam.pieces import plan_pieces, render_segment
from gts_engine.nam.split_here import MAX_PIECE_SAMPLES, MIN_PIECE_SAMPLES, PieceClaims
from gts_nam import NamFile, parse_nam, synthesize_nam

from .rounding import assert_equal_up_to_rounding

_NANO = parse_nam(synthesize_nam("nano", seed=5))
_SIGNAL = (0.3 * np.random.default_rng(9).standard_normal(40_000)).astype(np.float32)
_ONE_PASS = load_model(_NANO).process(_SIGNAL)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=1, max_value=_SIGNAL.size),
    count=st.integers(min_value=1, max_value=7),
    block=st.integers(min_value=1, max_value=5000),
)
def test_pieces_with_warmup_equal_one_pass(n: int, count: int, block: int) -> None:
    u = _SIGNAL[:n]
    pieces = plan_pieces(n, _NANO.receptive_field, count)
    assert pieces[0].start == 0
    assert pieces[-1].stop == n
    y = np.concatenate(
        [render_segment(_NANO, block, u[p.start - p.warmup : p.stop], p.warmup) for p in pieces]
    )
    assert_equal_up_to_rounding(y, _ONE_PASS[:n])


@settings(max_examples=10, deadline=None)
@given(a=st.integers(min_value=1, max_value=9000), b=st.integers(min_value=1, max_value=9000))
def test_any_two_block_sizes_give_the_same_output(a: int, b: int) -> None:
    standard = _standard()
    u = _SIGNAL[:12_000]
    first, second = load_model(standard, a).process(u), load_model(standard, b).process(u)
    assert_equal_up_to_rounding(first, second)


@pytest.mark.parametrize(
    ("seconds", "pooled"),
    [(3.0, True), (6.0, False)],
    ids=["two_pool_workers", "this_process_and_a_helper_sharing_a_file"],
)
def test_a_split_over_two_processes_equals_one_pass(
    guitar: Callable[[float, int], np.ndarray], seconds: float, pooled: bool
) -> None:
    standard = _standard()
    x = guitar(seconds, 48_000)
    one_pass = load_model(standard).process(x)
    seen: list[float] = []
    with worker_pool(2) if pooled else nullcontext() as pool:
        split = process_split(standard, x, workers=2, pool=pool, progress=seen.append)
    assert_equal_up_to_rounding(split, one_pass)
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_lstm_blocks_carry_state_exactly() -> None:
    lstm = parse_nam(synthesize_nam("lstm", seed=2))
    u = _SIGNAL[:20_000]
    assert np.array_equal(load_model(lstm, 777).process(u), load_model(lstm, 20_000).process(u))


_STANDARD: list[NamFile] = []


def _standard() -> NamFile:
    if not _STANDARD:
        _STANDARD.append(parse_nam(synthesize_nam("standard", seed=1)))
    return _STANDARD[0]


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=3_000_000),
    parties=st.integers(min_value=2, max_value=4),
    ends=st.lists(st.booleans(), min_size=1, max_size=64),
)
def test_claims_from_both_ends_tile_the_file_once(n: int, parties: int, ends: list[bool]) -> None:
    claims = PieceClaims(n, 4093, parties)
    pieces = []
    while (piece := claims.claim(from_end=ends[len(pieces) % len(ends)])) is not None:
        pieces.append(piece)
    pieces.sort(key=lambda p: p.start)
    assert [p.start for p in pieces] == [0] + [p.stop for p in pieces[:-1]]
    assert pieces[-1].stop == n
    assert all(p.warmup == min(p.start, 4092) for p in pieces)
    assert all(p.stop - p.start <= MAX_PIECE_SAMPLES for p in pieces)
    # only the last piece claimed may be under the smallest size (what was left)
    assert sum(p.stop - p.start < MIN_PIECE_SAMPLES for p in pieces) <= 1
    assert claims.fraction_done == 0.0


def test_claims_shrink_as_the_ends_meet_and_stop_when_closed() -> None:
    claims = PieceClaims(5_760_000, 4093, 2)
    sizes = [p.stop - p.start for p in iter(lambda: claims.claim(from_end=True), None)]
    assert sizes[0] == MAX_PIECE_SAMPLES
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-2] == MIN_PIECE_SAMPLES
    fresh = PieceClaims(1_000_000, 4093, 2)
    first = fresh.claim(from_end=False)
    assert first is not None
    assert fresh.finished(first) == (first.stop - first.start) / 1_000_000
    fresh.close()
    assert fresh.claim(from_end=True) is None


def test_a_cancel_during_a_shared_split_stops_both_ends() -> None:
    standard = _standard()
    x = np.zeros(1_440_000, np.float32)
    calls: list[float] = []

    def cancel(fraction: float) -> None:
        calls.append(fraction)
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError, match="cancelled"):
        process_split(standard, x, workers=2, progress=cancel)
    assert len(calls) == 1
    assert calls[0] < 1.0
