"""The LSTM's sequential loop, compiled with numba (one sample at a time, float32)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import cast

import numba
import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]


def _lstm_loop(
    x: Floats,
    w_in: Floats,
    wt: Floats,
    b: Floats,
    h: Floats,
    c: Floats,
    head_w: Floats,
    head_b: float,
    y: Floats,
) -> None:  # pragma: no cover - compiled by numba, exercised through LstmModel
    """Run x through the layers, updating h and c in place; y gets the head output.

    w_in (4H,): layer 0's input weights; wt (L, 2H, 4H): [W_ih | W_hh] of every layer,
    transposed so each input adds a contiguous column (layer 0's W_ih rows unused);
    b (L, 4H); h, c (L, H).
    """
    layers, four_h = b.shape
    hid = four_h // 4
    gates = np.empty(four_h, np.float32)
    one = np.float32(1.0)
    two = np.float32(2.0)
    for t in range(x.shape[0]):
        sample = x[t]
        for layer in range(layers):
            for g in range(four_h):
                gates[g] = b[layer, g]
            if layer == 0:
                for g in range(four_h):
                    gates[g] += w_in[g] * sample
            else:
                for j in range(hid):
                    below = h[layer - 1, j]
                    for g in range(four_h):
                        gates[g] += wt[layer, j, g] * below
            for j in range(hid):
                own = h[layer, j]
                for g in range(four_h):
                    gates[g] += wt[layer, hid + j, g] * own
            for j in range(hid):
                i_gate = one / (one + math.exp(-gates[j]))
                f_gate = one / (one + math.exp(-gates[hid + j]))
                g_gate = one - two / (math.exp(two * gates[2 * hid + j]) + one)
                o_gate = one / (one + math.exp(-gates[3 * hid + j]))
                cell = f_gate * c[layer, j] + i_gate * g_gate
                c[layer, j] = cell
                h[layer, j] = o_gate * (one - two / (math.exp(two * cell) + one))
        out = np.float32(head_b)
        for j in range(hid):
            out += head_w[j] * h[layers - 1, j]
        y[t] = out


LstmLoop = Callable[[Floats, Floats, Floats, Floats, Floats, Floats, Floats, float, Floats], None]


def _compile() -> LstmLoop:
    try:
        return cast(LstmLoop, numba.njit(cache=True, nogil=True)(_lstm_loop))
    except RuntimeError:  # no writable cache location (read-only image): compile per process
        return cast(LstmLoop, numba.njit(nogil=True)(_lstm_loop))


lstm_loop = _compile()
