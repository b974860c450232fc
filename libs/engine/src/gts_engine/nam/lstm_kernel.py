"""The LSTM's compiled loop for one (hidden size, layers) shape, called through ctypes.

lstm_compile.py makes it (with numba, once per shape and machine); native_code.py keeps its
object code on disk, so a process that finds it there starts the LSTM without numba.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from gts_engine.arrays import Floats
from gts_engine.nam.native_code import NativeObject, native_function, object_key

LstmLoop = Callable[[Floats, tuple[Floats, ...], float, Floats], None]

_HERE = Path(__file__).parent
# What the object code is made from (its key): a change to either compiles it anew.
SOURCES = (_HERE / "lstm_compile.py", _HERE / "lstm_stack.py")

_FLOATS = ctypes.POINTER(ctypes.c_float)
# f(x*, n, w_in*, wt*, b*, h*, c*, head_w*, head_b, y*): see compile_lstm
_SIGNATURE = ctypes.CFUNCTYPE(
    None, _FLOATS, ctypes.c_int64, *[_FLOATS] * 6, ctypes.c_float, _FLOATS
)


def _compile(hid: int, layers: int) -> Callable[[], NativeObject]:
    def compile_object() -> NativeObject:
        from gts_engine.nam.lstm_compile import compile_lstm  # numba: only to compile

        return compile_lstm(hid, layers)

    return compile_object


def _pointer(array: Floats, shape: tuple[int, ...]) -> ctypes._Pointer[ctypes.c_float]:
    """`array`'s data, checked to be what the C function reads: float32, C order, `shape`."""
    if array.dtype != np.float32 or not array.flags.c_contiguous or array.shape != shape:
        raise ValueError(f"expected a C-contiguous float32 array of shape {shape}")
    return array.ctypes.data_as(_FLOATS)


@cache
def lstm_kernel(hidden_size: int, num_layers: int) -> LstmLoop:
    """The loop for one LSTM shape: `(x, (w_in, wt, b, h, c, head_w), head_b, y)` runs x into
    y and updates the states h and c (layers, hidden) in place (see lstm_compile)."""
    hid, layers = hidden_size, num_layers
    key = object_key("lstm", SOURCES, f"{hid}x{layers}")
    function = native_function(key, _compile(hid, layers), _SIGNATURE)
    four = 4 * hid
    # the shapes of w_in, wt, b, h, c and head_w, the order the loop and the function take them
    shapes = (
        (four,),
        (layers, 2 * hid, four),
        (layers, four),
        (layers, hid),
        (layers, hid),
        (hid,),
    )

    def loop(x: Floats, arrays: tuple[Floats, ...], head_b: float, y: Floats) -> None:
        n = x.shape[0]
        pointers = [_pointer(a, shape) for a, shape in zip(arrays, shapes, strict=True)]
        function(_pointer(x, (n,)), n, *pointers, head_b, _pointer(y, (n,)))

    return loop
