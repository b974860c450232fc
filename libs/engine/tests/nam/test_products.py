"""product_into: w @ x into a preallocated (possibly row-strided) output, the same numbers as
numpy's matmul whichever way it computes them."""

from __future__ import annotations

import numpy as np
import pytest

from gts_engine.nam.products import product_into


@pytest.mark.parametrize("inputs", [1, 16])  # the DI itself (an outer product), a layer array
def test_equals_matmul_into_a_strided_view(inputs: int) -> None:
    rng = np.random.default_rng(inputs)
    w = rng.standard_normal((8, inputs)).astype(np.float32)
    x = rng.standard_normal((inputs, 3000)).astype(np.float32)
    buffer = np.full((8, 4000), np.nan, np.float32)
    out = buffer[:, 500:3500]

    product_into(w, x, out)

    assert np.array_equal(out, np.matmul(w, x))
    assert np.isnan(buffer[:, :500]).all()
    assert np.isnan(buffer[:, 3500:]).all()
