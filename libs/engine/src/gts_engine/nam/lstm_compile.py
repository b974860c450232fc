"""The LSTM's sequential loop, compiled with numba for one (hidden size, layers) shape.

The shape is a compile-time constant of each kernel, so LLVM unrolls the recurrent
matrix-vector product, keeps the gates and the states in vector registers and
vectorises the gate nonlinearities (libm-free tanh, below) across the hidden units.
The kernel is compiled as a C function whose object code `native_code` keeps on disk,
one per shape (lstm_kernel.py loads it); everything it inlines lives in this file and
lstm_stack.py, whose changes are what invalidates that cache. Only a process that
compiles imports this module, and numba with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numba
import numpy as np
from numba import types
from numba.np.numpy_support import carray

from gts_engine.arrays import Floats
from gts_engine.nam.lstm_stack import stack_floats
from gts_engine.nam.native_code import NativeObject, object_of
from gts_engine.nam.numba_start import start_numba

start_numba()


# tanh(x) ~ x * P(x^2) / Q(x^2) on |x| <= TANH_CLAMP: a rational minimax fit made in
# float64 (Lawson-weighted linearised least squares), its coefficients rounded to
# float32. Beyond the clamp tanh is +-1 to within 3e-8 and the result is exactly +-1;
# NaN passes through. Evaluated in float32 the error against float64 tanh is below 3e-7
# everywhere (a few float32 ulps near +-1); tests/nam/test_lstm_tanh.py checks it on a
# dense grid.
TANH_CLAMP = np.float32(9.0)
_P0 = np.float32(0.9999999403953552)
_P1 = np.float32(0.13079163432121277)
_P2 = np.float32(0.0030986531637609005)
_P3 = np.float32(1.1101810741820373e-05)
_P4 = np.float32(-2.0029512270980376e-08)
_P5 = np.float32(5.192671292952866e-11)
_P6 = np.float32(-8.291265352240729e-14)
_Q1 = np.float32(0.4641248285770416)
_Q2 = np.float32(0.024473756551742554)
_Q3 = np.float32(0.00025385996559634805)
_ONE = np.float32(1.0)
_HALF = np.float32(0.5)

# Fused multiply-add only: no assumption about NaN or infinity (the clamp relies on both).
FASTMATH = frozenset({"contract"})


def _tanh32(x: Any) -> Any:  # pragma: no cover - compiled by numba
    v = TANH_CLAMP if x > TANH_CLAMP else x
    v = -TANH_CLAMP if v < -TANH_CLAMP else v
    s = v * v
    s2 = s * s
    # Estrin's scheme: shorter dependency chains than Horner's (the LSTM's critical path)
    num = (_P0 + _P1 * s) + s2 * ((_P2 + _P3 * s) + s2 * ((_P4 + _P5 * s) + s2 * _P6))
    den = (_ONE + _Q1 * s) + s2 * (_Q2 + _Q3 * s)
    y = v * num / den
    # saturated exactly (the fit's float32 value at the clamp is 1 - 2e-7)
    y = _ONE if x > TANH_CLAMP else y
    return -_ONE if x < -TANH_CLAMP else y


def _sigmoid_of_twice32(x: Any) -> Any:  # pragma: no cover - compiled by numba
    """sigmoid(2x), as 0.5 + 0.5 tanh(x): the caller stores its inputs halved."""
    return _HALF + _HALF * tanh32(x)


_jit_options: dict[str, Any] = {
    "inline": "always",
    "fastmath": set(FASTMATH),
    "error_model": "numpy",
}
tanh32 = numba.njit(**_jit_options)(_tanh32)
sigmoid_of_twice32 = numba.njit(**_jit_options)(_sigmoid_of_twice32)


def _specialise(hid: int, layers: int) -> Callable[..., None]:
    """The kernel's Python source for `hid` hidden units and `layers` layers (closure
    constants, which numba compiles in and keys its disk cache on)."""
    four = 4 * hid
    states = layers * hid
    half = hid // 2  # the recurrent sum runs as two chains (k < half, k >= half)

    def lstm_loop(
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
        """Run x through the layers, updating h and c (L, H) in place; y gets the head output.

        w_in (4H,): layer 0's input weights; wt (L, 2H, 4H): [W_ih | W_hh] of every layer,
        transposed so each input adds a contiguous column of gates (layer 0's W_ih rows
        unused); b (L, 4H); gate order i, f, g, o, the rows of i, f and o halved (see
        sigmoid_of_twice32).
        """
        g = stack_floats(four)
        g2 = stack_floats(four)
        hs = stack_floats(states)
        cs = stack_floats(states)
        for i in range(states):
            hs[i] = h[i // hid, i % hid]
            cs[i] = c[i // hid, i % hid]
        for t in range(x.shape[0]):
            sample = x[t]
            for j in range(four):
                g[j] = b[0, j] + w_in[j] * sample
                g2[j] = wt[0, hid + half, j] * hs[half]
            for k in range(half):
                own = hs[k]
                for j in range(four):
                    g[j] += wt[0, hid + k, j] * own
            for k in range(half + 1, hid):
                own = hs[k]
                for j in range(four):
                    g2[j] += wt[0, hid + k, j] * own
            for layer in range(layers):
                base = layer * hid
                if layer > 0:
                    for j in range(four):
                        g[j] = b[layer, j]
                        g2[j] = 0.0
                    for k in range(hid):
                        below = hs[base - hid + k]
                        own = hs[base + k]
                        for j in range(four):
                            g[j] += wt[layer, k, j] * below
                            g2[j] += wt[layer, hid + k, j] * own
                for j in range(hid):
                    i_gate = sigmoid_of_twice32(g[j] + g2[j])
                    f_gate = sigmoid_of_twice32(g[hid + j] + g2[hid + j])
                    g_gate = tanh32(g[2 * hid + j] + g2[2 * hid + j])
                    o_gate = sigmoid_of_twice32(g[3 * hid + j] + g2[3 * hid + j])
                    cell = f_gate * cs[base + j] + i_gate * g_gate
                    cs[base + j] = cell
                    hs[base + j] = o_gate * tanh32(cell)
            out = np.float32(head_b)
            for j in range(hid):
                out += head_w[j] * hs[states - hid + j]
            y[t] = out
        for i in range(states):
            h[i // hid, i % hid] = hs[i]
            c[i // hid, i % hid] = cs[i]

    return lstm_loop


_OPTIONS: dict[str, Any] = {
    "nogil": True,
    "boundscheck": False,
    "error_model": "numpy",
    "fastmath": set(FASTMATH),
}


def compile_lstm(hid: int, layers: int) -> NativeObject:
    """The kernel for `hid` hidden units and `layers` layers as a C function
    `void f(x*, n, w_in*, wt*, b*, h*, c*, head_w*, head_b, y*)` of float32 pointers,
    the arrays C-contiguous in the shapes `lstm_loop` documents."""
    loop = numba.njit(**_OPTIONS)(_specialise(hid, layers))
    four = 4 * hid
    floats = types.CPointer(types.float32)  # type: ignore[no-untyped-call]
    signature = types.void(
        floats, types.int64, floats, floats, floats, floats, floats, floats, types.float32, floats
    )

    def entry(x, n, w_in, wt, b, h, c, head_w, head_b, y):  # type: ignore[no-untyped-def]  # pragma: no cover
        loop(
            carray(x, (n,)),
            carray(w_in, (four,)),
            carray(wt, (layers, 2 * hid, four)),
            carray(b, (layers, four)),
            carray(h, (layers, hid)),
            carray(c, (layers, hid)),
            carray(head_w, (hid,)),
            head_b,
            carray(y, (n,)),
        )

    return object_of(numba.cfunc(signature, **_OPTIONS)(entry))
