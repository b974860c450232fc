"""A2 WaveNet block inference with preallocated buffers, one im2col matmul per layer.

Every buffer is channel-major (channels, samples): each layer's input keeps its
(kernel - 1) * dilation columns of history in front of the block, the taps are copied
into one im2col matrix [condition; tap 0 channels; ...; tap K-1 channels; ones] (one per
kernel size) with a single strided copy, and one matmul [mixin | taps | bias] @ im2col
writes z into the rows under it, so [ones; z] is the 1x1s' input and their biases ride
along. Models with FiLMs run in wavenet_a2's general code instead (`supports`). Measured
on a 2-core Zen 4: no faster than that code on OpenBLAS's SkylakeX kernel for the 8-channel
A2 (about 21x real time per core), 30 % faster on the Haswell kernel, 15-20 % faster for
the 3-channel lite; a numba loop fusing each layer was slower than both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from gts_engine.arrays import Floats
from gts_engine.nam.a2_convs import CausalConv
from gts_engine.nam.a2_inplace import InPlace, inplace_activation
from gts_engine.nam.products import product_into
from gts_engine.nam.wavenet_a2 import A2WaveNetRunner
from gts_nam.a2_config import A2WaveNet

_F = np.float32
# Spare columns so row strides are not multiples of 4 KiB (cache-set aliasing).
_PAD = 16


def supports(model: A2WaveNet) -> bool:
    """True when this module runs `model` (no FiLM in it or its condition model)."""
    if any(a.films for a in model.arrays):
        return False
    return model.condition_dsp is None or supports(model.condition_dsp)


def a2_block(model: A2WaveNet) -> int:
    """Samples per block: narrow models amortise numpy's per-call cost over longer blocks."""
    widest = max(a.channels for a in model.arrays)
    return 4096 if widest >= 12 else 6144 if widest >= 6 else 12_288


def _dense(conv: CausalConv, cin: int) -> Floats:
    """[taps 0..K-1] side by side: (out, K * in)."""
    return np.concatenate([np.asarray(t).reshape(-1, cin) for t in conv.taps], axis=1)


def _bias(conv: CausalConv, rows: int) -> Floats:
    return (np.zeros(rows, _F) if conv.bias is None else conv.bias).reshape(-1, 1)


class _Tapped:
    """A conv's input with its history, and the im2col copy of its taps."""

    def __init__(self, cin: int, kernel: int, dilation: int, block: int) -> None:
        self.cin, self.kernel, self.dilation = cin, kernel, dilation
        self.history = (kernel - 1) * dilation
        self.buf = np.zeros((cin, self.history + block + _PAD), _F)

    def block(self, n: int) -> Floats:
        """Where the block's n input columns go."""
        return self.buf[:, self.history : self.history + n]

    def copy(self, rows: Floats, n: int) -> tuple[Floats, Floats]:
        """(destination, source) that copy the taps into im2col `rows` (K * cin, >= n)."""
        b = self.buf
        src = as_strided(
            b,
            shape=(self.kernel, self.cin, n),
            strides=(self.dilation * b.strides[1], b.strides[0], b.strides[1]),
            writeable=False,
        )
        return rows[: self.kernel * self.cin, :n].reshape(self.kernel, self.cin, n), src

    def shift(self, n: int) -> None:
        """Keep the last `history` columns as the next block's past."""
        h = self.history
        if h:
            np.copyto(self.buf[:, :h], self.buf[:, n : n + h])


@dataclass(frozen=True, slots=True)
class _Layer:
    tapped: _Tapped
    x2: Floats  # its kernel size's im2col: [condition; taps; ones; z (2B rows)]
    w: Floats  # (Zc, cond + K * C + 1): [mixin | taps | bias]
    act: InPlace
    secondary: InPlace
    gating: str
    layer1x1: Floats | None  # (C, 1 + B): [bias | 1x1] @ [ones; a]
    head1x1: Floats | None  # (head rows, 1 + B)


class _Array:
    """One layer array's weights and buffers (im2col buffers shared by kernel size)."""

    def __init__(self, runner: A2WaveNetRunner, index: int, block: int) -> None:
        spec, arr = runner.model.arrays[index], runner.arrays[index]
        c, b, cs = spec.channels, spec.bottleneck, spec.condition_size
        self.rechannel = np.ascontiguousarray(arr.rechannel.taps[0])
        width = block + _PAD
        self.x2s: dict[int, Floats] = {}
        layers = []
        for ls, lay in zip(spec.layers, arr.layers, strict=True):
            k = ls.kernel_size
            x2 = self.x2s.get(k)
            if x2 is None:
                x2 = self.x2s[k] = np.zeros((cs + k * c + 1 + 2 * b, width), _F)
                x2[cs + k * c] = 1.0
            zc = lay.conv.taps[0].shape[0]
            w = np.concatenate(
                [np.asarray(lay.mixin.taps[0]), _dense(lay.conv, c), _bias(lay.conv, zc)], axis=1
            )
            layers.append(
                _Layer(
                    tapped=_Tapped(c, k, ls.dilation, block),
                    x2=x2,
                    w=np.ascontiguousarray(w, dtype=_F),
                    act=inplace_activation(ls.activation, b),
                    secondary=inplace_activation(ls.secondary, b),
                    gating=ls.gating_mode,
                    layer1x1=_with_bias(lay.layer1x1),
                    head1x1=_with_bias(lay.head1x1),
                )
            )
        self.layers = tuple(layers)
        self.cond_rows = cs
        self.bottleneck = b
        self.tmp = np.zeros((b, width), _F)
        self.post = np.ones((b + 1, width), _F)  # a gated layer's [ones; activation output]
        rows = spec.head_input_size
        self.head_tmp = np.zeros((rows, width), _F)
        self.out = np.zeros((c, width), _F)
        self.head = _HeadConv(arr.head, rows, spec.head_kernel_size, arr.head.dilation, block)

    def run(self, src: Floats, cond: Floats, head_in: Floats | None, n: int) -> Floats:
        """Layers over a block; returns the head conv's output (self.out holds the layers')."""
        cs, b = self.cond_rows, self.bottleneck
        for x2 in self.x2s.values():
            np.copyto(x2[:cs, :n], cond)
        layers = self.layers
        product_into(self.rechannel, src, layers[0].tapped.block(n))
        acc = self.head.tapped.block(n)
        if head_in is None:
            acc.fill(0.0)
        else:
            np.copyto(acc, head_in)
        for i, lay in enumerate(layers):
            tapped = lay.tapped
            x2 = lay.x2[:, :n]
            ones = cs + tapped.kernel * tapped.cin  # the ones row, z below it
            np.copyto(*tapped.copy(x2[cs:], n))
            z = x2[ones + 1 : ones + 1 + lay.w.shape[0]]
            np.matmul(lay.w, x2[: ones + 1], out=z)
            residual = tapped.block(n)
            if lay.gating == "none":
                a, post = z, x2[ones : ones + 1 + b]
                lay.act(a, self.tmp[:, :n])
            else:
                post = self.post[:, :n]
                a = self._gate(lay, z, post[1:], n)
            if lay.head1x1 is None:
                np.add(acc, a, out=acc)
            else:
                head = self.head_tmp[:, :n]
                np.matmul(lay.head1x1, post, out=head)
                np.add(acc, head, out=acc)
            dest = layers[i + 1].tapped.block(n) if i + 1 < len(layers) else self.out[:, :n]
            if lay.layer1x1 is None:
                np.copyto(dest, residual)
            else:
                np.matmul(lay.layer1x1, post, out=dest)
                np.add(dest, residual, out=dest)
            tapped.shift(n)
        return self.head.run(n)

    def _gate(self, lay: _Layer, z: Floats, a: Floats, n: int) -> Floats:
        """A gated or blended activation of z (2B rows) into `a` (B rows)."""
        b = self.bottleneck
        top, bottom, tmp = z[:b], z[b:], self.tmp[:, :n]
        np.copyto(a, top)
        lay.act(a, tmp)
        lay.secondary(bottom, tmp)
        if lay.gating == "gated":
            np.multiply(a, bottom, out=a)
        else:  # blended: alpha * act(z) + (1 - alpha) * z, alpha = secondary
            np.multiply(bottom, a, out=a)
            np.subtract(_F(1.0), bottom, out=tmp)
            np.multiply(tmp, top, out=tmp)
            np.add(a, tmp, out=a)
        return a


def _with_bias(conv: CausalConv | None) -> Floats | None:
    """[bias | 1x1 weights] for [ones; input], or None for no conv."""
    if conv is None:
        return None
    w = np.asarray(conv.taps[0])
    return np.ascontiguousarray(np.concatenate([_bias(conv, w.shape[0]), w], axis=1))


class _HeadConv:
    """A conv with a kernel over an input written into `tapped.block(n)` beforehand."""

    def __init__(self, conv: CausalConv, cin: int, kernel: int, dilation: int, block: int) -> None:
        self.tapped = _Tapped(cin, kernel, dilation, block)
        cout = conv.taps[0].shape[0]
        self.w = np.ascontiguousarray(np.concatenate([_bias(conv, cout), _dense(conv, cin)], 1))
        self.x2 = np.ones((self.w.shape[1], block + _PAD), _F)
        self.out = np.zeros((cout, block + _PAD), _F)

    def run(self, n: int) -> Floats:
        x2 = self.x2[:, :n]
        np.copyto(*self.tapped.copy(x2[1:], n))
        out = self.out[:, :n]
        np.matmul(self.w, x2, out=out)
        self.tapped.shift(n)
        return out


class A2FastStream:
    """An A2 WaveNet's running state; starts as its response to receptive_field - 1 zeros
    (NAM Core's prewarm) unless `prime` is False (a caller that drops that many outputs)."""

    def __init__(self, runner: A2WaveNetRunner, block: int, *, prime: bool = True) -> None:
        model = runner.model
        self.block = block
        self._cond = (
            None if runner.condition is None else A2FastStream(runner.condition, block, prime=False)
        )
        self._arrays = tuple(_Array(runner, i, block) for i in range(len(model.arrays)))
        self._scale = runner.head_scale
        self._post: list[tuple[InPlace, _HeadConv]] = []
        if model.head is not None:
            for (_, conv), (cin, _, k) in zip(runner.post, model.head.conv_shapes(), strict=True):
                self._post.append(
                    (
                        inplace_activation(model.head.activation, cin),
                        _HeadConv(conv, cin, k, 1, block),
                    )
                )
        self._u = np.zeros((1, block), _F)
        self._y = np.zeros((model.output_channels, block), _F)
        if prime:
            zeros = np.zeros(block, _F)
            sink = np.empty(block, _F)
            remaining = runner.receptive_field - 1
            while remaining > 0:
                step = min(remaining, block)
                self.process_block(zeros[:step], sink[:step])
                remaining -= step

    def forward(self, u: Floats) -> Floats:
        """(1, n) input to (output channels, n), a view valid until the next call."""
        n = u.shape[1]
        cond = u if self._cond is None else self._cond.forward(u)
        src, heads = u, None
        for array in self._arrays:
            heads = array.run(src, cond, heads, n)
            src = array.out[:, :n]
        assert heads is not None
        if not self._post:
            y = self._y[:, :n]
            np.multiply(heads, self._scale, out=y)
            return y
        h: Floats = self._scale * heads
        for act, conv in self._post:
            block = conv.tapped.block(n)
            np.copyto(block, h)
            act(block, np.empty_like(block))
            h = conv.run(n)
        return h

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run the samples `u` into `y` (float32, same length), continuing the history."""
        n = u.shape[0]
        x = self._u[:, :n]
        x[0] = u
        y[:] = self.forward(x)[0]
