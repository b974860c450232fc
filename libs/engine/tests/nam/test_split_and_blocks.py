"""Splitting across workers and choosing block sizes change nothing beyond float32 rounding."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gts_engine.nam import load_model, worker_pool
from gts_engine.nam.parallel import plan_pieces, process_split, render_segment
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


def test_two_worker_processes_equal_one_pass(
    guitar: Callable[[float, int], np.ndarray],
) -> None:
    standard = _standard()
    x = guitar(3.0, 48_000)
    one_pass = load_model(standard).process(x)
    seen: list[float] = []
    with worker_pool(2) as pool:
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
