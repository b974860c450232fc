"""WaveNet A1 inference in blocks, with per-layer history carried between blocks.

Channel-major buffers (channels, samples) keep every im2col copy a row memcpy; each
layer is one matmul [mixin | bias | taps] @ [cond; ones; taps], an in-place activation,
and one matmul [1x1 | bias] @ [z; ones] written straight into the next layer's buffer.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import expit

from render.engine.nam.wavenet_plan import (
    COND_ROW,
    FIRST_TAP_ROW,
    ONES_ROW,
    ArrayPlan,
    WaveNetPlan,
)

Floats = npt.NDArray[np.float32]

DEFAULT_BLOCK = 2048
# BLAS kernels round their edge columns differently from full panels: computing whole
# panels of this many samples makes each sample's arithmetic independent of where a
# block starts or ends, so any block size and any worker split give identical bits.
PANEL = 64
# Spare samples per buffer row so row strides are not multiples of 4 KiB, which would
# map every channel of a buffer to the same cache sets.
_ROW_PAD = 16


class _ArrayState:
    """Buffers of one layer array: each layer's input with its history, im2col, z, head."""

    def __init__(self, plan: ArrayPlan, block: int) -> None:
        c = plan.channels
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


class WaveNetStream:
    """Feeds a WaveNet block by block; the input before the first sample is zero."""

    def __init__(self, plan: WaveNetPlan, block: int = DEFAULT_BLOCK) -> None:
        self._plan = plan
        self.block = -(-block // PANEL) * PANEL
        block = self.block
        self._states = [_ArrayState(a, block) for a in plan.arrays]
        last = plan.arrays[-1]
        self._final = np.empty((last.head_w.shape[0], block + _ROW_PAD), np.float32)
        self._cond = np.zeros(block, np.float32)
        self._prime()

    def _prime(self) -> None:
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

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run n <= block input samples `u` into `y` (both float32, length n)."""
        n = u.shape[0]
        # Columns past n up to the panel edge hold stale finite values; they are computed
        # and ignored, and never enter the history (the shift keeps the first n).
        width = -(-n // PANEL) * PANEL
        cond = self._cond[:width]
        cond[:n] = u
        src: Floats = cond.reshape(1, width)
        arrays, states = self._plan.arrays, self._states
        # The first array's head accumulator starts from zero, later ones from the
        # previous array's head rechannel, which _run_array writes into it.
        states[0].head[:, :width] = 0.0
        for i, (plan, state) in enumerate(zip(arrays, states, strict=True)):
            head_out = (
                states[i + 1].head[:, :width] if i + 1 < len(states) else self._final[:, :width]
            )
            _run_array(plan, state, cond, src, head_out, width, n)
            src = state.out[:, :width]
        np.multiply(self._final[0, :n], self._plan.head_scale, out=y)


def _run_array(
    plan: ArrayPlan,
    state: _ArrayState,
    u: Floats,
    src: Floats,
    head_out: Floats,
    n: int,
    advance: int,
) -> None:
    """One layer array over n columns (whole panels) of which the first `advance` are new
    samples; writes its head rechannel into `head_out` (head, n)."""
    c, k = plan.channels, plan.kernel_size
    x2 = state.im2col[:, :n]
    x2[COND_ROW] = u
    head = state.head[:, :n]
    layers = plan.layers
    first = layers[0]
    np.matmul(plan.rechannel, src, out=state.inputs[0][:, first.history : first.history + n])
    for i, layer in enumerate(layers):
        buf = state.inputs[i]
        h, d = layer.history, layer.dilation
        for tap in range(k):
            start = h - (k - 1 - tap) * d
            row = FIRST_TAP_ROW + tap * c
            x2[row : row + c] = buf[:, start : start + n]
        z = state.z[: plan.conv_out, :n]
        np.matmul(layer.w, x2, out=z)
        post = _activate(plan, state, z, n)
        head += post[:c]
        if i + 1 < len(layers):
            nh = layers[i + 1].history
            dest = state.inputs[i + 1][:, nh : nh + n]
        else:
            dest = state.out[:, :n]
        np.matmul(layer.mix_w, post, out=dest)
        dest += buf[:, h : h + n]
    for layer, buf in zip(layers, state.inputs, strict=True):
        h = layer.history
        buf[:, :h] = buf[:, advance : advance + h]
    np.matmul(plan.head_w, head, out=head_out)
    if plan.head_b is not None:
        head_out += plan.head_b


def _activate(plan: ArrayPlan, state: _ArrayState, z: Floats, n: int) -> Floats:
    """Activate z in place; returns [post; ones] ((C + 1, n)) for the 1x1 matmul.

    Gated layers multiply act(first half) by the sigmoid of the second half.
    """
    c = plan.channels
    if not plan.gated:
        plan.act(z)
        return state.z[: c + 1, :n]
    post = state.gate[:, :n]
    post[:c] = z[:c]
    plan.act(post[:c])
    post[:c] *= expit(z[c:])
    return post
