"""The compiled A1 layer (wavenet_compile.py) for one shape, called through ctypes.

Compiled with numba once per (channels, kernel size) and machine; native_code.py keeps its
object code on disk, so later processes load it without numba.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gts_engine.arrays import Floats
from gts_engine.nam.activations import Activation, activation
from gts_engine.nam.native_code import NativeObject, native_function, object_key

if TYPE_CHECKING:
    from gts_engine.nam.wavenet_plan import LayerPlan

_HERE = Path(__file__).parent
# What the object code is made from (its key): a change to any compiles it anew.
SOURCES = (_HERE / "wavenet_compile.py", _HERE / "lstm_compile.py", _HERE / "lstm_stack.py")

# The largest layer compiled (channels^2 x kernel size): the compile takes numba about
# 4 ms per weight, so 16 channels of kernel 3 take it ~15 s once per machine; wider
# layers run with numpy.
MAX_WEIGHTS = 16 * 16 * 3

_P, _I = ctypes.c_void_p, ctypes.c_int64
# f(x*, stride, history, dilation, cond*, w*, mix_w*, head*, head_stride, dest*,
#   dest_stride, dest_column, n): see compile_layer
_SIGNATURE = ctypes.CFUNCTYPE(None, _P, _I, _I, _I, _P, _P, _P, _P, _I, _P, _I, _I, _I)

LayerKernel = Callable[..., None]


def compiles(channels: int, kernel_size: int, gated: bool, act: Activation) -> bool:
    """Whether a layer array of this shape runs the compiled layer."""
    return (
        not gated
        and act is activation("Tanh")
        and channels * channels * kernel_size <= MAX_WEIGHTS
    )


def _compile(channels: int, kernel_size: int) -> Callable[[], NativeObject]:
    def compile_object() -> NativeObject:
        from gts_engine.nam.wavenet_compile import compile_layer  # numba: only to compile

        return compile_layer(channels, kernel_size)

    return compile_object


@cache
def layer_kernel(channels: int, kernel_size: int) -> LayerKernel:
    """The compiled layer for this shape, its arguments addresses and int64s (see
    compile_layer); the GIL is released while it runs."""
    key = object_key("wavenet-layer", SOURCES, f"{channels}x{kernel_size}")
    function: Any = native_function(key, _compile(channels, kernel_size), _SIGNATURE)
    return function  # type: ignore[no-any-return]


def layer_calls(
    layers: Sequence[LayerPlan],
    inputs: Sequence[Floats],
    out: Floats,
    head: Floats,
    cond: Floats,
) -> tuple[tuple[int, ...], ...]:
    """Each layer's arguments to its compiled layer but the sample count: its input with
    history (`inputs`, one (C, columns) buffer a layer), the block's raw input `cond`, its
    weights, the head sum, and what it writes: the next layer's input after that layer's
    history, or the array's output `out` from column 0."""
    calls = []
    for i, (layer, buf) in enumerate(zip(layers, inputs, strict=True)):
        last = i + 1 == len(layers)
        dest = out if last else inputs[i + 1]
        column = 0 if last else layers[i + 1].history
        pointers = (buf, cond, layer.w, layer.mix_w, head, dest)
        x, u, w, mix_w, h, d = (int(a.ctypes.data) for a in pointers)
        shape = (buf.shape[1], layer.history, layer.dilation)
        calls.append((x, *shape, u, w, mix_w, h, head.shape[1], d, dest.shape[1], column))
    return tuple(calls)
