"""WaveNet A1 inference in blocks, with per-layer history carried between blocks."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import expit

from render.engine.nam.wavenet_plan import (
    COND_COLUMN,
    FIRST_TAP_COLUMN,
    ONES_COLUMN,
    ArrayPlan,
    WaveNetPlan,
)

Floats = npt.NDArray[np.float32]

DEFAULT_BLOCK = 2048


class _ArrayState:
    """Buffers of one layer array: each layer's input with its history, im2col, z, head."""

    def __init__(self, plan: ArrayPlan, block: int) -> None:
        c = plan.channels
        self.inputs = [np.zeros((layer.history + block, c), np.float32) for layer in plan.layers]
        self.im2col = np.zeros((block, plan.im2col_width), np.float32)
        self.im2col[:, ONES_COLUMN] = 1.0
        self.z = np.empty((block, plan.conv_out), np.float32)
        self.gate = np.empty((block, c), np.float32)
        self.head = np.empty((block, c), np.float32)
        self.head_out = np.empty((block, plan.head_w.shape[1]), np.float32)
        self.out = np.empty((block, c), np.float32)


class WaveNetStream:
    """Feeds a WaveNet block by block; the input before the first sample is zero."""

    def __init__(self, plan: WaveNetPlan, block: int = DEFAULT_BLOCK) -> None:
        self._plan = plan
        self.block = block
        self._states = [_ArrayState(a, block) for a in plan.arrays]
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
        src: Floats = u.reshape(n, 1)
        head: Floats | None = None
        for plan, state in zip(self._plan.arrays, self._states, strict=True):
            head = _run_array(plan, state, u, src, head, n)
            src = state.out[:n]
        assert head is not None
        np.multiply(head[:, 0], self._plan.head_scale, out=y)


def _run_array(
    plan: ArrayPlan,
    state: _ArrayState,
    u: Floats,
    src: Floats,
    head_init: Floats | None,
    n: int,
) -> Floats:
    """One layer array over n samples; returns its head rechannel output (n, head)."""
    c, k = plan.channels, plan.kernel_size
    x2 = state.im2col[:n]
    x2[:, COND_COLUMN] = u
    head = state.head[:n]
    layers = plan.layers
    first = layers[0]
    np.matmul(src, plan.rechannel, out=state.inputs[0][first.history : first.history + n])
    for i, layer in enumerate(layers):
        buf = state.inputs[i]
        h, d = layer.history, layer.dilation
        for tap in range(k):
            start = h - (k - 1 - tap) * d
            col = FIRST_TAP_COLUMN + tap * c
            x2[:, col : col + c] = buf[start : start + n]
        z = state.z[:n]
        np.matmul(x2, layer.w, out=z)
        post = _activate(plan, state, z, n)
        if i > 0:
            head += post
        elif head_init is None:
            head[:] = post
        else:
            np.add(head_init, post, out=head)
        if i + 1 < len(layers):
            nh = layers[i + 1].history
            dest = state.inputs[i + 1][nh : nh + n]
        else:
            dest = state.out[:n]
        np.matmul(post, layer.mix_w, out=dest)
        dest += layer.mix_b
        dest += buf[h : h + n]
    for layer, buf in zip(layers, state.inputs, strict=True):
        h = layer.history
        buf[:h] = buf[n : n + h]
    head_out = state.head_out[:n]
    np.matmul(head, plan.head_w, out=head_out)
    if plan.head_b is not None:
        head_out += plan.head_b
    return head_out


def _activate(plan: ArrayPlan, state: _ArrayState, z: Floats, n: int) -> Floats:
    """Apply the activation in place; gated layers multiply by the sigmoid of the second half."""
    if not plan.gated:
        plan.act(z)
        return z
    c = plan.channels
    post = state.gate[:n]
    post[:] = z[:, :c]
    plan.act(post)
    post *= expit(z[:, c:])
    return post
