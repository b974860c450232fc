"""WaveNet A1 inference in blocks, with per-layer history carried between blocks.

Channel-major buffers (channels, samples) hold each layer's input after its history. A
layer array of tanh, ungated layers up to 16 channels runs each layer as one call of a
compiled loop (wavenet_compile.py) that reads its taps from those buffers and writes the
next layer's. Any other runs with numpy: each im2col copy a row memcpy, one matmul
[mixin | bias | taps] @ [cond; ones; taps], an in-place activation, and one matmul
[1x1 | bias] @ [z; ones] written straight into the next layer's buffer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from gts_engine.arrays import Floats
from gts_engine.nam.activations import sigmoid_inplace
from gts_engine.nam.products import product_into
from gts_engine.nam.wavenet_kernel import layer_calls
from gts_engine.nam.wavenet_plan import (
    COND_ROW,
    FIRST_TAP_ROW,
    ONES_ROW,
    ArrayPlan,
    WaveNetPlan,
)

DEFAULT_BLOCK = 3072
# (widest conv output, block samples): the fastest block measured on a 2-core x86-64 for
# standard/lite (16, 12), feather (8) and nano (4). Narrow layers amortise numpy's
# per-call overhead over longer blocks; wide ones must keep a layer's buffers in L2.
# Powers of two measured 30 % slower than these.
_BLOCK_BY_WIDTH = ((12, 3072), (8, 4608), (0, 12_288))
# The same when every array runs the compiled layer, which keeps its own chunks in cache:
# longer blocks only save calls (3-5 % over numpy's blocks under Haswell's BLAS kernel).
_COMPILED_BLOCK_BY_WIDTH = ((12, 6144), (8, 8192), (0, 12_288))
# Spare samples per buffer row so row strides are not multiples of 4 KiB, which would
# map every channel of a buffer to the same cache sets.
_ROW_PAD = 16


def default_block(plan: WaveNetPlan) -> int:
    """A good block length (samples) for this model: longer for narrower models."""
    widest = max(a.conv_out for a in plan.arrays)
    compiled = all(a.kernel is not None for a in plan.arrays)
    table = _COMPILED_BLOCK_BY_WIDTH if compiled else _BLOCK_BY_WIDTH
    return next(block for width, block in table if widest >= width)


@dataclass(frozen=True, slots=True)
class _LayerViews:
    """Views one layer uses over `width` columns, built once per width."""

    taps: tuple[Floats, Floats]  # (im2col tap rows, input history) as (K, C, width) views
    z: Floats  # conv output (Cz, width)
    post: Floats  # [activation output; ones] (C + 1, width), the 1x1's input
    dest: Floats  # the next layer's input (or the array's output) (C, width)
    residual: Floats  # this layer's input (C, width)


@dataclass(frozen=True, slots=True)
class _ArrayViews:
    """Views one layer array uses over `width` columns."""

    im2col: Floats
    cond: Floats
    first_input: Floats
    head: Floats
    out: Floats
    layers: tuple[_LayerViews, ...]


class _ArrayState:
    """Buffers of one layer array: each layer's input with its history, im2col, z, head."""

    def __init__(self, plan: ArrayPlan, block: int) -> None:
        c = plan.channels
        self.plan = plan
        self.inputs = [
            np.zeros((c, layer.history + block + _ROW_PAD), np.float32) for layer in plan.layers
        ]
        width = block + _ROW_PAD
        self.im2col = np.zeros((plan.im2col_rows, width), np.float32)
        self.im2col[ONES_ROW] = 1.0
        # z with a ones row under the activation output, so the 1x1 matmul adds its bias.
        self.z = np.ones((plan.conv_out + 1, width), np.float32)
        self.gate = np.ones((c + 1, width), np.float32)
        self.head = np.zeros((c, width), np.float32)
        self.out = np.empty((c, width), np.float32)
        self._views: dict[int, _ArrayViews] = {}
        self._shifts: dict[int, tuple[tuple[Floats, Floats], ...]] = {}

    def views(self, width: int) -> _ArrayViews:
        """The views for blocks of `width` columns (cached: widths repeat)."""
        found = self._views.get(width)
        if found is None:
            found = self._views[width] = self._make_views(width)
        return found

    def shifts(self, advance: int) -> tuple[tuple[Floats, Floats], ...]:
        """(destination, source) pairs that move each layer's history on by `advance`."""
        found = self._shifts.get(advance)
        if found is None:
            found = self._shifts[advance] = tuple(
                (buf[:, : layer.history], buf[:, advance : advance + layer.history])
                for layer, buf in zip(self.plan.layers, self.inputs, strict=True)
            )
        return found

    def _make_views(self, n: int) -> _ArrayViews:
        plan = self.plan
        c, k = plan.channels, plan.kernel_size
        x2 = self.im2col[:, :n]
        layers = []
        for i, layer in enumerate(plan.layers):
            buf = self.inputs[i]
            h, d = layer.history, layer.dilation
            # All K taps in one copy: (K, C, n) views of the im2col rows and of the history,
            # tap k reading x[t - (K - 1 - k) * d].
            first_tap = buf[:, h - (k - 1) * d :]
            past = as_strided(
                first_tap,
                shape=(k, c, n),
                strides=(d * first_tap.strides[1], first_tap.strides[0], first_tap.strides[1]),
                writeable=False,
            )
            taps = (x2[FIRST_TAP_ROW : FIRST_TAP_ROW + k * c].reshape(k, c, n), past)
            if i + 1 < len(plan.layers):
                nh = plan.layers[i + 1].history
                dest = self.inputs[i + 1][:, nh : nh + n]
            else:
                dest = self.out[:, :n]
            post = self.gate[:, :n] if plan.gated else self.z[: c + 1, :n]
            layers.append(
                _LayerViews(
                    taps=taps,
                    z=self.z[: plan.conv_out, :n],
                    post=post,
                    dest=dest,
                    residual=buf[:, h : h + n],
                )
            )
        first = plan.layers[0].history
        return _ArrayViews(
            im2col=x2,
            cond=x2[COND_ROW],
            first_input=self.inputs[0][:, first : first + n],
            head=self.head[:, :n],
            out=self.out[:, :n],
            layers=tuple(layers),
        )


class WaveNetStream:
    """Feeds a WaveNet block by block; the input before the first sample is zero."""

    def __init__(
        self,
        plan: WaveNetPlan,
        block: int = DEFAULT_BLOCK,
        prime: bool = True,
        tick: Callable[[], None] | None = None,
    ) -> None:
        """`prime=False` skips the silence run when the caller discards the first
        receptive_field - 1 outputs anyway (a worker's warm-up). `tick()` runs after each
        block of that silence run, so a cancel check is never a whole receptive field away."""
        self._plan = plan
        self.block = block
        self._states = [_ArrayState(a, block) for a in plan.arrays]
        last = plan.arrays[-1]
        self._final = np.empty((last.head_w.shape[0], block + _ROW_PAD), np.float32)
        self._cond = np.zeros(block, np.float32)
        self._calls = [
            layer_calls(a.layers, state.inputs, state.out, state.head, self._cond)
            if a.kernel is not None
            else ()
            for a, state in zip(plan.arrays, self._states, strict=True)
        ]
        if prime:
            self._prime(tick)

    def _prime(self, tick: Callable[[], None] | None) -> None:
        """Run receptive_field - 1 zeros, so every layer's history is its response to silence.

        The official model pads the input, not each layer, with zeros: a layer's past
        holds what it computes from silence (tanh of its biases...), not zeros.
        """
        zeros = np.zeros(self.block, np.float32)
        sink = np.empty(self.block, np.float32)
        remaining = self._plan.receptive_field - 1
        while remaining > 0:
            n = min(remaining, self.block)
            self.process_block(zeros[:n], sink[:n])
            remaining -= n
            if tick is not None:
                tick()

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run n <= block input samples `u` into `y` (both float32, length n)."""
        n = u.shape[0]
        cond = self._cond[:n]
        cond[:] = u
        src: Floats = cond.reshape(1, n)
        arrays, states = self._plan.arrays, self._states
        # The first array's head accumulator starts from zero, later ones from the
        # previous array's head rechannel, which _run_array writes into it.
        views = [state.views(n) for state in states]
        views[0].head.fill(0.0)
        for i, (plan, state) in enumerate(zip(arrays, states, strict=True)):
            head_out = views[i + 1].head if i + 1 < len(views) else self._final[:, :n]
            if plan.kernel is not None:
                _run_compiled_array(plan, self._calls[i], views[i], n, src, head_out)
            else:
                _run_array(plan, views[i], cond, src, head_out)
            for dst, old in state.shifts(n):
                np.copyto(dst, old)
            src = views[i].out
        np.multiply(self._final[0, :n], self._plan.head_scale, out=y)


def _run_array(
    plan: ArrayPlan, views: _ArrayViews, cond: Floats, src: Floats, head_out: Floats
) -> None:
    """One layer array over a block; writes its head rechannel into `head_out` (head, n)."""
    np.copyto(views.cond, cond)
    product_into(plan.rechannel, src, views.first_input)
    head, x2, act = views.head, views.im2col, plan.act
    gated = plan.gated
    for layer, v in zip(plan.layers, views.layers, strict=True):
        np.copyto(*v.taps)
        z = v.z
        np.matmul(layer.w, x2, out=z)
        if gated:
            _gate(plan, z, v.post)
        else:
            act(z)
        np.add(head, z if not gated else v.post[: plan.channels], out=head)
        np.matmul(layer.mix_w, v.post, out=v.dest)
        np.add(v.dest, v.residual, out=v.dest)
    _head_rechannel(plan, head, head_out)


def _run_compiled_array(
    plan: ArrayPlan,
    calls: tuple[tuple[int, ...], ...],
    views: _ArrayViews,
    n: int,
    src: Floats,
    head_out: Floats,
) -> None:
    """`_run_array` with each layer one call of the compiled layer (wavenet_compile.py)."""
    assert plan.kernel is not None
    product_into(plan.rechannel, src, views.first_input)
    kernel = plan.kernel
    for call in calls:
        kernel(*call, n)
    _head_rechannel(plan, views.head, head_out)


def _head_rechannel(plan: ArrayPlan, head: Floats, head_out: Floats) -> None:
    np.matmul(plan.head_w, head, out=head_out)
    if plan.head_b is not None:
        np.add(head_out, plan.head_b, out=head_out)


def _gate(plan: ArrayPlan, z: Floats, post: Floats) -> None:
    """Gated activation into post[:C]: act(first half of z) * sigmoid(second half)."""
    c = plan.channels
    top = post[:c]
    np.copyto(top, z[:c])
    plan.act(top)
    bottom = z[c:]
    sigmoid_inplace(bottom)
    np.multiply(top, bottom, out=top)
