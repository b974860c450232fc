"""NAM `ConvNet` inference: kernel-2 dilated conv blocks, folded batch norm, activation, head.

Each block computes y[t] = act(scale * (W1 x[t] + W0 x[t - d]) + offset) per channel (scale
1 and offset the conv's bias without batch norm); the head is one dot product plus a bias
(NAM Core, NAM/convnet.cpp). Each block keeps its input's last `dilation` samples between
blocks; the stream starts as the model's response to silence (Core's prewarm), so the
first sample sees zero input before it.
"""

from __future__ import annotations

import numpy as np

from gts_engine.arrays import Floats
from gts_engine.nam.a2_activations import make_activation
from gts_nam import ConvNetConfig
from gts_nam.layout_other import unpack_convnet

# Samples per block: the activations of every block stay in the CPU caches.
CONVNET_BLOCK = 8_192


class _Block:
    def __init__(self, w: Floats, scale: Floats | None, offset: Floats, dilation: int) -> None:
        cin = w.shape[1]
        # (out, 2 * in): the past tap's columns, then the current tap's
        self.w = np.ascontiguousarray(np.concatenate([w[:, :, 0], w[:, :, 1]], axis=1))
        self.scale = None if scale is None else scale.reshape(-1, 1)
        self.offset = offset.reshape(-1, 1)
        self.dilation = dilation
        self.history = np.zeros((cin, dilation), np.float32)


class ConvNetRunner:
    """A ConvNet's weights ready to run."""

    def __init__(self, config: ConvNetConfig, weights: Floats) -> None:
        unpacked = unpack_convnet(config, weights)
        self.config = config
        self.blocks = unpacked.blocks
        self.head_w = unpacked.head_w.reshape(1, -1)
        self.head_b = np.float32(unpacked.head_b)
        self.activation = make_activation(config.activation)


class ConvNetStream:
    """Feeds a ConvNet block by block, carrying each block's input history."""

    def __init__(self, runner: ConvNetRunner) -> None:
        self._runner = runner
        self._blocks = [_Block(b.conv_w, b.scale, b.offset, b.dilation) for b in runner.blocks]
        silence = np.zeros(CONVNET_BLOCK, np.float32)
        sink = np.empty(CONVNET_BLOCK, np.float32)
        remaining = runner.config.receptive_field - 1
        while remaining > 0:
            step = min(remaining, CONVNET_BLOCK)
            self.process_block(silence[:step], sink[:step])
            remaining -= step

    def process_block(self, u: Floats, y: Floats) -> None:
        """Run the samples `u` into `y` (both float32, same length), continuing the history."""
        n = u.shape[0]
        if n == 0:
            return
        x: Floats = np.asarray(u, dtype=np.float32).reshape(1, n)
        for block in self._blocks:
            d = block.dilation
            full = np.concatenate([block.history, x], axis=1)
            stacked = np.concatenate([full[:, :n], full[:, d:]], axis=0)
            z = block.w @ stacked
            if block.scale is not None:
                z *= block.scale
            z += block.offset
            x = np.asarray(self._runner.activation(z), dtype=np.float32)
            block.history = np.ascontiguousarray(full[:, n:])
        out = self._runner.head_w @ x
        out += self._runner.head_b
        y[:] = out[0]
