"""Memory stays flat with file length: blocks, not whole-file intermediate arrays."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from gts_engine.nam import AmpModel, load_model
from gts_nam import parse_nam, synthesize_nam

TEN_MINUTES = 10 * 60 * 48_000
# Beyond the input and output arrays themselves: layer buffers for one block only.
EXTRA_BUDGET_BYTES = 64 * 1024 * 1024


def _process_traced(model: AmpModel, x: np.ndarray) -> tuple[np.ndarray, int]:
    """`model`'s output for `x`, and the peak bytes allocated meanwhile beyond the output."""
    tracemalloc.start()
    try:
        y = model.process(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return y, peak - y.nbytes


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["nano"])
def test_ten_minutes_need_only_block_sized_buffers(kind: str) -> None:
    model = load_model(parse_nam(synthesize_nam(kind, seed=0)))
    x = np.zeros(TEN_MINUTES, np.float32)
    x[::4800] = 0.5  # clicks every 0.1 s keep every layer busy
    y, extra = _process_traced(model, x)
    assert y.shape == x.shape
    assert extra < EXTRA_BUDGET_BYTES, f"peak {(extra + y.nbytes) / 2**20:.0f} MiB"


def test_extra_memory_does_not_grow_with_length() -> None:
    model = load_model(parse_nam(synthesize_nam("standard", seed=0)))
    extras = [_process_traced(model, np.zeros(s * 48_000, np.float32))[1] for s in (2, 8)]
    assert extras[1] < extras[0] + 1024 * 1024
