"""An A1 WaveNet layer (tanh, not gated) as one numba-compiled loop, written out for one
(channels, kernel size) shape.

A layer done with numpy is six passes over memory: the im2col tap copy, the convolution
product, tanh, the head sum, the 1x1 product and the residual sum, and OpenBLAS packs both
products' operands again. Here the layer runs in chunks of `CHUNK` samples: the
convolution reads its taps straight from the layer's input history, with up to `MAX_GROUP`
output channels summed in registers per sample (the generated expression names every
weight and tap, so the loop over samples is the innermost one and LLVM vectorises it);
tanh and the head sum take one pass, which also copies the residual; the 1x1 product adds
it as it writes the next layer's input. The chunk's activations and residual live on the
stack, which LLVM knows no argument aliases, so the loops vectorise without run-time
overlap checks.

Each sum runs in the order of the numpy path's weight row ([mixin | bias | taps]), fused
multiply-adds allowed; tanh is tanh32 (within 3e-7 of float64 tanh). Imported only to
compile (wavenet_kernel.py loads the saved object without numba).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numba
from numba import types
from numba.np.numpy_support import carray

from gts_engine.nam.lstm_compile import FASTMATH, tanh32
from gts_engine.nam.lstm_stack import stack_floats
from gts_engine.nam.native_code import NativeObject, object_of

# Samples per chunk: the chunk's activations and residual (2 x channels x CHUNK floats)
# stay in L1/L2 between the passes.
CHUNK = 512
# Output channels summed together: eight vector accumulators fit the 16 registers of
# AVX2 with room for the taps; more spill there.
MAX_GROUP = 8


def group_size(channels: int) -> int:
    """Output channels per register group: the largest divisor of `channels` up to 8."""
    return next(g for g in range(min(MAX_GROUP, channels), 0, -1) if channels % g == 0)


def layer_source(channels: int, kernel_size: int) -> str:
    """The Python source of `layer(...)` for this shape (see `compile_layer`)."""
    c, k = channels, kernel_size
    row = 2 + k * c  # [mixin | bias | tap 0 channels | ... | tap K-1 channels]
    mix = c + 1  # [1x1 | bias]
    group = group_size(c)
    taps = range(k * c)
    out = ["def layer(x, stride, history, dilation, cond, w, mix_w, head, head_stride,"]
    out.append("          dest, dest_stride, dest_column, n):")
    out.append(f"    act = stack_floats({c * CHUNK})")
    out.append(f"    res = stack_floats({c * CHUNK})")
    for m in range(c):
        out.append(f"    ws{m} = w[{m * row}:{(m + 1) * row}]")
        out.append(f"    vs{m} = mix_w[{m * mix}:{(m + 1) * mix}]")
    out.append(f"    for t0 in range(0, n, {CHUNK}):")
    out.append(f"        count = min({CHUNK}, n - t0)")
    out.append("        u = cond[t0:]")
    for j in taps:
        tap, channel = divmod(j, c)
        back = k - 1 - tap  # tap j reads x[t - back * dilation]
        out.append(f"        x{j} = x[{channel} * stride + history - {back} * dilation + t0:]")
    for first in range(0, c, group):
        rows = range(first, first + group)
        out += [f"        w{m}_{j} = ws{m}[{j}]" for m in rows for j in range(row)]
        out += [f"        z{m} = act[{m * CHUNK}:]" for m in rows]
        out.append("        for i in range(count):")
        out.append("            ui = u[i]")
        for m in rows:  # every sum before any store: a store may alias the taps for all LLVM knows
            terms = "".join(f" + w{m}_{2 + j} * x{j}[i]" for j in taps)
            out.append(f"            a{m} = w{m}_1 + w{m}_0 * ui{terms}")
        out += [f"            z{m}[i] = a{m}" for m in rows]
    out.append(f"        for ch in range({c}):")
    out.append(f"            z = act[ch * {CHUNK}:]")
    out.append(f"            r = res[ch * {CHUNK}:]")
    out.append("            hd = head[ch * head_stride + t0:]")
    out.append("            own = x[ch * stride + history + t0:]")
    out.append("            for i in range(count):")
    out.append("                s = tanh32(z[i])")
    out.append("                z[i] = s")
    out.append("                hd[i] += s")
    out.append("                r[i] = own[i]")
    out += [f"        p{j} = act[{j * CHUNK}:]" for j in range(c)]
    for first in range(0, c, group):
        rows = range(first, first + group)
        out += [f"        v{m}_{j} = vs{m}[{j}]" for m in rows for j in range(mix)]
        out += [f"        r{m} = res[{m * CHUNK}:]" for m in rows]
        out += [f"        d{m} = dest[{m} * dest_stride + dest_column + t0:]" for m in rows]
        out.append("        for i in range(count):")
        for m in rows:
            terms = "".join(f" + v{m}_{j} * p{j}[i]" for j in range(c))
            out.append(f"            b{m} = v{m}_{c} + r{m}[i]{terms}")
        out += [f"            d{m}[i] = b{m}" for m in rows]
    return "\n".join(out) + "\n"


_OPTIONS: dict[str, Any] = {
    "nogil": True,
    "boundscheck": False,
    "error_model": "numpy",
    "fastmath": set(FASTMATH),
}


def _layer_function(channels: int, kernel_size: int) -> Callable[..., None]:
    namespace: dict[str, Any] = {"stack_floats": stack_floats, "tanh32": tanh32}
    exec(compile(layer_source(channels, kernel_size), "<wavenet layer>", "exec"), namespace)
    function: Callable[..., None] = namespace["layer"]
    return function


def compile_layer(channels: int, kernel_size: int) -> NativeObject:
    """The layer for this shape as a C function
    `void f(x*, stride, history, dilation, cond*, w*, mix_w*, head*, head_stride, dest*,
    dest_stride, dest_column, n)`: float32 pointers and int64s. x is the layer's input
    (channels, stride) with `history` samples of past before the block; cond the block's
    raw input; w (channels, 2 + K*channels) and mix_w (channels, channels + 1) as in
    LayerPlan; head (channels, head_stride) gets tanh(z) added; dest (channels,
    dest_stride) gets the next layer's input from column `dest_column` on."""
    c, k = channels, kernel_size
    loop = numba.njit(**_OPTIONS)(_layer_function(c, k))
    floats = types.CPointer(types.float32)  # type: ignore[no-untyped-call]
    i64 = types.int64
    signature = types.void(
        floats, i64, i64, i64, floats, floats, floats, floats, i64, floats, i64, i64, i64
    )

    def entry(x, stride, history, dilation, cond, w, mix_w, head, head_stride, dest, dest_stride, dest_column, n):  # type: ignore[no-untyped-def]  # noqa: E501  # pragma: no cover
        loop(
            carray(x, (c * stride,)),
            stride,
            history,
            dilation,
            carray(cond, (n,)),
            carray(w, (c * (2 + k * c),)),
            carray(mix_w, (c * (c + 1),)),
            carray(head, (c * head_stride,)),
            head_stride,
            carray(dest, (c * dest_stride,)),
            dest_stride,
            dest_column,
            n,
        )

    return object_of(numba.cfunc(signature, **_OPTIONS)(entry))
